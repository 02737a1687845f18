/// A violation `check` reports, as the CI formats carry it: its line, how serious it is, and
/// where it is in the export.
struct Violation {
    /// How serious, in SARIF's words (GitHub: `error`, `warning`, `notice`).
    enum Level: String {
        case error, warning, note

        /// The GitHub workflow command.
        var githubCommand: String { self == .note ? "notice" : rawValue }
    }

    /// The finding; nil for what the gate judges on the whole run: a person's month over a
    /// `penalties-over=…,per-person-month` limit (on the ledger), rows set aside beyond
    /// `--max-rejects`.
    let finding: Finding?
    /// `check`'s line: `case rule clause: message`.
    let message: String
    let level: Level
    /// The line of the export the case's row starts on (1 for rows set aside); nil for a
    /// group's finding (row 0), a person's month, and an export read from standard input.
    let exportLine: Int?

    /// The finding's status, or `over-limit` for a person's month.
    var type: String { finding?.status.rawValue ?? "over-limit" }

    /// Errors: a deadline breached or overdue, a fine or sanction incurred — the policy was
    /// broken. Warnings: an escalation raised (someone must act; nothing was broken yet) and a
    /// ratio that could not be taken (the rules reading it decided nothing). Notes: anything
    /// else a gate selects (no `--fail-on` selects one today). A person's month over its
    /// limit is an error.
    static func level(of f: Finding) -> Level {
        switch f.kind {
        case .escalation, .ratio: return .warning
        case .deadline, .penalty: return f.isViolation ? .error : .note
        }
    }
}

/// What the CI formats of `check` share: the report, the rules it is about, and the gate.
struct CheckSubject {
    let report: EvaluationReport
    let policy: CompiledPolicy
    let gate: CheckGate
    /// The rules listed (`ReportedRule.list`), and each one's place in the list.
    let rules: [ReportedRule]
    let ruleIndex: [String: Int]
    /// The export; nil when it was read from standard input (`--cases -`).
    let export: ArtifactPath?
    let policyFile: ArtifactPath
    /// The language of the violations' messages.
    let language: ReportLanguage

    init(report: EvaluationReport, policy: CompiledPolicy, gate: CheckGate, language: ReportLanguage) {
        self.language = language
        precondition(report.findingStore.renderer == nil, "the CI formats read the findings themselves")
        self.report = report
        self.policy = policy
        self.gate = gate
        rules = ReportedRule.list(policy, seen: report.findingStore.templateRules)
            + ReportedRule.ledgerLimits(gate, policy: policy) + ReportedRule.rejectLimit(gate, policy: policy)
        ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        export = report.inputFile == "-" ? nil : ArtifactPath(report.inputFile)
        policyFile = ArtifactPath(policy.policy.file)
    }

    /// Every violation the gate counts, with its rule's place in `rules`: the findings in report
    /// order (case, rule, party), then the person-months over a limit in ledger order.
    func forEachViolation(_ body: (Violation, Int) throws -> Void) throws {
        try report.forEachFinding { f in
            guard gate.counts(f) else { return }
            let v = Violation(finding: f, message: CheckLine.render(f, language), level: Violation.level(of: f),
                              exportLine: export == nil ? nil : report.rowLines.line(ofRow: f.row))
            // `rules` holds the rule of every template the store used: the lookup cannot fail.
            guard let i = ruleIndex[f.rule] else { preconditionFailure("rule '\(f.rule)' of a finding is not listed") }
            try body(v, i)
        }
        for (rule, line) in gate.ledgerViolations(report) {
            guard let i = ruleIndex[ReportedRule.ledgerLimitID(rule)] else { preconditionFailure("the gate's rule is not listed") }
            try body(Violation(finding: nil, message: line, level: .error, exportLine: nil), i)
        }
        let rejects = gate.rejectVerdict(report)
        if !rejects.stands, let message = rejects.message, let i = ruleIndex[ReportedRule.rejectLimitID] {
            // At the export's first line: the rows are its.
            try body(Violation(finding: nil, message: message.split(separator: "\n").first.map(String.init) ?? message, level: .error,
                               exportLine: export == nil ? nil : 1), i)
        }
    }

    /// `rules/s1.yaml:61:5`, the path as `ArtifactPath` writes it.
    static func locationText(_ l: SourceLocation) -> String {
        "\(ArtifactPath(l.file).path):\(l.line):\(l.column)"
    }
}
