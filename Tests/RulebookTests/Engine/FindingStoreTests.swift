import Foundation
import Testing
@testable import Rulebook
import RulebookBench

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

    static func report(_ cases: String, runSize: Int, threads: Int = 1, renderer: FindingRenderer? = nil, retention: FindingRetention = .all,
                       queue: Int = 16) throws -> EvaluationReport {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let rosterPath = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-roster-\(UUID().uuidString).csv").path
        try CaseGenerator(policy: .s1, seed: 11).roster().write(toFile: rosterPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rosterPath) }
        var run = EvaluationRun(casesPath: cases, roster: try RosterReader.load(path: rosterPath),
                                asOf: TimestampParser.timestamp(Array("2026-12-31T18:00+08:00".utf8)[...], zone: policy.zone))
        run.findingRunSize = runSize
        run.threads = threads
        run.handoffCapacity = queue
        run.renderer = renderer
        run.retention = retention
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
                #expect(try format.render(r) == format.render(reference), "\(format) with runs of \(runSize), \(threads) threads")
            }
        }
    }
}

/// A report written as the last read of its findings gives their temporary files back as it
/// reads them (`ReportFormat.write`'s `lastRead`): the same bytes, the files' storage freed,
/// and no second read.
@Suite struct GivingBackTests {
    @Test func aLastReadGivesTheSameBytesFreesTheRunsAndCannotBeRepeated() throws {
        let cases = try FindingStoreTests.generated(rows: 3000, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        for format in ReportFormat.allCases {
            let reference = try FindingStoreTests.report(cases, runSize: 1_000_000)
            let r = try FindingStoreTests.report(cases, runSize: 2000, threads: 2)
            // Runs read 4 KiB at a time and given back every 8 KiB: while a run is read, too.
            r.findingStore.runReadBytes = 4096
            r.findingStore.giveBackStep = 8192
            let spilled = r.findingStore.spillStorage
            let out = ByteOutput.memory()
            try format.write(r, to: out, lastRead: true)
            #expect(out.text == (try format.render(reference)), "\(format)")
            let left = r.findingStore.spillStorage.blocks
            if format.readsFindingsOnce {
                // Left: a page (8 blocks) where two runs meet, each run's part of it zeroed.
                #expect(spilled.runs >= 4)
                #expect(spilled.blocks > 4 * 8 * spilled.runs)
                #expect(left <= 8 * spilled.runs, "\(format): \(left) of \(spilled.blocks) blocks left")
                #expect(throws: FindingsGivenBack.self) { try format.render(r) }
            } else {
                // A format that reads the findings more than once keeps them.
                #expect(left == spilled.blocks)
                #expect(try format.render(r) == format.render(reference))
            }
        }
    }

    /// The call under it: a hole punched in the middle of a file reads as zeros, the bytes
    /// around it stay, the size stays, and the storage of the hole is freed.
    @Test func aHoleReadsAsZerosAndFreesItsBlocks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-hole-\(UUID().uuidString)").path
        defer { unlink(path) }
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        let file = SpillFile(fd: fd, directory: "test")  // closes it
        try file.append([UInt8](repeating: 0xAB, count: 3 << 20))
        var before = stat(), after = stat()
        #expect(fstat(fd, &before) == 0)
        file.giveBack(4096..<(4096 + (1 << 20)))
        #expect(fstat(fd, &after) == 0)
        #expect(after.st_size == before.st_size)
        #expect(before.st_blocks - after.st_blocks >= 2048, "\(before.st_blocks) → \(after.st_blocks) blocks")
        var buffer = [UInt8](repeating: 1, count: 3 << 20)
        let n = try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        #expect(n == 3 << 20)
        #expect(buffer[0..<4096].allSatisfy { $0 == 0xAB })
        #expect(buffer[4096..<(4096 + (1 << 20))].allSatisfy { $0 == 0 })
        #expect(buffer[(4096 + (1 << 20))...].allSatisfy { $0 == 0xAB })
        file.giveBack(10..<10)  // nothing
    }
}

/// A store's merge (a run's findings of one subject taken together, without the heap, once no
/// other run's front holds that subject) and its sort (by stretches of one subject) give the
/// order of sorting every finding at once: natural order of subjects, then rule, then party,
/// then append order; across runs of every size and stores absorbed from other threads.
@Suite struct FindingStoreOrderTests {
    static let templates = (0..<3).map { FindingTemplate(kind: .penalty, rule: "r\($0)", clause: nil, title: nil) }
    static let subjects = ["A-7", "A-007", "A-07", "a-7", "", "case 10", "case 9", "case 010", "person=张三 month=2026-11 the long subject",
                           "person=张三 month=2026-11 the long subjecu", "person=李四 month=2026-11", "é", "e\u{301}", "Z", "1", "01", "001", "x"]

    /// Findings of subjects appended in stretches (a subject may come back later, as a
    /// group's does), rules and parties in any order; each with its place in append order.
    static func findings(seed: UInt64) -> [Finding] {
        var r = SeededRandom(seed: seed)
        var out: [Finding] = []
        for _ in 0..<300 {
            let subject = subjects[r.below(subjects.count)]
            for _ in 0..<(1 + r.below(6)) {
                var f = Finding(subject: subject, row: out.count, template: templates[r.below(3)], status: .fined)
                f.party = r.below(3) == 0 ? nil : ["王五", "赵六", ""][r.below(3)]
                out.append(f)
            }
        }
        return out
    }

    /// `store`: which store a finding went to (a store absorbed later comes after).
    static func expected(_ fs: [Finding], store: (Int) -> Int = { _ in 0 }) -> [Int] {
        fs.sorted { x, y in
            let s = HumanOrder.compareNatural(x.subject, y.subject)
            if s != 0 { return s < 0 }
            if x.rule != y.rule { return x.rule < y.rule }
            let p = RunCodec.compareUTF8(x.party ?? "", y.party ?? "")
            if p != 0 { return p < 0 }
            return (store(x.row), x.row) < (store(y.row), y.row)
        }.map(\.row)
    }

    @Test(arguments: [1, 2, 5, 40, 100_000])
    func mergedAsSortedAtOnce(runSize: Int) throws {
        let fs = Self.findings(seed: UInt64(runSize))
        let order = ["r0": 0, "r1": 1, "r2": 2]
        // Two stores, as two threads fill them: every other stretch of 50 findings each.
        let stores = (0..<2).map { _ in FindingStore(ruleOrder: order, templates: Self.templates, runSize: runSize) }
        for (i, f) in fs.enumerated() {
            stores[i / 50 % 2].append(f)
            if i + 1 == fs.count || fs[i + 1].subject != f.subject { try stores[i / 50 % 2].commit() }
        }
        for s in stores { try s.finish() }
        stores[0].absorb(stores[1])
        var rows: [Int] = []
        try stores[0].forEach { rows.append($0.row) }
        #expect(rows == Self.expected(fs, store: { $0 / 50 % 2 }))
    }

    /// A rolled back stretch leaves no trace in the order of what follows.
    @Test func rollbackKeepsTheOrder() throws {
        let fs = Self.findings(seed: 77)
        let store = FindingStore(ruleOrder: ["r0": 0, "r1": 1, "r2": 2], templates: Self.templates, runSize: 30)
        var kept: [Finding] = []
        for (i, f) in fs.enumerated() {
            let mark = store.mark
            store.append(f)
            if i % 7 == 3 {
                store.rollback(to: mark)
            } else {
                kept.append(f)
            }
            if i % 5 == 0 { try store.commit() }
        }
        try store.finish()
        var rows: [Int] = []
        try store.forEach { rows.append($0.row) }
        #expect(rows == Self.expected(kept))
    }
}

/// Several evaluating threads give the bytes of one, and the errors of one (see also
/// `PipelinedRunTests`).
@Suite struct ThreadedRunTests {
    @Test func severalThreadsGiveTheBytesOfOne() throws {
        let cases = try FindingStoreTests.generated(rows: 1500, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let one = try FindingStoreTests.report(cases, runSize: 100_000, threads: 1)
        #expect(one.rowsRead == 1500 && one.rowsEvaluated == 1500)
        // A queue of one batch: the reading thread evaluates batches too.
        for (threads, queue) in [(2, 16), (3, 16), (2, 1), (3, 1)] {
            let many = try FindingStoreTests.report(cases, runSize: 100_000, threads: threads, queue: queue)
            #expect(many.rowsEvaluated == 1500)
            for format in ReportFormat.allCases {
                #expect(try format.render(many) == format.render(one), "\(format), \(threads) threads, a queue of \(queue)")
            }
        }
    }

    /// Findings rendered in each format's form on the evaluating threads (JSON lines, JSON
    /// members, CSV rows, table rows, nothing for the ledger), spilled or not, give the report
    /// the writer makes from structured findings.
    @Test(arguments: ReportFormat.allCases)
    func renderedFindingsGiveTheStructuredReport(_ format: ReportFormat) throws {
        let cases = try FindingStoreTests.generated(rows: 700, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let reference = try format.render(FindingStoreTests.report(cases, runSize: 1_000_000, threads: 1), language: .en)
        #expect(reference.utf8.filter { $0 == 0x0A }.count > (format == .ledgerCSV ? 20 : 200))  // lines (CSV's end in CRLF)
        for (runSize, threads) in [(1_000_000, 1), (50, 1), (1_000_000, 2), (333, 3)] {
            let r = try FindingStoreTests.report(cases, runSize: runSize, threads: threads, renderer: format.findingRenderer(.en))
            #expect(r.findingStore.renderer?.form == format.findingRenderer(.en)?.form)
            #expect(try format.render(r, language: .en) == reference, "\(format): runs of \(runSize), \(threads) threads")
        }
    }

    /// Findings kept as one format's text and read as values, or as another format's text,
    /// are a thrown error the caller can report: nothing traps, and the counts stand.
    @Test func findingsReadInAFormTheyAreNotKeptInThrow() throws {
        let cases = try FindingStoreTests.generated(rows: 60, shuffled: false)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let r = try FindingStoreTests.report(cases, runSize: 1_000_000, renderer: CSVReport.rowRenderer)
        #expect(throws: FindingFormMismatch.self) { try r.forEachFinding { _ in } }
        #expect(r.findings.isEmpty && r.findingCount > 0)
        for other in [ReportFormat.jsonl, .json, .table] {
            #expect(throws: FindingFormMismatch.self) { try other.render(r) }
        }
        #expect(try ReportFormat.csv.render(r).split(separator: "\r\n").count > 60)
        #expect(try !ReportFormat.ledgerCSV.render(r).isEmpty)
    }

    /// The JSON and CSV formats rendered by several threads, a batch of records at a time (small
    /// batches: many in flight, handed back out of order), give the bytes of one thread.
    @Test func findingsRenderedInBatchesGiveTheBytesOfOne() throws {
        let cases = try FindingStoreTests.generated(rows: 400, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let one = try FindingStoreTests.report(cases, runSize: 1_000_000, threads: 1)
        #expect(one.findingStore.renderThreads == 1)
        for (threads, batch, runSize) in [(2, 1, 1_000_000), (3, 700, 90), (2, 64 << 10, 1_000_000)] {
            let many = try FindingStoreTests.report(cases, runSize: runSize, threads: 2)
            #expect(many.findingStore.renderThreads == 2)
            many.findingStore.renderThreads = threads
            many.findingStore.renderBatchBytes = batch
            for format in [ReportFormat.jsonl, .json, .csv] {
                #expect(try format.render(many) == format.render(one), "\(format): \(threads) threads, batches of \(batch) bytes")
            }
        }
    }

    /// The table keeps only the findings it lists; the rest are counted, not stored.
    @Test func tableRowsKeepOnlyListedFindings() throws {
        let cases = try FindingStoreTests.generated(rows: 400, shuffled: false)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let r = try FindingStoreTests.report(cases, runSize: 100, threads: 2, renderer: ReportFormat.table.findingRenderer(.en))
        var kept = 0
        try r.findingStore.forEachRendered(as: .tableRow(.en)) { _ in kept += 1 }
        let structured = try FindingStoreTests.report(cases, runSize: 100, threads: 2)
        let listed = structured.findings.filter(TableReport.lists).count
        #expect(kept == listed && kept > 0 && kept < structured.findingCount / 2)
        #expect(r.findingCount == structured.findingCount)
    }

    /// A renderer that renders nothing leaves a finding out of the text, not out of the counts.
    @Test func findingsRenderedAsNothingStillCount() throws {
        let cases = try FindingStoreTests.generated(rows: 300, shuffled: false)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        let structured = try FindingStoreTests.report(cases, runSize: 100, threads: 2)
        let onlyFines = FindingRenderer(form: FindingRenderer.Form("fines")) { f, out in
            if f.status == .fined { out.append(contentsOf: "\(f.subject) \(f.rule) \(f.party ?? "")\n".utf8) }
        }
        let r = try FindingStoreTests.report(cases, runSize: 100, threads: 2, renderer: onlyFines)
        var lines: [String] = []
        try r.findingStore.forEachRendered(as: FindingRenderer.Form("fines")) { lines.append(String(decoding: $0, as: UTF8.self)) }
        let expected = structured.findings.filter { $0.status == .fined }.map { "\($0.subject) \($0.rule) \($0.party ?? "")\n" }
        #expect(!expected.isEmpty && lines == expected)
        #expect(r.findingCount == structured.findingCount && r.violationCount == structured.violationCount)
        #expect(r.totalFined == structured.totalFined)
    }

    /// A repeat far apart in the file (other batches, likely other threads) still gets the
    /// one-thread message naming both rows.
    @Test func aRepeatedCaseIDAcrossThreadsIsReportedExactly() throws {
        let generated = try FindingStoreTests.generated(rows: 1200, shuffled: false)
        defer { try? FileManager.default.removeItem(atPath: generated) }
        var text = try String(contentsOfFile: generated, encoding: .utf8)
        // An early case without quoted text, again at the end: another batch, likely another thread.
        let early = text.split(separator: "\n").dropFirst().first { !$0.contains("\"") && $0.first?.isNumber == true }!
        text += early + "\n"
        let cases = generated + ".dup.csv"
        try text.write(toFile: cases, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        var messages: [String] = []
        for threads in [1, 2, 3] {
            do {
                _ = try FindingStoreTests.report(cases, runSize: 100_000, threads: threads)
                Issue.record("expected an error with \(threads) threads")
            } catch let e as DiagnosticError {
                messages.append(e.diagnostics.map(\.description).joined(separator: "\n"))
            }
        }
        #expect(messages.count == 3 && Set(messages).count == 1)
        #expect(messages.first?.contains("duplicate case id '\(early.prefix { $0 != "," })' (first at row") == true,
                "\(messages.first ?? "")")
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

/// `check`'s lines rendered from run records in place (`RunCodec.View`), as the merge reads
/// them back on one thread or on the rendering threads, are the lines of the findings
/// themselves, in both languages, whatever the runs; and `check` counts a line per violation.
@Suite struct RenderedCheckLineTests {
    @Test(arguments: ReportLanguage.allCases)
    func checkLinesFromRecordsAreTheFindingsLines(_ language: ReportLanguage) throws {
        let cases = try FindingStoreTests.generated(rows: 500, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: cases) }
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let gate = CheckGate()
        // Every finding kept, each line made from a `Finding`.
        let all = try FindingStoreTests.report(cases, runSize: 1_000_000)
        var reference = ""
        var violations = 0
        try all.forEachFinding { f in
            guard gate.counts(f) else { return }
            reference += CheckLine.render(f, language) + "\n"
            violations += 1
        }
        #expect(violations > 100 && violations < all.findingCount)
        // From every finding kept (the gate then skips most), and from a check's violations only.
        for (runSize, threads, retention) in [(1_000_000, 1, FindingRetention.all), (37, 1, gate.retention), (1_000_000, 2, gate.retention),
                                              (101, 2, gate.retention), (53, 2, .all)] {
            let r = try FindingStoreTests.report(cases, runSize: runSize, threads: threads, retention: retention)
            let out = ByteOutput.memory()
            let lines = try CheckFormat.text.write(r, policy: policy, gate: gate, language: language, to: out)
            #expect(out.text == reference, "runs of \(runSize), \(threads) threads")
            #expect(lines == violations, "runs of \(runSize), \(threads) threads")
        }
    }
}
