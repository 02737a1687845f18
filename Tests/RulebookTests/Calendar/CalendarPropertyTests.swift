import Testing
@testable import Rulebook

/// Properties over thousands of seeded random starts and spans in 2025–2026, plus a naive
/// day-by-day oracle that only trusts `dayKind` and the office hours.
@Suite struct CalendarPropertyTests {
    let office = CalendarFixtures.office
    /// 2025-01-01 00:00 to 2026-11-30 00:00 Shanghai: room for the longest span below.
    let starts: ClosedRange<Int64> = ts("2025-01-01T00:00").seconds...ts("2026-11-30T00:00").seconds
    /// Up to 20 working days of 7.5 h.
    let spans: ClosedRange<Int64> = 0...(20 * 27_000)

    /// Starts and spans; some starts are snapped to whole minutes and some spans to whole hours,
    /// so boundaries (08:30, 12:00, 17:30) are hit often.
    func samples(seed: UInt64, count: Int) -> [(start: Timestamp, span: Int64)] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            var s = rng.int(in: starts), d = rng.int(in: spans)
            if i % 3 == 0 { s -= s % 1800 }
            if i % 4 == 0 { d -= d % 1800 }
            return (Timestamp(seconds: s, offsetSeconds: 28_800), d)
        }
    }

    @Test func elapsedInvertsWorkingTimeDeadline() throws {
        for (start, d) in samples(seed: 1, count: 5000) {
            let end = try office.deadline(from: start, span: .workingSeconds(d), rule: .sameTimeOfDay)
            #expect(try office.elapsed(from: start, to: end, clock: .workingTime) == .workingSeconds(d), "\(start) + \(d)s")
            // From a working instant the same holds, and the clock does not move the start.
            let working = try office.nextWorkingInstant(atOrAfter: start)
            let fromWorking = try office.deadline(from: working, span: .workingSeconds(d), rule: .sameTimeOfDay)
            #expect(fromWorking == end)
            #expect(try office.elapsed(from: working, to: fromWorking, clock: .workingTime) == .workingSeconds(d))
            #expect(try office.elapsed(from: end, to: working, clock: .workingTime) == .workingSeconds(-d))
        }
    }

    @Test func workingTimeDeadlineIsMonotonic() throws {
        var rng = SplitMix64(seed: 2)
        for (start, d) in samples(seed: 3, count: 3000) {
            let d2 = d + rng.int(in: 1...40_000)
            let a = try office.deadline(from: start, span: .workingSeconds(d), rule: .sameTimeOfDay)
            let b = try office.deadline(from: start, span: .workingSeconds(d2), rule: .sameTimeOfDay)
            #expect(a < b, "more working time must end later: \(start) \(d) \(d2)")
            let later = start.adding(seconds: rng.int(in: 1...200_000))
            let c = try office.deadline(from: later, span: .workingSeconds(d), rule: .sameTimeOfDay)
            #expect(a <= c, "a later start must not end earlier: \(start) \(later) \(d)")
        }
    }

    @Test func workingDaysRoundTripAndMonotonicity() throws {
        var rng = SplitMix64(seed: 4)
        for (start, _) in samples(seed: 5, count: 3000) {
            let n = rng.int(in: 0...20), m = n + rng.int(in: 1...5)
            let later = start.adding(seconds: rng.int(in: 1...200_000))
            for rule in [WorkingDayRule.sameTimeOfDay, .endOfDay] {
                let a = try office.deadline(from: start, span: .workingDays(n), rule: rule)
                let b = try office.deadline(from: start, span: .workingDays(m), rule: rule)
                let c = try office.deadline(from: later, span: .workingDays(n), rule: rule)
                #expect(a >= start)
                #expect(a < b, "\(rule): \(start) \(n) vs \(m)")
                #expect(a <= c, "\(rule): \(start) vs \(later), \(n)")
                #expect(try office.elapsed(from: start, to: a, clock: .workingDays, rule: rule) == .workingDays(n),
                        "\(rule): \(start) + \(n)")
                // One second before the deadline, the last day is not yet done.
                if n > 0 {
                    #expect(try office.elapsed(from: start, to: a.adding(seconds: -1), clock: .workingDays, rule: rule)
                                == .workingDays(n - 1))
                }
            }
        }
    }

    /// Office hours as instants on `date`, or none on a day off.
    func naiveHours(_ date: CivilDate) throws -> [(Int64, Int64)] {
        guard try office.dayKind(date).isWorking else { return [] }
        let midnight = Timestamp(date: date, secondOfDay: 0, offsetSeconds: 28_800).seconds
        return [(midnight + 30_600, midnight + 43_200), (midnight + 48_600, midnight + 63_000)]
    }

    @Test func workingTimeMatchesNaiveDayByDayWalk() throws {
        for (start, d) in samples(seed: 6, count: 2000) {
            var date = start.localDate, remaining = d, expected: Int64?
            while expected == nil {
                for (open, close) in try naiveHours(date) where expected == nil {
                    let from = max(open, start.seconds)
                    guard from < close else { continue }
                    if remaining <= close - from {
                        expected = from + remaining
                    } else {
                        remaining -= close - from
                    }
                }
                date = date.adding(days: 1)
            }
            #expect(try office.deadline(from: start, span: .workingSeconds(d), rule: .sameTimeOfDay).seconds == expected,
                    "\(start) + \(d)s")
        }
    }

    @Test func endOfDayMatchesNaiveDayCount() throws {
        var rng = SplitMix64(seed: 7)
        for (start, _) in samples(seed: 8, count: 2000) {
            let n = rng.int(in: 1...20)
            var date = start.localDate, counted: Int64 = 0
            while counted < n {
                date = date.adding(days: 1)
                if try office.dayKind(date).isWorking { counted += 1 }
            }
            let close = try naiveHours(date).last!.1
            #expect(try office.deadline(from: start, span: .workingDays(n), rule: .endOfDay).seconds == close)
        }
    }
}
