import Foundation
import Testing
@testable import Rulebook

/// A batch the reader fills (`RowBatch`): a row taken out again (`rollback`, a repeated case
/// id found once the row was copied) leaves the batch as if it had never come, and an emptied
/// batch (`removeAll`, given back to be filled again) fills as a new one does.
@Suite struct RowBatchTests {
    /// Every record of an export, with the columns its fields are read from.
    static func records(_ text: String, _ body: (RawRecord, [Int?]) throws -> Void) throws {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let decoder = FieldDecoder(policy: policy)
        var bound = try BoundRecords(try CSVReader(file: "cases.csv", input: MemoryInput(Array(text.utf8), maxRead: 300), chunkSize: 300),
                                     wanted: decoder.wanted)
        while let record = try bound.next() { try body(record, bound.columns) }
    }

    /// What a batch says of each of its rows: its fields' text, and where each column is.
    static func described(_ batch: RowBatch, width: Int) -> [String] {
        (0..<batch.count).map { i in
            let fields = batch.texts.withRow(i) { v in (0..<width).map { String(decoding: v.bytes($0), as: UTF8.self) } }
            let places = (0..<width).map { f in batch.column(row: i, field: f).map { "\($0)@\(batch.location(row: i, column: $0))" } ?? "-" }
            return "\(batch.rows[i]) \(fields) \(places)"
        }
    }

    @Test func aRowTakenOutLeavesNothingBehind() throws {
        _ = Paths.root
        let lines = try String(contentsOfFile: "fixtures/s1/cases.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        // A cell with a line break, and an escaped quote, so that rows differ in their lines.
        let odd = lines[1].replacingOccurrences(of: ",生产部,", with: ",\"生产\n\"\"部\",")
        #expect(odd != lines[1])
        let text = ([lines[0], lines[1], odd] + lines.dropFirst(2)).joined(separator: "\n") + "\n"
        let width = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml").fields.count
        var plain = RowBatch(width: width, room: 2), rolled = RowBatch(width: width, room: 2)
        var reused = RowBatch(width: width, room: 2)
        var version = 0
        try Self.records(text) { record, fields in
            // A new set of columns every other row: the batch keeps a set per change.
            version += record.row % 2
            let columns = fields.reversed().map { $0 }
            plain.append(record, fields: fields, columns: columns, version: version)
            rolled.append(record, fields: fields, columns: columns, version: version)
            let mark = rolled.mark
            rolled.append(record, fields: fields, columns: fields, version: version + 1000)
            #expect(rolled.count == plain.count + 1)
            rolled.rollback(to: mark)
            reused.append(record, fields: fields, columns: columns, version: version)
        }
        #expect(plain.count >= 3)
        #expect(Self.described(rolled, width: width) == Self.described(plain, width: width))
        // Emptied and filled again with the same rows: the same batch.
        reused.removeAll()
        #expect(reused.count == 0)
        version = 0
        try Self.records(text) { record, fields in
            version += record.row % 2
            reused.append(record, fields: fields, columns: fields.reversed().map { $0 }, version: version)
        }
        #expect(Self.described(reused, width: width) == Self.described(plain, width: width))
    }
}
