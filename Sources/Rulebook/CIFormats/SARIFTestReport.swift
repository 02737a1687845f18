/// `test --format sarif`: a result per failed policy test, located where the test is written,
/// its message the failed expectations as the text report lists them and each expectation's
/// place in the test file a related location; and a result per file that could not be read
/// or run, at each of its diagnostics. Two rules: `policy-test` and `broken-test-file`.
/// Passing tests have no result; the run's properties count them.
enum SARIFTestReport {
    static let rules: [JSONTree] = [
        .object([
            ("id", .string("policy-test")),
            ("shortDescription", .text("A policy test's expectations were not met")),
            ("defaultConfiguration", .object([("level", .string("error"))])),
        ]),
        .object([
            ("id", .string("broken-test-file")),
            ("shortDescription", .text("A policy test file, or what it names, could not be read or run")),
            ("defaultConfiguration", .object([("level", .string("error"))])),
        ]),
    ]

    static func render(_ session: PolicyTestSession) -> String {
        let out = ByteOutput.memory()
        let properties = JSONTree.members([
            ("passed", .integer(session.passed)), ("failed", .integer(session.failed)),
            ("brokenFiles", .integer(JUnitTestReport.brokenFiles(session.broken).count)),
        ])
        _ = try! SARIFLog.write(rules: rules, properties: properties, to: out) { emit in
            for suite in session.suites {
                for r in suite.results where !r.passed {
                    let related = r.expectations.enumerated().map { i, e in
                        SARIFLog.location(ArtifactPath(e.location.file), line: e.location.line, column: e.location.column,
                                          message: JUnitTestReport.firstLine(e.message), id: i + 1)
                    }
                    try emit(.object([
                        ("ruleId", .string("policy-test")),
                        ("ruleIndex", .integer(0)),
                        ("level", .string("error")),
                        ("message", .text("\(r.suite) › \(r.test): \(r.expectations.count) expectation\(r.expectations.count == 1 ? "" : "s") not met\n"
                                          + r.failures.joined(separator: "\n"))),
                        ("locations", .array([SARIFLog.location(ArtifactPath(r.location.file), line: r.location.line,
                                                                column: r.location.column, message: "test '\(r.test)'")])),
                        ("relatedLocations", .array(related)),
                        ("properties", .object([("suite", .string(r.suite)), ("test", .string(r.test))])),
                    ]))
                }
            }
            for d in session.broken.sortedForDisplay() {
                try emit(.object([
                    ("ruleId", .string("broken-test-file")),
                    ("ruleIndex", .integer(1)),
                    ("level", .string(d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note")),
                    ("message", .text(d.message)),
                    ("locations", .array([SARIFLog.location(ArtifactPath(d.location.file), line: d.location.line, column: d.location.column)])),
                ]))
            }
        }
        return out.text
    }
}
