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

    @Test func aChunkIsDecidableWhenFullAndItsFirstRowsAreDone() throws {
        _ = Paths.root
        let lines = try String(contentsOfFile: "fixtures/s1/cases.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let rows = HeldRepeats.chunkRows * 2 + 5
        let text = ([lines[0]] + Array(repeating: lines[1], count: rows)).joined(separator: "\n") + "\n"
        let width = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml").fields.count
        var held = HeldRepeats(width: width)
        var full: [Int] = []  // rows after which a chunk was full
        try RowBatchTests.records(text) { record, fields in
            // Every row repeats row 2, but those of the second chunk repeat row 1,000.
            let first = (HeldRepeats.chunkRows..<(2 * HeldRepeats.chunkRows)).contains(held.undecided) ? 1000 : 2
            held.hold(record, values: Array(repeating: .null, count: width), fields: fields, columns: fields, version: 0,
                      first: first, id: "2501-01")
            if held.lastChunkFull { full.append(record.row) }
        }
        #expect(full == [HeldRepeats.chunkRows + 1, 2 * HeldRepeats.chunkRows + 1])
        #expect(held.chunks.count == 3 && held.undecided == rows)
        #expect(held.decidable(rowsDone: 1).isEmpty)
        #expect(held.decidable(rowsDone: 2) == [0])          // the second waits for row 1,000; the third is not full
        #expect(held.decidable(rowsDone: 1000) == [0, 1])
        // The first chunk decided but one row (its first row failed): kept, examined, for the end.
        for i in 0..<(HeldRepeats.chunkRows - 1) { held.markDecided(chunk: 0, row: i) }
        held.examined(chunk: 0)
        for i in 0..<HeldRepeats.chunkRows { held.markDecided(chunk: 1, row: i) }
        held.examined(chunk: 1)
        held.dropDecided()
        #expect(held.chunks.count == 2 && held.chunks[0].examined && held.chunks[0].decided.filter { !$0 }.count == 1)
        #expect(held.undecided == 1 + 5)
        #expect(held.decidable(rowsDone: 1000).isEmpty)
        #expect(!held.lastChunkFull)
    }

    /// `String.trimmedHeader` is Foundation's trimming of `CharacterSet.whitespaces`, made
    /// cheap for the usual header with nothing to trim.
    @Test func aTrimmedHeaderIsFoundationsTrimming() {
        let headers = ["投诉编号", " 投诉编号", "投诉编号\t", "\u{3000}接收时间\u{3000}", "\u{A0}x", "x\u{2003}", "\n投诉编号\n",
                       "\u{FEFF}投诉编号", "", " ", "\t \t", "a b", "é\u{301}", "\u{301}", "x\u{200B}"]
        for h in headers {
            #expect(h.trimmedHeader == h.trimmingCharacters(in: .whitespaces), "\(Array(h.unicodeScalars))")
            #expect(h.trimmedHeader.unicodeScalars.elementsEqual(h.trimmingCharacters(in: .whitespaces).unicodeScalars))
        }
    }
}
