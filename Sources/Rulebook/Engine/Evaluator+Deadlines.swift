extension Evaluator {
    /// The clock lateness is measured on: working time for working-day rules, since "late by
    /// 0 working days" would hide a late afternoon.
    static func lateClock(_ span: TimeSpan?) -> TimeSpan.Clock {
        guard let span else { return .calendar }
        return span.clock == .calendar || span.clock == .months ? .calendar : .workingTime
    }

    func measure(from a: Timestamp, to b: Timestamp, clock: TimeSpan.Clock) throws -> TimeSpan {
        if clock == .calendar {
            let (v, overflow) = b.seconds.subtractingReportingOverflow(a.seconds)
            if overflow { throw RowError("the time from \(a) to \(b) does not fit in 64 bits") }
            return .seconds(v)
        }
        guard let calendar else { throw RowError("working time needs the policy's calendar") }
        return try guarded { try calendar.elapsed(from: a, to: b, clock: clock) }
    }

    /// Start, due and end of a timed step, or nil when it does not apply. Its failures
    /// (evaluation, calendar) are left to the caller, which runs every rule inside
    /// `raising` (or a group's `inGroup`) and turns them into the row's error there.
    func timeStep(_ step: borrowing TimedStep) throws -> (DeadlineOutcome, start: Timestamp, done: Timestamp?)? {
        let ctx = context
        // The expressions are called where they lie in `step` (`step.when?.evaluate`): bound
        // to a name (`if let when`), each would be retained and released for every case.
        if step.when != nil, try !step.when!.evaluate(ctx).isTrue { return nil }
        guard let start = try step.from?.timestamp(ctx) else { return nil }
        let dueAt: Timestamp
        var span: TimeSpan?
        if step.within != nil {
            guard case .span(let s) = try step.within!.evaluate(ctx) else { return nil }
            span = s
            // A limit computed from the row can come out negative: every step would be late.
            guard s.amount >= 0 else { throw RowError("the time limit comes to \(s); it cannot be negative") }
            if s.clock == .calendar {
                guard let d = start.addingChecked(seconds: s.amount) else {
                    throw RowError("the deadline, \(s) after \(start), falls outside the years \(Timestamp.supportedYearsText) a policy handles")
                }
                dueAt = localize(d)
            } else if s.clock == .months {
                guard let d = zone.adding(months: s.amount, to: start) else {
                    throw RowError("the deadline, \(s) after \(start), falls outside the years \(Timestamp.supportedYearsText) a policy handles")
                }
                dueAt = d
            } else {
                guard let borrowedCalendar else { throw RowError("working time needs the policy's calendar") }
                dueAt = try borrowedCalendar._withUnsafeGuaranteedRef { try $0.deadline(from: start, span: s, rule: step.workingDays) }
            }
        } else if let d = try step.due?.timestamp(ctx) {
            dueAt = localize(d)  // as a computed deadline is: `.due` and explain show it so
        } else {
            return nil
        }
        let clock = step.lateness ?? Evaluator.lateClock(span)
        var done: Timestamp?
        if let t = try step.to?.timestamp(ctx) { done = t }
        if let done, done < start {
            throw RowError("the step was done (\(done)) before its clock started (\(start))",
                           column: fieldColumn(step.doneText))
        }
        let outcome: DeadlineOutcome
        if let done {
            if let late = try howLate(from: dueAt, to: done, clock: clock) {
                outcome = DeadlineOutcome(status: .breached, due: dueAt, lateBy: late)
            } else {
                outcome = DeadlineOutcome(status: .met, due: dueAt)
            }
        } else if let late = try howLate(from: dueAt, to: asOf, clock: clock) {
            outcome = DeadlineOutcome(status: .overdue, due: dueAt, lateBy: late)
        } else {
            outcome = DeadlineOutcome(status: .pending, due: dueAt)
        }
        return (outcome, start, done)
    }

    /// How late `end` is for a step due at `due`, on the clock lateness is measured on; nil
    /// when it is not late on that clock. A step is judged on the clock it is measured on: on
    /// working time, a reply due at 12:00 and given at 13:30, after the lunch break, came with
    /// no working time past its deadline. It is met (and open at 13:30, not yet overdue), not
    /// "breached, late by 0 working hours", which an `on:` penalty would fine.
    func howLate(from due: Timestamp, to end: Timestamp, clock: TimeSpan.Clock) throws -> TimeSpan? {
        guard end > due else { return nil }
        let late = try measure(from: due, to: end, clock: clock)
        return late.amount > 0 ? late : nil
    }

    static func findingStatus(_ s: DeadlineOutcome.Status) -> Finding.Status {
        switch s {
        case .met: return .met
        case .breached: return .breached
        case .overdue: return .overdue
        case .pending, .notApplicable: return .open
        }
    }

    func evaluateDeadline(_ d: CompiledDeadline, subject: String, row: Int) throws {
        guard let (outcome, start, done) = try timeStep(d.timed) else {
            context.outcomes[d.index] = .notApplicable
            return
        }
        context.outcomes[d.index] = outcome
        let status = Evaluator.findingStatus(outcome.status)
        // Most of a case's steps are met or open, and a `check` keeps none of them: counted
        // without a finding made.
        if findings.drops(.deadline, status) { return findings.count(d.template, status: status) }
        var f = Finding(subject: subject, row: row, template: d.template, status: status)
        f.start = start
        f.due = outcome.due
        f.done = done
        f.lateBy = outcome.lateBy
        append(&f)
    }

    func evaluateEscalation(_ e: CompiledEscalation, subject: String, row: Int) throws {
        let ctx = context
        guard try e.when.evaluate(ctx).isTrue else { return }
        var f = Finding(subject: subject, row: row, template: e.template, status: .raised)
        if let n = e.note, case let v = try n.evaluate(ctx), !v.isNull { f.note = noteText(v) }
        if let timed = e.timed, let (outcome, start, done) = try timeStep(timed) {
            f.status = Evaluator.findingStatus(outcome.status)
            f.start = start
            f.due = outcome.due
            f.done = done
            f.lateBy = outcome.lateBy
        }
        append(&f)
    }
}
