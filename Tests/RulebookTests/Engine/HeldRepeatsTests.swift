import Foundation
import Testing
@testable import Rulebook

/// The rows the reader holds back for repeating a case id are let go chunk by chunk, as soon as
/// the rows they repeat are evaluated (`BatchProgress`): what stays held is bounded by the
/// batches in flight, not by the export (an export of one id, or one doubled by mistake, held
/// every repeat to the end). The reports themselves are `PipelinedRunTests`'.
@Suite struct HeldRepeatsTests {
    @Test func batchesFinishedOutOfOrderCountFromTheFirst() {
        let done = BatchProgress()
        #expect(done.rowsDone == 0)
        let a = done.begin(lastRow: 257), b = done.begin(lastRow: 513), c = done.begin(lastRow: 600)
        #expect(a == 0 && b == 1 && c == 2)
        done.finish(b)
        #expect(done.rowsDone == 0)  // batch a is still out: rows 2…257 are not known
        done.finish(a)
        #expect(done.rowsDone == 513)
        let d = done.begin(lastRow: 700)
        done.finish(d)
        #expect(done.rowsDone == 513)
        done.finish(c)
        #expect(done.rowsDone == 700)
    }

    @Test func aFullChunkIsDecidedOnceItsFirstRowsAreDone() throws {
        _ = Paths.root
        let lines = try String(contentsOfFile: "fixtures/s1/cases.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let n = HeldRepeats.chunkRows
        let text = ([lines[0]] + Array(repeating: lines[1], count: 2 * n + 5)).joined(separator: "\n") + "\n"
        let width = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml").fields.count
        var held = HeldRepeats(width: width)
        var full: [Int] = []  // rows after which a chunk was full
        var count = 0
        try RowBatchTests.records(text) { record, fields in
            // Every row repeats row 2, but those of the second chunk repeat row 1,000.
            let first = (n..<(2 * n)).contains(count) ? 1000 : 2
            held.hold(record, values: Array(repeating: .null, count: width), fields: fields, columns: fields, version: 0,
                      first: first, id: "2501-01")
            count += 1
            if held.lastChunkFull { full.append(record.row) }
        }
        #expect(full == [n + 1, 2 * n + 1])
        #expect(held.open.count == 3 && held.hasFullChunk && !held.lastChunkFull)
        func rejection(_ chunk: HeldRepeats.Chunk, _ i: Int) -> Rejection {
            Rejection(file: "c", row: chunk.rows.rows[i], column: nil, message: "duplicate")
        }
        // Nothing is done before row 2 is.
        #expect(held.decide(rowsDone: 1, columnNames: ["a"]) { rejection($0, $1) }.isEmpty && held.open.count == 3)
        // The first chunk, but one row (its first row failed): that row is left for the end.
        let firstChunk = held.decide(rowsDone: 2, columnNames: ["a"]) { c, i in i == 5 ? nil : rejection(c, i) }
        #expect(firstChunk.map(\.row) == (2..<(n + 2)).filter { $0 != 7 })
        #expect(held.open.count == 2 && held.left.count == 1 && held.hasFullChunk)
        // The second, whole, once row 1,000 is done; the third is not full.
        #expect(held.decide(rowsDone: 1000, columnNames: ["a"]) { rejection($0, $1) }.count == n)
        #expect(held.open.count == 1 && !held.hasFullChunk && !held.isEmpty)
        let rest = held.remaining(columnNames: ["b"])
        #expect(rest.map { $0.rows.rows[0] } == [2, 2 * n + 2])
        #expect(rest[0].decided.filter { !$0 }.count == 1 && !rest[0].decided[5] && rest.allSatisfy { $0.rows.columnNames == ["b"] })
    }

    /// `String.trimmedHeader`: blanks (any Unicode white space) and byte order marks taken off
    /// both ends, as the binder matches headers and messages name them, the usual header (none
    /// to take) returned as it is.
    @Test func aTrimmedHeaderLosesBlanksAndByteOrderMarks() {
        let cases: [(String, String)] = [
            ("投诉编号", "投诉编号"), (" 投诉编号", "投诉编号"), ("投诉编号\t", "投诉编号"), ("\u{3000}接收时间\u{3000}", "接收时间"),
            ("\u{A0}x", "x"), ("x\u{2003}", "x"), ("\n投诉编号\r\n", "投诉编号"), ("\u{FEFF}投诉编号", "投诉编号"),
            ("", ""), (" ", ""), ("\t \u{FEFF}\t", ""), ("a b", "a b"), ("é\u{301}", "é\u{301}"), ("x\u{200B}", "x\u{200B}"),
        ]
        for (header, name) in cases {
            #expect(header.trimmedHeader.unicodeScalars.elementsEqual(name.unicodeScalars), "\(Array(header.unicodeScalars))")
        }
    }
}
