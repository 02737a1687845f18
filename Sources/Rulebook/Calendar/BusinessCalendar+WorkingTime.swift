extension BusinessCalendar {
    /// Working seconds from the start of coverage to `t`: the working-time axis that both
    /// deadlines and elapsed time are read on.
    @inline(__always)
    func position(_ t: Int64) throws -> Int64 {
        let k = firstInterval(endingAfter: t, day: try dayIndex(t))
        if k == intervalStarts.count { return workBefore[k] }
        return workBefore[k] + max(0, t - intervalStarts[k])
    }

    /// The clock's start for `t`: `t` itself inside an interval, else the next opening; with
    /// the interval it lies in. nil when no working time is left in the covered years.
    @inline(__always)
    func clockStart(_ t: Int64) throws -> (instant: Int64, interval: Int)? {
        let k = firstInterval(endingAfter: t, day: try dayIndex(t))
        guard k < intervalStarts.count else { return nil }
        return (max(t, intervalStarts[k]), k)
    }

    /// The earliest instant at working position `p > 0`: the end of its last second, so work
    /// that runs out at a close ends at that close, not at the next opening. nil past coverage.
    @inline(__always)
    func instant(atPosition p: Int64) -> (instant: Int64, interval: Int)? {
        guard p <= workBefore[workBefore.count - 1], !intervalStarts.isEmpty else { return nil }
        // Smallest j with workBefore[j + 1] >= p.
        var lo = 0, hi = intervalStarts.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if workBefore[mid + 1] >= p { hi = mid } else { lo = mid + 1 }
        }
        return (intervalStarts[lo] + (p - workBefore[lo]), lo)
    }

    /// `d >= 0` working seconds after `t`; zero is the clock's start.
    func workingTimeDeadline(_ t: Int64, _ d: Int64) throws -> Timestamp? {
        if d == 0 { return try clockStart(t).map { shown($0.instant, interval: $0.interval) } }
        guard let end = instant(atPosition: try position(t) + d) else { return nil }
        return shown(end.instant, interval: end.interval)
    }
}
