import Foundation
import Testing
@testable import Rulebook

/// Failures while rules run, on small inline policies: each is a located error naming the rule
/// (and the row, or the group), never a trap and never an unlocated error.
@Suite struct RunTimeErrorTests {
    static func compile(_ yaml: String) throws -> CompiledPolicy {
        _ = Paths.root
        return try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(yaml.utf8), file: "inline.yaml"))
    }

    static func run(_ yaml: String, _ csv: String, roster: Roster? = nil, rejects: Bool = false) throws -> EvaluationReport {
        let policy = try compile(yaml)
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
        let run = EvaluationRun(casesPath: "inline.csv", roster: roster, asOf: asOf, collectRejects: rejects)
        return try run.run(policy, source: try CSVReader(file: "inline.csv", input: MemoryInput(Array(csv.utf8))))
    }

    /// The diagnostics a run fails with, one line each.
    static func failure(_ yaml: String, _ csv: String, roster: Roster? = nil) -> [String] {
        do {
            _ = try run(yaml, csv, roster: roster)
            return ["no error"]
        } catch let e as DiagnosticError {
            return e.diagnostics.map(\.description)
        } catch {
            return ["not located: \(error)"]
        }
    }

    /// The errors a policy is refused with when compiled, one line each; [] when it compiles.
    static func problems(_ yaml: String) -> [String] {
        do {
            _ = try compile(yaml)
            return []
        } catch let e as DiagnosticError {
            return e.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static let spans = """
    policy: spans
    fields:
      case_id: string
      received_at: timestamp
      replied_at: { type: timestamp, optional: true }
      n: { type: integer, optional: true, signed: true }
    derive:
      stretched: (replied_at - received_at) * n
    deadlines:
      - id: reply
        from: received_at
        to: replied_at
        within: n * 1h
    """

    @Test func anOverflowFromTheRowNamesTheValueAndPointsAtIt() {
        let csv = "case_id,received_at,replied_at,n\nA,2026-11-02 09:00,2026-11-02 10:00,1\nB,2026-11-02 09:00,2026-11-03 09:00,999999999999999\n"
        #expect(Self.failure(Self.spans, csv) == [
            "inline.csv:3:1: error: derived value 'stretched': arithmetic overflow: 1d * 999999999999999 does not fit in 64 bits",
            "inline.yaml:8:3: note: derived value 'stretched' is declared here",
        ])
    }

    @Test func aNegativeOrOverlongTimeLimitFromTheRowIsAnErrorAtTheRule() {
        let negative = "case_id,received_at,replied_at,n\nA,2026-11-02 09:00,,-2\n"
        #expect(Self.failure(Self.spans, negative) == [
            "inline.csv:2:1: error: rule reply: the time limit comes to -2h; it cannot be negative",
            "inline.yaml:10:9: note: rule reply is declared here",
        ])
        let far = "case_id,received_at,replied_at,n\nA,2026-11-02 09:00,,2000000\n"
        #expect(Self.failure(Self.spans, far) == [
            "inline.csv:2:1: error: rule reply: the deadline, 83333d 8h after 2026-11-02T09:00:00+08:00, falls outside the years 1900–2199 a policy handles",
            "inline.yaml:10:9: note: rule reply is declared here",
        ])
    }

    @Test func calendarFailuresNameTheRule() throws {
        let yaml = """
        policy: working
        calendar: rules/calendars/cn-office.yaml
        fields:
          case_id: string
          received_at: timestamp
          replied_at: { type: timestamp, optional: true }
          n: integer
        deadlines:
          - { id: reply, from: received_at, to: replied_at, within: n * 1 working days }
        """
        // Past the calendar's last year, and before its first.
        let lines = Self.failure(yaml, "case_id,received_at,replied_at,n\nA,2026-11-02 09:00,,5000\n")
        #expect(lines.first?.hasPrefix("inline.csv:2:1: error: rule reply: 5000 working days from 2026-11-02T09:00:00+08:00 runs past the end of calendar") == true)
        #expect(lines.last == "inline.yaml:9:11: note: rule reply is declared here")
        let early = Self.failure(yaml, "case_id,received_at,replied_at,n\nA,2001-11-02 09:00,,1\n")
        #expect(early.first?.hasPrefix("inline.csv:2:1: error: rule reply: 2001-11-02 is outside calendar") == true)
        #expect(early.count == 2)
    }

    @Test func rowsOutsideTheSupportedYearsAreRowErrors() throws {
        let yaml = """
        policy: years
        fields:
          case_id: string
          at: timestamp
          on: { type: date, optional: true }
          who: person
        penalties:
          - { id: fine, when: true, to: who, amount: 20 CNY }
        """
        #expect(Self.failure(yaml, "case_id,at,on,who\nA,0001-01-01 09:00,,甲\n") == [
            "inline.csv:2:3: error: column at: '0001-01-01 09:00' is outside the years 1900–2199 a policy handles",
        ])
        #expect(Self.failure(yaml, "case_id,at,on,who\nA,2026-01-01 09:00,2200-01-01,甲\n") == [
            "inline.csv:2:20: error: column on: '2200-01-01' is outside the years 1900–2199 a policy handles",
        ])
        // With --rejects the row is set aside and the rest is evaluated.
        let r = try Self.run(yaml, "case_id,at,on,who\nA,0001-01-01 09:00,,甲\nB,2026-11-02 09:00,,甲\n", rejects: true)
        #expect(r.rowsRead == 2 && r.rowsEvaluated == 1 && r.rowsRejected == 1)
        #expect(r.ledger.map(\.month) == ["2026-11"])
    }

    static let sums = """
    policy: sums
    fields:
      case_id: string
      at: timestamp
      team: string
      v: integer
    aggregates:
      - { id: cases, by: { team: team }, values: { n: count() } }
      - { id: totals, by: { team: team }, values: { total: sum(v) } }
    escalations:
      - { id: seen, per: cases, when: n > 0, note: n }
    """

    @Test func anOverflowingSumNamesTheAggregateAndTheGroup() {
        var csv = "case_id,at,team,v\n"
        for id in "ABCDEFGHIJ" { csv += "\(id),2026-11-02 09:00,红,999999999999999999\n" }
        #expect(Self.failure(Self.sums, csv) == [
            "inline.csv:11:1: error: rule totals: group team=红: the sum overflows: 8999999999999999991 + 999999999999999999 does not fit in 64 bits",
            "inline.yaml:9:11: note: rule totals is declared here",
        ])
    }

    /// `finish()` runs the group rules and books the ledger once: called again, it gives the
    /// same result instead of raising every escalation a second time.
    @Test func finishingTwiceRunsTheGroupRulesOnce() throws {
        let policy = try Self.compile(Self.sums)
        let asOf = try #require(Timestamp(parsing: "2026-11-30T18:00+08:00", zone: policy.zone))
        let evaluator = try Evaluator(policy: policy, roster: nil, asOf: asOf)
        let at = try #require(Timestamp(parsing: "2026-11-02 09:00", zone: policy.zone))
        for (row, id) in ["A", "B", "C"].enumerated() {
            try evaluator.evaluate(fields: [.string(id), .timestamp(at), .string("红"), .integer(1)], row: row + 2)
        }
        let first = try evaluator.finish()
        let again = try evaluator.finish()
        var escalations: [String] = []
        try again.findings.forEach { if $0.rule == "seen" { escalations.append($0.note ?? "") } }
        #expect(escalations == ["3"])
        #expect(first.findings === again.findings && first.ledger == again.ledger && again.casesEvaluated == 3)
    }

    @Test func aRowSetAsideLeavesEveryAggregateAsItWas() throws {
        // The tenth row overflows the second aggregate; the first must not count it either.
        var csv = "case_id,at,team,v\n"
        for id in "ABCDEFGHIJ" { csv += "\(id),2026-11-02 09:00,红,999999999999999999\n" }
        csv += "K,2026-11-02 09:00,红,1\n"
        let r = try Self.run(Self.sums, csv, rejects: true)
        #expect(r.rowsRejected == 1)
        #expect(r.rejections.first?.message == "rule totals: group team=红: the sum overflows: 8999999999999999991 + 999999999999999999 does not fit in 64 bits")
        #expect(r.findings.first { $0.rule == "seen" }?.note == "10")
    }

    @Test func theFinesOfAnExportMustFitTheirTotal() throws {
        // S2 with 100 rows of 999,999,999,999,999 CNY lost, each fined in full to one person,
        // one in 25 of 2,500 rows: two threads take batches of 256 rows in turn, so neither
        // thread's own total overflows, only their sum does. One thread or two, with rejects
        // or without, the run fails the same way, at the export.
        let csv = try S2Export.hundredHugeLosses(rows: 2_500, every: 25)
        let dir = try TemporaryFolder.make("fines")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/cases.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let policy = try PolicyCompiler.compile(path: "rules/s2-case-management.yaml")
        var run = EvaluationRun(casesPath: path, roster: try RosterReader.load(path: "fixtures/s2/roster.csv"),
                                asOf: TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone))
        for (threads, rejects) in [(1, false), (2, false), (1, true), (2, true), (3, true)] {
            run.threads = threads
            run.collectRejects = rejects
            do {
                _ = try run.run(policy)
                Issue.record("threads \(threads): the overflow went unnoticed")
            } catch let e as DiagnosticError {
                #expect(e.diagnostics.map(\.description) == [
                    "\(path):1:1: error: the fines of the export add up to more than 92233720368547758.07 CNY, more than a ledger can hold",
                ])
            }
        }
    }

    @Test func aNegativeFineFromTheRowIsAnError() {
        let yaml = """
        policy: refunds
        fields:
          case_id: string
          at: timestamp
          loss: { type: money, signed: true }
          who: person
        penalties:
          - { id: fine, when: true, to: who, amount: loss }
        """
        #expect(Self.failure(yaml, "case_id,at,loss,who\nA,2026-11-02 09:00,-20,甲\n") == [
            "inline.csv:2:20: error: column loss: rule fine: the amount comes to -20.00 CNY; a fine cannot be negative",
            "inline.yaml:8:11: note: rule fine is declared here",
        ])
    }

    @Test func aGroupRuleFailureIsReportedAtTheRuleWithItsGroup() {
        let yaml = RunTimePolicies.negativeGroupFine
        #expect(Self.failure(yaml, "case_id,at,who,v\nA,2026-11-02 09:00,甲,3\n") == [
            "inline.yaml:10:11: error: rule refund: group person=甲 month=2026-11: the amount comes to -3.00 CNY; a fine cannot be negative",
        ])
    }

    @Test func aCapThatCannotBeComputedIsAnErrorAtTheCap() {
        let yaml = """
        policy: capped
        fields:
          case_id: string
          at: timestamp
          who: person
        penalties:
          - { id: fine, when: true, to: who, amount: 20 CNY }
        caps:
          - { id: bonus-cap, per: [person, month], limit: bonus * base_points }
        """
        let huge = Roster(people: [.init(name: "甲", basePoints: Fraction(999_999_999_999_999_999), defaultBonus: Money(yuan: 1000))])
        #expect(Self.failure(yaml, "case_id,at,who\nA,2026-11-02 09:00,甲\n", roster: huge) == [
            "inline.yaml:9:11: error: rule bonus-cap: '甲' in 2026-11: arithmetic overflow: '*' gives a result that does not fit in 64 bits",
        ])
        let negative = Roster(people: [.init(name: "甲", basePoints: Fraction(-1), defaultBonus: Money(yuan: 1000))])
        #expect(Self.failure(yaml, "case_id,at,who\nA,2026-11-02 09:00,甲\n", roster: negative) == [
            "inline.yaml:9:11: error: rule bonus-cap: '甲' in 2026-11: the cap comes to -1000.00 CNY (bonus 1000.00 CNY); a cap cannot be negative",
        ])
    }

    @Test func capsAreCheckedAgainstTheBonusWhenCompiled() throws {
        func diagnostics(_ limit: String) -> [String] {
            let yaml = """
            policy: capped
            fields: { case_id: string, at: timestamp, who: person }
            penalties:
              - { id: fine, when: true, to: who, amount: 20 CNY }
            caps:
              - id: bonus-cap
                per: [person, month]
                limit: \(limit)
            """
            do {
                return try Self.compile(yaml).warnings.map(\.description)
            } catch let e as DiagnosticError {
                return e.diagnostics.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        #expect(diagnostics("-50% of bonus") == ["inline.yaml:8:12: error: 'limit' takes -50% of the bonus: a cap cannot be negative"])
        #expect(diagnostics("bonus * 1.5") == ["inline.yaml:8:20: error: 'limit' takes 150% of the bonus: a cap is at most 100% of it"])
        #expect(diagnostics("min(50% of bonus, -20 CNY)") == [])  // a negative result is a run-time error
        #expect(diagnostics("-20 CNY") == ["inline.yaml:8:12: error: 'limit' is negative (-20.00 CNY): fines and caps are amounts taken, never given"])
        #expect(diagnostics("0% of bonus") == ["inline.yaml:8:12: warning: 'limit' takes 0% of the bonus: nothing is ever deducted"])
        #expect(diagnostics("100% of bonus") == [])
    }

    @Test func aPolicyWithoutFieldsIsRefused() {
        #expect(throws: DiagnosticError.self) { _ = try Self.compile("policy: empty\nfields: {}\n") }
        #expect(throws: DiagnosticError.self) { _ = try Self.compile("policy: empty\nfields:\n") }
    }
}
