import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// `eval --partial` on the slices of an export, then `merge`: the report of one run over the
/// whole export, byte for byte, in every format, whatever the split and the order of rows.
@Suite struct PartialMergeTests {
    /// The records of a CSV text (a quoted field may hold line breaks): header, then rows.
    static func records(_ text: String) -> (header: String, rows: [String]) {
        var records: [String] = []
        var current = ""
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle() }
            if (ch == "\n" || ch == "\r\n") && !quoted {
                if !current.isEmpty { records.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { records.append(current) }
        return (records[0], Array(records.dropFirst()))
    }

    /// Splits `rows` into `n` parts: round robin over a shuffled order (`seed`), so every part
    /// holds rows from all over the export and each part's rows are out of order.
    static func split(_ rows: [String], into n: Int, seed: UInt64) -> [[String]] {
        var rng = SeededRandom(seed: seed)
        var order = Array(rows.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var parts = [[String]](repeating: [], count: n)
        for (k, i) in order.enumerated() { parts[k % n].append(rows[i]) }
        return parts
    }

    /// One run over `casesPath`, and merges of its slices into 1, 2, 3 and 7 parts; every
    /// format rendered from each must be the same bytes.
    static func check(policyPath: String, casesPath: String, rosterPath: String?, asOf: String) throws {
        let policy = try PolicyCompiler.compile(path: policyPath)
        let roster = try rosterPath.map { try RosterReader.load(path: $0) }
        let at = TimestampParser.timestamp(Array(asOf.utf8)[...], zone: policy.zone)!
        var whole = EvaluationRun(casesPath: casesPath, roster: roster, asOf: at)
        whole.threads = 2
        let one = try whole.run(policy)
        let expected = try ReportFormat.allCases.map { try $0.render(one) }
        var text = try String(contentsOfFile: casesPath, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (header, rows) = records(text)
        try TemporaryFolder.with(label: "merge") { dir in
            for n in [1, 2, 3, 7] {
                var partPaths: [String] = []
                for (k, part) in split(rows, into: n, seed: UInt64(n)).enumerated() {
                    let csv = dir + "/part-\(n)-\(k).csv"
                    try ([header] + part).map { $0 + "\n" }.joined().write(toFile: csv, atomically: true, encoding: .utf8)
                    var slice = EvaluationRun(casesPath: csv, roster: roster, asOf: at)
                    slice.findingRunSize = 7  // spilled runs inside a part, too
                    let out = ByteOutput.memory()
                    _ = try slice.writePartial(policy, to: out)
                    let path = dir + "/part-\(n)-\(k).part"
                    try Data(out.buffer).write(to: URL(fileURLWithPath: path))
                    partPaths.append(path)
                }
                var merging = EvaluationRun(casesPath: casesPath, roster: roster)
                merging.findingRunSize = 5
                let merged = try merging.merge(policy, parts: partPaths.reversed())
                for (format, bytes) in zip(ReportFormat.allCases, expected) {
                    let got = try format.render(merged)
                    #expect(got == bytes, "\(casesPath) in \(n) parts, \(format)")
                }
            }
        }
    }

    @Test(arguments: [
        ("s1-complaint-handling.yaml", "s1", true),
        ("s2-case-management.yaml", "s2", true),
        ("s3-service-dispatch.yaml", "s3", false),
        ("s4-quality-feedback.yaml", "s4", false),
        ("s5-production-anomalies.yaml", "s5", false),
        ("s6-complaint-validity.yaml", "s6", false),
    ])
    func fixturesMergeToOneRun(policy: String, dir: String, roster: Bool) throws {
        _ = Paths.root
        try Self.check(policyPath: "rules/\(policy)", casesPath: "fixtures/\(dir)/cases.csv",
                       rosterPath: roster ? "fixtures/\(dir)/roster.csv" : nil, asOf: "2026-11-30T18:00+08:00")
    }

    @Test(arguments: [CaseGenerator.Policy.s1, .s2])
    func generatedMergeToOneRun(kind: CaseGenerator.Policy) throws {
        _ = Paths.root
        let generator = CaseGenerator(policy: kind, seed: 5)
        let out = ByteOutput.memory()
        generator.write(count: 3000, format: .csv, to: out)
        try TemporaryFolder.with(["cases.csv": out.text, "roster.csv": generator.roster()], label: "merge-generated") { dir in
            try Self.check(policyPath: kind == .s1 ? "rules/s1-complaint-handling.yaml" : "rules/s2-case-management.yaml",
                           casesPath: dir + "/cases.csv", rosterPath: dir + "/roster.csv", asOf: "2026-12-31T18:00+08:00")
        }
    }

    /// A slice's partial file is the same bytes on any number of threads and from run to
    /// run: groups, rows lost and fines are written in key order, not in the order a table or
    /// a dictionary (seeded per process) holds them. Its own state, not only the report it
    /// merges into: `eval --partial` is a job's output, compared and cached as any other.
    @Test func aPartIsTheSameBytesOnAnyThreads() throws {
        _ = Paths.root
        let generator = CaseGenerator(policy: .s2, seed: 9)
        let out = ByteOutput.memory()
        generator.write(count: 2000, format: .csv, to: out)
        try TemporaryFolder.with(["cases.csv": out.text, "roster.csv": generator.roster()], label: "part-bytes") { dir in
            let policy = try PolicyCompiler.compile(path: "rules/s2-case-management.yaml")
            let roster = try RosterReader.load(path: dir + "/roster.csv")
            let at = TimestampParser.timestamp(Array("2026-12-31T18:00+08:00".utf8)[...], zone: policy.zone)!
            func part(threads: Int) throws -> [UInt8] {
                var run = EvaluationRun(casesPath: dir + "/cases.csv", roster: roster, asOf: at, collectRejects: true)
                run.threads = threads
                run.handoffCapacity = 1
                let out = ByteOutput.memory()
                _ = try run.writePartial(policy, to: out)
                return out.buffer
            }
            let one = try part(threads: 1)
            #expect(one.count > 10_000)
            for threads in [1, 2, 3, 2] { #expect(try part(threads: threads) == one, "\(threads) threads") }
        }
    }

    @Test func aCaseInTwoPartsIsAnErrorAtTheSecond() throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s3-service-dispatch.yaml")
        let at = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)!
        var text = try String(contentsOfFile: "fixtures/s3/cases.csv", encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let (header, rows) = Self.records(text)
        try TemporaryFolder.with(label: "merge-dup") { dir in
            var parts: [String] = []
            for (k, part) in [[rows[0], rows[1]], [rows[2], rows[0]]].enumerated() {
                try ([header] + part).map { $0 + "\n" }.joined().write(toFile: dir + "/p\(k).csv", atomically: true, encoding: .utf8)
                let out = ByteOutput.memory()
                _ = try EvaluationRun(casesPath: dir + "/p\(k).csv", asOf: at).writePartial(policy, to: out)
                try Data(out.buffer).write(to: URL(fileURLWithPath: dir + "/p\(k).part"))
                parts.append(dir + "/p\(k).part")
            }
            do {
                _ = try EvaluationRun(casesPath: "").merge(policy, parts: parts)
                Issue.record("merged a case id given twice")
            } catch let e as DiagnosticError {
                let d = try #require(e.diagnostics.first)
                #expect(d.location.file == dir + "/p1.csv")
                #expect(d.location.line == 3)
                #expect(d.message.contains("row 3 of \(dir)/p1.csv"))
                #expect(d.message.contains("repeats row 2 of \(dir)/p0.csv"))
            }
        }
    }

    @Test func somethingElseIsNotAPart() throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s3-service-dispatch.yaml")
        try TemporaryFolder.with(["x.part": "RBPART01 but cut"], label: "merge-bad") { dir in
            #expect(throws: DiagnosticError.self) { try EvaluationRun(casesPath: "").merge(policy, parts: [dir + "/x.part"]) }
        }
        // A part of another policy.
        let other = try PolicyCompiler.compile(path: "rules/s4-quality-feedback.yaml")
        try TemporaryFolder.with(label: "merge-other") { dir in
            let out = ByteOutput.memory()
            _ = try EvaluationRun(casesPath: "fixtures/s4/cases.csv", asOf: Timestamp(seconds: 1_790_000_000, offsetSeconds: 28_800))
                .writePartial(other, to: out)
            try Data(out.buffer).write(to: URL(fileURLWithPath: dir + "/s4.part"))
            do {
                _ = try EvaluationRun(casesPath: "").merge(policy, parts: [dir + "/s4.part"])
                Issue.record("merged a part of another policy")
            } catch let e as DiagnosticError {
                #expect(e.description.contains("merge parts of one policy version only"))
            }
        }
    }

    /// A partial file cut anywhere, or with any byte changed, is refused at the file or merges
    /// to some report: never a trap (the merge reads every record's lengths and indices first).
    @Test func aDamagedPartIsRefusedNotATrap() throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s3-service-dispatch.yaml")
        let at = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)!
        let out = ByteOutput.memory()
        _ = try EvaluationRun(casesPath: "fixtures/s3/cases.csv", asOf: at).writePartial(policy, to: out)
        let good = out.buffer
        var rng = SeededRandom(seed: 99)
        var refused = 0, merged = 0
        try TemporaryFolder.with(label: "merge-damaged") { dir in
            let path = dir + "/p.part"
            func attempt(_ bytes: [UInt8]) throws {
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                do {
                    let r = try EvaluationRun(casesPath: "").merge(policy, parts: [path])
                    for format in ReportFormat.allCases { _ = try? format.render(r) }
                    merged += 1
                } catch let e as DiagnosticError {
                    #expect(e.diagnostics.allSatisfy { $0.location.file == path || $0.location.file.hasSuffix(".yaml") || $0.location.file.hasSuffix(".csv") },
                            "\(e)")
                    refused += 1
                }
            }
            for cut in stride(from: 0, to: good.count, by: max(1, good.count / 60)) { try attempt(Array(good[..<cut])) }
            for _ in 0..<400 {
                var bad = good
                let i = 16 + Int(rng.next() % UInt64(good.count - 16))
                bad[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                try attempt(bad)
            }
        }
        #expect(refused > 60)
        #expect(merged + refused == 61 + 400 || merged + refused == 60 + 400)
    }
}
