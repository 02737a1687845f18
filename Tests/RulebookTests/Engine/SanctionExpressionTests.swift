import Foundation
import Testing
@testable import Rulebook

/// `sanction:` as an expression (the sanction decided in the export, S10 篇十八 10), and the
/// bare-word rule that keeps `major-demerit` a name.
@Suite struct SanctionExpressionTests {
    typealias R = RunTimeErrorTests

    static let policy = """
    policy: sanctions
    fields:
      case_id: string
      at: timestamp
      violator: person
      decided: { type: enum, values: [none, written-warning, demerit], labels: { 书面警告: written-warning, 记过: demerit, 无: none }, optional: true }
      loss: { type: money, optional: true }
    penalties:
      - id: sanction
        when: decided != "none"
        to: violator
        sanction: (decided)
        at: at
      - id: fined-and-sanctioned
        when: loss is not null
        to: violator
        amount: loss
        sanction: (decided)
        at: at
    """

    static func sanctions(_ r: EvaluationReport) -> [String] {
        r.findings.filter { $0.kind == .penalty }.map { "\($0.subject) \($0.rule) \($0.status) \($0.sanction ?? "-") \($0.amount.map { "\($0)" } ?? "-")" }
    }

    @Test func eachCaseBooksTheSanctionItsExportDecided() throws {
        let csv = """
        case_id,at,violator,decided,loss
        A,2026-11-02 09:00,小周,书面警告,
        B,2026-11-03 09:00,小吴,记过,
        C,2026-11-04 09:00,小郑,无,
        D,2026-11-05 09:00,小郑,,
        E,2026-11-06 09:00,小吴,,50
        F,2026-11-07 09:00,小周,记过,80

        """
        let r = try R.run(Self.policy, csv)
        #expect(Self.sanctions(r) == [
            "A sanction sanctioned written-warning -",
            "B sanction sanctioned demerit -",
            // No decision: nothing to book without an amount; the fine stands without a sanction.
            "E fined-and-sanctioned fined - 50.00",
            "F sanction sanctioned demerit -",
            "F fined-and-sanctioned fined demerit 80.00",
        ])
    }

    @Test func everySanctionTheRuleCanNameIsKnownWhenItCompiles() throws {
        let policy = try R.compile(Self.policy)
        let texts = policy.findingTemplates.filter { $0.rule == "sanction" }.map { $0.sanction ?? "-" }
        #expect(texts == ["-", "none", "written-warning", "demerit"])
        // Five sanctions in S10, one rule.
        _ = Paths.root
        let s10 = try PolicyCompiler.compile(path: "rules/s10-property-response.yaml")
        #expect(Set(s10.findingTemplates.filter { $0.rule == "sanction" }.compactMap(\.sanction))
                == ["none", "written-warning", "demerit", "major-demerit", "demotion", "dismissal"])
    }

    @Test func aBareWordIsANameAndAnythingElseAnExpression() {
        #expect(PenaltyDecl.isSanctionName("major-demerit"))
        #expect(PenaltyDecl.isSanctionName("记大过"))
        #expect(PenaltyDecl.isSanctionName("written_warning"))
        #expect(!PenaltyDecl.isSanctionName("(decided)"))
        #expect(!PenaltyDecl.isSanctionName("\"warning\""))
        #expect(!PenaltyDecl.isSanctionName("major - demerit"))
        #expect(!PenaltyDecl.isSanctionName(""))
    }

    @Test func aQuotedNameIsAConstantSanction() throws {
        let yaml = Self.policy.replacingOccurrences(of: "sanction: (decided)\n    at: at\n  - id: fined", with: "sanction: '\"decided\"'\n    at: at\n  - id: fined")
        #expect(yaml != Self.policy)
        let r = try R.run(yaml, "case_id,at,violator,decided,loss\nA,2026-11-02 09:00,小周,记过,\n")
        #expect(Self.sanctions(r) == ["A sanction sanctioned decided -"])
    }
}
