/// Everything one evaluation produced, sorted, ready for the report writers.
public struct EvaluationResult: Sendable {
    public var findings: FindingStore
    public var ledger: [LedgerLine]
    public var casesEvaluated: Int
}

extension Evaluator {
    /// Runs the group rules and the ledger, and sorts everything: by case id, then rule in
    /// declaration order, then party, so the output does not depend on input row order.
    public func finish() throws -> EvaluationResult {
        try runGroups()
        bookPenalties()
        try findings.finish()
        let lastMonth = String(policy.zone.localize(asOf).localDate.description.prefix(7))
        let ledger = try Ledger.build(bookedTotals.map { BookedPenalty(person: $0.key.person, month: $0.key.month, amount: $0.value, rule: $0.key.rule) }, cap: policy.caps.first, context: context, roster: roster, lastMonth: lastMonth)
        return EvaluationResult(findings: findings, ledger: ledger, casesEvaluated: casesEvaluated)
    }
}
