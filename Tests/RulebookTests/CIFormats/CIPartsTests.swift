import Foundation
import Testing
@testable import Rulebook

/// The pieces the CI formats are built from: rows to lines, paths to URIs, failures kept by
/// rule within bounded memory.
@Suite struct CIPartsTests {
    @Test func rowLinesFollowRecordsThatSpanLines() {
        var lines = RowLines()
        // Rows 2…6 under a header; row 3 spans two lines, row 5 three.
        for (row, line) in [(2, 2), (3, 3), (4, 5), (5, 6), (6, 9)] { lines.note(row: row, line: line) }
        #expect((0...7).map { lines.line(ofRow: $0) } == [nil, nil, 2, 3, 5, 6, 9, nil])
        // A row noted again, or out of order, changes nothing.
        lines.note(row: 4, line: 40)
        #expect(lines.line(ofRow: 4) == 5)
        #expect(RowLines().line(ofRow: 1) == nil)
    }

    @Test func rowLinesKeepManyChangesAndNumbersPast32Bits() {
        // Every third row spans two lines: thousands of changes, over several chunks.
        var lines = RowLines()
        var line = 2
        var expected: [Int: Int] = [:]
        for row in 2...30_000 {
            lines.note(row: row, line: line)
            expected[row] = line
            line += row % 3 == 0 ? 2 : 1
        }
        #expect((2...30_000).allSatisfy { lines.line(ofRow: $0) == expected[$0] })
        // A difference past Int32, then rows past UInt32: kept exactly, the earlier rows too.
        let far = Int(Int32.max) + 10
        lines.note(row: 30_001, line: 30_001 + far)
        lines.note(row: 30_002, line: 30_002 + far)
        let high = Int(UInt32.max) + 5
        lines.note(row: high, line: high + 7)
        lines.note(row: high + 1, line: high + 9)
        #expect(lines.line(ofRow: 29_999) == expected[29_999])
        #expect(lines.line(ofRow: 30_000) == expected[30_000])
        #expect(lines.line(ofRow: 30_002) == 30_002 + far)
        #expect(lines.line(ofRow: high - 1) == high - 1 + far)
        #expect(lines.line(ofRow: high) == high + 7)
        #expect(lines.line(ofRow: high + 1) == high + 9)
        #expect(lines.line(ofRow: high + 2) == nil)
    }

    @Test func rowLinesOfAJSONArrayAreTheLinesItsObjectsStartOn() throws {
        let policy = try RunTimeErrorTests.compile("""
            policy: json
            fields: { case_id: string, at: timestamp, done: { type: timestamp, optional: true } }
            deadlines: [ { id: reply, from: at, to: done, within: 1h } ]
            """)
        try TemporaryFolder.with(["cases.json": """
            [
              {"case_id": "a", "at": "2026-11-02 09:00"},
              {
                "case_id": "b",
                "at": "2026-11-02 09:00"
              },
              {"case_id": "c", "at": "2026-11-02 09:00"}
            ]
            """]) { dir in
            let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
            let r = try EvaluationRun(casesPath: dir + "/cases.json", asOf: asOf).run(policy)
            #expect(r.findings.map(\.row) == [1, 2, 3])
            #expect([1, 2, 3].map { r.rowLines.line(ofRow: $0) } == [2, 3, 7])
        }
    }

    @Test func pathsBecomeRelativeReferencesOrFileURIs() {
        #expect(ArtifactPath("./rules//s1.yaml").path == "rules/s1.yaml")
        #expect(ArtifactPath("rules/").path == "rules")
        #expect(ArtifactPath("../x/./y.csv").path == "../x/y.csv")
        #expect(ArtifactPath("./rules//s1.yaml").sarifURI == ("rules/s1.yaml", "%SRCROOT%"))
        #expect(ArtifactPath("exports/投诉 2026:11,a%b.csv").sarifURI
                == ("exports/%E6%8A%95%E8%AF%89%202026%3A11%2Ca%25b.csv", "%SRCROOT%"))
        #expect(ArtifactPath("/srv/data//cases.csv").sarifURI == ("file:///srv/data/cases.csv", nil))
    }

    @Test func groupedBytesComeBackByGroupInOrderWhetherSpilledOrNot() throws {
        for budget in [1, 7, 1 << 20] {
            let g = GroupedBytes(groups: 3, budget: budget)
            var expected = ["", "", ""]
            for i in 0..<50 {
                let group = (i * 7) % 3
                let text = "<\(i):\(String(repeating: "x", count: i % 5))>"
                try g.append(text, to: group)
                expected[group] += text
            }
            #expect(g.spilled == (budget < 1 << 20), "budget \(budget)")
            for group in 0..<3 {
                var bytes: [UInt8] = []
                try g.forEach(group: group) { bytes += $0 }
                #expect(String(decoding: bytes, as: UTF8.self) == expected[group], "budget \(budget), group \(group)")
            }
        }
    }

    @Test func junitIsTheSameWhenItsFailuresSpill() throws {
        let (r, p) = try CheckFormatTests.s1()
        let subject = CheckSubject(report: r, policy: p, gate: CheckGate(), language: .en)
        let memory = ByteOutput.memory(), spilled = ByteOutput.memory()
        let n = try JUnitCheckReport.write(subject, to: memory)
        #expect(try JUnitCheckReport.write(subject, to: spilled, spoolBudget: 64) == n)
        #expect(n == 24)  // S1's violations: 8 breached, 2 overdue, 13 fines, 1 escalation
        #expect(spilled.text == memory.text)
    }

    @Test func aRuleWithFindingsThatIsNoRuleKindIsListed() throws {
        // A derived value whose ratio could not be taken has findings of its own, and so has
        // the aggregate whose monthly ratio could not be (product X delivered 0).
        let r = try RatioTests.run(["B,2026-10-03 09:00,X,2,0,"])
        let p = try RunTimeErrorTests.compile(RatioTests.policy)
        let subject = CheckSubject(report: r, policy: p, gate: CheckGate(), language: .en)
        #expect(subject.rules.map(\.id) == ["defect_ratio", "per-product", "high-ratio", "high-monthly"])
        let log = try CIRead.json(try CheckFormat.sarif.render(r, policy: p, gate: CheckGate()))
        let results = try CIRead.results(log)
        #expect(results.compactMap { $0["ruleId"] as? String } == ["defect_ratio", "per-product"])
        #expect(results.compactMap { $0["level"] as? String } == ["warning", "warning"])
        #expect(results.compactMap { $0["ruleIndex"] as? Int } == [0, 1])
        #expect(try CIRead.rules(log)[0]["id"] as? String == "defect_ratio")
    }
}
