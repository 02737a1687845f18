/// `check --format junit`: JUnit XML as GitLab and Jenkins read it. One test suite, the
/// policy; one test case per rule (`ReportedRule.list`: name the rule's id, classname the
/// policy's id, its kind, clause and title as properties, `file` and `line` its declaration);
/// a `<failure>` per violation the gate counts, its message the `check` line. A rule without
/// violations is a passing test case. A `--fail-on …,per-person-month` limit is a test case of
/// its own, failed by each person-month over it.
///
/// Counts: `tests` is the number of rules, `failures` the number of `<failure>` elements —
/// of violations — so it may exceed `tests` (GitLab and Jenkins count failed test cases from
/// the elements themselves).
enum JUnitCheckReport {
    /// Returns the number of violations written. `spoolBudget`: failure text held in memory
    /// before it goes to a temporary file (see `GroupedBytes`).
    static func write(_ s: CheckSubject, to out: ByteOutput, spoolBudget: Int = 8 << 20) throws -> Int {
        // Violations arrive case by case; the report lists them rule by rule.
        let failures = GroupedBytes(groups: s.rules.count, budget: spoolBudget)
        var perRule = [Int](repeating: 0, count: s.rules.count)
        var total = 0
        try s.forEachViolation { v, rule in
            perRule[rule] += 1
            total += 1
            try failures.append(failure(v, rule: s.rules[rule], s), to: rule)
        }
        let r = s.report
        let policyID = XMLText.attribute(r.policyID)
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"rulebook check\" tests=\"\(s.rules.count)\" failures=\"\(total)\" errors=\"0\" time=\"0\">\n")
        out.write("  <testsuite name=\"\(policyID)\" tests=\"\(s.rules.count)\" failures=\"\(total)\" errors=\"0\" skipped=\"0\" time=\"0\" file=\"\(XMLText.attribute(s.policyFile.path))\">\n")
        out.write("    <properties>\n")
        let properties: [(String, String?)] = [
            ("policy", r.policyID), ("title", r.policyTitle), ("version", r.policyVersion),
            ("policy_fingerprint", "sha256:" + r.policyFingerprint), ("input", r.inputFile),
            ("input_fingerprint", "sha256:" + r.inputFingerprint), ("as_of", r.asOf.description),
            ("as_of_source", r.asOfGiven ? "given" : "current time"), ("rows_read", String(r.rowsRead)),
            ("rows_evaluated", String(r.rowsEvaluated)), ("rows_rejected", String(r.rowsRejected)),
            ("groups_incomplete", String(r.incomplete.count)),
        ]
        for case let (name, value?) in properties { out.write(property(name, value, indent: 6)) }
        out.write("    </properties>\n")
        for (i, rule) in s.rules.enumerated() {
            out.write("    <testcase name=\"\(XMLText.attribute(rule.id))\" classname=\"\(policyID)\" file=\"\(XMLText.attribute(ArtifactPath(rule.location.file).path))\" line=\"\(rule.location.line)\" time=\"0\">\n")
            out.write("      <properties>\n")
            let ruleProperties: [(String, String?)] = [("kind", rule.kind?.rawValue), ("clause", rule.clause), ("title", rule.title),
                                                       ("violations", String(perRule[i]))]
            for case let (name, value?) in ruleProperties { out.write(property(name, value, indent: 8)) }
            out.write("      </properties>\n")
            try failures.forEach(group: i) { out.write(bytes: $0) }
            out.write("    </testcase>\n")
        }
        out.write("  </testsuite>\n</testsuites>\n")
        return total
    }

    static func property(_ name: String, _ value: String, indent: Int) -> String {
        String(repeating: " ", count: indent) + "<property name=\"\(XMLText.attribute(name))\" value=\"\(XMLText.attribute(value))\"/>\n"
    }

    /// `<failure type="breached" message="…">` with the line, where the case is in the export,
    /// and where the rule is declared.
    static func failure(_ v: Violation, rule: ReportedRule, _ s: CheckSubject) -> String {
        var body = v.message
        if let f = v.finding {
            if let line = v.exportLine, let export = s.export {
                body += "\n\(export.path):\(line): row \(f.row), case \(f.subject)"
            }
            body += "\n\(CheckSubject.locationText(rule.location)): rule \(rule.id)" + (rule.clauseText.map { " (\($0))" } ?? "")
        }
        return "      <failure type=\"\(XMLText.attribute(v.type))\" message=\"\(XMLText.attribute(v.message))\">\(XMLText.content(body))</failure>\n"
    }
}
