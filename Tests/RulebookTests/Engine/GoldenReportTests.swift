import Foundation
import Testing
@testable import Rulebook

/// Every report format of the S1 fixture, byte for byte: in the policy's language (S1 is
/// Chinese) and the table and `check` lines in English too (`--lang en`). The golden files
/// were reviewed by hand when written; regenerate with RULEBOOK_UPDATE_GOLDEN=1 after a
/// reviewed change.
@Suite struct GoldenReportTests {
    static let formats: [(ReportFormat, String, ReportLanguage?)] = [
        (.table, "report.txt", nil), (.table, "report.en.txt", .en), (.json, "report.json", nil), (.jsonl, "report.jsonl", nil),
        (.csv, "report.csv", nil), (.ledgerCSV, "report.ledger.csv", nil), (.html, "report.html", nil),
    ]

    @Test(arguments: formats.map(\.1))
    func matchesGolden(file: String) throws {
        let (format, _, language) = Self.formats.first { $0.1 == file }!
        try Self.compare(try format.render(S1EvaluationTests.report(), language: language), file)
    }

    /// `rulebook check`'s lines, each with its rule's title: Chinese (S1's) and English.
    @Test(arguments: ["check.txt", "check.en.txt"])
    func checkLinesMatchGolden(file: String) throws {
        let policy = try PolicyCompiler.compile(path: Paths.root + "/rules/s1-complaint-handling.yaml")
        let text = try CheckFormat.text.render(S1EvaluationTests.report(), policy: policy, gate: CheckGate(),
                                               language: file.contains(".en.") ? .en : nil)
        try Self.compare(text, file)
    }

    static func compare(_ text: String, _ file: String) throws {
        let path = Paths.root + "/fixtures/s1/expected/\(file)"
        if ProcessInfo.processInfo.environment["RULEBOOK_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        // Bytes, not Strings: reading a String would drop the CSV's byte order mark.
        let golden = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Data(text.utf8) == golden, "\(path) differs; review and regenerate with RULEBOOK_UPDATE_GOLDEN=1")
    }

    @Test func shuffledRowsGiveTheSameBytes() throws {
        _ = Paths.root
        let original = try String(contentsOfFile: "fixtures/s1/cases.csv", encoding: .utf8)
        var lines = original.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines.removeFirst()
        // The fixture has a quoted field with a line break: keep records whole.
        var records: [String] = []
        for line in lines {
            if let last = records.last, last.filter({ $0 == "\"" }).count % 2 == 1 {
                records[records.count - 1] = last + "\r\n" + line
            } else {
                records.append(line)
            }
        }
        #expect(records.count == 11)
        var rng = SplitMix64(seed: 42)
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let roster = try RosterReader.load(path: "fixtures/s1/roster.csv")
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-shuffle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = try ReportFormat.json.render(S1EvaluationTests.report())
        for round in 0..<5 {
            var shuffled = records
            for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            #expect(round == 0 || shuffled != records)
            let path = dir.appendingPathComponent("cases.csv").path
            try ([header] + shuffled).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            var report = try EvaluationRun(casesPath: path, roster: roster, asOf: asOf).run(policy)
            report.inputFile = "fixtures/s1/cases.csv"
            #expect(try ReportFormat.json.render(report) == expected)
        }
    }
}
