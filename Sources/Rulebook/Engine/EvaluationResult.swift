/// Everything one evaluation produced, sorted, ready for the report writers.
public struct EvaluationResult: Sendable {
    public var findings: [Finding]
    public var ledger: [LedgerLine]
    public var casesEvaluated: Int
}

extension Evaluator {
    /// Runs the group rules and the ledger, and sorts everything: by case id, then rule in
    /// declaration order, then party, so the output does not depend on input row order.
    public func finish() throws -> EvaluationResult {
        try runGroups()
        let order = ruleOrder
        let sorted = findings.sorted { a, b in
            if a.subject != b.subject { return a.subject.unicodeScalars.lexicographicallyPrecedes(b.subject.unicodeScalars) }
            let ra = order[a.rule] ?? 0, rb = order[b.rule] ?? 0
            if ra != rb { return ra < rb }
            return (a.party ?? "").unicodeScalars.lexicographicallyPrecedes((b.party ?? "").unicodeScalars)
        }
        let lastMonth = String(policy.zone.localize(asOf).localDate.description.prefix(7))
        let ledger = try Ledger.build(penalties, cap: policy.caps.first, context: context, roster: roster, lastMonth: lastMonth)
        return EvaluationResult(findings: sorted, ledger: ledger, casesEvaluated: casesEvaluated)
    }
}
