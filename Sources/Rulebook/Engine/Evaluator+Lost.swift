/// Rows set aside with `--rejects` still belong to groups: S9's month with three complaints,
/// one of them rejected for a bad reply time, counts two and fines nobody. Each rejected row
/// is placed in the groups its values still tell, so that the report can mark those groups
/// incomplete with the number of rows they lost, instead of showing a short count as final.
extension Evaluator {
    /// The names of what failed on a rejected row, as `countLost` takes them: the rule (or
    /// derived value) that failed, else the field the error is about; nil when nothing says.
    static func failedNames(_ e: RowError) -> Set<String>? {
        if let r = e.rule { return [r.id] }
        if let c = e.column { return [c] }
        return nil
    }

    /// Counts a rejected row against the groups it belongs to. `fields`: the row's values,
    /// null where a field could not be read; `failed`: the fields that could not be read and
    /// the rule that failed (nil: unknown, so no group can be told). For each aggregate whose
    /// keys and `where` read nothing that failed, the steps they read are run again and the
    /// row is placed; otherwise it counts as lost to a group that cannot be told.
    /// Nothing else changes: the findings those steps make are dropped.
    func countLost(fields: UnsafeBufferPointer<Value>, failed: Set<String>?) {
        guard !policy.aggregates.isEmpty else { return }
        var failed = failed
        if failed != nil {
            let ctx = context
            ctx.slots.load(fields, fill: .null)
            ctx.outcomes.reset(to: .notApplicable)
            let subject = ctx.slots[caseIDSlot].description
            let mark = findings.mark
            for step in placementSteps {
                do {
                    switch step {
                    case .derive(let d): ctx.slots[d.slot] = try d.expression.evaluate(ctx)
                    case .table(let t): try applyTable(t)
                    case .deadline(let d): try evaluateDeadline(d, subject: subject, row: 0)
                    case .penalty, .escalation: break
                    }
                } catch {
                    switch step {
                    case .derive(let d): failed?.insert(d.origin.id)
                    case .table(let t): failed?.insert(t.decl.id)
                    case .deadline(let d): failed?.insert(d.decl.id)
                    case .penalty, .escalation: break
                    }
                }
            }
            findings.rollback(to: mark)
        }
        defer { context.undefinedRatios.removeAll() }
        for (a, agg) in policy.aggregates.enumerated() {
            guard let failed, agg.placementReads.isDisjoint(with: failed) else {
                unplaced[a] += 1
                continue
            }
            do {
                if let key = try placement(agg) { lost[a][key, default: 0] += 1 }
            } catch {
                unplaced[a] += 1
            }
        }
    }

    /// The group key the loaded case falls in; nil when its `where` is false or a key is
    /// unset (no group, as in `accumulate`).
    private func placement(_ agg: CompiledAggregate) throws -> [Value]? {
        let ctx = context
        if let f = agg.filter, try !f.evaluate(ctx).isTrue { return nil }
        var key: [Value] = []
        for k in agg.keys {
            let v = try k.evaluate(ctx)
            if v.isNull { return nil }
            key.append(keyValue(v))
        }
        return key
    }

    /// Adds another evaluator's lost rows to these.
    func absorbLost(_ other: Evaluator) {
        for a in lost.indices {
            unplaced[a] += other.unplaced[a]
            for (key, n) in other.lost[a] { lost[a][key, default: 0] += n }
        }
    }

    /// Rows the group `key` of aggregate `a` lost or may have lost; nil when none.
    func rowsLost(aggregate a: Int, key: [Value]) -> Int? {
        let n = (lost[a][key] ?? 0) + unplaced[a]
        return n > 0 ? n : nil
    }

    /// Every group that lost rows, aggregates in declaration order, groups by key text;
    /// then, per aggregate, the rows whose group could not be told.
    func incompleteGroups() -> [IncompleteGroup] {
        var out: [IncompleteGroup] = []
        for (a, agg) in policy.aggregates.enumerated() {
            let sorted = lost[a].sorted { Evaluator.keyText($0.key).lexicographicallyPrecedes(Evaluator.keyText($1.key)) }
            for (key, n) in sorted {
                out.append(IncompleteGroup(aggregate: agg.decl.id, clause: agg.decl.clause, group: Evaluator.groupText(agg, key), rowsLost: n))
            }
            if unplaced[a] > 0 {
                out.append(IncompleteGroup(aggregate: agg.decl.id, clause: agg.decl.clause, group: nil, rowsLost: unplaced[a]))
            }
        }
        return out
    }
}
