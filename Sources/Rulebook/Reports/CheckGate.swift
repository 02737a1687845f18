/// What one `check` fails on: its `--fail-on` rules (`CheckRule`), matched against each
/// finding and, for a person's month, against the ledger.
package struct CheckGate: Sendable {
    let rules: [CheckRule]
    /// With `--rejects`: where the rows set aside go, and how many the verdict tolerates
    /// (`--max-rejects`); rows beyond that fail it like any violation, in every format.
    let rejects: (path: String, allowance: RejectAllowance)?

    /// `rules` empty: `CheckRule.defaults`.
    package init(_ rules: [CheckRule] = [], rejects: (path: String, allowance: RejectAllowance)? = nil) {
        self.rules = rules.isEmpty ? CheckRule.defaults : rules
        self.rejects = rejects
    }

    /// Whether the rows set aside are within the allowance, and what to print on standard
    /// error about them (nil when no row was set aside).
    package func rejectVerdict(_ report: EvaluationReport) -> (stands: Bool, message: String?) {
        guard let rejects else { return (true, nil) }
        return EvaluationGate.verdict(report, rejectsPath: rejects.path, allowance: rejects.allowance)
    }

    /// Whether `f` (a finding, or a run record read in place) is a violation `check` reports.
    func counts<F: FindingFields>(_ f: F) -> Bool { rules.contains { $0.matches(f) } }

    /// The findings a `check` run keeps: those it reports (every format reads no others).
    package var retention: FindingRetention {
        // Asked for every finding: answered from a table made once per run.
        let statuses = Finding.Status.allCases
        let table = FindingKind.allCases.map { kind in statuses.map { decides(kind, $0) } }
        return .only({ [self] in counts($0) }, decides: { kind, status in table[kind.ordinal][status.ordinal] })
    }

    /// `counts`' answer for every finding of `kind` and `status`, or nil when a rule must see
    /// more of it (an amount).
    func decides(_ kind: FindingKind, _ status: Finding.Status) -> Bool? {
        var answer: Bool? = false
        for rule in rules {
            switch rule.decides(kind, status) {
            case true?: return true
            case nil: answer = nil
            case false?: break
            }
        }
        return answer
    }

    /// The months of the ledger a `penalties-over=AMOUNT,per-person-month` rule fails, with
    /// the rule and `check`'s line for each, rule by rule in ledger order.
    func ledgerViolations(_ report: EvaluationReport) -> [(rule: CheckRule, line: String)] {
        rules.flatMap { rule in rule.ledgerLines(report).map { (rule, $0) } }
    }
}
