extension BusinessCalendar {
    /// The first working instant at or after `t`: `t` itself inside working hours, else the
    /// next opening (after the lunch break, the next morning, after a weekend or holiday).
    /// Shown at the calendar's offset.
    func nextWorkingInstant(atOrAfter t: Timestamp) throws -> Timestamp {
        guard let s = try clockStart(t.seconds) else {
            throw CalendarError.beyondCoverage(start: t, span: .workingSeconds(0), calendar: id, years: years)
        }
        return shown(s.instant, interval: s.interval)
    }

    /// When `span` measured from `start` runs out, shown at the calendar's offset.
    ///
    /// - Calendar spans are plain seconds (the calendar only supplies the offset shown).
    /// - Working time counts working seconds from the clock's start; it ends at a close when it
    ///   runs out there. Zero is the clock's start.
    /// - Working days follow `rule` (see `WorkingDayRule`).
    /// - Calendar months reach the same day of the month, clamped to its end, at the same time.
    /// - Half working days are working time: half of the working time of the day the clock
    ///   starts on, per half.
    ///
    /// Throws `CalendarError` for a negative span, a start outside the covered years, or a
    /// deadline past them.
    func deadline(from start: Timestamp, span: TimeSpan, rule: WorkingDayRule) throws -> Timestamp {
        guard span.amount >= 0 else { throw CalendarError.negativeSpan(span) }
        // Longer than any calendar's coverage, and too long for the arithmetic below.
        guard span.isWithinPolicyLimit else { throw CalendarError.beyondCoverage(start: start, span: span, calendar: id, years: years) }
        let result: Timestamp?
        switch span.clock {
        case .calendar:
            return zone.localize(start.adding(seconds: span.amount))
        case .months:
            result = zone.adding(months: span.amount, to: start)
        case .workingTime:
            result = try workingTimeDeadline(start.seconds, span.amount)
        case .halfWorkingDays:
            result = try workingTimeDeadline(start.seconds, try halfDaySeconds(start.seconds, halves: span.amount))
        case .workingDays:
            switch rule {
            case .sameTimeOfDay: result = try sameTimeDeadline(start.seconds, span.amount)
            case .endOfDay: result = try endOfDayDeadline(start.seconds, span.amount)
            }
        }
        guard let result else {
            throw CalendarError.beyondCoverage(start: start, span: span, calendar: id, years: years)
        }
        return result
    }

    /// The span on `clock` from `from` to `to`, negative when `to` is earlier, consistent with
    /// `deadline`: calendar seconds; working seconds between the two instants; or, on the
    /// working-day clock, the largest N whose `rule` deadline from `from` has passed at `to`.
    /// So `elapsed(s, deadline(s, d)) == d` for working time, and for working days whenever
    /// the deadlines for d and d + 1 differ.
    func elapsed(from: Timestamp, to: Timestamp, clock: TimeSpan.Clock,
                 rule: WorkingDayRule = .sameTimeOfDay) throws -> TimeSpan {
        if to < from {
            let back = try elapsed(from: to, to: from, clock: clock, rule: rule)
            return TimeSpan(clock, -back.amount)  // `back` is at most the calendar's coverage
        }
        switch clock {
        case .calendar, .months:
            // Timestamps have four-digit years: the difference fits. Months have no fixed
            // length, so what passed is told in calendar time.
            return .seconds(to.seconds - from.seconds)
        case .workingTime, .halfWorkingDays:
            // Likewise half days, whose length depends on the day: in working time.
            return .workingSeconds(try position(to.seconds) - position(from.seconds))
        case .workingDays:
            switch rule {
            case .sameTimeOfDay: return .workingDays(try sameTimeElapsed(from.seconds, to.seconds))
            case .endOfDay: return .workingDays(try endOfDayElapsed(from.seconds, to.seconds))
            }
        }
    }
}

extension BusinessCalendar {
    /// Working seconds in `halves` half days from `t`: half of the working time of the day the
    /// clock starts on (the next working day's when `t` is after its close or on a day off),
    /// rounded down to the second, per half.
    func halfDaySeconds(_ t: Int64, halves: Int64) throws -> Int64 {
        guard let s = try clockStart(t) else {
            throw CalendarError.beyondCoverage(start: zone.localize(Timestamp(seconds: t, offsetSeconds: 0)),
                                               span: TimeSpan(.halfWorkingDays, halves), calendar: id, years: years)
        }
        return workingSeconds(ofDay: Int(intervalDay[s.interval])) / 2 * halves
    }

    /// The working time of day `day`.
    func workingSeconds(ofDay day: Int) -> Int64 {
        workBefore[Int(dayFirstInterval[day + 1])] - workBefore[Int(dayFirstInterval[day])]
    }
}
