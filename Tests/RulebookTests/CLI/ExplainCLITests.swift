import Foundation
import Testing
@testable import Rulebook

/// `rulebook explain` for fixture cases, against golden files reviewed by hand: they must read
/// well to someone who knows the policy but not the code. In English (`--lang en`), and one in
/// S1's own language, Chinese.
@Suite(.serialized) struct ExplainCLITests {
    static let base = ["--rules", "rules/s1-complaint-handling.yaml", "--cases", "fixtures/s1/cases.csv",
                       "--roster", "fixtures/s1/roster.csv", "--as-of", "2026-11-30T18:00+08:00", "--lang", "en"]

    @Test(arguments: [("2609-01", "explain-2609-01.txt", "text"), ("2609-06", "explain-2609-06.txt", "text"),
                      ("2609-04", "explain-2609-04.json", "json"), ("2609-06", "explain-2609-06.zh.txt", "text")])
    func matchesGolden(caseID: String, file: String, format: String) throws {
        let lang = file.contains(".zh.") ? ["--lang", "zh"] : []
        let r = try runRulebook(["explain", "--case", caseID, "--format", format] + Self.base + lang)
        #expect(r.status == 0, "\(r.stderr)")
        let path = Paths.root + "/fixtures/s1/expected/" + file
        if ProcessInfo.processInfo.environment["RULEBOOK_UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Data(r.stdout.utf8) == golden)
    }

    @Test func explainsTheCalendarAndTheCap() throws {
        let r = try runRulebook(["explain", "--case", "2609-01"] + Self.base)
        // The due instant and why: three working days, lunch breaks skipped.
        #expect(r.stdout.contains("    within 3 working days on calendar cn-office (same time of day):\n"))
        #expect(r.stdout.contains("      2026-09-08 break 12:00–13:30 skipped\n"))
        #expect(r.stdout.contains("    → breached, 8h 30m working time late\n"))
        #expect(r.stdout.contains("the cap held back 70.00 for later months"))
    }

    @Test func explainsAHolidayAndAMakeUpDay() throws {
        // QA told Wed 2026-09-30 16:00, 3 working days: National Day (Oct 1–7) is skipped, and
        // the make-up Saturday Oct 10 is working day 3, so the reply is due Sat 16:00.
        let r = try runRulebook(["explain", "--case", "H-1", "--rules", "rules/s1-complaint-handling.yaml",
                                 "--cases", "fixtures/s1/holiday.csv", "--roster", "fixtures/s1/roster.csv",
                                 "--as-of", "2026-11-30T18:00+08:00", "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("      2026-10-01…2026-10-07 skipped: holiday 国庆节, 7 days\n"))
        #expect(r.stdout.contains("      2026-10-10 (Saturday, make-up working day 国庆节调休): working day 3, counted 6h working time\n"))
        #expect(r.stdout.contains("    → due 2026-10-10T16:00:00+08:00\n"))
    }

    /// The same in Chinese: the calendar's notes, the outcome and its lateness.
    @Test func explainsInChinese() throws {
        let r = try runRulebook(["explain", "--case", "H-1", "--rules", "rules/s1-complaint-handling.yaml",
                                 "--cases", "fixtures/s1/holiday.csv", "--roster", "fixtures/s1/roster.csv",
                                 "--as-of", "2026-11-30T18:00+08:00"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("案件 H-1，fixtures/s1/holiday.csv 第 2 行\n"))
        #expect(r.stdout.contains("      2026-10-01…2026-10-07 跳过：节假日 国庆节，共 7 天\n"), "\(r.stdout)")
        #expect(r.stdout.contains("      2026-10-10（星期六，调休工作日 国庆节调休）：第 3 个工作日，计 6 工作小时\n"))
        #expect(r.stdout.contains("    → 期限 2026-10-10T16:00:00+08:00\n"))
    }

    @Test func unknownCaseExitsTwo() throws {
        let r = try runRulebook(["explain", "--case", "nope"] + Self.base)
        #expect(r.status == 2)
        #expect(r.stderr == "fixtures/s1/cases.csv:1:1: error: no case 'nope' in the export\n")
    }
}

/// With --rejects, explain skips the rows the run set aside and still finds the case after them;
/// without it, the bad row stops explain with its location, like eval.
@Suite(.serialized) struct ExplainBadRowTests {
    static let base = ["--rules", "rules/s1-complaint-handling.yaml", "--cases", "fixtures/s1/bad/mixed.csv",
                       "--roster", "fixtures/s1/roster.csv", "--as-of", "2026-11-30T18:00+08:00", "--lang", "en"]

    @Test func findsTheCaseBehindARejectedRow() throws {
        let rejects = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-explain-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: rejects) }
        // Row 3 (a bad date) and row 5 (an unknown severity) are set aside; 2610-01 is row 6.
        let r = try runRulebook(["explain", "--case", "2610-01", "--rejects", rejects] + Self.base)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Case 2610-01, row 6 of fixtures/s1/bad/mixed.csv\n"))
    }

    @Test func aBadRowStopsExplainWithItsLocation() throws {
        let r = try runRulebook(["explain", "--case", "2610-01"] + Self.base)
        #expect(r.status == 2)
        #expect(r.stderr == "fixtures/s1/bad/mixed.csv:3:9: error: column 接收时间: cannot read '2026-13-01 09:00' as a timestamp\n")
    }
}
