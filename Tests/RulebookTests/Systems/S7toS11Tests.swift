import Foundation
import Testing
@testable import Rulebook

/// The S7–S11 fixtures (fixtures/s7 … fixtures/s11) against figures worked out by hand; see each
/// fixture's EXPECTED.md. The golden reports are compared byte for byte; regenerate with
/// RULEBOOK_UPDATE_GOLDEN=1 after a reviewed change.
enum SystemsB {
    static let asOfText = "2026-11-30T18:00+08:00"

    /// (policy, cases, roster) per system.
    static let systems: [String: (String, String, String?)] = [
        "s7": ("rules/s7-hospital-complaints.yaml", "fixtures/s7/cases.csv", nil),
        "s8": ("rules/s8-retail-bank-club.yaml", "fixtures/s8/cases.csv", nil),
        "s9": ("rules/s9-pharmacy-counts.yaml", "fixtures/s9/cases.csv", "fixtures/s9/roster.csv"),
        "s10": ("rules/s10-property-response.yaml", "fixtures/s10/cases.jsonl", "fixtures/s10/roster.csv"),
        "s11": ("rules/s11-other-deadlines.yaml", "fixtures/s11/cases.csv", "fixtures/s11/roster.csv"),
    ]

    static func report(_ system: String) throws -> EvaluationReport {
        _ = Paths.root
        let (rules, cases, rosterPath) = systems[system]!
        let policy = try PolicyCompiler.compile(path: rules)
        let roster = try rosterPath.map { try RosterReader.load(path: $0) }
        let asOf = TimestampParser.timestamp(Array(asOfText.utf8)[...], zone: policy.zone)
        return try EvaluationRun(casesPath: cases, roster: roster, asOf: asOf).run(policy)
    }

    static func finding(_ r: EvaluationReport, _ subject: String, _ rule: String) throws -> Finding {
        try #require(r.findings.first { $0.subject == subject && $0.rule == rule }, "\(subject) \(rule)")
    }

    static func findings(_ r: EvaluationReport, rule: String) -> [Finding] {
        r.findings.filter { $0.rule == rule }
    }
}

@Suite struct S7toS11GoldenTests {
    static let cases: [String] = ["s7", "s8", "s9", "s10", "s11"].flatMap { ["\($0)/report.json", "\($0)/report.txt"] }

    @Test(arguments: cases)
    func matchesGolden(file: String) throws {
        let system = String(file.split(separator: "/")[0])
        let format: ReportFormat = file.hasSuffix(".json") ? .json : .table
        let text = try format.render(SystemsB.report(system))
        let path = "fixtures/\(system)/expected/\(file.split(separator: "/")[1])"
        if ProcessInfo.processInfo.environment["RULEBOOK_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Data(text.utf8) == golden, "\(path) differs; review and regenerate with RULEBOOK_UPDATE_GOLDEN=1")
    }
}

@Suite struct S7HospitalTests {
    @Test func everyRowIsEvaluated() throws {
        let r = try SystemsB.report("s7")
        #expect(r.rowsRead == 12 && r.rowsEvaluated == 12 && r.rowsRejected == 0)
    }

    @Test func complaintsNotAcceptedCarryTheirReason() throws {
        let r = try SystemsB.report("s7")
        let notAccepted = r.findings.filter { $0.rule == "not-accepted" }
        // H-07 (petitions office) was already explained to the complainant: not flagged.
        #expect(notAccepted.map(\.subject) == ["H2611-06", "H2611-08", "H2611-09", "H2611-10"])
        #expect(notAccepted.allSatisfy { $0.clause == "篇一 7" })
        // H-08 holds both 7(3) and 7(5): the first ground in the source's order is the reason (the note).
        let h08 = try SystemsB.finding(r, "H2611-08", "not-accepted")
        #expect(h08.note == "7(3) 没有明确的投诉对象和具体事实")
        let h06 = try SystemsB.finding(r, "H2611-06", "not-accepted")
        #expect(h06.note?.contains("向人民法院起诉") == true)
    }

    @Test func routingRefusalAndRegistration() throws {
        let r = try SystemsB.report("s7")
        // Billing sent to 综合办 (should be 财务科) and conduct sent nowhere.
        #expect(SystemsB.findings(r, rule: "route-to-department").map(\.subject) == ["H2611-02", "H2611-03"])
        #expect(SystemsB.findings(r, rule: "refusal-is-a-complaint").map(\.subject) == ["H2611-05", "H2611-11"])
        #expect(SystemsB.findings(r, rule: "register-complaint").map(\.subject) == ["H2611-04"])
        #expect(r.findings.count == 9)
    }
}

@Suite struct S8RetailBankClubTests {
    @Test func retailCloseAndMonthlyStatistics() throws {
        let r = try SystemsB.report("s8")
        #expect(r.rowsRead == 15 && r.rowsRejected == 0)
        // Received 10-12 09:00 + 7d = 10-19 09:00; closed 10-20 09:30: 1 day 30 minutes late.
        let close = try SystemsB.finding(r, "R-2610-01", "retail-close")
        #expect(close.status == .breached && close.lateBy == .seconds(86_400 + 1800))
        // Received 11-20 09:00, due 11-27 09:00, open at 11-30 18:00: 3 days 9 hours overdue.
        let open = try SystemsB.finding(r, "R-2611-01", "retail-close")
        #expect(open.status == .overdue && open.lateBy == .seconds(3 * 86_400 + 9 * 3600))
        // October statistics due end of 11-10, filed 11-12 10:00.
        let stats = try SystemsB.finding(r, "retail-monthly: month=2026-10", "retail-monthly-statistics")
        #expect(stats.status == .breached && stats.due?.description == "2026-11-11T00:00:00+08:00")
        #expect(try SystemsB.finding(r, "retail-monthly: month=2026-11", "retail-monthly-statistics").status == .open)
    }

    @Test func bankReplyAndEscalation() throws {
        let r = try SystemsB.report("s8")
        #expect(!r.findings.contains { $0.subject == "B-2611-01" })   // answered on the spot
        let late = try SystemsB.finding(r, "B-2611-03", "bank-reply")
        #expect(late.status == .breached && late.lateBy == .seconds(86_400))
        #expect(try SystemsB.finding(r, "B-2611-02", "bank-reply").status == .met)
        #expect(SystemsB.findings(r, rule: "bank-escalate-head-office").map(\.subject) == ["B-2611-04"])
    }

    @Test func clubDeadlines() throws {
        let r = try SystemsB.report("s8")
        let enquiry = try SystemsB.finding(r, "C-2611-02", "club-enquiry-reply")
        #expect(enquiry.status == .breached && enquiry.lateBy == .seconds(7200))
        // Tue 11-03 10:00 + 3 working days = Fri 11-06 10:00; closed Mon 11-09 10:00:
        // Fri 2h + 4h, Mon 1.5h = 7.5 working hours.
        let close = try SystemsB.finding(r, "C-2611-03", "club-complaint-close")
        #expect(close.due?.description == "2026-11-06T10:00:00+08:00")
        #expect(close.lateBy == .workingSeconds(27_000))
        // Special case: 5 working days, Wed 11-04 10:00 → Wed 11-11 10:00; closed Tue 16:00.
        let special = try SystemsB.finding(r, "C-2611-04", "club-complaint-close")
        #expect(special.status == .met && special.due?.description == "2026-11-11T10:00:00+08:00")
        let overdue = try SystemsB.finding(r, "C-2611-06", "club-complaint-close")
        #expect(overdue.status == .overdue && overdue.lateBy == .workingSeconds(66_600))
        let weekly = try SystemsB.finding(r, "club-weekly: week=2026-W47", "club-weekly-statistics")
        #expect(weekly.status == .breached && weekly.due?.description == "2026-11-24T00:00:00+08:00")
        #expect(try SystemsB.finding(r, "club-weekly: week=2026-W45", "club-weekly-statistics").status == .met)
        #expect(SystemsB.findings(r, rule: "club-records-retention").map(\.subject) == ["C-2611-04"])
    }
}

@Suite struct S9PharmacyCountsTests {
    @Test func graduatedPenaltiesByCountPerPersonAndMonth() throws {
        let r = try SystemsB.report("s9")
        #expect(r.rowsRead == 17 && r.rowsRejected == 0)
        let fines = SystemsB.findings(r, rule: "repeated-complaints")
        // 张药师 3 valid (Nov) → 200; 李药师 4 valid + 1 invalid (Oct) → 300; 王药师 6 (Nov) → 300;
        // 赵药师 2 valid + 1 invalid → nothing.
        #expect(fines.map(\.party) == ["张药师", "李药师", "王药师"])
        #expect(fines.map(\.amount) == [Money(yuan: 200), Money(yuan: 300), Money(yuan: 300)])
        #expect(fines.map(\.month) == ["2026-11", "2026-10", "2026-11"])
        #expect(fines.allSatisfy { $0.sanction == "public-criticism" })
        // As of 11-30 18:00 November is not over: its two fines are provisional, not booked.
        #expect(fines.map(\.status) == [.provisional, .fined, .provisional])
        #expect(r.totalFined == Money(yuan: 300))
        #expect(r.ledger.map(\.person) == ["李药师"])
    }

    @Test func dismissalAboveFiveWithASeriousOne() throws {
        let r = try SystemsB.report("s9")
        let e = SystemsB.findings(r, rule: "dismissal")
        #expect(e.map(\.subject) == ["monthly-complaints: person=王药师 month=2026-11"])
        #expect(e.first?.status == .raised)
    }

    @Test func technicalReplyOnOneWorkingDay() throws {
        let r = try SystemsB.report("s9")
        #expect(try SystemsB.finding(r, "P2611-01", "technical-reply").status == .met)
        // Fri 11-06 16:00 → Mon 11-09 16:00; replied Tue 09:00: 1.5h + 0.5h.
        let late = try SystemsB.finding(r, "P2611-02", "technical-reply")
        #expect(late.due?.description == "2026-11-09T16:00:00+08:00" && late.lateBy == .workingSeconds(7200))
        // Fri 10-09 16:00 → Sat 10-10 16:00, a make-up working day; replied Mon 10-12 09:00.
        let makeup = try SystemsB.finding(r, "P2610-02", "technical-reply")
        #expect(makeup.due?.description == "2026-10-10T16:00:00+08:00" && makeup.lateBy == .workingSeconds(7200))
        let overdue = try SystemsB.finding(r, "P2611-08", "technical-reply")
        #expect(overdue.status == .overdue && overdue.lateBy == .workingSeconds(66_600))
        let open = try SystemsB.finding(r, "P2611-09", "technical-reply")
        #expect(open.status == .open && open.due?.description == "2026-12-01T10:00:00+08:00")
    }
}

@Suite struct S10PropertyResponseTests {
    @Test func minuteLevelChain() throws {
        let r = try SystemsB.report("s10")
        #expect(r.rowsRead == 13 && r.rowsRejected == 0)
        // The fire (W-04): every step on time; the manager told at exactly 3 minutes is met.
        for rule in ["major-to-manager", "emergency-alert", "escalate-to-leader", "leader-written-report",
                     "escalate-to-board", "board-written-report", "verification"] {
            #expect(try SystemsB.finding(r, "W2611-04", rule).status == .met, "\(rule)")
        }
        // The lift entrapment (W-05) received 08:00: every step late but the board call, whose
        // 10 minutes run from the leader's receipt (篇十八 7 接报后: the site head's call at 08:07).
        let late: [(String, Int64)] = [("emergency-alert", 60), ("major-to-manager", 180), ("escalate-to-leader", 120),
                                       ("leader-written-report", 3600),
                                       ("board-written-report", 7200 - 420), ("verification", 3600)]
        for (rule, seconds) in late {
            let f = try SystemsB.finding(r, "W2611-05", rule)
            #expect(f.status == .breached && f.lateBy == .seconds(seconds), "\(rule)")
        }
        #expect(try SystemsB.finding(r, "W2611-05", "leader-written-report").due?.description == "2026-11-17T08:00:00+08:00")
        #expect(try SystemsB.finding(r, "W2611-05", "board-written-report").due?.description == "2026-11-18T08:07:00+08:00")
        let board05 = try SystemsB.finding(r, "W2611-05", "escalate-to-board")
        #expect(board05.status == .met && board05.due?.description == "2026-11-16T08:17:00+08:00")
        // The power cut at 17:55 on the as-of day: manager overdue by 2 minutes, board call not yet due.
        let manager = try SystemsB.finding(r, "W2611-13", "major-to-manager")
        #expect(manager.status == .overdue && manager.lateBy == .seconds(120))
        let board = try SystemsB.finding(r, "W2611-13", "escalate-to-board")
        #expect(board.status == .open && board.due?.description == "2026-11-30T18:09:00+08:00")
    }

    @Test func ordinaryChainAndCollectiveComplaints() throws {
        let r = try SystemsB.report("s10")
        let w2: [(String, Int64)] = [("staff-to-front-desk", 7200), ("front-desk-dispatch", 3600),
                                     ("department-cannot-finish", 3600), ("department-feedback", 5400)]
        for (rule, seconds) in w2 {
            #expect(try SystemsB.finding(r, "W2611-02", rule).lateBy == .seconds(seconds), "\(rule)")
        }
        // Finished Fri 11-06 15:00 + 2 working days = Tue 11-10 15:00; revisited Wed 09:00.
        let revisit = try SystemsB.finding(r, "W2611-02", "revisit")
        #expect(revisit.due?.description == "2026-11-10T15:00:00+08:00" && revisit.lateBy == .workingSeconds(10_800))
        // 5 households: major; 2 households: the ordinary chain.
        #expect(try SystemsB.finding(r, "W2611-06", "major-to-manager").status == .met)
        #expect(!r.findings.contains { $0.subject == "W2611-07" && $0.rule == "major-to-manager" })
        #expect(try SystemsB.finding(r, "W2611-07", "staff-to-front-desk").status == .met)
    }

    @Test func sanctionsAndUndecidedBreaches() throws {
        let r = try SystemsB.report("s10")
        let s = r.findings.filter { $0.kind == .penalty }
        #expect(s.map(\.sanction) == ["demerit", "major-demerit", "written-warning", "demotion", "dismissal"])
        #expect(s.map(\.party) == ["小吴", "老何", "小周", "小郑", "小吴"])
        #expect(s.allSatisfy { $0.amount == nil })
        #expect(SystemsB.findings(r, rule: "breach-needs-sanction-decision").map(\.subject) == ["W2611-03", "W2611-11", "W2611-13"])
    }
}

@Suite struct S11OtherDeadlinesTests {
    @Test func mallConcession() throws {
        let r = try SystemsB.report("s11")
        #expect(r.rowsRead == 17 && r.rowsRejected == 0)
        // Same-day reply: forwarded 11-11 15:00, due end of that day, replied 11-12 10:00.
        let reply = try SystemsB.finding(r, "M-02", "tenant-same-day-reply")
        #expect(reply.status == .breached && reply.due?.description == "2026-11-12T00:00:00+08:00")
        // Deposit deduction: the compensation paid, at most the deposit.
        #expect(try SystemsB.finding(r, "M-02", "deposit-deduction").amount == Money(yuan: 500))
        #expect(try SystemsB.finding(r, "M-03", "deposit-deduction").amount == Money(yuan: 300))
        // 0.5% per started day: 12,345.67 × 0.5% × 3 = 185.18505 → 185.19.
        let fee = try SystemsB.finding(r, "M-01", "late-payment-fee")
        #expect(fee.amount == Money(minorUnits: 18_519) && fee.party == "甲品牌")
        // 30 minutes late is one started day: 1,000.00 × 0.5% × 1 = 5.00.
        #expect(try SystemsB.finding(r, "M-05", "late-payment-fee").amount == Money(yuan: 5))
        #expect(SystemsB.findings(r, rule: "late-payment-fee").count == 2)   // M-03 unpaid: not yet assessed
        #expect(SystemsB.findings(r, rule: "no-renewal").map(\.subject) == ["tenant-contract-complaints: tenant=甲品牌 contract=HT-2026-01"])
        #expect(SystemsB.findings(r, rule: "seize-goods").map(\.subject) == ["M-03"])
        #expect(r.totalFined == Money(minorUnits: 99_019))
    }

    @Test func dealerSalesServiceAndOpinion() throws {
        let r = try SystemsB.report("s11")
        // Thu 11-05 15:00 + 1 working day = Fri 15:00; solution Mon 09:00: 2.5h + 0.5h.
        let d2 = try SystemsB.finding(r, "D-02", "dealer-solution")
        #expect(d2.lateBy == .workingSeconds(10_800))
        let p = SystemsB.findings(r, rule: "dealer-solution/penalty")
        #expect(p.map(\.subject) == ["D-02", "D-04"] && p.allSatisfy { $0.sanction == "责任处罚" && $0.party == "小马" })
        #expect(SystemsB.findings(r, rule: "dealer-emergency-meeting").map(\.subject) == ["D-03"])
        #expect(try SystemsB.finding(r, "S-02", "sales-service-answer").lateBy == .seconds(86_400))
        #expect(try SystemsB.finding(r, "O-02", "golden-four-hours").lateBy == .seconds(3600))
        let warning = SystemsB.findings(r, rule: "not-passed-on-warning")
        #expect(warning.map(\.party) == ["小林"] && warning.first?.sanction == "warning")
    }
}
