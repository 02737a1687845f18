extension BusinessCalendar {
    /// The steps of `deadline(from:span:rule:)` in words: where the clock starts, which days
    /// off (weekends, named holidays) were skipped, which working and make-up days were
    /// counted and how much, which breaks were passed over, and the result. Not a hot path.
    func explainDeadline(from start: Timestamp, span: TimeSpan, rule: WorkingDayRule) throws -> [CalendarNote] {
        let end = try deadline(from: start, span: span, rule: rule)
        let startDay = try dayIndex(start.seconds)
        var notes: [CalendarNote] = [.start(zone.localize(start), dayKinds[startDay])]
        guard span.clock != .calendar else { return notes + [.calendarTime(span), .deadline(end)] }
        guard span.clock != .months else { return notes + [.calendarMonths(span), .deadline(end)] }
        if span.clock == .halfWorkingDays, let s = try clockStart(start.seconds) {
            let day = Int(intervalDay[s.interval])
            notes.append(.halfDay(span, of: date(ofDay: day), seconds: try halfDaySeconds(start.seconds, halves: span.amount)))
        }

        let countsDays = span.clock == .workingDays
        let wholeDays = countsDays && rule == .endOfDay
        var countFrom = start.seconds, firstDay = startDay
        if wholeDays {
            notes.append(.startDayNotCounted(date(ofDay: startDay)))
            firstDay = startDay + 1
        } else if let s = try clockStart(start.seconds) {
            countFrom = s.instant
            firstDay = Int(intervalDay[s.interval])
            if s.instant != start.seconds {
                notes.append(.clockStarts(shown(s.instant, interval: s.interval), reason: whyNotWorking(start.seconds, day: startDay)))
            }
        }
        let lastDay = end.seconds > countFrom ? try dayIndex(end.seconds - 1) : firstDay - 1

        var ordinal: Int64 = wholeDays ? 0 : -1
        var offRun: (from: Int, kind: DayKind)?
        func flush(before day: Int) {
            if let run = offRun { notes.append(.daysOff(from: date(ofDay: run.from), through: date(ofDay: day - 1), run.kind)) }
            offRun = nil
        }
        for day in stride(from: firstDay, through: lastDay, by: 1) {
            let kind = dayKinds[day]
            guard kind.isWorking else {
                if let run = offRun, run.kind != kind { flush(before: day) }
                if offRun == nil { offRun = (day, kind) }
                continue
            }
            flush(before: day)
            ordinal += 1
            let first = Int(dayFirstInterval[day]), stop = Int(dayFirstInterval[day + 1])
            var seconds: Int64 = 0
            for k in first..<stop {
                seconds += max(0, min(intervalEnds[k], end.seconds) - max(intervalStarts[k], countFrom))
            }
            notes.append(.worked(date(ofDay: day), kind, seconds: seconds, workingDay: countsDays ? ordinal : nil))
            for k in first..<(stop - 1) where intervalEnds[k] >= countFrom && intervalStarts[k + 1] <= end.seconds {
                notes.append(.breakSkipped(date(ofDay: day), from: Int32(intervalEnds[k] - dayStarts[day]),
                                           to: Int32(intervalStarts[k + 1] - dayStarts[day])))
            }
        }
        flush(before: lastDay + 1)
        if countsDays, !wholeDays, span.amount > 0, let p = try dayPosition(start.seconds), lastDay >= firstDay {
            let first = Int(dayFirstInterval[lastDay]), stop = Int(dayFirstInterval[lastDay + 1])
            if p.done > workBefore[stop] - workBefore[first] { notes.append(.clampedToClose(date(ofDay: lastDay))) }
        }
        notes.append(.deadline(end))
        return notes
    }

    /// Why the clock does not run at `t`: `on a weekend`, `after close at 17:30`, …
    private func whyNotWorking(_ t: Int64, day: Int) -> ClockStop {
        let kind = dayKinds[day]
        guard kind.isWorking else { return .dayOff(kind) }
        let hours = intervals(ofDay: day)
        let second = Int32(t - dayStarts[day])
        if second < hours[0].start { return .beforeOpening(hours[0].start) }
        if second >= hours[hours.count - 1].end { return .afterClose(hours[hours.count - 1].end) }
        let gap = zip(hours, hours.dropFirst()).first { second >= $0.0.end && second < $0.1.start }
        return gap.map { .inBreak($0.0.end, $0.1.start) } ?? .outsideHours
    }
}
