import Foundation
import Testing
@testable import Rulebook

/// `rulebook diff`: the impact of an edit on real data, and its exit codes.
@Suite(.serialized) struct DiffCLITests {
    static let data = ["--cases", "fixtures/s1/cases.csv", "--roster", "fixtures/s1/roster.csv", "--as-of", "2026-11-30T18:00+08:00"]

    @Test func relaxingADeadlineShowsTheCasesItChanges() throws {
        // 8.2 general reply: 3 → 4 working days. Worked by hand: 2609-01 is due Fri 09-11
        // 10:00 and replied 11:00 (1 working hour late); 2609-02 is due Mon 09-14 09:30 and
        // replied 09:00 (met, its 30-yuan fine goes); 2611-01 is due Fri 11-27 09:30, overdue by
        // Fri 6.5h + Mon 7.5h = 14 working hours.
        let r = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml",
                                 "--against", "fixtures/diff/s1-four-days.yaml"] + Self.data)
        #expect(r.status == 1)
        let golden = try Data(contentsOf: URL(fileURLWithPath: Paths.root + "/fixtures/diff/s1-four-days.diff.txt"))
        #expect(Data(r.stdout.utf8) == golden)
    }

    @Test func identicalPoliciesExitZero() throws {
        let r = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml",
                                 "--against", "rules/s1-complaint-handling.yaml"] + Self.data)
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("No outcome changes.\n"))
    }

    @Test func jsonNamesEveryChange() throws {
        let r = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml", "--against",
                                 "fixtures/diff/s1-four-days.yaml", "--format", "json"] + Self.data)
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["changed"] as? Bool == true)
        #expect(object?["cases_changed"] as? Int == 3)
        #expect((object?["penalties"] as? [Any])?.count == 1)
        #expect((object?["people"] as? [[String: String]])?.first?["after"] == "120.00")
    }

    @Test func brokenPolicyExitsTwo() throws {
        let r = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml",
                                 "--against", "fixtures/broken/policies/cycle.yaml"] + Self.data)
        #expect(r.status == 2)
        #expect(r.stderr.contains("cycle in the rules"))
    }
}
