import Foundation
import Testing
@testable import Rulebook

/// `rounds:`: a deadline judged once per round (S1 5.3.9.2, a reopened case), each round a
/// finding and a fine of its own, the first under the deadline's id, round k under `<id>#k`.
@Suite struct RoundsTests {
    typealias R = RunTimeErrorTests

    static let policy = """
    policy: rounds
    fields:
      case_id: string
      told_at: timestamp
      replied_at: { type: timestamp, optional: true }
      reopened_at: { type: timestamp, optional: true }
      replied_again_at: { type: timestamp, optional: true }
      qe: person
    deadlines:
      - id: reply
        title: 回复
        within: 2d
        rounds:
          - { from: told_at, to: replied_at }
          - { from: reopened_at, to: replied_again_at }
        penalty: { to: qe, amount: 30 CNY }
    """

    static func lines(_ r: EvaluationReport) -> [String] {
        r.findings.map { "\($0.subject) \($0.rule) \($0.status)\($0.amount.map { " \($0)" } ?? "")" }
    }

    @Test func eachRoundIsAFindingAndAFineOfItsOwn() throws {
        let csv = """
        case_id,told_at,replied_at,reopened_at,replied_again_at,qe
        A,2026-11-02 09:00,2026-11-05 09:00,2026-11-10 09:00,2026-11-11 09:00,王芳
        B,2026-11-02 09:00,2026-11-03 09:00,2026-11-10 09:00,2026-11-13 09:00,王芳
        C,2026-11-02 09:00,2026-11-05 09:00,,,王芳
        D,2026-11-02 09:00,2026-11-03 09:00,2026-11-29 09:00,,王芳

        """
        let r = try R.run(Self.policy, csv)
        #expect(Self.lines(r) == [
            // Late in round 1, on time in round 2: the reopening does not erase the breach.
            "A reply breached", "A reply#2 met", "A reply/penalty fined 30.00",
            // On time, then late after the reopening: round 2 is fined.
            "B reply met", "B reply#2 breached", "B reply#2/penalty fined 30.00",
            // Never reopened: no second round.
            "C reply breached", "C reply/penalty fined 30.00",
            // Reopened, the second answer not yet due as of 11-30 18:00.
            "D reply met", "D reply#2 open",
        ])
        #expect(r.totalFined == Money(minorUnits: 9000))
    }

    @Test func roundsCompileToOneRuleEachWithTheirTitles() throws {
        let policy = try R.compile(Self.policy)
        let rules = policy.findingTemplates.map(\.rule)
        for id in ["reply", "reply#2", "reply/penalty", "reply#2/penalty"] { #expect(rules.contains(id)) }
        let titles = Set(policy.findingTemplates.filter { $0.rule.hasPrefix("reply") }.compactMap(\.title))
        #expect(titles == ["回复", "回复 (第2轮)"])
    }

    @Test func oneRoundIsTheDeadlineItself() throws {
        let yaml = Self.policy.replacingOccurrences(of: "      - { from: reopened_at, to: replied_again_at }\n", with: "")
        let rules = try R.compile(yaml).findingTemplates.map(\.rule)
        #expect(rules.contains("reply") && !rules.contains { $0.contains("#") })
    }

    @Test func aWrittenIdCannotTakeARoundsName() {
        // The '#' of a round's id is the loader's: an editor cannot declare one, so it never collides.
        #expect(!PolicyLoader.isIdentifier("reply#2"))
    }
}
