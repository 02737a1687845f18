import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// The run on several threads ends as the one-thread run does, whatever the timing: the same
/// error at the same row, the same rejections, the same report, for bad values read by the
/// reading thread, rows failing on the evaluating threads and case ids repeated anywhere.
@Suite struct PipelinedRunTests {
    /// A generated S1 export of `count` records, with `edits` applied (record index → change).
    struct Export {
        var header: String
        var records: [[String]]

        static func generated(_ count: Int) -> Export {
            let out = ByteOutput.memory()
            CaseGenerator(policy: .s1, seed: 17).write(count: count, format: .csv, to: out)
            var lines = out.text.components(separatedBy: "\n").filter { !$0.isEmpty }
            let header = lines.removeFirst()
            var records: [String] = []
            for l in lines {
                if l.hasPrefix("客户停线") { records[records.count - 1] += "\n" + l } else { records.append(l) }
            }
            // Quoted text is left alone: the edits below split plain records at commas.
            return Export(header: header, records: records.map { r in r.contains("\"") ? [r] : r.components(separatedBy: ",") })
        }

        /// The index of the first plain record at or after `i` (else the last before it) that
        /// is not in `taken`.
        func plain(_ i: Int, not taken: [Int] = []) -> Int {
            let ok = { (j: Int) in records[j].count > 1 && !taken.contains(j) }
            return (i..<records.count).first(where: ok) ?? (0..<i).last(where: ok)!
        }

        mutating func set(_ i: Int, column: Int, _ value: String) { records[i][column] = value }
        func id(_ i: Int) -> String { records[i][0] }

        var text: String { ([header] + records.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n" }
    }

    static let badDate = 1, person = 9, handled = 4

    /// What a run ended with: the error, or the rejections and the report as JSON.
    enum Ending: Equatable {
        case error(String)
        case report(rejections: [Rejection], json: String)
    }

    static func run(_ text: String, threads: Int, rejects: Bool, format: String = "csv", roster rosterFile: String? = nil,
                    queue: Int = 16) throws -> Ending {
        _ = Paths.root
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-pipe-\(UUID().uuidString).\(format)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let roster = try RosterReader.load(path: rosterFile ?? rosterPath)
        var run = EvaluationRun(casesPath: path, roster: roster,
                                asOf: TimestampParser.timestamp(Array("2026-12-31T18:00+08:00".utf8)[...], zone: policy.zone),
                                collectRejects: rejects)
        run.threads = threads
        run.handoffCapacity = queue
        run.findingRunSize = 700  // spill too
        do {
            let r = try run.run(policy)
            return .report(rejections: r.rejections.map { var x = $0; x.file = "cases"; return x },
                           json: try ReportFormat.json.render(r).replacingOccurrences(of: path, with: "cases"))
        } catch let e as DiagnosticError {
            return .error(e.description.replacingOccurrences(of: path, with: "cases"))
        }
    }

    static let rosterPath: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-pipe-roster-\(UUID().uuidString).csv").path
        try! CaseGenerator(policy: .s1, seed: 17).roster().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    /// The message is about `row` (its line, or `row N:` when the record starts on another line).
    static func about(_ m: String, row: Int) -> Bool {
        m.hasPrefix("cases:\(row):") ? !m.contains("error: row ") : m.contains(": error: row \(row): ")
    }

    /// Every ending on 2 and 3 threads equals the one-thread ending; returns it. Also with a
    /// queue of one batch, so that the reading thread evaluates batches too (a failure there
    /// must not drop the earlier batches still queued).
    @discardableResult
    static func same(_ export: Export, rejects: Bool, _ comment: Comment) throws -> Ending {
        let one = try run(export.text, threads: 1, rejects: rejects)
        for threads in [2, 3] {
            for queue in [16, 1] {
                #expect(try run(export.text, threads: threads, rejects: rejects, queue: queue) == one,
                        "\(comment), \(threads) threads, a queue of \(queue)")
            }
        }
        return one
    }

    @Test func aBadValueReadByTheReaderIsReportedAtItsRow() throws {
        for at in [3, 700, 1190] {
            var e = Export.generated(1200)
            let i = e.plain(at)
            e.set(i, column: Self.badDate, "2026-13-01 09:00")
            guard case .error(let m) = try Self.same(e, rejects: false, "bad date at \(i)") else { Issue.record("no error"); continue }
            #expect(Self.about(m, row: i + 2) && m.hasSuffix("column 接收时间: cannot read '2026-13-01 09:00' as a timestamp"), "\(m)")
        }
    }

    @Test func aRowFailingOnAnEvaluatingThreadIsReportedAtItsRow() throws {
        for at in [2, 600, 1199] {
            var e = Export.generated(1200)
            let i = e.plain(at)
            e.set(i, column: Self.person, "王五")
            guard case .error(let m) = try Self.same(e, rejects: false, "unknown person at \(i)") else { Issue.record("no error"); continue }
            #expect(Self.about(m, row: i + 2) && m.contains("column 品管QE: '王五' is not in the roster"), "\(m)")
        }
    }

    /// Several failures: the smallest row wins, whichever thread finds it and whenever.
    @Test func theSmallestFailingRowIsReported() throws {
        let layouts: [[(Int, Int, String)]] = [
            [(800, Self.person, "王五"), (1000, Self.badDate, "x")],   // evaluating thread first
            [(500, Self.badDate, "x"), (700, Self.person, "王五")],    // reader first
            [(300, Self.person, "王五"), (301, Self.person, "赵六"), (40, Self.handled, "2000-01-01 00:00")],
            [(255, Self.person, "王五"), (256, Self.badDate, "x"), (257, Self.person, "赵六")],  // across a batch boundary
        ]
        for layout in layouts {
            var e = Export.generated(1200)
            var rows: [Int] = []
            for (at, column, value) in layout {
                let i = e.plain(at, not: rows.map { $0 - 2 })
                e.set(i, column: column, value)
                rows.append(i + 2)
            }
            guard case .error(let m) = try Self.same(e, rejects: false, "\(layout)") else { Issue.record("no error"); continue }
            #expect(Self.about(m, row: rows.min()!), "\(layout): \(m)")
            // With --rejects: every failure, in row order, and the same report.
            guard case .report(let rejections, _) = try Self.same(e, rejects: true, "\(layout) with rejects") else {
                Issue.record("no report")
                continue
            }
            #expect(rejections.map(\.row) == rows.sorted())
        }
    }

    @Test func aRepeatedCaseIDIsReportedAtTheSecondRow() throws {
        for (first, second) in [(0, 1198), (10, 11), (255, 256), (600, 900)] {
            var e = Export.generated(1200)
            let a = e.plain(first)
            let b = e.plain(max(second, a + 1), not: [a])
            e.set(b, column: 0, e.id(a))
            guard case .error(let m) = try Self.same(e, rejects: false, "\(a) repeated at \(b)") else { Issue.record("no error"); continue }
            #expect(Self.about(m, row: b + 2) && m.hasSuffix(":1: error: column 投诉编号: duplicate case id '\(e.id(a))' (first at row \(a + 2))")
                    || m.hasSuffix(":1: error: row \(b + 2): column 投诉编号: duplicate case id '\(e.id(a))' (first at row \(a + 2))"), "\(m)")
        }
    }

    /// With --rejects, a repeat is a duplicate of the first row of that id that was kept: a
    /// rejected first row leaves the id free for the next.
    @Test func repeatsOfARejectedRowFollowTheOneThreadRule() throws {
        var e = Export.generated(1200)
        let a = e.plain(100), b = e.plain(500), c = e.plain(1100)
        let d = e.plain(300), f = e.plain(700), g = e.plain(900)
        e.set(a, column: Self.person, "王五")  // fails on an evaluating thread
        e.set(b, column: 0, e.id(a))         // kept: the id's first row was rejected
        e.set(c, column: 0, e.id(a))         // a duplicate of b
        e.set(d, column: Self.badDate, "x")  // fails in the reader
        e.set(f, column: 0, e.id(d))         // kept
        e.set(g, column: 0, e.id(d))         // a duplicate of f
        guard case .report(let rejections, let json) = try Self.same(e, rejects: true, "repeats") else {
            Issue.record("no report")
            return
        }
        #expect(rejections.map(\.row) == [a, d, c, g].map { $0 + 2 }.sorted())
        #expect(rejections.contains { $0.row == c + 2 && $0.message == "duplicate case id '\(e.id(a))' (first at row \(b + 2))" })
        #expect(rejections.contains { $0.row == g + 2 && $0.message == "duplicate case id '\(e.id(d))' (first at row \(f + 2))" })
        #expect(json.contains("\"rows_read\": 1200,\n  \"rows_evaluated\": 1196,\n  \"rows_rejected\": 4,"))
        // Without: the first failure is row a's own.
        guard case .error(let m) = try Self.same(e, rejects: false, "repeats") else { Issue.record("no error"); return }
        #expect(Self.about(m, row: a + 2), "\(m)")
    }

    /// Repeats by the chunk (`HeldRepeats`), decided while the export is read: an export
    /// doubled, one id on every row, and one id whose first rows fail now and then (each
    /// failure frees the id for the next row), with --rejects: what one thread reports.
    @Test func manyRepeatsEndAsOnOneThread() throws {
        let base = Export.generated(400)
        var doubled = base
        doubled.records += base.records
        guard case .report(let twice, _) = try Self.same(doubled, rejects: true, "doubled") else {
            Issue.record("no report")
            return
        }
        #expect(twice.count == 400 && twice.allSatisfy { $0.message.hasPrefix("duplicate case id") }, "\(twice.prefix(3))")

        // Two ids on every row, by turns: the first 100 rows of one fail (an unknown person),
        // each freeing the id for the next (held to the end: their first rows failed); the
        // other's first row is kept, and its repeats are decided while reading.
        var two = Export.generated(1200)
        let plain = two.records.indices.filter { two.records[$0].count > 1 }
        let a = plain.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let b = plain.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let (idA, idB) = (two.id(a[0]), two.id(b[0]))
        for i in a { two.set(i, column: 0, idA) }
        for i in b { two.set(i, column: 0, idB) }
        for i in a.prefix(100) { two.set(i, column: Self.person, "王五") }
        guard case .report(let rejections, let json) = try Self.same(two, rejects: true, "two ids") else {
            Issue.record("no report")
            return
        }
        #expect(rejections.count == plain.count - 2, "one row of each id kept")
        #expect(rejections.filter { $0.message.contains("王五") }.map(\.row) == a.prefix(100).map { $0 + 2 })
        #expect(rejections.filter { $0.message == "duplicate case id '\(idA)' (first at row \(a[100] + 2))" }.count == a.count - 101)
        #expect(rejections.filter { $0.message == "duplicate case id '\(idB)' (first at row \(b[0] + 2))" }.count == b.count - 1)
        #expect(json.contains("\"rows_rejected\": \(plain.count - 2),"))
    }

    /// The reader reads a row's id alone and leaves the rest to the evaluating threads; a
    /// repeat it finds is decoded there and then, because a row's decoding error comes before
    /// its repeating an id (one thread's order): a repeat with a bad value is that value's
    /// error, not a duplicate. A row whose id cannot be read claims no id.
    @Test func aRepeatWithABadValueIsItsValuesError() throws {
        var e = Export.generated(1200)
        let a = e.plain(200), b = e.plain(800, not: [a])
        e.set(b, column: 0, e.id(a))
        e.set(b, column: Self.badDate, "2026-02-30 08:00")
        guard case .error(let m) = try Self.same(e, rejects: false, "a bad repeat") else { Issue.record("no error"); return }
        #expect(Self.about(m, row: b + 2) && m.contains("cannot read '2026-02-30 08:00' as a timestamp"), "\(m)")
        guard case .report(let rejections, _) = try Self.same(e, rejects: true, "a bad repeat with rejects") else {
            Issue.record("no report")
            return
        }
        #expect(rejections.map(\.row) == [b + 2] && rejections[0].message.contains("as a timestamp"))

        var blank = Export.generated(1200)
        let c = blank.plain(100), d = blank.plain(1000, not: [c])
        blank.set(c, column: 0, "")
        blank.set(d, column: 0, "")
        guard case .report(let both, _) = try Self.same(blank, rejects: true, "two rows without an id") else {
            Issue.record("no report")
            return
        }
        #expect(both.map(\.row) == [c + 2, d + 2] && both.allSatisfy { $0.message == "a value is required" }, "\(both)")
    }

    /// A structural error (a row with too many fields) after bad rows: the earlier row wins;
    /// alone, it is reported; with --rejects it stops the run as on one thread.
    @Test func aMalformedRowAfterEarlierFailures() throws {
        var e = Export.generated(1200)
        let bad = e.plain(1000)
        e.records[bad].append("extra")
        guard case .error(let alone) = try Self.same(e, rejects: false, "malformed") else { Issue.record("no error"); return }
        #expect(alone.contains("fields but the header has"))
        try Self.same(e, rejects: true, "malformed with rejects")
        e.set(e.plain(700), column: Self.person, "王五")
        guard case .error(let m) = try Self.same(e, rejects: false, "malformed after a bad row") else { Issue.record("no error"); return }
        #expect(m.contains("王五"))
    }

    /// JSON: an array on one line (far longer than a row's copied text) and JSON Lines, a bad
    /// row late in the file: located as on one thread (the column counts from the line start).
    @Test(arguments: ["json", "jsonl"])
    func jsonRowsAreLocatedAsOnOneThread(_ format: String) throws {
        _ = Paths.root
        let lines = try String(contentsOfFile: "fixtures/s1/cases.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        var objects: [String] = []
        for copy in 0..<120 {
            for (i, line) in lines.enumerated() {
                var o = line.replacingOccurrences(of: "\"投诉编号\": \"", with: "\"投诉编号\": \"\(copy)-")
                if copy == 110 && i == 3 { o = o.replacingOccurrences(of: "\"品管QE\": \"", with: "\"品管QE\": \"无名") }
                objects.append(o)
            }
        }
        let text = format == "json" ? "[" + objects.joined(separator: ", ") + "]\n" : objects.joined(separator: "\n") + "\n"
        let one = try Self.run(text, threads: 1, rejects: false, format: format, roster: "fixtures/s1/roster.csv")
        guard case .error(let m) = one else { Issue.record("no error"); return }
        #expect(m.contains("column 品管QE: '无名"), "\(m)")
        for (threads, queue) in [(2, 16), (3, 16), (2, 1)] {
            #expect(try Self.run(text, threads: threads, rejects: false, format: format, roster: "fixtures/s1/roster.csv", queue: queue) == one)
        }
    }

    /// The reader's table of case ids: a repeat is found however far apart, distinct ids are not.
    @Test func caseIDTableFindsTheFirstRow() throws {
        let table = CaseIDTable()
        #expect(try (0..<50_000).allSatisfy { try table.firstRow("C\($0)", row: $0 + 2) == nil })
        #expect(try (0..<50_000).allSatisfy { try table.firstRow("C\($0)", row: 70_000) == $0 + 2 })
        #expect(try table.firstRow("C0", row: 60_000) == 2)
        #expect(try table.firstRow("C49999", row: 60_001) == 50_001)
        #expect(try table.firstRow("C50000", row: 60_002) == nil)
        // Canonically equivalent text is the same id, as for String's ==.
        #expect(try table.firstRow("caf\u{E9}", row: 7) == nil)
        #expect(try table.firstRow("cafe\u{301}", row: 8) == 7)
        // Rows past 32 bits are kept too.
        let far = Int(UInt32.max) + 5
        #expect(try table.firstRow("far", row: far) == nil)
        #expect(try table.firstRow("far", row: far + 1) == far)
        // Non-ASCII text equal to ASCII text: a Kelvin sign is a K (as String's == says).
        #expect("K" == "\u{212A}")
        #expect(try table.firstRow("K-7", row: 11) == nil)
        #expect(try table.firstRow("\u{212A}-7", row: 12) == 11)
        #expect(try table.firstRow("投诉-1", row: 13) == nil)
        #expect(try table.firstRow("投诉-1", row: 14) == 13)
        #expect(try table.firstRow("", row: 15) == nil)
        #expect(try table.firstRow("", row: 16) == 15)
    }

    /// A released id (its row failed) is new again: the next row with it is its first.
    @Test func caseIDTableForgetsAReleasedID() throws {
        for table in [CaseIDTable(), CaseIDTable(hash: { _ in (42, 7) })] {
            #expect(try table.firstRow("A-1", row: 2) == nil)
            #expect(try table.firstRow("B-1", row: 3) == nil)
            try table.release("A-1")
            try table.release("never-seen")
            #expect(try table.firstRow("B-1", row: 4) == 3)
            #expect(try table.firstRow("A-1", row: 5) == nil)
            #expect(try table.firstRow("A-1", row: 6) == 5)
            #expect(try table.firstRow("never-seen", row: 7) == nil)
        }
    }

    /// Ids whose hashes agree are told apart by their text: with every id hashing alike, the
    /// table still answers exactly (it used to trust 72 bits of hash, seeded per process, so a
    /// collision would have rejected a row as a "duplicate" on some runs only).
    @Test func caseIDTableComparesTextWhenHashesCollide() throws {
        let table = CaseIDTable(hash: { _ in (42, 7) })
        #expect(try (0..<300).allSatisfy { try table.firstRow("id\($0)", row: $0) == nil })
        #expect(try (0..<300).allSatisfy { try table.firstRow("id\($0)", row: 1000 + $0) == $0 })
        #expect(try table.firstRow("cafe\u{301}", row: 5000) == nil)
        #expect(try table.firstRow("caf\u{E9}", row: 5001) == 5000)
        // Keys agreeing on the first 64 bits but not the rest are two ids as well.
        let split = CaseIDTable(hash: { $0 == "a" ? (42, 1) : (42, 2) })
        #expect(try split.firstRow("a", row: 1) == nil)
        #expect(try split.firstRow("b", row: 2) == nil)
        #expect(try split.firstRow("b", row: 3) == 2)
    }

    /// One part taking every id, each on a key of its own, grows from its first page through
    /// a score of growths (new pages each time, the old given back): every id still found at
    /// its first row, none invented, and the listing in the order first seen.
    @Test func caseIDTableKeepsEveryIDAcrossGrowths() throws {
        func key(_ id: String) -> UInt64 { UInt64(Int(id.dropFirst())!) &* 2_654_435_761 & 0xFFFF_FFFF }
        let n = 40_000
        // Without a hint, growing by a quarter; told the count (the part's share of 256), a
        // tenth of it, twenty times it, none below zero or the most an Int holds: the answers
        // are the same.
        for hint in [nil, n * 256, n * 256 / 10, n * 256 * 20, -1, Int.max] {
            let table = CaseIDTable(hash: { (key($0), 0) })
            if let hint { table.expect(ids: hint) }
            #expect(try (0..<n).allSatisfy { try table.firstRow("C\($0)", row: $0 + 2) == nil })
            #expect(try (0..<n).allSatisfy { try table.firstRow("C\($0)", row: n + $0) == $0 + 2 })
            #expect(try table.firstRow("C\(n)", row: 3 * n) == nil)
            var rows: [Int] = []
            try table.forEach { _, row in rows.append(row) }
            #expect(rows == (0..<n).map { $0 + 2 } + [3 * n])
        }
    }

    /// Past its resident bytes the table's records go to a temporary file and are read back
    /// from there: the same answers, for released ids too, and each id listed once, in the
    /// order first seen (a record longer than a read block included).
    @Test func caseIDTableReadsSpilledRecords() throws {
        let long = String(repeating: "长", count: 400_000)
        for (table, n) in [(CaseIDTable(resident: 64), 3_000), (CaseIDTable(hash: { _ in (42, 7) }, resident: 64), 200)] {
            #expect(try (0..<n).allSatisfy { try table.firstRow("C\($0)", row: $0 + 2) == nil })
            #expect(try table.firstRow(long, row: 5_000) == nil)
            #expect(try table.firstRow("caf\u{E9}", row: 5_001) == nil)
            try table.release("C7")
            #expect(try (0..<n).allSatisfy { try table.firstRow("C\($0)", row: 9_000) == ($0 == 7 ? nil : $0 + 2) })
            #expect(try table.firstRow(long, row: 9_001) == 5_000)
            #expect(try table.firstRow("cafe\u{301}", row: 9_002) == 5_001)
            var listed: [(id: String, row: Int)] = []
            try table.forEach { listed.append((String(decoding: $0, as: UTF8.self), $1)) }
            let ids = (0..<n).filter { $0 != 7 }.map { "C\($0)" } + [long, "caf\u{E9}", "C7"]
            #expect(listed.map(\.id) == ids)
            #expect(listed.map(\.row) == (0..<n).filter { $0 != 7 }.map { $0 + 2 } + [5_000, 5_001, 9_000])
        }
    }

    /// Text the table takes as its own normal form (ASCII, CJK ideographs) is: normalizing it
    /// changes nothing. Next to them, text that needs normalizing is not taken so.
    /// An id given as its bytes (the reader's, for a string field read as written) is the id
    /// its text is: the same row found either way, canonically equivalent spellings one id.
    @Test func caseIDTableTakesAnIDAsItsBytes() throws {
        let table = CaseIDTable()
        func bytes(_ id: String, _ row: Int) throws -> Int? { try Array(id.utf8).withUnsafeBufferPointer { try table.firstRow(utf8: $0, row: row) } }
        #expect(try bytes("2609-01", 2) == nil)
        #expect(try table.firstRow("2609-01", row: 3) == 2)
        #expect(try bytes("2609-01", 4) == 2)
        #expect(try table.firstRow("投诉-1", row: 5) == nil)
        #expect(try bytes("投诉-1", 6) == 5)
        #expect(try bytes("caf\u{E9}", 7) == nil)
        #expect(try bytes("cafe\u{301}", 8) == 7)
        #expect(try table.firstRow("cafe\u{301}", row: 9) == 7)
        #expect(try bytes("\u{212A}-7", 10) == nil)
        #expect(try table.firstRow("K-7", row: 11) == 10)
        #expect(try bytes("", 12) == nil && bytes("", 13) == 12)
        // With the tests' hash (every id on one key), through the text: found by its record.
        let colliding = CaseIDTable(hash: { _ in (1, 1) })
        #expect(try Array("A".utf8).withUnsafeBufferPointer { try colliding.firstRow(utf8: $0, row: 2) } == nil)
        #expect(try colliding.firstRow("B", row: 3) == nil)
        #expect(try Array("A".utf8).withUnsafeBufferPointer { try colliding.firstRow(utf8: $0, row: 4) } == 2)
    }

    @Test func caseIDTableKnowsNormalText() {
        let normal = ["", "C-0001", "投诉-2025-一", "\u{4E00}\u{9FFF}", "a\u{7F}"]
        let others = ["caf\u{E9}", "cafe\u{301}", "\u{212A}", "\u{4DC0}", "\u{3400}", "가", "\u{F900}", "\u{2F800}", "a\u{80}"]
        for s in normal + others {
            let isNormal = Array(s.utf8).withUnsafeBufferPointer { NormalForm.holds($0) }
            #expect(isNormal == normal.contains(s), "\(s)")
            if isNormal { #expect(Array(s.precomposedStringWithCanonicalMapping.utf8) == Array(s.utf8)) }
        }
    }
}
