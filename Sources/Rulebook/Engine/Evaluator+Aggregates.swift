extension Evaluator {
    /// Folds the current case into the groups of every aggregate, in scratch only: nothing
    /// changes until `commitAccumulated`, so a row that fails here or later (in any
    /// aggregate) leaves every group as it was. The key and folded values are written in
    /// place into each aggregate's `pending` arrays, sized once; an existing group (the usual
    /// case) is found by one hash and later updated in place, so a case allocates nothing here.
    func accumulate(subject: String, row: Int) throws {
        let ctx = context
        // Each aggregate borrowed from the policy (see `Evaluator.aggregates`).
        for (a, borrowed) in aggregates.enumerated() {
            try borrowed._withUnsafeGuaranteedRef { agg in
                // The scratch is reached through buffer pointers, once per aggregate: writing
                // `pending[a].key[j]` checks two arrays' uniqueness for every value.
                try pending.withUnsafeMutableBufferPointer { pending in
                    do {
                        try fold(agg, into: &pending[a], groups: a)
                    } catch {
                        throw Evaluator.raised(error, by: agg.origin)
                    }
                }
                if !ctx.undefinedRatios.isEmpty { reportUndefinedRatios(agg.origin, subject: subject, row: row) }
            }
        }
    }

    /// Folds the current case into `pending`: its group's key, and each accumulator folded
    /// with the case (from the group's values, or the first values of a new group).
    private func fold(_ agg: CompiledAggregate, into pending: inout PendingGroup, groups a: Int) throws {
        let ctx = context
        pending.active = false
        if let kept = try agg.perCaseFilter.evaluate(0, ctx), !kept.isTrue { return }
        let placed = try pending.key.withUnsafeMutableBufferPointer { key in
            for j in key.indices {
                let v = try agg.perCaseKeys.evaluate(j, ctx)!
                if v.isNull { return false }  // an unset key: no group
                key[j] = keyValue(v)
            }
            return true
        }
        guard placed else { return }
        let existing = groups[a].find(pending.key)
        // The group's values read where they lie (a new group has none; a copy of its array
        // was a retain and release, and a copy of each value read), and a fold's failure
        // named with the group after the loop: neither the states nor the key copied per value.
        var failure: RowError?
        try agg.accumulators.withUnsafeBufferPointer { accumulators in
            try pending.values.withUnsafeMutableBufferPointer { values in
                try groups[a].withAccumulators(of: existing) { folded in
                    for i in values.indices {
                        let kind = accumulators[i].kind
                        let v = try agg.perCaseArguments.evaluate(i, ctx)
                        do {
                            if let folded {
                                values[i] = try Evaluator.fold(kind, folded[i], v)
                            } else {
                                values[i] = try Evaluator.fold(kind, kind == .count ? .integer(0) : .null, v)
                            }
                        } catch let e as RowError {
                            failure = e
                            return
                        }
                    }
                }
            }
        }
        if let failure { throw RowError("group \(Evaluator.groupText(agg, pending.key)): \(failure.message)") }
        pending.active = true
        pending.existing = existing
    }

    /// Keeps what `accumulate` folded for the case just evaluated.
    func commitAccumulated() {
        for a in pending.indices where pending[a].active {
            pending[a].active = false
            if let existing = pending[a].existing {
                // The folded values become the group's and its former ones the scratch of the
                // next case (which writes over them): arrays exchanged, no value copied.
                groups[a].exchangeAccumulators(of: existing, with: &pending[a].values)
            } else {
                groups[a][pending[a].key] = GroupState(accumulators: pending[a].values)
            }
        }
    }

    /// `person=张三 month=2026-11`: a group in messages.
    static func groupText(_ agg: CompiledAggregate, _ key: [Value]) -> String {
        zip(agg.decl.by.map(\.name), key).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    static func fold(_ kind: AggregateRegistry.Kind, _ current: Value, _ v: Value?) throws -> Value {
        switch kind {
        case .count:
            guard case .integer(let n) = current else { return current }
            if let v, !v.isTrue { return current }
            return .integer(n &+ 1)  // one per case: never near 2^63
        case .sum:
            guard let v, !v.isNull else { return current }
            if current.isNull { return v }
            let sum: Value?
            switch (current, v) {
            case (.integer(let a), .integer(let b)):
                let (s, o) = a.addingReportingOverflow(b)
                sum = o ? nil : .integer(s)
            case (.money(let a), .money(let b)): sum = a.adding(b).map(Value.money)
            case (.span(let a), .span(let b)): sum = a.adding(b).map(Value.span)
            default: sum = current.fraction.flatMap { a in v.fraction.flatMap { a.adding($0) } }.map(Value.decimal)
            }
            guard let sum else { throw RowError("the sum overflows: \(current) + \(v) does not fit in 64 bits") }
            return sum
        case .min, .max:
            // Two instants apart (a min or max of times, nearly every fold): decided by their
            // seconds, without `Value.order`'s walk over every kind of value.
            if case .timestamp(let a)? = v, case .timestamp(let c) = current, a.seconds != c.seconds {
                return (kind == .min) == (a.seconds < c.seconds) ? .timestamp(a) : current
            }
            guard let v, !v.isNull else { return current }
            if current.isNull { return v }
            guard let o = Value.order(v, current) else { return current }
            // `==` does not see a timestamp's offset: one instant at two offsets (a time
            // computed from `time("…Z")`, say) is equal, yet prints two ways. The larger offset,
            // whichever came first.
            if o == 0, case .timestamp(let a) = v, case .timestamp(let b) = current {
                return a.offsetSeconds > b.offsetSeconds ? v : current
            }
            if o == 0 && v != current {
                // Equal but written differently (one instant in two offsets): a fixed pick, so
                // that neither row order nor how rows were split over threads shows.
                return RunCodec.compareUTF8(v.description, current.description) < 0 ? v : current
            }
            return (kind == .min ? o < 0 : o > 0) ? v : current
        }
    }

    /// Folds one partial accumulator into another: the same result as folding their cases.
    static func combine(_ kind: AggregateRegistry.Kind, _ a: Value, _ b: Value) throws -> Value {
        if kind == .count, case .integer(let x) = a, case .integer(let y) = b {
            let (n, o) = x.addingReportingOverflow(y)
            if o { throw RowError("the count overflows") }
            return .integer(n)
        }
        return try fold(kind, a, b)
    }

    /// Takes in what another evaluator (of the same policy, on another thread) evaluated:
    /// its cases' groups, fines and findings. Its findings store must be finished.
    func absorb(_ other: Evaluator) throws {
        for (a, agg) in policy.aggregates.enumerated() {
            for (key, theirs) in other.groups[a] {
                guard var mine = groups[a][key] else {
                    groups[a][key] = theirs
                    continue
                }
                try raising(agg.origin) {
                    for (i, acc) in agg.accumulators.enumerated() {
                        do {
                            mine.accumulators[i] = try Evaluator.combine(acc.kind, mine.accumulators[i], theirs.accumulators[i])
                        } catch let e as RowError {
                            throw RowError("group \(Evaluator.groupText(agg, key)): \(e.message)")
                        }
                    }
                }
                groups[a][key] = mine
            }
        }
        // Every per-key sum is part of the total: when it fits, they do.
        if let total = finesTotal.adding(other.finesTotal), !other.finesOverflowed {
            finesTotal = total
            for (key, amount) in other.bookedTotals { bookedTotals[key, default: .zero] += amount }
        } else {
            finesOverflowed = true
        }
        casesEvaluated += other.casesEvaluated
        absorbLost(other)
        findings.absorb(other.findings)
    }

    /// Runs the group rules, once per group, groups in a stable order.
    func runGroups() throws {
        let ctx = context
        ctx.undefinedRatios.removeAll()  // what a caller evaluated for display (`explain`)
        for (a, agg) in policy.aggregates.enumerated() {
            let steps = policy.groupSteps.filter {
                switch $0 {
                case .deadline(let i, _), .penalty(let i, _), .escalation(let i, _): return i == a
                }
            }
            let names = agg.decl.by.map(\.name)
            let sorted = groups[a].sorted { Evaluator.keyText($0.key).lexicographicallyPrecedes(Evaluator.keyText($1.key)) }
            for (key, state) in sorted {
                let subject = Evaluator.groupText(agg, key)
                // A failure names the rule and the group; `finish` reports it at the rule.
                func inGroup(_ origin: RuleOrigin, _ body: () throws -> Void) throws {
                    do {
                        try body()
                    } catch {
                        guard let e = Evaluator.rowError(error) else { throw error }
                        throw RowError("group \(subject): \(e.message)", column: e.column).raised(by: origin)
                    }
                }
                ctx.group = state.accumulators
                var values: [Value] = []
                try inGroup(agg.origin) { for v in agg.values { values.append(try v.evaluate(ctx)) } }
                ctx.group = key + values
                let info = GroupInfo(subject: "\(agg.decl.id): \(subject)", date: periodEnd(names: names, key: key))
                ctx.outcomes.reset(to: .notApplicable)
                groupRowsLost = rowsLost(aggregate: a, key: key)
                defer { groupRowsLost = nil }
                if !ctx.undefinedRatios.isEmpty { reportUndefinedRatios(agg.origin, subject: info.subject, row: 0) }
                for step in steps {
                    let origin: RuleOrigin
                    switch step {
                    case .deadline(_, let d):
                        origin = d.origin
                        try inGroup(d.origin) { try evaluateDeadline(d, subject: info.subject, row: 0) }
                    case .penalty(_, let p):
                        origin = p.origin
                        try inGroup(p.origin) { try applyPenalty(p, subject: info.subject, row: 0, group: info) }
                    case .escalation(_, let e):
                        origin = e.origin
                        try inGroup(e.origin) { try evaluateEscalation(e, subject: info.subject, row: 0) }
                    }
                    if !ctx.undefinedRatios.isEmpty { reportUndefinedRatios(origin, subject: info.subject, row: 0) }
                }
            }
        }
    }

    static func keyText(_ key: [Value]) -> [String] { key.map(\.description) }

    /// The last instant of a group's `month` (`2026-11`) or `week` (`2026-W47`) key.
    func periodEnd(names: [String], key: [Value]) -> Timestamp? {
        for (n, v) in zip(names, key) {
            guard case .string(let s) = v else { continue }
            if n == "month", s.count == 7, let y = Int(s.prefix(4)), let m = Int(s.suffix(2)),
               let d = CivilDate(year: y, month: m, day: CivilDate.daysIn(month: m, year: y)) {
                return zone.timestamp(date: d, secondOfDay: 86_399)
            }
            if n == "week", let wi = s.firstIndex(of: "W"), let y = Int(s.prefix(4)), let w = Int(s[s.index(after: wi)...]),
               let jan4 = CivilDate(year: y, month: 1, day: 4) {
                let monday1 = jan4.adding(days: Int64(1 - jan4.isoWeekday))
                return zone.timestamp(date: monday1.adding(days: Int64((w - 1) * 7 + 6)), secondOfDay: 86_399)
            }
        }
        return nil
    }
}
