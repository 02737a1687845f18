import Foundation
import Testing
@testable import Rulebook

/// A working-time deadline is judged in working time, on the office calendar (Mon–Fri
/// 08:30–12:00, 13:30–17:30). A step is late only when working time has passed since it was
/// due: a reply due Wednesday 12:00 and given at 13:30, right after lunch, is met, and no one
/// is fined for it. Calendar-time deadlines, and a working-time one with `lateness: calendar`,
/// are judged in calendar time as before.
@Suite struct WorkingTimeJudgingTests {
    /// Asked Wed 2026-11-25 10:00: 2 working hours run out at 12:00, the close of the morning
    /// (time that runs out at a close ends there); 2 calendar hours too. `1 working days`, end
    /// of day, is the close of Thursday 11-26, 17:30.
    static let policy = """
        policy: judging
        calendar: rules/calendars/cn-office.yaml
        fields:
          case_id: string
          asked_at: timestamp
          replied_at: { type: timestamp, optional: true }
          owner: person
        deadlines:
          - { id: reply, from: asked_at, to: replied_at, within: 2 working hours }
          - { id: reply-by-the-clock, from: asked_at, to: replied_at, within: 2h }
          - { id: reply-judged-on-the-clock, from: asked_at, to: replied_at, within: 2 working hours, lateness: calendar }
          - { id: reply-next-day, from: asked_at, to: replied_at, within: 1 working days, working_days: end-of-day }
        penalties:
          - { id: late-reply, on: reply, to: owner, amount: 30 CNY }
          - { id: late-reply-next-day, on: reply-next-day, to: owner, amount: 50 CNY }
        """

    static func run(_ rows: [(String, String?)], asOf: String = "2026-11-30T18:00+08:00") throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(Self.policy.utf8), file: "inline.yaml"))
        let csv = "case_id,asked_at,replied_at,owner\n"
            + rows.map { "\($0.0),2026-11-25 10:00,\($0.1 ?? ""),张三\n" }.joined()
        let run = EvaluationRun(casesPath: "inline.csv", asOf: TimestampParser.timestamp(Array(asOf.utf8)[...], zone: policy.zone))
        return try run.run(policy, source: try CSVReader(file: "inline.csv", input: MemoryInput(Array(csv.utf8))))
    }

    /// The finding of `rule` for case `id`.
    static func finding(_ r: EvaluationReport, _ id: String, _ rule: String) -> Finding? {
        r.findings.first { $0.subject == id && $0.rule == rule }
    }

    @Test func aReplyRightAfterLunchIsMetAndNotFined() throws {
        let r = try Self.run([("A", "2026-11-25 13:30")])
        let reply = Self.finding(r, "A", "reply")
        #expect(reply?.status == .met)
        #expect(reply?.lateBy == nil)
        #expect(reply?.due?.description == "2026-11-25T12:00:00+08:00")
        #expect(Self.finding(r, "A", "late-reply") == nil)
        #expect(r.ledger.isEmpty)
    }

    @Test func aReplyOneWorkingMinutePastIsBreachedByThatMinute() throws {
        let r = try Self.run([("B", "2026-11-25 13:31")])
        let reply = Self.finding(r, "B", "reply")
        #expect(reply?.status == .breached)
        #expect(reply?.lateBy == .workingSeconds(60))
        #expect(reply?.lateBy?.description == "1m working time")
        #expect(Self.finding(r, "B", "late-reply")?.amount == Money(minorUnits: 3000))
    }

    @Test func anOpenStepInTheLunchBreakIsNotYetOverdue() throws {
        // As of 12:45 and of 13:30 no working time has passed since 12:00: open, not overdue.
        for asOf in ["2026-11-25T12:45+08:00", "2026-11-25T13:30+08:00"] {
            let r = try Self.run([("C", nil)], asOf: asOf)
            let reply = Self.finding(r, "C", "reply")
            #expect(reply?.status == .open, "\(asOf)")
            #expect(reply?.lateBy == nil, "\(asOf)")
            #expect(Self.finding(r, "C", "late-reply") == nil, "\(asOf)")
        }
        // One working minute later it is overdue by that minute, and fined.
        let r = try Self.run([("C", nil)], asOf: "2026-11-25T13:31+08:00")
        #expect(Self.finding(r, "C", "reply")?.status == .overdue)
        #expect(Self.finding(r, "C", "reply")?.lateBy == .workingSeconds(60))
        #expect(Self.finding(r, "C", "late-reply")?.amount == Money(minorUnits: 3000))
    }

    @Test func calendarTimeIsJudgedInCalendarTime() throws {
        // Due 12:00 by the clock: 13:30 is 1h 30m late, lunch or not; the same for a
        // working-time deadline whose lateness is measured in calendar time.
        let r = try Self.run([("A", "2026-11-25 13:30")])
        for rule in ["reply-by-the-clock", "reply-judged-on-the-clock"] {
            let f = Self.finding(r, "A", rule)
            #expect(f?.status == .breached, "\(rule)")
            #expect(f?.due?.description == "2026-11-25T12:00:00+08:00", "\(rule)")
            #expect(f?.lateBy == .seconds(90 * 60), "\(rule)")
        }
        // Open in the lunch break: overdue by the clock.
        let open = try Self.run([("C", nil)], asOf: "2026-11-25T12:45+08:00")
        #expect(Self.finding(open, "C", "reply-by-the-clock")?.status == .overdue)
        #expect(Self.finding(open, "C", "reply-by-the-clock")?.lateBy == .seconds(45 * 60))
    }

    @Test func workingDaysAreJudgedInWorkingTimeToo() throws {
        // Due at Thursday's close, 17:30: a reply that evening or at Friday's opening came with
        // no working time past it; one at 08:31 Friday is a working minute late.
        let r = try Self.run([("D", "2026-11-26 20:00"), ("E", "2026-11-27 08:30"), ("F", "2026-11-27 08:31")])
        #expect(Self.finding(r, "D", "reply-next-day")?.due?.description == "2026-11-26T17:30:00+08:00")
        #expect(Self.finding(r, "D", "reply-next-day")?.status == .met)
        #expect(Self.finding(r, "E", "reply-next-day")?.status == .met)
        #expect(Self.finding(r, "F", "reply-next-day")?.status == .breached)
        #expect(Self.finding(r, "F", "reply-next-day")?.lateBy == .workingSeconds(60))
        #expect(r.findings.filter { $0.rule == "late-reply-next-day" }.map(\.subject) == ["F"])
    }

    @Test func explainSaysWhyAStepAfterItsDueInstantIsMet() throws {
        try TemporaryFolder.with(["policy.yaml": Self.policy.replacingOccurrences(of: "rules/calendars", with: Paths.root + "/rules/calendars"),
                                  "cases.csv": "case_id,asked_at,replied_at,owner\nA,2026-11-25 10:00,2026-11-25 13:30,张三\n"],
                                 label: "judging") { dir in
            let policy = try PolicyCompiler.compile(path: dir + "/policy.yaml")
            let run = EvaluationRun(casesPath: dir + "/cases.csv",
                                    asOf: TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone))
            let text = try CaseExplanation.explain(caseID: "A", policy: policy, run: run).text
            #expect(text.contains("→ met: done after the due instant, but with no working time past it"))
        }
    }
}
