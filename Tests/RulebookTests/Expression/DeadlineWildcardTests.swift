import Foundation
import Testing
@testable import Rulebook

/// `deadlines.late` and `… where …`: one outcome of every per-case deadline (or of those a
/// condition on id, clause and title selects), read with `any`, `all` and `count`.
@Suite struct DeadlineWildcardTests {
    static let policy = """
    policy: wildcards
    fields:
      case_id: string
      at: timestamp
      a_at: { type: timestamp, optional: true }
      b_at: { type: timestamp, optional: true }
      c_at: { type: timestamp, optional: true }
    deadlines:
      - { id: step-a, clause: "8.2", from: at, to: a_at, within: 1h }
      - { id: step-b, clause: "8.2", from: at, to: b_at, within: 2h }
      - { id: step-c, clause: "8.4", from: at, to: c_at, within: 3h }
    escalations:
      - { id: any-late, when: any(deadlines.late), action: remind }
      - { id: all-met, when: all(deadlines.met), action: thank }
      - { id: two-late-in-8-2, when: count(deadlines.late where clause == "8.2") >= 2, action: inquire }
      - id: late-but-c
        when: any(deadlines.breached where id != "step-c" and starts_with(id, "step-"))
        action: ask
    """

    static func raised(_ yaml: String, _ rows: [String]) throws -> [String: Set<String>] {
        let csv = "case_id,at,a_at,b_at,c_at\n" + rows.joined(separator: "\n") + "\n"
        let r = try RunTimeErrorTests.run(yaml, csv)
        var out: [String: Set<String>] = [:]
        for f in r.findings where f.kind == .escalation && f.status == .raised { out[f.subject, default: []].insert(f.rule) }
        return out
    }

    @Test func anyAllAndCountReadTheSelectedOutcomes() throws {
        let raised = try Self.raised(Self.policy, [
            "ON-TIME,2026-11-02 09:00,2026-11-02 09:30,2026-11-02 10:00,2026-11-02 11:00",
            "A-LATE,2026-11-02 09:00,2026-11-02 10:30,2026-11-02 10:00,2026-11-02 11:00",
            "A-B-LATE,2026-11-02 09:00,2026-11-02 10:30,2026-11-02 11:30,2026-11-02 11:00",
            "C-LATE,2026-11-02 09:00,2026-11-02 09:30,2026-11-02 10:00,2026-11-02 13:00",
        ])
        #expect(raised["ON-TIME"] == ["all-met"])
        #expect(raised["A-LATE"] == ["any-late", "late-but-c"])
        #expect(raised["A-B-LATE"] == ["any-late", "two-late-in-8-2", "late-but-c"])
        // step-c is left out of `late-but-c` by its condition.
        #expect(raised["C-LATE"] == ["any-late"])
    }

    /// A wildcard is the same as the outcomes spelled out, and runs after the deadlines it
    /// reads, wherever it is declared.
    @Test func equalsTheSpelledOutOutcomes() throws {
        let spelled = Self.policy.replacingOccurrences(of: "any(deadlines.late)", with: "step-a.late or step-b.late or step-c.late")
        let rows = (0..<60).map { (i: Int) -> String in
            let c: String = i % 5 == 0 ? "" : "2026-11-02 1\(i % 5):30"
            return "C\(i),2026-11-02 09:00,2026-11-02 0\(9 + i % 1):10,2026-11-02 1\(i % 4):20,\(c)"
        }
        #expect(try Self.raised(Self.policy, rows).mapValues { $0.contains("any-late") }
                == Self.raised(spelled, rows).mapValues { $0.contains("any-late") })
        let derived = Self.policy.replacingOccurrences(of: "deadlines:\n", with: "derive:\n  n_late: count(deadlines.late)\ndeadlines:\n")
            .replacingOccurrences(of: "any(deadlines.late)", with: "n_late > 0")
        #expect(try Self.raised(derived, rows) == Self.raised(Self.policy, rows))
    }

    @Test func mistakesAreLocated() {
        func problems(_ from: String, _ to: String) -> [String] {
            RunTimeErrorTests.problems(Self.policy.replacingOccurrences(of: from, with: to))
        }
        #expect(problems("any(deadlines.late)", "any(deadlines.due)").first?
                .contains("'deadlines.due' is not a wildcard outcome; known: breached, met, overdue, open, applies, late") == true)
        #expect(problems("clause == \"8.2\"", "clause == \"8.3\"").first?
                .contains("'deadlines.late': the condition after 'where' selects no deadline") == true)
        #expect(problems("clause == \"8.2\"", "clauses == \"8.2\"").first?.contains("unknown name 'clauses'") == true)
        #expect(problems("any(deadlines.late)", "any(at where id == \"x\")").first?.contains("'where' selects deadlines") == true)
        #expect(problems("any(deadlines.late)", "any(at)").first?.contains("must be a list of true-or-false values") == true)
        // A deadline cannot be judged on every deadline, itself included.
        let cycle = problems("to: c_at, within: 3h }", "to: c_at, within: 3h, when: not any(deadlines.late) }")
        #expect(cycle.contains { $0.contains("cycle") }, "\(cycle)")
    }
}
