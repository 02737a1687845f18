import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Rulebook

/// `test --format junit|sarif`: a test case per policy test, a failure per failed test with
/// its expectations, broken files as errors; SARIF results at the test's line.
@Suite struct PolicyTestFormatTests {
    static let failing = "fixtures/policy-tests/failing.test.yaml"

    /// The tests of a test file, counted from its text: one `- name:` each.
    static func testCount(_ file: String) throws -> Int {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("  - name: ") }.count
    }

    @Test func junitCountsTestsAndFailures() throws {
        _ = Paths.root
        let session = try PolicyTestSession.run([Self.failing])
        // The fixture passes one test and fails two on purpose (see its expectations).
        #expect(session.passed == 1 && session.failed == 2 && session.broken.isEmpty)
        let doc = try CIRead.xml(PolicyTestFormat.junit.render(session))
        let suite = try #require(try CIRead.elements(doc, "/testsuites/testsuite").first)
        #expect(try Self.testCount(Self.failing) == 3)
        #expect(CIRead.int(suite, "tests") == 3 && CIRead.int(suite, "failures") == 2 && CIRead.int(suite, "errors") == 0)
        #expect(CIRead.string(suite, "name") == "failing on purpose" && CIRead.string(suite, "file") == Self.failing)
        let cases = try CIRead.elements(doc, "//testcase")
        #expect(cases.compactMap { CIRead.string($0, "name") } == ["passes", "wrong status and amount", "wrong count and a finding that should be absent"])
        #expect(try cases.map { try CIRead.elements($0, "failure").count } == [0, 1, 1])
        // Where each test is written.
        for c in cases {
            let name = try #require(CIRead.string(c, "name"))
            let line = try FixtureText.line(startingWith: "  - name: \(name)", in: Self.failing)
            #expect(CIRead.int(c, "line") == line)
        }
        // The failure names the first failed expectation and holds them all.
        let failure = try #require(try CIRead.elements(cases[1], "failure").first)
        let expectation = try FixtureText.position(of: "{ case: 2609-01, rule: qa-reply-general, status: met }", in: Self.failing)
        #expect(CIRead.string(failure, "message") == "\(Self.failing):\(expectation.line):\(expectation.column): expected a finding { case: 2609-01, rule: qa-reply-general, status: met } (and 2 more)")
        let result = try #require(session.suites.first?.results[1])
        #expect(failure.stringValue == result.failures.joined(separator: "\n"))
        #expect(result.failures.count == 3)
    }

    @Test func junitReportsABrokenFileAsAnError() throws {
        _ = Paths.root
        let session = try PolicyTestSession.run(["fixtures/policy-tests/broken.test.yaml", Self.failing])
        #expect(session.broken.count == 3)
        let doc = try CIRead.xml(PolicyTestFormat.junit.render(session))
        let root = try #require(doc.rootElement())
        #expect(CIRead.int(root, "tests") == 4 && CIRead.int(root, "failures") == 2 && CIRead.int(root, "errors") == 1)
        let error = try #require(try CIRead.elements(doc, "//testcase/error").first)
        #expect(error.stringValue == session.broken.sortedForDisplay().map(\.description).joined(separator: "\n"))
    }

    @Test func sarifPlacesAFailedTestAtItsLineAndItsExpectations() throws {
        _ = Paths.root
        let session = try PolicyTestSession.run([Self.failing])
        let log = try CIRead.json(PolicyTestFormat.sarif.render(session))
        #expect(try CIRead.rules(log).compactMap { $0["id"] as? String } == ["policy-test", "broken-test-file"])
        let results = try CIRead.results(log)
        #expect(results.count == session.failed)
        let first = results[0]
        let at = try CIRead.place(try #require((first["locations"] as? [[String: Any]])?.first))
        let line = try FixtureText.line(startingWith: "  - name: wrong status and amount", in: Self.failing)
        #expect(at.uri == Self.failing && at.line == line && at.column == 5)
        let related = try (first["relatedLocations"] as? [[String: Any]] ?? []).map(CIRead.place)
        let expectation = try FixtureText.position(of: "{ case: 2609-01, rule: qa-reply-general, status: met }", in: Self.failing)
        #expect(related.count == 3)
        #expect(related.first.map { $0.line == expectation.line && $0.column == expectation.column } == true)
        #expect(((first["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("failing on purpose › wrong status and amount: 3 expectations not met\n") == true)
    }

    @Test func theShippedTestsGiveALogWithoutResults() throws {
        _ = Paths.root
        let session = try PolicyTestSession.run(["rules/"])
        #expect(session.failed == 0 && session.broken.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: "rules/tests").filter { $0.hasSuffix(".test.yaml") }
        let written = try files.reduce(0) { $0 + (try Self.testCount("rules/tests/" + $1)) }
        #expect(session.passed == written)
        let log = try CIRead.json(PolicyTestFormat.sarif.render(session))
        #expect(try CIRead.results(log).isEmpty)
        let doc = try CIRead.xml(PolicyTestFormat.junit.render(session))
        #expect(CIRead.int(try #require(doc.rootElement()), "tests") == session.passed)
        #expect(try CIRead.elements(doc, "//testcase").count == session.passed)
        #expect(PolicyTestFormat.junit.render(session) == PolicyTestFormat.junit.render(try PolicyTestSession.run(["rules/"])))
    }
}
