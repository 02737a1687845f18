import Foundation
import Testing
@testable import Rulebook

/// The S1 fixture (fixtures/s1) against figures worked out by hand; see fixtures/s1/EXPECTED.md.
@Suite struct S1EvaluationTests {
    static func report() throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let roster = try RosterReader.load(path: "fixtures/s1/roster.csv")
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
        return try EvaluationRun(casesPath: "fixtures/s1/cases.csv", roster: roster, asOf: asOf).run(policy)
    }

    func finding(_ r: EvaluationReport, _ subject: String, _ rule: String) throws -> Finding {
        try #require(r.findings.first { $0.subject == subject && $0.rule == rule }, "\(subject) \(rule)")
    }

    @Test func everyRowIsEvaluated() throws {
        let r = try Self.report()
        #expect(r.rowsRead == 11 && r.rowsEvaluated == 11 && r.rowsRejected == 0)
    }

    @Test func eachClauseIsBreachedOnce() throws {
        let r = try Self.report()
        // 8.1: notified 16:30 and registered 17:30 against 15:00 + 2h: 30 minutes late.
        let notify = try finding(r, "2609-05", "notify-departments")
        #expect(notify.status == .breached)
        #expect(notify.lateBy == .seconds(1800))
        // 8.2 general: QA told Mon 09-07 10:00; 3 working days, same time → Thu 09-10 10:00.
        // Replied Fri 11:00: Thu 10:00–12:00, 13:30–17:30, Fri 08:30–11:00 = 8.5 working hours.
        let reply = try finding(r, "2609-01", "qa-reply-general")
        #expect(reply.status == .breached)
        #expect(reply.due?.description == "2026-09-10T10:00:00+08:00")
        #expect(reply.lateBy == .workingSeconds(30_600))
        // 8.2 major, temporary: from Wed 09:00, 8 working hours = Wed 3h + 4h, Thu 08:30 + 1h → Thu 09:30.
        let temp = try finding(r, "2609-03", "qa-temporary-measure")
        #expect(temp.due?.description == "2026-09-10T09:30:00+08:00")
        #expect(temp.status == .breached)
        // 8.2 major, permanent: Thu 10:30 + 2 working days → Mon 09-14 10:30; done Tue 09:00 = 6 working hours late.
        let perm = try finding(r, "2609-04", "qa-permanent-measure")
        #expect(perm.due?.description == "2026-09-14T10:30:00+08:00")
        #expect(perm.lateBy == .workingSeconds(6 * 3600))
        // 8.3: records not kept: 周敏 and her manager 陈静 pay 20 each.
        let records = r.findings.filter { $0.subject == "2609-06" && $0.rule == "qa-records-not-kept" }
        #expect(records.map(\.party) == ["周敏", "陈静"])
        #expect(records.allSatisfy { $0.amount == Money(yuan: 20) })
        // 8.4: dept told Thu 10-08 10:00 (the first working day after National Day); 8 working
        // hours → Fri 10:30; replied 16:00 → 4 working hours late.
        let plan = try finding(r, "2610-01", "corrective-action-plan")
        #expect(plan.due?.description == "2026-10-09T10:30:00+08:00")
        #expect(plan.lateBy == .workingSeconds(4 * 3600))
        // 8.5: recurrence without the corrective action: 20 to the department owner.
        let recur = try finding(r, "2610-02", "corrective-action-not-implemented")
        #expect(recur.party == "刘洋" && recur.amount == Money(yuan: 20))
        // 8.6: QA's week 38 statistics never compiled: due Mon 09-21 end of day (24:00), overdue; the
        // duty is 品管部's, so 20 to its head 陈静 (周敏's 主管), once for the week.
        let weekly = try finding(r, "weekly-complaints: week=2026-W38 qa_head=陈静", "weekly-statistics")
        #expect(weekly.status == .overdue)
        #expect(weekly.due?.description == "2026-09-22T00:00:00+08:00")
        let weeklyFine = try finding(r, "weekly-complaints: week=2026-W38 qa_head=陈静", "weekly-statistics/penalty")
        #expect(weeklyFine.party == "陈静" && weeklyFine.amount == Money(yuan: 20) && weeklyFine.month == "2026-09")
        #expect(r.findings.filter { $0.rule == "weekly-statistics/penalty" }.count == 1)
        // 8.6: marketing's week 38 statistics came Tue 09-22 09:00: breached by 9h; 20 to
        // 营销部's head 赵强 (李明's 主管).
        let marketing = try finding(r, "weekly-complaints-marketing: week=2026-W38 marketing_head=赵强", "marketing-weekly-statistics")
        #expect(marketing.status == .breached)
        #expect(marketing.due?.description == "2026-09-22T00:00:00+08:00" && marketing.lateBy == .seconds(9 * 3600))
        let marketingFine = try finding(r, "weekly-complaints-marketing: week=2026-W38 marketing_head=赵强", "marketing-weekly-statistics/penalty")
        #expect(marketingFine.party == "赵强" && marketingFine.amount == Money(yuan: 20) && marketingFine.month == "2026-09")
    }

    @Test func openStepsAreJudgedAsOfTheGivenInstant() throws {
        let r = try Self.report()
        // Told Mon 11-23 09:30, due Thu 11-26 09:30, not replied by Mon 11-30 18:00:
        // Thu 2.5h + 4h, Fri 7.5h, Mon 7.5h (to 17:30) = 21.5 working hours overdue.
        let overdue = try finding(r, "2611-01", "qa-reply-general")
        #expect(overdue.status == .overdue)
        #expect(overdue.lateBy == .workingSeconds(77_400))
        // Told Mon 11-30 14:30: due Thu 12-03 14:30, still open and not yet due.
        let open = try finding(r, "2611-02", "qa-reply-general")
        #expect(open.status == .open)
        #expect(open.due?.description == "2026-12-03T14:30:00+08:00")
    }

    @Test func majorComplaintWithoutApprovalIsEscalated() throws {
        let r = try Self.report()
        let e = r.findings.filter { $0.kind == .escalation }
        #expect(e.map(\.subject) == ["2609-04"])
        #expect(e.first?.clause == "5.2.2")
    }

    @Test func capCarriesTheExcessOverTwoLaterMonths() throws {
        let r = try Self.report()
        // 王芳: four 30-yuan fines in September (120); bonus 100, so the cap is 50.
        // Sep: deduct 50, carry 70. Oct: deduct 50, carry 20. Nov: 60 more (2611-01, and 2611-03's
        // first round, 5.3.9.2); 20 + 60 = 80: deduct 50, 30 outstanding.
        let lines = r.ledger.filter { $0.person == "王芳" }
        #expect(lines.map(\.month) == ["2026-09", "2026-10", "2026-11"])
        #expect(lines.map(\.incurred) == [Money(yuan: 120), .zero, Money(yuan: 60)])
        #expect(lines.map(\.cap) == [Money(yuan: 50), Money(yuan: 50), Money(yuan: 50)])
        #expect(lines.map(\.deducted) == [Money(yuan: 50), Money(yuan: 50), Money(yuan: 50)])
        #expect(lines.map(\.carriedOut) == [Money(yuan: 70), Money(yuan: 20), Money(yuan: 30)])
        // 270 before 8.6's marketing duty (20 to 赵强, issue #14); 290 before rounds (5.3.9.2).
        #expect(r.totalFined == Money(yuan: 320))
        #expect(r.totalDeducted == Money(yuan: 290))
        #expect(r.outstanding == Money(yuan: 30))
    }

    /// People in pinyin order (Chén, Lǐ, Liú, Wáng, Zhào, Zhōu), not by code point.
    @Test func ledgerIsSortedByPersonThenMonth() throws {
        let r = try Self.report()
        #expect(r.ledger.map(\.person) == ["陈静", "李明", "刘洋", "王芳", "王芳", "王芳", "赵强", "周敏"])
    }
}
