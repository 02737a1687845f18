/// A rule as the CI formats list it — a JUnit test case, a SARIF `reportingDescriptor` —
/// with where the policy declares it.
struct ReportedRule: Equatable {
    var id: String
    /// Nil for a `--fail-on` limit on a person's month (`ledgerLimits`), and for a rule the
    /// graph does not know (see `list`).
    var kind: RuleGraph.Kind?
    var clause: String?
    var title: String?
    /// The rule's `id:` (a deadline's own penalty: its `penalty:` value).
    var location: SourceLocation

    /// The title, else a sentence naming the rule (`penalty for a breach of qa-reply: …`).
    var summary: String
    /// The level of its violations unless one says otherwise: errors for deadlines, penalties
    /// and limits on a person's month, warnings for escalations and any other rule.
    var level: Violation.Level

    /// `§ 8.2`, or nil.
    var clauseText: String? { clause.map { "§ " + $0 } }

    /// The policy's deadlines, penalties (a deadline's own as `id/penalty`) and escalations,
    /// and any other rule with findings (`seen`: a derived value whose ratio could not be
    /// taken), in the policy's graph order: the order of a case's findings.
    static func list(_ policy: CompiledPolicy, seen: Set<String>) -> [ReportedRule] {
        var titles: [String: String] = [:]
        for t in policy.findingTemplates where t.kind != .ratio && titles[t.rule] == nil {
            if let title = t.title { titles[t.rule] = title }
        }
        let on = Dictionary(policy.policy.penalties.compactMap { p in p.on.map { (p.id, $0.value) } }, uniquingKeysWith: { a, _ in a })
        var listed = Set<String>()
        var out: [ReportedRule] = []
        for n in policy.graph.nodes {
            guard [.deadline, .penalty, .escalation].contains(n.kind) || seen.contains(n.id), listed.insert(n.id).inserted else { continue }
            let title = titles[n.id]
            var summary = title ?? "the \(n.kind.rawValue) \(n.id)"
            if title == nil, let deadline = on[n.id] {
                summary = "penalty for a breach of \(deadline)" + (titles[deadline].map { ": " + $0 } ?? "")
            }
            out.append(ReportedRule(id: n.id, kind: n.kind, clause: n.clause, title: title, location: n.location, summary: summary,
                                    level: n.kind == .deadline || n.kind == .penalty ? .error : .warning))
        }
        // Not expected: every finding's rule is a node. Listed at the policy all the same, so
        // that no finding is left without its rule.
        for id in seen.subtracting(listed).sorted() {
            out.append(ReportedRule(id: id, kind: nil, clause: nil, title: nil, location: policy.policy.location, summary: "rule \(id)",
                                    level: .warning))
        }
        return out
    }

    /// The `--fail-on penalties-over=AMOUNT,per-person-month` rules of `gate`, each once: a
    /// rule of the check rather than of the policy, placed at the policy's start.
    static func ledgerLimits(_ gate: CheckGate, policy: CompiledPolicy) -> [ReportedRule] {
        var out: [ReportedRule] = []
        for rule in gate.rules {
            guard case .personMonthOver(let limit) = rule, !out.contains(where: { $0.id == ledgerLimitID(rule) }) else { continue }
            out.append(ReportedRule(id: ledgerLimitID(rule), kind: nil, clause: nil, title: nil, location: policy.policy.location,
                                    summary: "a person's fines booked to one month above \(limit) CNY (--fail-on)", level: .error))
        }
        return out
    }

    /// With `--rejects`, the limit on rows set aside, as a rule of its own: a run over it fails
    /// in the CI report too, not only in the exit code.
    static func rejectLimit(_ gate: CheckGate, policy: CompiledPolicy) -> [ReportedRule] {
        guard let rejects = gate.rejects else { return [] }
        return [ReportedRule(id: rejectLimitID, kind: nil, clause: nil, title: nil, location: policy.policy.location,
                             summary: "rows of the export set aside (--rejects) beyond --max-rejects (\(rejects.allowance.description))",
                             level: .error)]
    }

    static let rejectLimitID = "max-rejects"

    /// `penalties-over=120.00,per-person-month`: the id of a limit on a person's month.
    static func ledgerLimitID(_ rule: CheckRule) -> String {
        guard case .personMonthOver(let limit) = rule else { return "" }
        return "penalties-over=\(limit),per-person-month"
    }
}
