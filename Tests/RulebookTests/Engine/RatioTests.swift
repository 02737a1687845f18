import Foundation
import Testing
@testable import Rulebook

/// `ratio(part, whole)`: a ratio that cannot be taken (its whole 0 or missing, or its part
/// missing) is a finding of the rule that read it, not a silent "not above the line".
@Suite struct RatioTests {
    static let policy = """
    policy: ratios
    fields:
      case_id: string
      at: timestamp
      product: string
      defective: { type: integer, optional: true }
      delivered: { type: integer, optional: true }
      loss: { type: money, optional: true }
    derive:
      defect_ratio: ratio(defective, delivered)
      # Guarded: a case without a loss has no share to report.
      loss_share: if loss is null then null else ratio(loss, 1000 CNY)
    aggregates:
      - id: per-product
        clause: "4.1.3"
        by: { product: product, month: month(at) }
        values:
          monthly_ratio: ratio(sum(defective), max(delivered))
    escalations:
      - { id: high-ratio, clause: "4.1.3", when: defect_ratio > 3‰, action: 填写异常反馈单 }
      - { id: high-monthly, clause: "4.1.3", per: per-product, when: monthly_ratio > 3‰, action: 质量专题报告 }
    """

    static func run(_ rows: [String], rejects: Bool = false) throws -> EvaluationReport {
        try RunTimeErrorTests.run(policy, "case_id,at,product,defective,delivered,loss\n" + rows.joined(separator: "\n") + "\n", rejects: rejects)
    }

    static func lines(_ r: EvaluationReport) -> [String] {
        r.findings.map { "\($0.subject) \($0.kind.rawValue) \($0.rule) \($0.status.rawValue)" + ($0.note.map { ": \($0)" } ?? "") }
    }

    @Test func aRatioWithNoWholeIsAFinding() throws {
        let r = try Self.run([
            "A,2026-10-02 09:00,X,5,1000,",  // 5‰: raised
            "B,2026-10-03 09:00,X,2,0,",     // whole 0
            "C,2026-10-04 09:00,Y,,,",       // nothing to divide
            "D,2026-10-05 09:00,Y,3,,",      // no whole
        ])
        #expect(Self.lines(r) == [
            "A escalation high-ratio raised",
            "B ratio defect_ratio undefined: delivered is 0",
            "C ratio defect_ratio undefined: delivered is missing",
            "D ratio defect_ratio undefined: delivered is missing",
            // X: 7 of 1000 (max delivered); Y: no delivered at all.
            "per-product: product=X month=2026-10 escalation high-monthly raised",
            "per-product: product=Y month=2026-10 ratio per-product undefined: max(delivered) is missing",
        ])
        let group = try #require(r.findings.last)
        #expect(group.clause == "4.1.3")
        #expect(group.title == "ratio undefined: ratio(sum(defective), max(delivered))")
        #expect(!group.isViolation)
        #expect(r.violationCount == 2)
        #expect(try ReportFormat.json.render(r).contains("{\"case\":\"B\",\"kind\":\"ratio\",\"rule\":\"defect_ratio\",\"status\":\"undefined\",\"note\":\"delivered is 0\",\"title\":\"ratio undefined: ratio(defective, delivered)\"}"))
        let table = try ReportFormat.table.render(r)
        #expect(table.contains("Ratios undefined"))
        #expect(table.contains("ratio       undefined      4"))
    }

    @Test func aPartMissingIsUndefinedAndMoneyDividesInFen() throws {
        let r = try Self.run(["A,2026-10-02 09:00,X,,5,", "B,2026-10-02 09:00,X,,5,250.00"])
        let notes = r.findings.filter { $0.kind == .ratio }.map { "\($0.subject): \($0.note ?? "")" }
        #expect(notes == ["A: defective is missing", "B: defective is missing", "per-product: product=X month=2026-10: sum(defective) is missing"])
        let policy = try RunTimeErrorTests.compile(Self.policy)
        let ctx = policy.makeContext()
        let quarter = try policy.expression("ratio(250.00 CNY, 1000 CNY)").evaluate(ctx)
        #expect(quarter == .decimal(Fraction(1, 4)!))
        #expect(ctx.undefinedRatios.isEmpty)
    }

    @Test func aRejectedRowLeavesNoRatioFinding() throws {
        // The ratio is undefined, then the row fails: neither is kept but the rejection.
        let failing = Self.policy.replacingOccurrences(of: "ratio(loss, 1000 CNY)", with: "ratio(loss, 1000 CNY) * 999999999999999999")
        let r = try RunTimeErrorTests.run(failing, "case_id,at,product,defective,delivered,loss\nA,2026-10-02 09:00,X,2,0,999999\n", rejects: true)
        #expect(r.rowsRejected == 1)
        #expect(!r.findings.contains { $0.subject == "A" })
    }

    @Test func ratioTakesTwoNumbersOrTwoAmounts() {
        func problems(_ expr: String) -> [String] {
            RunTimeErrorTests.problems(Self.policy.replacingOccurrences(of: "ratio(loss, 1000 CNY)", with: expr))
        }
        #expect(problems("ratio(loss, 3)").first?.contains("argument 2 of 'ratio' must be an amount of money, as the other is, not integer") == true,
                "\(problems("ratio(loss, 3)"))")
        #expect(problems("ratio(product, 3)").first?.contains("argument 1 of 'ratio' must be a number or an amount of money, not string") == true,
                "\(problems("ratio(product, 3)"))")
        #expect(problems("ratio(3)").first?.contains("'ratio' takes 2 arguments, not 1") == true)
    }
}
