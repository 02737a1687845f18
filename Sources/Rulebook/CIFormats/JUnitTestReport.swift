/// `test --format junit`: a test suite per test file (name the suite's, `file` the file); a
/// test case per policy test that ran (classname the suite, `file` and `line` where the test
/// is written); a failed test has one `<failure>` whose message is its first failed
/// expectation and whose text lists them all, as the text report does. A file that could not
/// be read or run is a test suite of one test case with an `<error>` holding its diagnostics.
/// `failures` counts failed tests, `errors` broken files.
enum JUnitTestReport {
    static func render(_ session: PolicyTestSession) -> String {
        let broken = brokenFiles(session.broken)
        let tests = session.passed + session.failed + broken.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"rulebook test\" tests=\"\(tests)\" failures=\"\(session.failed)\" errors=\"\(broken.count)\" time=\"0\">\n"
        for suite in session.suites {
            let failed = suite.results.filter { !$0.passed }.count
            let name = XMLText.attribute(suite.suite)
            out += "  <testsuite name=\"\(name)\" tests=\"\(suite.results.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\" time=\"0\" file=\"\(XMLText.attribute(ArtifactPath(suite.file).path))\">\n"
            for r in suite.results {
                let open = "    <testcase name=\"\(XMLText.attribute(r.test))\" classname=\"\(name)\" file=\"\(XMLText.attribute(ArtifactPath(r.location.file).path))\" line=\"\(r.location.line)\" time=\"0\""
                guard let first = r.expectations.first else {
                    out += open + "/>\n"
                    continue
                }
                let more = r.expectations.count - 1
                let message = Self.firstLine(first.description) + (more > 0 ? " (and \(more) more)" : "")
                out += open + ">\n"
                out += "      <failure type=\"expectation\" message=\"\(XMLText.attribute(message))\">"
                out += XMLText.content(r.failures.joined(separator: "\n")) + "</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        for (file, diagnostics) in broken {
            let name = XMLText.attribute(ArtifactPath(file).path)
            out += "  <testsuite name=\"\(name)\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\" file=\"\(name)\">\n"
            out += "    <testcase name=\"cannot run\" classname=\"\(name)\" file=\"\(name)\" line=\"\(diagnostics[0].location.line)\" time=\"0\">\n"
            out += "      <error type=\"broken\" message=\"\(XMLText.attribute(diagnostics[0].description))\">"
            out += XMLText.content(diagnostics.map(\.description).joined(separator: "\n")) + "</error>\n"
            out += "    </testcase>\n  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// The diagnostics of a broken run by the file they are in, files in order of their path.
    static func brokenFiles(_ diagnostics: [Diagnostic]) -> [(file: String, diagnostics: [Diagnostic])] {
        var byFile: [String: [Diagnostic]] = [:]
        for d in diagnostics.sortedForDisplay() { byFile[d.location.file, default: []].append(d) }
        return byFile.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func firstLine(_ s: String) -> String { String(s.prefix { $0 != "\n" && $0 != "\r" }) }
}
