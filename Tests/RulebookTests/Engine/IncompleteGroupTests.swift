import Foundation
import Testing
@testable import Rulebook

/// Rows set aside with `--rejects` are missing from the counts of the groups they belong to:
/// the report says which groups, and by how many rows, in every format, instead of showing a
/// short count (and a fine not given) as final.
@Suite struct IncompleteGroupTests {
    /// Three valid complaints a month fine the person 200; `replied` is read by no key.
    static let policy = """
    policy: counts
    fields:
      case_id: string
      at: timestamp
      who: person
      valid: boolean
      replied: { type: timestamp, optional: true }
      units: { type: integer, optional: true }
    derive:
      days_to_reply: if replied is null then null else days(replied - at)
      key_person: if units == 99 then null else who
    aggregates:
      - { id: per-month, where: valid, by: { person: key_person, month: month(at) }, values: { n: count() } }
    penalties:
      - { id: repeated, per: per-month, measure: n, tiers: [{ at_least: 3, amount: 200 CNY }], to: person }
    """

    static let header = "case_id,at,who,valid,replied,units\n"

    static func run(_ rows: [String], rejects: Bool = true) throws -> EvaluationReport {
        try RunTimeErrorTests.run(policy, header + rows.joined(separator: "\n") + "\n", rejects: rejects)
    }

    static func lost(_ r: EvaluationReport) -> [String] {
        r.incomplete.map { "\($0.subject): \($0.rowsLost)" }
    }

    @Test func aRowRejectedForAFieldNoKeyReadsIsLostToItsGroup() throws {
        // S9's case: three complaints, one with a bad reply time; two are counted, no fine.
        let r = try Self.run([
            "A,2026-10-02 09:00,甲,yes,2026-10-02 10:00,",
            "B,2026-10-03 09:00,甲,yes,2026-10-03 99:00,",
            "C,2026-10-04 09:00,甲,yes,,",
        ])
        #expect(r.rowsRejected == 1)
        #expect(r.findings.isEmpty)
        #expect(Self.lost(r) == ["per-month: person=甲 month=2026-10: 1"])
        #expect(r.incomplete.first?.clause == nil)
    }

    @Test func aGroupThatStillMadeAFindingCarriesItsLoss() throws {
        let r = try Self.run([
            "A,2026-10-02 09:00,甲,yes,,", "B,2026-10-03 09:00,甲,yes,,", "C,2026-10-04 09:00,甲,yes,,",
            "D,2026-10-05 09:00,甲,yes,2026-10-05 99:00,",
            "E,2026-10-06 09:00,乙,yes,,",
        ])
        let fine = try #require(r.findings.first { $0.status == .fined })
        #expect(fine.party == "甲")
        #expect(fine.rowsLost == 1)
        #expect(Self.lost(r) == ["per-month: person=甲 month=2026-10: 1"])
        // Every format says so: on the finding, and as a list of incomplete groups.
        let json = try ReportFormat.json.render(r)
        #expect(json.contains("\"rows_lost\":1"))
        #expect(json.contains("\"groups_incomplete\": 1"))
        #expect(json.contains("\"incomplete\": [\n    {\"aggregate\":\"per-month\",\"group\":\"person=甲 month=2026-10\",\"rows_lost\":1}\n  ]"))
        let lines = try ReportFormat.jsonl.render(r).split(separator: "\n")
        #expect(lines.contains("{\"type\":\"incomplete\",\"aggregate\":\"per-month\",\"group\":\"person=甲 month=2026-10\",\"rows_lost\":1}"))
        let csv = try ReportFormat.csv.render(r).split(separator: "\r\n").map(String.init)
        #expect(csv[0].hasSuffix(",title,rows_lost"))
        #expect(csv.contains { $0.hasPrefix("per-month: person=甲 month=2026-10,penalty,repeated,") && $0.hasSuffix(",1") })
        #expect(csv.last == "per-month: person=甲 month=2026-10,aggregate,per-month,,incomplete,,,,,,,,,,,"
                + "1 row set aside with --rejects belongs to this group: its counts and sums are short of it,,1")
        let table = try ReportFormat.table.render(r)
        #expect(table.contains("1 rejected; 1 group incomplete"))
        #expect(table.contains("per-month: person=甲 month=2026-10 (incomplete: 1 row rejected)"))
        #expect(table.contains("Incomplete groups"))
        // `check` prints the gate's note on standard error.
        let note = try #require(try EvaluationGate.check(r, rejectsPath: "rejects.csv"))
        #expect(note.hasSuffix("\nnote: 1 group is short of rejected rows, so counts over it may be too low: per-month: person=甲 month=2026-10 (1 lost)"))
        // A run without losses prints none of it.
        let whole = try Self.run(["A,2026-10-02 09:00,甲,yes,,"])
        #expect(whole.incomplete.isEmpty)
        #expect(try !ReportFormat.table.render(whole).contains("incomplete"))
        #expect(try !ReportFormat.json.render(whole).contains("rows_lost"))
    }

    @Test func aRowWhoseKeyCannotBeReadMakesEveryGroupPossiblyShort() throws {
        let r = try Self.run([
            "A,2026-10-02 09:00,甲,yes,,", "B,2026-10-03 09:00,甲,yes,,", "C,2026-10-04 09:00,甲,yes,,",
            "D,2026-10-32 09:00,甲,yes,,",  // the month cannot be read
        ])
        #expect(r.incomplete == [IncompleteGroup(aggregate: "per-month", clause: nil, group: nil, rowsLost: 1)])
        #expect(r.incomplete[0].note.contains("could not be placed in a group: any group of per-month may be short of it"))
        #expect(r.findings.first { $0.status == .fined }?.rowsLost == 1)
        // A bad `where` field is as unknown as a bad key.
        let w = try Self.run(["A,2026-10-02 09:00,甲,perhaps,,"])
        #expect(w.incomplete.map(\.group) == [nil])
    }

    @Test func aRowOutsideEveryGroupLosesNothing() throws {
        // Not valid: whatever else failed, the row was in no group.
        let invalid = try Self.run(["A,2026-10-02 09:00,甲,no,2026-10-02 99:00,", "B,2026-10-02 09:00,甲,yes,,"])
        #expect(invalid.rowsRejected == 1)
        #expect(invalid.incomplete.isEmpty)
        // A repeated case id is counted once, by the row kept.
        let repeated = try Self.run(["A,2026-10-02 09:00,甲,yes,,", "A,2026-10-02 09:00,甲,yes,,"])
        #expect(repeated.rowsRejected == 1)
        #expect(repeated.incomplete.isEmpty)
    }

    @Test func aRuleThatFailsIsTracedToTheKeysItFeeds() throws {
        // `days_to_reply` overflows on a row with units: no key reads it, so the row is placed.
        let failing = Self.policy.replacingOccurrences(of: "days_to_reply: if replied is null then null else days(replied - at)",
                                                       with: "days_to_reply: if units is null then null else units * 999999999999999999 * 10")
        let r = try RunTimeErrorTests.run(failing, Self.header + "A,2026-10-02 09:00,甲,yes,,4\nB,2026-10-02 09:00,甲,yes,,\n", rejects: true)
        #expect(r.rowsRejected == 1)
        #expect(r.rejections.first?.message.contains("derived value 'days_to_reply'") == true, "\(r.rejections)")
        #expect(Self.lost(r) == ["per-month: person=甲 month=2026-10: 1"])
        // The same failure in the value a key reads: the group cannot be told.
        let inKey = Self.policy.replacingOccurrences(of: "key_person: if units == 99 then null else who",
                                                     with: "key_person: if units is null then who else if units * 999999999999999999 * 10 > 0 then who else who")
        let k = try RunTimeErrorTests.run(inKey, Self.header + "A,2026-10-02 09:00,甲,yes,,4\nB,2026-10-02 09:00,甲,yes,,\n", rejects: true)
        #expect(k.rowsRejected == 1)
        #expect(k.incomplete.map(\.group) == [nil])
    }

    @Test func oneThreadOrTwoTheSameLosses() throws {
        // Rows failing on the reading thread (a bad time) and on the evaluating threads (a
        // person missing from the roster), spread over many groups and batches.
        var rows: [String] = []
        for i in 0..<3000 {
            let who = ["甲", "乙", "丙"][i % 3]
            let day = 1 + (i / 3) % 28
            let month = 1 + (i / 84) % 12
            let at = String(format: "2026-%02d-%02d 09:00", month, day)
            let replied = i % 97 == 0 ? String(format: "2026-%02d-%02d 25:00", month, day) : ""
            let person = i % 89 == 0 ? "丁" : who
            rows.append("C\(i),\(at),\(person),yes,\(replied),")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-lost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = dir.appendingPathComponent("cases.csv").path
        try (Self.header + rows.joined(separator: "\n") + "\n").write(toFile: cases, atomically: true, encoding: .utf8)
        let rosterPath = dir.appendingPathComponent("roster.csv").path
        try "姓名,部门\n甲,一\n乙,一\n丙,一\n".write(toFile: rosterPath, atomically: true, encoding: .utf8)
        let policy = try RunTimeErrorTests.compile(Self.policy)
        let roster = try RosterReader.load(path: rosterPath)
        var reports: [String] = []
        for threads in [1, 2] {
            var run = EvaluationRun(casesPath: cases, roster: roster,
                                    asOf: TimestampParser.timestamp(Array("2027-01-31T18:00+08:00".utf8)[...], zone: policy.zone),
                                    collectRejects: true)
            run.threads = threads
            let r = try run.run(policy)
            #expect(r.rowsRejected == 31 + 34 - 1)  // C0 has both faults: the bad time, read first, rejects it
            #expect(r.incomplete.reduce(0) { $0 + $1.rowsLost } == 31 + 34 - 1)
            reports.append(try ReportFormat.json.render(r))
        }
        #expect(reports[0] == reports[1])
    }
}
