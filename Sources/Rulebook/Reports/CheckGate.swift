/// What one `check` fails on: its `--fail-on` rules (`CheckRule`), matched against each
/// finding and, for a person's month, against the ledger.
public struct CheckGate: Sendable {
    public let rules: [CheckRule]

    /// `rules` empty: `CheckRule.defaults`.
    public init(_ rules: [CheckRule] = []) { self.rules = rules.isEmpty ? CheckRule.defaults : rules }

    /// Whether `f` is a violation `check` reports.
    public func counts(_ f: Finding) -> Bool { rules.contains { $0.matches(f) } }

    /// The months of the ledger a `penalties-over=AMOUNT,per-person-month` rule fails, with
    /// the rule and `check`'s line for each, rule by rule in ledger order.
    public func ledgerViolations(_ report: EvaluationReport) -> [(rule: CheckRule, line: String)] {
        rules.flatMap { rule in rule.ledgerLines(report).map { (rule, $0) } }
    }
}
