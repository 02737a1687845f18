import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// `all_done(x)`: the latest x once every case of the group has one, null while any lacks it.
@Suite struct AllDoneTests {
    static let policy = """
    policy: weekly
    fields:
      case_id: string
      at: timestamp
      stats_at: { type: timestamp, optional: true }
    aggregates:
      - id: per-week
        by: { week: week(at) }
        values:
          done: all_done(stats_at)
          spelled_out: if count(stats_at is null) > 0 then null else max(stats_at)
    deadlines:
      - { id: weekly-stats, per: per-week, from: time("2026-11-02T09:00+08:00"), to: done, within: 14d }
    """

    @Test func doneOnlyWhenEveryCaseIs() throws {
        let csv = """
        case_id,at,stats_at
        A,2026-11-02 10:00,2026-11-06 09:00
        B,2026-11-03 10:00,2026-11-07 09:00
        C,2026-11-09 10:00,2026-11-13 09:00
        D,2026-11-10 10:00,

        """
        let r = try RunTimeErrorTests.run(Self.policy, csv)
        let byWeek = Dictionary(uniqueKeysWithValues: r.findings.map { ($0.subject, $0) })
        // W45: both done, the later one counts; W46: D has no time yet, so the week is open.
        #expect(byWeek["per-week: week=2026-W45"]?.status == .met)
        #expect(byWeek["per-week: week=2026-W45"]?.done?.description == "2026-11-07T09:00:00+08:00")
        #expect(byWeek["per-week: week=2026-W46"]?.status == .overdue)
        #expect(byWeek["per-week: week=2026-W46"]?.done == nil)
    }

    @Test func itTakesATimeAndOnlyInAnAggregate() {
        let text = RunTimeErrorTests.problems(Self.policy.replacingOccurrences(of: "all_done(stats_at)", with: "all_done(case_id)"))
        #expect(text.first?.contains("'all_done' takes the time a step was done (a timestamp or a date), not string") == true, "\(text)")
        let outside = RunTimeErrorTests.problems(Self.policy.replacingOccurrences(of: "to: done", with: "to: all_done(stats_at)"))
        #expect(outside.first?.contains("'all_done' is an aggregate: use it in an aggregate's values") == true, "\(outside)")
    }

    /// The same as the idiom it replaces, on random weeks.
    @Test func equalsTheSpelledOutIdiom() throws {
        var rng = SeededRandom(seed: 7)
        var rows = ["case_id,at,stats_at"]
        for i in 0..<400 {
            let day = 1 + Int(rng.next() % 28)
            let stats = rng.next() % 5 == 0 ? "" : String(format: "2026-11-%02d 1%d:00", min(28, day + 2), Int(rng.next() % 8))
            rows.append(String(format: "C%d,2026-11-%02d 09:00,%@", i, day, stats))
        }
        let r = try RunTimeErrorTests.run(Self.policy, rows.joined(separator: "\n") + "\n")
        #expect(r.rowsEvaluated == 400)
        // Compare the two values group by group through a rule reading each.
        let twin = Self.policy.replacingOccurrences(of: "to: done", with: "to: spelled_out")
        let r2 = try RunTimeErrorTests.run(twin, rows.joined(separator: "\n") + "\n")
        #expect(r.findings.map { "\($0.subject) \($0.status) \($0.done?.description ?? "-")" }
                == r2.findings.map { "\($0.subject) \($0.status) \($0.done?.description ?? "-")" })
        #expect(r.findings.contains { $0.status == .met } && r.findings.contains { $0.done == nil })
    }
}
