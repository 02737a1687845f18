import Testing
@testable import Rulebook

/// The entry points the fuzz harnesses (fuzz/) use: one expression compiled in a policy's case
/// scope, and the in-memory loaders for calendars and policy tests.
@Suite struct PolicyExpressionTests {
    static let policy = """
    policy: expressions
    fields:
      case_id: string
      received_at: timestamp
      replied_at: { type: timestamp, optional: true }
      severity: { type: enum, values: [general, major] }
      loss: { type: money, optional: true }
    derive:
      doubled: loss * 2
    deadlines:
      - id: reply
        from: received_at
        to: replied_at
        within: 2h
    """

    func compiled() throws -> CompiledPolicy {
        try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(Self.policy.utf8), file: "p.yaml"))
    }

    func problem(_ text: String) throws -> String {
        do {
            _ = try compiled().expression(text, file: "probe")
            return "no problem"
        } catch let e as DiagnosticError {
            return e.diagnostics.map { "\($0.location): \($0.message)" }.joined(separator: "; ")
        }
    }

    @Test func fieldsDerivedValuesAndDeadlinesAreInScope() throws {
        let p = try compiled()
        let e = try p.expression("severity == \"major\" and doubled > 100 CNY and reply.breached")
        #expect(e.type == .boolean)
        let ctx = p.makeContext()
        #expect(ctx.slots.count == p.valueTypes.count)
        for (i, v) in p.valueTypes.enumerated() {
            switch v.name {
            case "severity": ctx.slots[i] = .enumValue("major")
            case "doubled": ctx.slots[i] = .money(Money(yuan: 150))
            default: break
            }
        }
        #expect(try e.evaluate(ctx) == .bool(false))  // the deadline is not applicable
        ctx.outcomes[0] = DeadlineOutcome(status: .breached)
        #expect(try e.evaluate(ctx) == .bool(true))
    }

    @Test func problemsAreLocatedInTheExpression() throws {
        #expect(try problem("loss +").hasPrefix("probe:1:7: in expression: "))
        #expect(try problem("severity == 3").hasPrefix("probe:1:"))
        #expect(try problem("unknown_name").hasPrefix("probe:1:1: "))
    }

    @Test func policyTestsLoadFromBytesAgainstTheirFolder() throws {
        let text = "suite: s\npolicy: ../s1-complaint-handling.yaml\ntests:\n  - name: t\n    expect: { findings: [] }\n"
        let suite = try PolicyTestLoader.load(bytes: Array(text.utf8), file: "rules/tests/x.test.yaml")
        #expect(suite.policyPath == "rules/s1-complaint-handling.yaml")
        #expect(suite.tests.map(\.name) == ["t"])
    }

    @Test func calendarsLoadFromMemory() throws {
        let loader = CalendarLoader(files: [
            "c/base.yaml": "calendar: base\ntimezone: Asia/Shanghai\nyears: 2026\n",
            "c/office.yaml": "calendar: office\nextends: base.yaml\nweek:\n  monday: [09:00-17:00]\n",
        ])
        let c = try loader.load(path: "c/office.yaml")
        #expect(c.id == "office")
        #expect(c.years == 2026...2026)
    }
}
