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
        // Fri 6.5h + Mon 7.5h = 14 working hours; 2611-03's first round is due Fri 11-27 14:00 and
        // replied 09:30 (met, its fine goes; its second round is unchanged, met).
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
        #expect(object?["cases_changed"] as? Int == 4)
        #expect((object?["penalties"] as? [Any])?.count == 2)
        #expect((object?["people"] as? [[String: String]])?.first?["after"] == "120.00")
    }

    @Test func brokenPolicyExitsTwo() throws {
        let r = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml",
                                 "--against", "fixtures/broken/policies/cycle.yaml"] + Self.data)
        #expect(r.status == 2)
        #expect(r.stderr.contains("cycle in the rules"))
    }
}

/// The two versions of S2's closure deadline (13/17 days and 15/20 days) on the S2 fixture.
@Suite(.serialized) struct S2VersionDiffTests {
    @Test func closureDeadlineVersionsDiffer() throws {
        let r = try runRulebook(["diff", "--rules", "rules/s2-case-management.yaml", "--against", "rules/s2-case-management-v2.yaml",
                                 "--cases", "fixtures/s2/cases.csv", "--roster", "fixtures/s2/roster.csv",
                                 "--as-of", "2026-11-30T18:00+08:00"])
        #expect(r.status == 1)
        // Worked by hand (fixtures/s2/EXPECTED.md): 2609-02, foreign, accepted 09-02 10:00 and
        // closed 09-21 10:00, is 2 days late under 17 days (due 09-19) and on time under 20
        // (due 09-22), so its inquiry (洽办单) goes too; 2609-03, domestic, accepted 09-14 09:00
        // and closed 09-30 16:00, stays late: 3d 7h under 13 days, 1d 7h under 15.
        #expect(r.stdout.contains("  2609-02 close-case: breached (due 2026-09-19T10:00:00+08:00, 2d late) → met (due 2026-09-22T10:00:00+08:00)\n"))
        #expect(r.stdout.contains("  2609-02 late-closure-inquiry: raised → none\n"))
        #expect(r.stdout.contains("  2609-03 close-case: breached (due 2026-09-27T09:00:00+08:00, 3d 7h late) → breached (due 2026-09-29T09:00:00+08:00, 1d 7h late)\n"))
        #expect(r.stdout.contains("  changed derived value closure_limit\n    if region == \"foreign\" then 17d else 13d → if region == \"foreign\" then 20d else 15d\n"))
        let golden = try Data(contentsOf: URL(fileURLWithPath: Paths.root + "/fixtures/diff/s2-v1-v2.diff.txt"))
        #expect(Data(r.stdout.utf8) == golden)
    }
}

/// diff reads exports as eval does: a GB18030 file with --encoding.
@Suite(.serialized) struct DiffInputTests {
    @Test func gb18030ExportWithEncoding() throws {
        let r = try runRulebook(["diff", "--rules", "rules/s1-complaint-handling.yaml", "--against", "fixtures/diff/s1-four-days.yaml",
                                 "--cases", "fixtures/s1/cases-gb18030.csv", "--encoding", "gb18030",
                                 "--roster", "fixtures/s1/roster.csv", "--as-of", "2026-11-30T18:00+08:00"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("4 cases change: 4 outcomes, 0 penalties added, 2 removed, 0 changed"))
    }
}
