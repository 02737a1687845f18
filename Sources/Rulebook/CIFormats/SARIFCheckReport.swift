/// `check --format sarif`: a SARIF 2.1.0 log for GitHub code scanning. The driver's rules
/// are the policy's (`ReportedRule.list`): id, the title as short description, the clause in
/// `properties.clause` and the full description, a default level by kind. One result per
/// violation the gate counts, in report order, its message the `check` line and its level
/// `Violation.level`. A case's result is located at the line its row starts on in the export,
/// with the rule's declaration in the policy as a related location; a group's result (it has
/// no row), or any result of an export read from standard input, at the rule's declaration.
enum SARIFCheckReport {
    /// Returns the number of violations written.
    static func write(_ s: CheckSubject, to out: ByteOutput) throws -> Int {
        let r = s.report
        let properties = JSONTree.members([
            ("policy", .string(r.policyID)), ("title", r.policyTitle.map(JSONTree.string)),
            ("version", r.policyVersion.map(JSONTree.string)), ("policyFingerprint", .string("sha256:" + r.policyFingerprint)),
            ("input", .string(r.inputFile)), ("inputFingerprint", .string("sha256:" + r.inputFingerprint)),
            ("asOf", .string(r.asOf.description)), ("asOfSource", .string(r.asOfGiven ? "given" : "current time")),
            ("rowsRead", .integer(r.rowsRead)), ("rowsEvaluated", .integer(r.rowsEvaluated)),
            ("rowsRejected", .integer(r.rowsRejected)), ("groupsIncomplete", .integer(r.incomplete.count)),
        ])
        return try SARIFLog.write(rules: s.rules.map { descriptor($0, policy: r.policyID) }, properties: properties, to: out) { emit in
            try s.forEachViolation { v, rule in try emit(result(v, rule: rule, s)) }
        }
    }

    static func descriptor(_ rule: ReportedRule, policy: String) -> JSONTree {
        .members([
            ("id", .string(rule.id)),
            ("shortDescription", .text(rule.summary)),
            ("fullDescription", rule.clauseText.map { .text("\($0): \(rule.summary)") }),
            ("defaultConfiguration", .object([("level", .string(rule.level.rawValue))])),
            ("properties", .members([
                ("kind", rule.kind.map { .string($0.rawValue) }), ("clause", rule.clause.map(JSONTree.string)),
                ("title", rule.title.map(JSONTree.string)), ("policy", .string(policy)),
                ("declared", .string(CheckSubject.locationText(rule.location))),
            ])),
        ])
    }

    static func result(_ v: Violation, rule i: Int, _ s: CheckSubject) -> JSONTree {
        let rule = s.rules[i]
        let declared = ArtifactPath(rule.location.file)
        let ruleText = rule.kind == nil && v.finding == nil ? "the policy" : "rule \(rule.id)" + (rule.clauseText.map { " (\($0))" } ?? "")
        var locations: [JSONTree] = []
        var related: [JSONTree] = []
        if let line = v.exportLine, let export = s.export {
            locations.append(SARIFLog.location(export, line: line, message: v.finding.map { "row \($0.row), case \($0.subject)" } ?? "the export"))
            related.append(SARIFLog.location(declared, line: rule.location.line, column: rule.location.column, message: ruleText, id: 1))
        } else {
            locations.append(SARIFLog.location(declared, line: rule.location.line, column: rule.location.column, message: ruleText))
        }
        var properties: JSONTree = .object([("kind", .string(rule.id == ReportedRule.rejectLimitID ? "rejects" : "ledger")), ("status", .string(v.type))])
        if let f = v.finding {
            properties = .members([
                ("case", .string(f.subject)), ("row", f.row > 0 ? .integer(f.row) : nil),
                ("kind", .string(f.kind.rawValue)), ("status", .string(f.status.rawValue)),
                ("party", f.party.map(JSONTree.string)), ("amount", f.amount.map { .string($0.description) }),
                ("month", f.month.map(JSONTree.string)), ("due", f.due.map { .string($0.description) }),
                ("lateBy", f.lateBy.map { .string($0.description) }), ("rowsLost", f.rowsLost.map(JSONTree.integer)),
            ])
        }
        return .members([
            ("ruleId", .string(rule.id)),
            ("ruleIndex", .integer(i)),
            ("level", .string(v.level.rawValue)),
            ("message", .text(v.message)),
            ("locations", .array(locations)),
            ("relatedLocations", related.isEmpty ? nil : .array(related)),
            ("properties", properties),
        ])
    }
}
