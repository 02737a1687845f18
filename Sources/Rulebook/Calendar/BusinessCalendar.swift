/// A business calendar ready for deadline arithmetic: every day of the covered years is
/// precomputed into flat tables, so a deadline is a few array reads and one binary search,
/// without allocation.
///
/// Working intervals are turned into absolute instants once, when the calendar is built, so
/// the arithmetic itself never consults the time-zone database. Working time is measured in
/// real seconds inside those intervals.
///
/// Boundary convention: intervals are half-open, `[08:30, 12:00)`. A start at exactly 12:00 or
/// 17:30 is outside working time and starts the clock at 13:30 or the next opening; working
/// time that runs out exactly at a close ends there (17:30), not at the next opening.
///
/// Everything outside the covered years throws `CalendarError`; nothing is guessed.
final class BusinessCalendar: Sendable {
    let id: String
    let title: String?
    let zone: Zone
    let years: ClosedRange<Int>

    /// The first covered date, Jan 1 of `years.lowerBound`.
    let firstDate: CivilDate
    /// Per day: what it is.
    let dayKinds: [DayKind]
    /// Per day, plus one: the instant of local midnight. The last entry ends the coverage.
    let dayStarts: [Int64]
    /// Per day, plus one: the index of the day's first interval in the interval tables.
    let dayFirstInterval: [Int32]
    /// Per day, plus one: working days before the day.
    let workingDaysBefore: [Int32]
    /// The day index of each working day, in order.
    let workingDayIndex: [Int32]
    /// Per interval: start and end instants, all in order and disjoint.
    let intervalStarts: [Int64]
    let intervalEnds: [Int64]
    /// Per interval: the zone offset at its start, for showing results.
    let intervalOffsets: [Int32]
    /// Per interval: the index of its day.
    let intervalDay: [Int32]
    /// Per interval, plus one: working seconds before the interval since coverage began.
    let workBefore: [Int64]

    init(id: String, title: String?, zone: Zone, years: ClosedRange<Int>, dayKinds: [DayKind],
         dayIntervals: [[WorkingInterval]]) {
        self.id = id
        self.title = title
        self.zone = zone
        self.years = years
        firstDate = CivilDate(year: years.lowerBound, month: 1, day: 1)!
        self.dayKinds = dayKinds

        var dayStarts: [Int64] = [], dayFirst: [Int32] = [], daysBefore: [Int32] = [], workingIndex: [Int32] = []
        var starts: [Int64] = [], ends: [Int64] = [], offsets: [Int32] = [], before: [Int64] = [0], owner: [Int32] = []
        for (i, intervals) in dayIntervals.enumerated() {
            let date = firstDate.adding(days: Int64(i))
            dayStarts.append(zone.timestamp(date: date, secondOfDay: 0).seconds)
            dayFirst.append(Int32(starts.count))
            daysBefore.append(Int32(workingIndex.count))
            if !intervals.isEmpty { workingIndex.append(Int32(i)) }
            for interval in intervals {
                let start = zone.timestamp(date: date, secondOfDay: Int64(interval.start))
                let end = zone.timestamp(date: date, secondOfDay: Int64(interval.end))
                starts.append(start.seconds)
                ends.append(end.seconds)
                offsets.append(start.offsetSeconds)
                owner.append(Int32(i))
                before.append(before.last! + (end.seconds - start.seconds))
            }
        }
        let after = firstDate.adding(days: Int64(dayIntervals.count))
        dayStarts.append(zone.timestamp(date: after, secondOfDay: 0).seconds)
        dayFirst.append(Int32(starts.count))
        daysBefore.append(Int32(workingIndex.count))
        self.dayStarts = dayStarts
        dayFirstInterval = dayFirst
        workingDaysBefore = daysBefore
        workingDayIndex = workingIndex
        intervalStarts = starts
        intervalEnds = ends
        intervalOffsets = offsets
        intervalDay = owner
        workBefore = before
    }

    var dayCount: Int { dayKinds.count }

    /// What `date` is. Throws `CalendarError.outOfRange` outside the covered years.
    func dayKind(_ date: CivilDate) throws -> DayKind {
        guard years.contains(date.year) else { throw CalendarError.outOfRange(date, calendar: id, years: years) }
        return dayKinds[Int(date.daysSinceEpoch - firstDate.daysSinceEpoch)]
    }

    /// The working intervals of `date` as seconds of the local day (empty on a day off).
    func intervals(ofDay day: Int) -> [WorkingInterval] {
        (Int(dayFirstInterval[day])..<Int(dayFirstInterval[day + 1])).map {
            WorkingInterval(start: Int32(intervalStarts[$0] - dayStarts[day]), end: Int32(intervalEnds[$0] - dayStarts[day]))
        }
    }

    func date(ofDay day: Int) -> CivilDate { firstDate.adding(days: Int64(day)) }

    /// The index of the day holding instant `t`, or a thrown `outOfRange`.
    @inline(__always)
    func dayIndex(_ t: Int64) throws -> Int {
        guard t >= dayStarts[0], t < dayStarts[dayStarts.count - 1] else {
            throw CalendarError.outOfRange(zone.localize(Timestamp(seconds: t, offsetSeconds: 0)).localDate,
                                           calendar: id, years: years)
        }
        // Days are 86 400 s except across offset changes, so the estimate is off by at most one.
        var i = min(Int((t - dayStarts[0]) / 86_400), dayCount - 1)
        while dayStarts[i] > t { i -= 1 }
        while dayStarts[i + 1] <= t { i += 1 }
        return i
    }

    /// The first interval ending after `t` (which lies in day `day`), or the interval count.
    /// Earlier days' intervals end by their midnight, so the search starts at the day's first.
    @inline(__always)
    func firstInterval(endingAfter t: Int64, day: Int) -> Int {
        var k = Int(dayFirstInterval[day])
        let dayEnd = Int(dayFirstInterval[day + 1])
        while k < dayEnd, intervalEnds[k] <= t { k += 1 }
        return k
    }

    /// The instant `t` shown at the calendar's offset, from the interval it lies in when known.
    @inline(__always)
    func shown(_ t: Int64, interval k: Int) -> Timestamp {
        let offset = intervalOffsets[k]
        // An offset change inside an interval is rare enough to ask the zone.
        if k + 1 < intervalOffsets.count, intervalOffsets[k + 1] != offset {
            return zone.localize(Timestamp(seconds: t, offsetSeconds: 0))
        }
        return Timestamp(seconds: t, offsetSeconds: offset)
    }
}
