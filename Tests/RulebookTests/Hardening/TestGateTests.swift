import Foundation
import Testing
@testable import Rulebook

/// `rulebook test` is a gate: an unreadable test file, a file that is no test file, or a run
/// in which nothing was checked must not pass (each used to print "0 passed, 0 failed" and
/// exit 0).
@Suite(.serialized) struct TestGateTests {
    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anUnreadableTestFileIsBroken() throws {
        let path = try temporaryFile("s1.test.yaml", "suite: x\npolicy: p.yaml\ntests: [\n")
        let r = try runRulebook(["test", path])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("\(path):4:1: error: invalid YAML"), "\(r.stderr)")
        // Found in a folder search too, by its name.
        let inFolder = try runRulebook(["test", (path as NSString).deletingLastPathComponent])
        #expect(inFolder.status == 2)
    }

    @Test func aPolicyNamedAsATestFileIsAnError() throws {
        let r = try runRulebook(["test", "rules/s1-complaint-handling.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr == "rules/s1-complaint-handling.yaml:1:1: error: not a policy test file: this is a policy file; its tests are files with 'policy:' and 'tests:' keys (see docs/policy-tests.md)\n")
    }

    @Test func aRunThatChecksNothingFails() throws {
        let none = try runRulebook(["test", "rules/", "--run", "no such test"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no test's suite or name contains 'no such test' (--run); nothing was checked"))
        let empty = try runRulebook(["test", "fixtures/s1"])
        #expect(empty.status == 2)
        #expect(empty.stderr == "fixtures/s1:1:1: error: no policy test files here (files with 'policy:' and 'tests:' keys)\n")
    }

    @Test func policiesAndCalendarsInASearchedFolderAreSkipped() throws {
        let (files, problems) = try PolicyTestFiles.select(["rules"])
        #expect(problems.isEmpty)
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.hasSuffix(".test.yaml") })
    }
}
