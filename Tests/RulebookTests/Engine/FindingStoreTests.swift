import Foundation
import Testing
@testable import Rulebook

/// Findings spilled to sorted runs on disk come back in exactly the order of an in-memory sort,
/// whatever the row order: every report format gives the same bytes.
@Suite struct FindingStoreTests {
    static func generated(rows: Int, shuffled: Bool) throws -> String {
        let out = ByteOutput.memory()
        CaseGenerator(policy: .s1, seed: 11).write(count: rows, format: .csv, to: out)
        var text = out.text
        if shuffled {
            // Whole records: the generator's quoted cells hold "\n", records end with a digit or quote + "\n".
            var lines = text.components(separatedBy: "\n").filter { !$0.isEmpty }
            let header = lines.removeFirst()
            var records: [String] = []
            for l in lines {
                if l.hasPrefix("客户停线") { records[records.count - 1] += "\n" + l } else { records.append(l) }
            }
            var r = SeededRandom(seed: 5)
            for i in records.indices.reversed() { records.swapAt(i, r.below(i + 1)) }
            text = ([header] + records).joined(separator: "\n") + "\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-store-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func report(_ cases: String, runSize: Int, threads: Int = 1) throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let rosterPath = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-roster-\(UUID().uuidString).csv").path
        try CaseGenerator(policy: .s1, seed: 11).roster().write(toFile: rosterPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rosterPath) }
        var run = EvaluationRun(casesPath: cases, roster: try RosterReader.load(path: rosterPath),
                                asOf: TimestampParser.timestamp(Array("2026-12-31T18:00+08:00".utf8)[...], zone: policy.zone))
        run.findingRunSize = runSize
        run.threads = threads
        return try run.run(policy)
    }

    @Test func spilledRunsGiveTheSameBytes() throws {
        let ordered = try Self.generated(rows: 600, shuffled: false)
        let shuffled = try Self.generated(rows: 600, shuffled: true)
        defer {
            try? FileManager.default.removeItem(atPath: ordered)
            try? FileManager.default.removeItem(atPath: shuffled)
        }
        let reference = try Self.report(ordered, runSize: 1_000_000)
        #expect(reference.rowsEvaluated == 600 && reference.findingCount > 2000)
        for (cases, runSize, threads) in [(ordered, 7, 1), (ordered, 97, 2), (shuffled, 1_000_000, 2), (shuffled, 250, 1)] {
            var r = try Self.report(cases, runSize: runSize, threads: threads)
            r.inputFile = reference.inputFile
            for format in ReportFormat.allCases {
                #expect(format.render(r) == format.render(reference), "\(format) with runs of \(runSize), \(threads) threads")
            }
        }
    }
}

/// Two threads (reading and evaluating) give the bytes of one; a bad row falls back to one
/// thread and is reported as before.
@Suite struct ThreadedRunTests {
    @Test func twoThreadsGiveTheBytesOfOne() throws {
        let cases = try FindingStoreTests.generated(rows: 1500, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let one = try FindingStoreTests.report(cases, runSize: 100_000, threads: 1)
        let two = try FindingStoreTests.report(cases, runSize: 100_000, threads: 2)
        #expect(one.rowsRead == 1500 && two.rowsEvaluated == 1500)
        for format in ReportFormat.allCases { #expect(format.render(two) == format.render(one), "\(format)") }
    }

    @Test func aBadRowIsReportedAsWithOneThread() throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let roster = try RosterReader.load(path: "fixtures/s1/roster.csv")
        var messages: [String] = []
        for threads in [1, 2] {
            var run = EvaluationRun(casesPath: "fixtures/s1/bad/unknown-person.csv", roster: roster,
                                    asOf: Timestamp(seconds: 1_800_000_000, offsetSeconds: 28_800))
            run.threads = threads
            do {
                _ = try run.run(policy)
                Issue.record("expected an error")
            } catch let e as DiagnosticError {
                messages.append(e.diagnostics.map(\.description).joined(separator: "\n"))
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
    }
}
