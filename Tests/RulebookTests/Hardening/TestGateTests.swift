import Foundation
import Testing
@testable import Rulebook

/// `rulebook test` is a gate: an unreadable test file, a file that is no test file, or a run
/// in which nothing was checked must not pass (each used to print "0 passed, 0 failed" and
/// exit 0).
@Suite(.serialized) struct TestGateTests {
    @Test func anUnreadableTestFileIsBroken() throws {
        try TemporaryFolder.with(["s1.test.yaml": "suite: x\npolicy: p.yaml\ntests: [\n"], label: "gate") { dir in
            let path = dir + "/s1.test.yaml"
            let r = try runRulebook(["test", path])
            #expect(r.status == 2)
            #expect(r.stderr.hasPrefix("\(path):4:1: error: invalid YAML"), "\(r.stderr)")
            // Found in a folder search too, by its name.
            let inFolder = try runRulebook(["test", dir])
            #expect(inFolder.status == 2)
            #expect(inFolder.stderr.hasPrefix("\(path):4:1: error: invalid YAML"), "\(inFolder.stderr)")
        }
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
