import Foundation
import Testing
@testable import Rulebook

/// How fines are divided and booked, on small inline policies.
@Suite struct PenaltySplitTests {
    static func evaluate(_ policyYAML: String, _ csv: String, roster: Roster? = nil) throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(policyYAML.utf8), file: "inline.yaml"))
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
        let run = EvaluationRun(casesPath: "inline.csv", roster: roster, asOf: asOf)
        return try run.run(policy, source: try CSVReader(file: "inline.csv", input: MemoryInput(Array(csv.utf8))))
    }

    static let joint = """
    policy: joint
    fields:
      case_id: string
      at: timestamp
      loss: money
      maker: person
      checker: person
      ratio: { type: decimal, min: 0%, max: 100% }
    penalties:
      - id: joint-fault
        when: loss > 0 CNY
        amount: loss
        to: [{ party: maker, share: ratio }, { party: checker, share: 100% - ratio }]
    """

    @Test func sharesOfTheWholeAddUpExactly() throws {
        // 100.01 at 50/50: exactly 50.005 each; the odd fen goes to the first party, so the
        // shares add up to the loss (rounding each would give 100.02).
        let r = try Self.evaluate(Self.joint, "case_id,at,loss,maker,checker,ratio\nA,2026-11-02 09:00,100.01,甲,乙,50%\n")
        func fines(_ r: EvaluationReport) -> [String: Money] {
            Dictionary(uniqueKeysWithValues: r.findings.filter { $0.kind == .penalty }.map { ($0.party!, $0.amount!) })
        }
        #expect(fines(r) == ["甲": Money(minorUnits: 5001), "乙": Money(minorUnits: 5000)])
        // 60/40 of 3200: 1920 and 1280.
        let r2 = try Self.evaluate(Self.joint, "case_id,at,loss,maker,checker,ratio\nB,2026-11-02 09:00,3200,甲,乙,0.6\n")
        #expect(fines(r2) == ["甲": Money(yuan: 1920), "乙": Money(yuan: 1280)])
    }

    @Test func basePointsApportionToTheFen() throws {
        // 1000.00 over base points 4, 3, 2: exactly 444.444…, 333.333…, 222.222…; floors
        // 444.44 + 333.33 + 222.22 = 999.99, the last fen to the largest remainder (the first).
        let shares = try Evaluator.apportion(Money(yuan: 1000), weights: [Fraction(4), Fraction(3), Fraction(2)])
        #expect(shares == [Money(minorUnits: 44_445), Money(minorUnits: 33_333), Money(minorUnits: 22_222)])
    }

    @Test func aSecondCapIsAnError() throws {
        let yaml = """
        policy: caps
        fields: { case_id: string, at: timestamp }
        caps:
          - { id: one, per: [person, month], limit: 50% of bonus }
          - { id: two, per: [person, month], limit: 30% of bonus }
        """
        #expect(throws: DiagnosticError.self) { _ = try Self.evaluate(yaml, "case_id,at\n") }
        do {
            _ = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(yaml.utf8), file: "inline.yaml"))
        } catch let e as DiagnosticError {
            #expect(e.description == "inline.yaml:5:11: error: a policy has one cap per person and month; 'one' is already it (at 4:11)")
        }
    }

    @Test func latenessCanBeMeasuredInWorkingTime() throws {
        // Dispatched the next working day: due end of Fri 11-06 (24:00); done Mon 11-09 10:00.
        // Calendar: 2d 10h 0m 1s. Working time: Sat/Sun and the night do not count; Mon
        // 08:30–10:00 = 1.5 working hours.
        let yaml = """
        policy: next-day
        calendar: rules/calendars/cn-office.yaml
        fields: { case_id: string, called_at: timestamp, dispatched_at: { type: timestamp, optional: true } }
        deadlines:
          - { id: calendar-late, from: called_at, to: dispatched_at, due: end_of_day(called_at + 1 working days) }
          - { id: working-late, from: called_at, to: dispatched_at, due: end_of_day(called_at + 1 working days), lateness: working-time }
        """
        let r = try Self.evaluate(yaml, "case_id,called_at,dispatched_at\nN,2026-11-05 10:00,2026-11-09 10:00\n")
        let late = Dictionary(uniqueKeysWithValues: r.findings.map { ($0.rule, $0.lateBy) })
        let calendarLate: Int64 = 2 * 86_400 + 10 * 3600  // from Fri 24:00, not a second more
        #expect(late["calendar-late"] == TimeSpan.seconds(calendarLate))
        #expect(late["working-late"] == TimeSpan.workingSeconds(5400))
    }
}

/// A `note:` carries per-case text, such as a table's reason, into the finding.
@Suite struct FindingNoteTests {
    @Test func escalationCarriesTheTableReason() throws {
        let yaml = """
        policy: note
        fields: { case_id: string, at: timestamp, kind: { type: enum, values: [court, petition, none] } }
        tables:
          - id: accept
            outputs: { accepted: boolean, reason: string }
            rows:
              - { when: kind == "court", accepted: false, reason: '"already in court"' }
              - { when: kind == "petition", accepted: false, reason: '"handled by the petitions office"' }
              - { accepted: true }
        escalations:
          - { id: refused, when: not accepted, action: 告知不予受理, note: reason }
        """
        let r = try PenaltySplitTests.evaluate(yaml, "case_id,at,kind\nA,2026-11-02 09:00,court\nB,2026-11-02 09:00,none\nC,2026-11-03 09:00,petition\n")
        #expect(r.findings.map(\.subject) == ["A", "C"])
        #expect(r.findings.map(\.note) == ["already in court", "handled by the petitions office"])
        #expect(try ReportFormat.jsonl.render(r).contains("\"action\":\"告知不予受理\",\"note\":\"already in court\""))
    }
}
