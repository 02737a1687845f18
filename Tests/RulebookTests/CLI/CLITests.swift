import Foundation
import Testing
@testable import Rulebook

/// The command-line tool as scripts and CI use it: exit codes and what goes where.
@Suite(.serialized) struct CLITests {
    @Test func validateShippedRulesExitsZero() throws {
        let r = try runRulebook(["validate", "rules/"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.hasSuffix("files valid (\(try policyCount()) policies, \(try calendarCount()) calendars, \(try testFileCount()) test files, 1 shared rules file)\n"))
        #expect(try FileFinder.yamlFiles(in: ["rules"]).filter { Validator.validate(file: $0).0 == .shared } == ["rules/company/penalty-cap.yaml"])
    }

    func policyCount() throws -> Int {
        try FileFinder.yamlFiles(in: ["rules"]).filter { Validator.validate(file: $0).0 == .policy }.count
    }
    func testFileCount() throws -> Int {
        try FileFinder.yamlFiles(in: ["rules"]).filter { Validator.validate(file: $0).0 == .tests }.count
    }
    func calendarCount() throws -> Int {
        try FileFinder.yamlFiles(in: ["rules"]).filter { Validator.validate(file: $0).0 == .calendar }.count
    }

    @Test func validateBrokenPolicyExitsTwoWithLocatedErrors() throws {
        let r = try runRulebook(["validate", "fixtures/broken/policies/unknown-key.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr == """
            fixtures/broken/policies/unknown-key.yaml:6:1: error: unknown key 'feilds' in the policy (did you mean 'fields'?)
            fixtures/broken/policies/unknown-key.yaml:9:9: error: a deadline needs exactly one of 'within' (a duration) or 'due' (an instant)
            fixtures/broken/policies/unknown-key.yaml:12:5: error: unknown key 'withn' in a deadline (did you mean 'within'?)

            """)
        #expect(r.stdout == "3 errors in 1 file\n")
    }

    @Test func validateQuietPrintsNothingWhenValid() throws {
        let r = try runRulebook(["validate", "--quiet", "rules/s1-complaint-handling.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty && r.stderr.isEmpty)
    }

    @Test func validateMissingPathExitsTwo() throws {
        let r = try runRulebook(["validate", "no/such/place"])
        #expect(r.status == 2)
        #expect(r.stderr == "no/such/place:1:1: error: no such file or folder\n")
    }

    @Test func unknownFileKindIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("x.yaml").path
        try "polcy: x\n".write(toFile: f, atomically: true, encoding: .utf8)
        let r = try runRulebook(["validate", f])
        #expect(r.status == 2)
        #expect(r.stderr == "\(f):1:1: error: not a rulebook file: expected a top-level 'policy', 'calendar', 'shared' or 'tests' key\n")
    }

    @Test func graphDrawsDotWithClauses() throws {
        let r = try runRulebook(["graph", "rules/s1-complaint-handling.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("digraph \"s1-complaint-handling\" {"))
        // S1 is Chinese: the kinds in Chinese, each rule's title under its id.
        #expect(r.stdout.contains("label=\"时限: notify-departments\\n营销部2小时内通知相关部门并登记\\n§ 8.1\", shape=ellipse"))
        #expect(r.stdout.contains("label=\"处罚: qa-records-not-kept\\n品管部未做好登记、记录保存，处罚责任人及部门主管/经理\\n§ 8.3\", shape=octagon"))
        #expect(r.stdout.contains("label=\"字段: received_at\", shape=note"))
        // Deterministic: the same bytes twice.
        #expect(try runRulebook(["graph", "rules/s1-complaint-handling.yaml"]).stdout == r.stdout)
    }

    @Test func graphDrawsMermaid() throws {
        let r = try runRulebook(["graph", "--format", "mermaid", "--lang", "en", "rules/s1-complaint-handling.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("flowchart LR\n"))
        #expect(r.stdout.contains("([\"deadline: qa-reply-general<br/>一般投诉3个工作日内回复<br/>§ 8.2\"])"))
    }

    @Test func graphOfABrokenPolicyExitsTwo() throws {
        let r = try runRulebook(["graph", "fixtures/broken/policies/cycle.yaml"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("fixtures/broken/policies/cycle.yaml:8:3: error: cycle in the rules: a → b → c → a"))
    }

    @Test func usageErrorsExitWithArgumentParsersCode() throws {
        let r = try runRulebook(["validate"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Missing expected argument"))
    }

    @Test func versionPrints() throws {
        let r = try runRulebook(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == Rulebook.version + "\n")
    }
}
