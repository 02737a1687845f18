extension BusinessCalendar {
    /// The close of working day `day` (which has intervals), with its last interval.
    @inline(__always)
    func close(ofDay day: Int) -> (instant: Int64, interval: Int) {
        let last = Int(dayFirstInterval[day + 1]) - 1
        return (intervalEnds[last], last)
    }

    // MARK: - End of day

    /// `WorkingDayRule.endOfDay`: the close of the Nth working day after the start day.
    func endOfDayDeadline(_ t: Int64, _ n: Int64) throws -> Timestamp? {
        let startDay = try dayIndex(t)
        if n == 0 {
            if dayKinds[startDay].isWorking, close(ofDay: startDay).instant > t {
                let c = close(ofDay: startDay)
                return shown(c.instant, interval: c.interval)
            }
            return zone.localize(Timestamp(seconds: t, offsetSeconds: 0))
        }
        let ordinal = Int64(workingDaysBefore[startDay + 1]) + n - 1
        guard ordinal < Int64(workingDayIndex.count) else { return nil }
        let c = close(ofDay: Int(workingDayIndex[Int(ordinal)]))
        return shown(c.instant, interval: c.interval)
    }

    /// Working days after the start day that have closed by `to` (`to >= from`): the largest N
    /// whose `endOfDay` deadline has passed.
    func endOfDayElapsed(_ from: Int64, _ to: Int64) throws -> Int64 {
        let startDay = try dayIndex(from), endDay = try dayIndex(to)
        guard endDay > startDay else { return 0 }
        var n = Int64(workingDaysBefore[endDay] - workingDaysBefore[startDay + 1])
        if dayKinds[endDay].isWorking, close(ofDay: endDay).instant <= to { n += 1 }
        return n
    }

    // MARK: - Same time of day

    /// The clock's start for `t`, its working day, and the working seconds done that day before it.
    @inline(__always)
    func dayPosition(_ t: Int64) throws -> (start: Int64, interval: Int, day: Int, done: Int64)? {
        guard let (s, k) = try clockStart(t) else { return nil }
        let day = Int(intervalDay[k])
        let done = workBefore[k] + (s - intervalStarts[k]) - workBefore[Int(dayFirstInterval[day])]
        return (s, k, day, done)
    }

    /// The earliest instant on working day `day` with `done` working seconds done that day,
    /// clamped to its close; position 0 is the opening.
    @inline(__always)
    func instant(onDay day: Int, done: Int64) -> (instant: Int64, interval: Int) {
        let first = Int(dayFirstInterval[day]), end = Int(dayFirstInterval[day + 1])
        if done == 0 { return (intervalStarts[first], first) }
        let target = workBefore[first] + done
        guard target < workBefore[end] else { return close(ofDay: day) }
        var j = first
        while workBefore[j + 1] < target { j += 1 }
        return (intervalStarts[j] + (target - workBefore[j]), j)
    }

    /// `WorkingDayRule.sameTimeOfDay`: the same working position N working days later.
    func sameTimeDeadline(_ t: Int64, _ n: Int64) throws -> Timestamp? {
        guard let p = try dayPosition(t) else { return nil }
        if n == 0 { return shown(p.start, interval: p.interval) }
        let ordinal = Int64(workingDaysBefore[p.day]) + n
        guard ordinal < Int64(workingDayIndex.count) else { return nil }
        let r = instant(onDay: Int(workingDayIndex[Int(ordinal)]), done: p.done)
        return shown(r.instant, interval: r.interval)
    }

    /// The largest N whose `sameTimeOfDay` deadline is at or before `to` (`to >= from`).
    func sameTimeElapsed(_ from: Int64, _ to: Int64) throws -> Int64 {
        let endDay = try dayIndex(to)
        guard let p = try dayPosition(from), to > p.start else { return 0 }
        // Working days after the start's working day, up to and including the end day.
        var n = Int64(workingDaysBefore[endDay + 1] - workingDaysBefore[p.day]) - 1
        guard n > 0 else { return 0 }
        if dayKinds[endDay].isWorking, instant(onDay: endDay, done: p.done).instant > to { n -= 1 }
        return n
    }
}
