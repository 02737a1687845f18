import Foundation
import Testing
@testable import Rulebook

/// `--format` on the command line: the exit codes stay `check`'s and `test`'s, and the output
/// does not depend on threads or on findings spilling to disk.
@Suite(.serialized) struct CIFormatCLITests {
    static let s1 = EvalCLITests.base + ["--cases", "fixtures/s1/cases.csv"]

    @Test(arguments: ["junit", "sarif", "github"])
    func checkExitsOneOnViolationsAndZeroWhenCompliant(_ format: String) throws {
        let r = try runRulebook(["check", "--format", format] + Self.s1)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(!r.stdout.isEmpty && r.stderr.isEmpty)
        let compliant = try runRulebook(["check", "--format", format, "--cases", "fixtures/s1/bad/compliant.csv"] + EvalCLITests.base)
        #expect(compliant.status == 0, "\(compliant.stderr)")
        // The CI formats say "nothing failed"; the annotations say nothing.
        #expect(compliant.stdout.isEmpty == (format == "github"))
    }

    @Test(arguments: ["junit", "sarif", "github"])
    func checkExitsTwoOnBadInputAndWritesNothing(_ format: String) throws {
        let r = try runRulebook(["check", "--format", format, "--rules", "fixtures/broken/policies/cycle.yaml", "--cases", "fixtures/s1/cases.csv"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("cycle in the rules"))
    }

    @Test(arguments: ["junit", "sarif", "github", "text"])
    func checkIsTheSameBytesOnOneThreadOrTwoAndWhenFindingsSpill(_ format: String) throws {
        let base = try runRulebook(["check", "--format", format] + Self.s1, environment: ["RULEBOOK_THREADS": "2"])
        #expect(base.status == 1)
        for env in [["RULEBOOK_THREADS": "1"], ["RULEBOOK_THREADS": "2", "RULEBOOK_FINDING_RUN_SIZE": "3"]] {
            let other = try runRulebook(["check", "--format", format] + Self.s1, environment: env)
            #expect(other.stdout == base.stdout, "\(format) \(env)")
        }
    }

    @Test func linesIsText() throws {
        let text = try runRulebook(["check"] + Self.s1)
        let lines = try runRulebook(["check", "--format", "lines"] + Self.s1)
        #expect(lines.status == 1 && lines.stdout == text.stdout && text.stdout.split(separator: "\n").count == 24)
        let bad = try runRulebook(["check", "--format", "xml"] + Self.s1)
        #expect(bad.status == 64)
    }

    @Test func checkWithFailOnKeepsTheCountsOfTheGate() throws {
        let r = try runRulebook(["check", "--format", "junit", "--fail-on", "overdue"] + Self.s1)
        #expect(r.status == 1)
        #expect(r.stdout.contains("<testsuites name=\"rulebook check\" tests=\"24\" failures=\"2\" errors=\"0\" time=\"0\">"))
    }

    @Test func anExportOnStandardInputIsPlacedAtTheRules() throws {
        let text = try String(contentsOfFile: "fixtures/s1/cases.csv", encoding: .utf8)
        let r = try runRulebook(["check", "--format", "github", "--cases", "-"] + EvalCLITests.base, stdin: text)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { $0.contains(" file=rules/s1-complaint-handling.yaml,line=") && $0.contains(",col=") })
    }

    @Test func testFormatsKeepTheExitCodes() throws {
        let pass = try runRulebook(["test", "rules/", "--format", "junit"])
        #expect(pass.status == 0 && pass.stdout.hasPrefix("<?xml"))
        let fail = try runRulebook(["test", "fixtures/policy-tests/failing.test.yaml", "--format", "sarif"])
        #expect(fail.status == 1 && fail.stdout.hasPrefix("{\n  \"$schema\""))
        let broken = try runRulebook(["test", "fixtures/policy-tests/broken.test.yaml", "--format", "junit"])
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("errors=\"1\""))
        #expect(broken.stderr.contains("broken.test.yaml:9:28: error: unknown key 'rul'"))
    }
}
