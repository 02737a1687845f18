extension Evaluator {
    /// Adds the current case to the groups of every aggregate. The key and the folded values
    /// are built in scratch arrays the evaluator keeps; an existing group (the usual case) is
    /// found by one hash and updated in place, so a case allocates nothing here.
    func accumulate() throws {
        let ctx = context
        for (a, agg) in policy.aggregates.enumerated() {
            if let f = agg.filter, try guarded({ try f.evaluate(ctx) }) != .bool(true) { continue }
            groupKey.removeAll(keepingCapacity: true)
            for k in agg.keys {
                let v = try guarded { try k.evaluate(ctx) }
                if v.isNull { break }
                groupKey.append(v)
            }
            guard groupKey.count == agg.keys.count else { continue }  // an unset key: no group
            // Folded into scratch first: a failing row leaves its group untouched.
            let existing = groups[a].index(forKey: groupKey)
            folded.removeAll(keepingCapacity: true)
            for (i, acc) in agg.accumulators.enumerated() {
                let current = existing.map { groups[a].values[$0].accumulators[i] } ?? (acc.kind == .count ? .integer(0) : .null)
                let v = try acc.argument.map { arg in try guarded { try arg.evaluate(ctx) } }
                folded.append(try Evaluator.fold(acc.kind, current, v))
            }
            if let existing {
                groups[a].values[existing].accumulators.withUnsafeMutableBufferPointer { values in
                    for i in values.indices { values[i] = folded[i] }
                }
            } else {
                groups[a][groupKey] = GroupState(accumulators: folded)
            }
        }
    }

    static func fold(_ kind: AggregateRegistry.Kind, _ current: Value, _ v: Value?) throws -> Value {
        switch kind {
        case .count:
            guard case .integer(let n) = current else { return current }
            if let v, v != .bool(true) { return current }
            return .integer(n + 1)
        case .sum:
            guard let v, !v.isNull else { return current }
            if current.isNull { return v }
            switch (current, v) {
            case (.integer(let a), .integer(let b)): return .integer(a + b)
            case (.money(let a), .money(let b)): return .money(a + b)
            case (.span(let a), .span(let b)): return .span(Span(a.clock, a.amount + b.amount))
            default:
                guard let a = current.fraction, let b = v.fraction, let s = a.adding(b) else {
                    throw RowError("sum overflows")
                }
                return .decimal(s)
            }
        case .min, .max:
            guard let v, !v.isNull else { return current }
            if current.isNull { return v }
            guard let o = ExpressionCompiler.order(v, current) else { return current }
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
        if kind == .count, case .integer(let x) = a, case .integer(let y) = b { return .integer(x + y) }
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
                for (i, acc) in agg.accumulators.enumerated() {
                    mine.accumulators[i] = try Evaluator.combine(acc.kind, mine.accumulators[i], theirs.accumulators[i])
                }
                groups[a][key] = mine
            }
        }
        for (key, amount) in other.bookedTotals { bookedTotals[key, default: .zero] += amount }
        casesEvaluated += other.casesEvaluated
        findings.absorb(other.findings)
    }

    /// Runs the group rules, once per group, groups in a stable order.
    func runGroups() throws {
        let ctx = context
        for (a, agg) in policy.aggregates.enumerated() {
            let steps = policy.groupSteps.filter {
                switch $0 {
                case .deadline(let i, _), .penalty(let i, _), .escalation(let i, _): return i == a
                }
            }
            let names = agg.decl.by.map(\.name)
            let sorted = groups[a].sorted { Evaluator.keyText($0.key).lexicographicallyPrecedes(Evaluator.keyText($1.key)) }
            for (key, state) in sorted {
                ctx.group = state.accumulators
                var values: [Value] = []
                for v in agg.values { values.append(try guarded { try v.evaluate(ctx) }) }
                ctx.group = key + values
                let subject = zip(names, key).map { "\($0)=\($1)" }.joined(separator: " ")
                let info = GroupInfo(subject: "\(agg.decl.id): \(subject)", date: periodEnd(names: names, key: key))
                ctx.outcomes.reset(to: .notApplicable)
                for step in steps {
                    switch step {
                    case .deadline(_, let d): try evaluateDeadline(d, subject: info.subject, row: 0)
                    case .penalty(_, let p): try applyPenalty(p, subject: info.subject, row: 0, group: info)
                    case .escalation(_, let e): try evaluateEscalation(e, subject: info.subject, row: 0)
                    }
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
                return policy.zone.timestamp(date: d, secondOfDay: 86_399)
            }
            if n == "week", let wi = s.firstIndex(of: "W"), let y = Int(s.prefix(4)), let w = Int(s[s.index(after: wi)...]),
               let jan4 = CivilDate(year: y, month: 1, day: 4) {
                let monday1 = jan4.adding(days: Int64(1 - jan4.isoWeekday))
                return policy.zone.timestamp(date: monday1.adding(days: Int64((w - 1) * 7 + 6)), secondOfDay: 86_399)
            }
        }
        return nil
    }
}
