import Foundation
import Testing
@testable import Rulebook

/// The S2–S6 fixtures (fixtures/s2 … fixtures/s6) against figures worked out by hand in each
/// fixture's EXPECTED.md, and their golden reports byte for byte. Regenerate the golden files
/// with RULEBOOK_UPDATE_GOLDEN=1 after a reviewed change.
enum SystemFixture {
    static let asOfText = "2026-11-30T18:00+08:00"

    static func report(_ policyFile: String, _ dir: String, roster: Bool = false, cases: String = "cases.csv",
                       collectRejects: Bool = false) throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/\(policyFile)")
        let people = roster ? try RosterReader.load(path: "fixtures/\(dir)/roster.csv") : nil
        let asOf = TimestampParser.timestamp(Array(asOfText.utf8)[...], zone: policy.zone)
        return try EvaluationRun(casesPath: "fixtures/\(dir)/\(cases)", roster: people, asOf: asOf,
                                 collectRejects: collectRejects).run(policy)
    }

    static func finding(_ r: EvaluationReport, _ subject: String, _ rule: String) throws -> Finding {
        try #require(r.findings.first { $0.subject == subject && $0.rule == rule }, "\(subject) \(rule)")
    }

    static func findings(_ r: EvaluationReport, _ rule: String) -> [Finding] {
        r.findings.filter { $0.rule == rule }
    }

    static func golden(_ report: EvaluationReport, _ format: ReportFormat, _ path: String) throws -> (Data, Data) {
        let text = try format.render(report)
        if ProcessInfo.processInfo.environment["RULEBOOK_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        // Bytes, not Strings.
        return (Data(text.utf8), try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func due(_ f: Finding) -> String? { f.due?.description }
    static func yuan(_ s: String) -> Money { Money(parsing: s)! }
}

private typealias F = SystemFixture

@Suite struct S2toS6GoldenTests {
    static let cases: [(policy: String, dir: String, roster: Bool, golden: String)] = [
        ("s2-case-management.yaml", "s2", true, "report"),
        ("s2-case-management-v2.yaml", "s2", true, "report-v2"),
        ("s3-service-dispatch.yaml", "s3", false, "report"),
        ("s4-quality-feedback.yaml", "s4", false, "report"),
        ("s5-production-anomalies.yaml", "s5", false, "report"),
        ("s6-complaint-validity.yaml", "s6", false, "report"),
    ]

    @Test(arguments: cases.indices)
    func matchesGolden(index: Int) throws {
        let c = Self.cases[index]
        let report = try F.report(c.policy, c.dir, roster: c.roster)
        for (format, ext) in [(ReportFormat.table, "txt"), (.json, "json")] {
            let path = "fixtures/\(c.dir)/expected/\(c.golden).\(ext)"
            let (actual, golden) = try F.golden(report, format, path)
            #expect(actual == golden, "\(path) differs; review and regenerate with RULEBOOK_UPDATE_GOLDEN=1")
        }
    }

    /// S2's ledger (the 50% cap with carry-forward) as the payroll export, with its byte order mark.
    @Test func s2LedgerCSV() throws {
        let report = try F.report("s2-case-management.yaml", "s2", roster: true)
        let (actual, golden) = try F.golden(report, .ledgerCSV, "fixtures/s2/expected/report.ledger.csv")
        #expect(actual == golden, "fixtures/s2/expected/report.ledger.csv differs")
        #expect(golden.starts(with: [0xEF, 0xBB, 0xBF]))
    }
}

// MARK: - S2

@Suite struct S2CaseManagementTests {
    static func v1() throws -> EvaluationReport { try F.report("s2-case-management.yaml", "s2", roster: true) }
    static func v2() throws -> EvaluationReport { try F.report("s2-case-management-v2.yaml", "s2", roster: true) }

    @Test func everyRowIsEvaluated() throws {
        let r = try Self.v1()
        #expect(r.rowsRead == 11 && r.rowsEvaluated == 11 && r.rowsRejected == 0)
    }

    @Test func closureDeadlineDiffersBetweenTheVersions() throws {
        let (a, b) = (try Self.v1(), try Self.v2())
        // 2609-02, foreign, accepted 09-02 10:00, closed 09-21 10:00 (19 days).
        let late = try F.finding(a, "2609-02", "close-case")
        #expect(late.status == .breached)
        #expect(F.due(late) == "2026-09-19T10:00:00+08:00")
        #expect(late.lateBy == .seconds(2 * 86_400))
        let inTime = try F.finding(b, "2609-02", "close-case")
        #expect(inTime.status == .met)
        #expect(F.due(inTime) == "2026-09-22T10:00:00+08:00")
        #expect(a.findings.contains { $0.subject == "2609-02" && $0.rule == "late-closure-inquiry" })
        #expect(!b.findings.contains { $0.subject == "2609-02" && $0.rule == "late-closure-inquiry" })
        // Domestic: 13 vs 15 days.
        #expect(F.due(try F.finding(a, "2609-03", "close-case")) == "2026-09-27T09:00:00+08:00")
        #expect(try F.finding(a, "2609-03", "close-case").lateBy == .seconds(3 * 86_400 + 7 * 3600))
        #expect(try F.finding(b, "2609-03", "close-case").lateBy == .seconds(86_400 + 7 * 3600))
        #expect(try F.finding(a, "2611-02", "close-case").lateBy == .seconds(2 * 86_400 + 3600))
        #expect(try F.finding(b, "2611-02", "close-case").lateBy == .seconds(3600))
        #expect(try F.finding(a, "2610-05", "close-case").status == .overdue)
        #expect(try F.finding(b, "2610-05", "close-case").lateBy == .seconds(18 * 86_400 + 9 * 3600))
        // Only the closure deadline differs: the same penalties and ledger.
        #expect(a.totalFined == b.totalFined && a.ledger.map(\.deducted) == b.ledger.map(\.deducted))
    }

    @Test func malformedCaseNumbersAreRejectedAsBadInput() throws {
        // Without --rejects the run stops at the first bad number.
        #expect(throws: DiagnosticError.self) {
            _ = try F.report("s2-case-management.yaml", "s2", roster: true, cases: "bad-case-number.csv")
        }
        do {
            _ = try F.report("s2-case-management.yaml", "s2", roster: true, cases: "bad-case-number.csv")
        } catch let e as DiagnosticError {
            let text = e.diagnostics.map(\.description).joined()
            #expect(text.contains("2613-01") && text.contains("客诉编号"), "\(text)")
        }
        let r = try F.report("s2-case-management.yaml", "s2", roster: true, cases: "bad-case-number.csv", collectRejects: true)
        #expect(r.rowsRead == 3 && r.rowsEvaluated == 1 && r.rowsRejected == 2)
        #expect(r.rejections.map(\.row) == [2, 4])
        #expect(r.rejections.allSatisfy { $0.column == "客诉编号" && $0.message.contains("does not match the pattern") })
        #expect(r.findings.contains { $0.subject == "2609-02" && $0.rule == "loss-unit" })
    }

    @Test func routingStepDeadlines() throws {
        let r = try Self.v1()
        #expect(try F.finding(r, "2610-02", "step-gm-office-register").lateBy == .seconds(3600))
        #expect(try F.finding(r, "2610-02", "step-rnd").lateBy == .seconds(15 * 3600))
        #expect(try F.finding(r, "2610-02", "step-sales-negotiation").lateBy == .seconds(25 * 3600))
        #expect(try F.finding(r, "2610-02", "step-gm-office-final").lateBy == .seconds(10 * 3600))
        #expect(try F.finding(r, "2610-02", "combined-opinion").status == .met)
        // Foreign: 12 days for the negotiation (10 used).
        #expect(try F.finding(r, "2610-04", "step-sales-negotiation").status == .met)
        #expect(try F.finding(r, "2611-03", "step-qa").lateBy == .seconds(13 * 3600))
        let open = try F.finding(r, "2611-03", "step-manufacturing")
        #expect(open.status == .overdue && open.lateBy == .seconds(2 * 86_400 + 9 * 3600))
        #expect(try F.finding(r, "2609-03", "quality-report").lateBy == .seconds(86_400))
    }

    @Test func resaleWindowDecidesTheLoss() throws {
        let r = try Self.v1()
        let met = try F.finding(r, "2609-03", "resale-window")
        #expect(met.status == .met && F.due(met) == "2026-10-06T00:00:00+08:00")
        let late = try F.finding(r, "2610-01", "resale-window")
        #expect(late.status == .breached && late.lateBy == .seconds(9 * 86_400 + 10 * 3600))
        // 10-31 + one month is clamped to 11-30 24:00: still open at 18:00, no loss yet.
        let open = try F.finding(r, "2610-05", "resale-window")
        #expect(open.status == .open && F.due(open) == "2026-12-01T00:00:00+08:00")
        #expect(!r.findings.contains { $0.subject == "2610-05" && $0.kind == .penalty })
    }

    @Test func administrativePenalties() throws {
        let r = try Self.v1()
        let warning = try F.finding(r, "2610-02", "sanction-warning")
        #expect(warning.party == "王磊" && warning.amount == Money(yuan: 400) && warning.sanction == "warning")
        // max(核定 1000, 800 × 1.5 base points) = 1200.
        let minor = try F.finding(r, "2610-03", "sanction-minor-demerit")
        #expect(minor.party == "赵敏" && minor.amount == Money(yuan: 1200) && minor.sanction == "minor-demerit")
        // The roster's bonus for 2026-11 (2500), not the export's 责任人当月效益奖金 (3000), which
        // is reported instead.
        let major = try F.finding(r, "2611-01", "sanction-major-demerit")
        #expect(major.party == "刘强" && major.amount == Money(yuan: 2500) && major.month == "2026-11")
        #expect(F.findings(r, "bonus-column-differs").map(\.subject) == ["2611-01"])
        #expect(F.findings(r, "sanction-needs-offence").map(\.subject) == ["2610-03"])
    }

    @Test func lossApportionment() throws {
        let r = try Self.v1()
        #expect(try F.finding(r, "2609-01", "loss-individual").amount == Money(yuan: 3200))
        func shares(_ c: String, _ rule: String) -> [String: Money] {
            Dictionary(uniqueKeysWithValues: r.findings.filter { $0.subject == c && $0.rule == rule }.map { ($0.party!, $0.amount!) })
        }
        // Joint fault 60/40 of the actual loss 900 (resold late).
        #expect(shares("2610-01", "loss-joint") == ["林娜": Money(yuan: 540), "吴刚": Money(yuan: 360)])
        // Group unit 装配一组, 1000 over 4.5 base points; the odd fen to the largest remainder.
        #expect(shares("2609-02", "loss-unit") == ["郑华": F.yuan("444.45"), "何丽": F.yuan("333.33"), "马超": F.yuan("222.22")])
        // Whole section 制造一科 with 装配一组 under it: the A-grade loss 500 over 9.5 points;
        // the two fen left to the largest remainders, 何丽 (.736…) and 周杰 (.473…).
        #expect(shares("2609-03", "loss-unit") == ["郑华": F.yuan("105.26"), "何丽": F.yuan("78.95"), "马超": F.yuan("52.63"),
                                                   "周杰": F.yuan("157.90"), "孙丽": F.yuan("105.26")])
        // Sales department 业务部: 760 over 5 points.
        #expect(shares("2611-02", "loss-unit") == ["陈明": Money(yuan: 152), "林娜": F.yuan("121.60"),
                                                   "王磊": F.yuan("182.40"), "黄涛": Money(yuan: 304)])
        #expect(F.findings(r, "loss-unattributed").map(\.subject) == ["2611-03"])
    }

    @Test func capCarriesTheExcessForward() throws {
        let r = try Self.v1()
        let chen = r.ledger.filter { $0.person == "陈明" }
        #expect(chen.map(\.month) == ["2026-09", "2026-10", "2026-11"])
        #expect(chen.map(\.incurred) == [Money(yuan: 3200), .zero, Money(yuan: 152)])
        #expect(chen.map(\.deducted) == [Money(yuan: 1000), Money(yuan: 1000), Money(yuan: 1000)])
        #expect(chen.map(\.carriedOut) == [Money(yuan: 2200), Money(yuan: 1200), Money(yuan: 352)])
        let ma = r.ledger.filter { $0.person == "马超" }
        // 222.22 (2609-02) + 52.63 (2609-03) = 274.85 in September over a cap of 200.
        #expect(ma.map(\.incurred) == [F.yuan("274.85"), .zero])
        #expect(ma.map(\.deducted) == [Money(yuan: 200), F.yuan("74.85")])
        #expect(ma.map(\.carriedOut) == [F.yuan("74.85"), .zero])
        // Sanctions are not capped: 1200 deducted from a 2000 bonus.
        let zhao = try #require(r.ledger.first { $0.person == "赵敏" })
        #expect(zhao.deducted == Money(yuan: 1200) && zhao.carriedOut == .zero)
        #expect(r.totalFined == Money(yuan: 10_460))
        #expect(r.totalDeducted == Money(yuan: 10_108))
        #expect(r.outstanding == Money(yuan: 352))
    }

    @Test func monthlyRulesAndReminders() throws {
        let r = try Self.v1()
        #expect(try F.finding(r, "monthly-closed: month=2026-09", "monthly-summary").status == .met)
        let oct = try F.finding(r, "monthly-closed: month=2026-10", "monthly-summary")
        #expect(oct.status == .breached && oct.lateBy == .seconds(86_400 + 9 * 3600))
        let review = try F.finding(r, "monthly-closed: month=2026-10", "monthly-sanction-review")
        #expect(review.status == .overdue && review.lateBy == .seconds(19 * 86_400 + 18 * 3600))
        #expect(try F.finding(r, "monthly-closed: month=2026-11", "monthly-summary").status == .open)
        #expect(F.findings(r, "overdue-reminder").map(\.subject) == ["2610-05", "2611-03"])
        #expect(F.findings(r, "late-closure-inquiry").map(\.subject) == ["2609-02", "2609-03", "2610-02", "2611-02"])
    }
}

// MARK: - S3

@Suite struct S3ServiceDispatchTests {
    static func report() throws -> EvaluationReport { try F.report("s3-service-dispatch.yaml", "s3") }

    @Test func arrivalOnTheOfficeCalendar() throws {
        let r = try Self.report()
        // 12-31 16:30 + 6 wh: 1 h, 元旦 off, make-up Sunday 01-04 08:30–12:00 + 13:30–15:00.
        let newYear = try F.finding(r, "FW-2512-01", "arrive-on-site")
        #expect(F.due(newYear) == "2026-01-04T15:00:00+08:00" && newYear.lateBy == .workingSeconds(3 * 3600))
        // Fri 09-18 16:00 + 6 wh over the make-up Sunday 09-20.
        let makeUp = try F.finding(r, "FW-2609-01", "arrive-on-site")
        #expect(F.due(makeUp) == "2026-09-20T14:30:00+08:00" && makeUp.lateBy == .workingSeconds(12_600))
        // Suburb, 7 wh across National Day.
        let national = try F.finding(r, "FW-2609-02", "arrive-on-site")
        #expect(F.due(national) == "2026-10-08T14:30:00+08:00" && national.lateBy == .workingSeconds(5400))
        let overdue = try F.finding(r, "FW-2611-04", "arrive-on-site")
        #expect(overdue.status == .overdue && overdue.lateBy == .workingSeconds(4 * 3600))
        let open = try F.finding(r, "FW-2611-05", "arrive-on-site")
        #expect(open.status == .open && F.due(open) == "2026-12-01T14:30:00+08:00")
        #expect(!r.findings.contains { $0.subject == "FW-2611-03" && $0.rule == "arrive-on-site" })
    }

    @Test func dispatchInvoiceContractAndOpinions() throws {
        let r = try Self.report()
        let dispatch = try F.finding(r, "FW-2609-01", "dispatch-next-day")
        #expect(F.due(dispatch) == "2026-09-20T09:30:00+08:00" && dispatch.status == .breached)
        // `lateness: working-time`: Sun (make-up day) 09:30–12:00, 13:30–17:30, Mon 08:30–08:40 = 6h 40m.
        #expect(dispatch.lateBy == .workingSeconds(6 * 3600 + 40 * 60))
        #expect(try F.finding(r, "FW-2512-01", "dispatch-next-day").status == .met)
        #expect(try F.finding(r, "FW-2611-01", "paid-service-invoice").lateBy == .seconds(10 * 3600))
        #expect(try F.finding(r, "FW-2611-02", "paid-service-invoice").status == .met)
        let notice = try F.finding(r, "FW-2609-03", "contract-expiry-notice")
        #expect(F.due(notice) == "2026-09-20T00:00:00+08:00" && notice.lateBy == .seconds(130 * 3600))
        #expect(try F.finding(r, "FW-2610-02", "contract-expiry-notice").status == .overdue)
        #expect(try F.finding(r, "FW-2609-02", "contract-expiry-notice").status == .met)
        #expect(try F.finding(r, "FW-2611-03", "major-opinion-to-deputy-gm").lateBy == .seconds(9 * 3600))
        #expect(r.findings.filter { $0.kind == .escalation }.map { "\($0.subject) \($0.rule)" } ==
                ["FW-2610-01 repair-late-assistance", "FW-2610-01 complaint-visit", "FW-2611-03 opinion-result-to-customer"])
    }
}

// MARK: - S4

@Suite struct S4QualityFeedbackTests {
    static func report() throws -> EvaluationReport { try F.report("s4-quality-feedback.yaml", "s4") }

    @Test func answerDeadlines() throws {
        let r = try Self.report()
        #expect(try F.finding(r, "FK-2610-02", "misuse-answer").lateBy == .seconds(7200))
        #expect(try F.finding(r, "FK-2610-03", "defect-answer").lateBy == .seconds(3600))
        #expect(try F.finding(r, "FK-2610-04", "defect-recontact").lateBy == .seconds(3600))
        #expect(try F.finding(r, "FK-2611-04", "defect-answer").status == .overdue)
    }

    @Test func thresholdsAreStrictEscalationsWith72Hours() throws {
        let r = try Self.report()
        #expect(F.findings(r, "anomaly-form").map(\.subject) == ["FK-2611-01", "FK-2611-02", "FK-2611-03"])
        let severe = try F.finding(r, "FK-2611-01", "anomaly-form")
        #expect(severe.kind == .escalation && severe.status == .breached)
        #expect(F.due(severe) == "2026-11-05T09:00:00+08:00" && severe.lateBy == .seconds(25 * 3600))
        // Exactly 1% is not over 1%; exactly 3‰ (FK-2610-05) is not over 3‰.
        #expect(F.findings(r, "special-report").map(\.subject) == ["FK-2609-01", "FK-2611-02", "FK-2611-04"])
        let report = try F.finding(r, "FK-2611-02", "special-report")
        #expect(report.status == .overdue && report.lateBy == .seconds(18 * 86_400 + 9 * 3600))
        #expect(try F.finding(r, "FK-2611-04", "special-report").status == .open)
        #expect(try F.finding(r, "FK-2609-01", "special-report").status == .met)
        // Per product, mechanism and month: 2‰ + 2‰ of the same delivery is 4‰.
        let monthly = try F.finding(r, "product-mechanism-month: product=P-100 mechanism=电容鼓包 month=2026-10", "anomaly-form-monthly")
        #expect(monthly.status == .met && F.due(monthly) == "2026-10-23T14:00:00+08:00")
        #expect(F.findings(r, "anomaly-form-monthly").count == 4)
        #expect(F.findings(r, "special-report-monthly").map(\.status) == [.overdue])
    }
}

// MARK: - S5

@Suite struct S5ProductionAnomaliesTests {
    static func report() throws -> EvaluationReport { try F.report("s5-production-anomalies.yaml", "s5") }

    @Test func measures() throws {
        let r = try Self.report()
        #expect(try F.finding(r, "YC-2505-01", "temporary-measure").status == .met)  // exactly 30 minutes
        #expect(try F.finding(r, "YC-2610-02", "temporary-measure").lateBy == .seconds(900))
        #expect(try F.finding(r, "YC-2610-03", "long-term-measure").lateBy == .seconds(19 * 3600))
        #expect(!r.findings.contains { $0.subject == "YC-2611-02" && $0.rule == "long-term-measure" })  // minor
        let email = try F.finding(r, "YC-2611-04", "customer-feedback-email")
        #expect(F.due(email) == "2026-11-06T16:15:00+08:00" && email.lateBy == .workingSeconds(105 * 60))
        #expect(F.due(try F.finding(r, "YC-2609-01", "customer-feedback-email")) == "2026-10-08T09:45:00+08:00")
    }

    @Test func noLongTermMeasureWithin24HoursStopsProduction() throws {
        let r = try Self.report()
        let stops = F.findings(r, "stop-production")
        #expect(stops.allSatisfy { $0.kind == .escalation })
        #expect(stops.map(\.subject) == ["YC-2610-02", "YC-2610-03", "YC-2611-01"])
        #expect(stops.map(\.status) == [.met, .breached, .overdue])
        #expect(stops[1].lateBy == .seconds(7200) && stops[2].lateBy == .seconds(3 * 3600))
        #expect(F.due(stops[2]) == "2026-11-30T15:00:00+08:00")
        #expect(!r.findings.contains { $0.kind == .penalty })
        #expect(F.findings(r, "important-problem").map(\.subject) == ["YC-2611-01", "YC-2611-03"])
        #expect(F.findings(r, "class-a-information").map(\.subject) == ["YC-2611-01"])
    }
}

// MARK: - S6

@Suite struct S6ComplaintValidityTests {
    static func report() throws -> EvaluationReport { try F.report("s6-complaint-validity.yaml", "s6") }

    /// The table outputs of one case, read from `rulebook explain`.
    static func tableOutputs(_ caseID: String) throws -> [String] {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s6-complaint-validity.yaml")
        let asOf = TimestampParser.timestamp(Array(F.asOfText.utf8)[...], zone: policy.zone)
        let e = try CaseExplanation.explain(caseID: caseID, policy: policy,
                                            run: EvaluationRun(casesPath: "fixtures/s6/cases.csv", asOf: asOf))
        return e.steps.filter { $0.section == "tables" }.flatMap(\.lines).filter { !$0.hasPrefix("row ") }
    }

    @Test(arguments: [
        ("TS-01", "false", "general_invalid"), ("TS-02", "true", "general"), ("TS-03", "false", "general_invalid"),
        ("TS-04", "true", "general"), ("TS-05", "false", "general_invalid"), ("TS-06", "false", "malicious"),
        ("TS-07", "false", "malicious"), ("TS-08", "false", "general_invalid"), ("TS-09", "false", "malicious"),
        ("TS-10", "false", "general_invalid"), ("TS-11", "true", "vicious"), ("TS-12", "true", "vicious"),
        ("TS-13", "true", "general"), ("TS-14", "true", "general"),
    ])
    func classification(caseID: String, valid: String, complaintClass: String) throws {
        let lines = try Self.tableOutputs(caseID)
        #expect(lines.contains("valid = \(valid)"), "\(lines)")
        #expect(lines.contains("complaint_class = \(complaintClass)"), "\(lines)")
    }

    @Test func attitudeComplaintsExpireAfterOneMonth() throws {
        #expect(try Self.tableOutputs("TS-01").contains { $0.contains("第九条(6)") })
        #expect(try Self.tableOutputs("TS-03").contains { $0.contains("第九条(6)") })  // 01-31 → 02-28 24:00
    }

    @Test func handlingPlanOnlyForValidComplaints() throws {
        let r = try Self.report()
        let plans = F.findings(r, "handling-plan")
        #expect(plans.map(\.subject) == ["TS-02", "TS-04", "TS-11", "TS-12", "TS-13", "TS-14"])
        #expect(plans.map(\.status) == [.met, .breached, .met, .met, .overdue, .open])
        #expect(plans[1].lateBy == .seconds(600))
        #expect(plans[4].lateBy == .seconds(8 * 3600 + 1800))
        #expect(F.due(plans[5]) == "2026-11-30T18:20:00+08:00")
        #expect(F.findings(r, "vicious-complaint").map(\.subject) == ["TS-11", "TS-12"])
        #expect(F.findings(r, "unresolved-to-leader").map(\.subject) == ["TS-11"])
    }
}
