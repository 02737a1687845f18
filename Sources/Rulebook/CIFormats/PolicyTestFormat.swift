/// The output formats of `rulebook test`: the readable list, or a report a CI system reads
/// (see docs/ci.md). The exit code is the same in every format.
package enum PolicyTestFormat: String, CaseIterable, Sendable {
    /// `PASS`/`FAIL` per test with the differences, coverage, and the counts.
    case text
    /// JUnit XML: a test case per policy test, a failure per failed test.
    case junit
    /// SARIF 2.1.0: a result per failed test at its place in the test file.
    case sarif

    /// The report of `session`. `coverage`: list the rules no test names (text only).
    /// Broken files are reported on standard error by the command; the CI formats carry
    /// them too, as errors, so that a report read alone does not look like a pass.
    package func render(_ session: PolicyTestSession, coverage: Bool = true) -> String {
        switch self {
        case .text: return Self.text(session, coverage: coverage)
        case .junit: return JUnitTestReport.render(session)
        case .sarif: return SARIFTestReport.render(session)
        }
    }

    static func text(_ session: PolicyTestSession, coverage: Bool) -> String {
        var out = ""
        for suite in session.suites {
            for r in suite.results {
                if r.passed {
                    out += "PASS  \(r.suite) › \(r.test)\n"
                } else {
                    out += "FAIL  \(r.suite) › \(r.test)  (\(r.location))\n"
                    for f in r.failures { out += "      \(f)\n" }
                }
            }
        }
        if coverage {
            for (policy, c) in session.coverage.sorted(by: { $0.key < $1.key }) {
                let done = c.rules.count - c.missing.count
                out += "coverage: \(policy): \(done) of \(c.rules.count) rules named by a test"
                out += c.missing.isEmpty ? "\n" : "; not named: \(c.missing.joined(separator: ", "))\n"
            }
        }
        out += "\(session.passed) passed, \(session.failed) failed\n"
        return out
    }
}
