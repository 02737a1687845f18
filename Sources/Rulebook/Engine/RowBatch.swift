import Foundation

/// Rows read on the reading thread, handed to an evaluating thread: each row's fields as
/// text (`FieldTexts`, typed by the thread that evaluates them), and enough of each row's text
/// to say where a value is written when decoding or evaluating it fails (the reader has moved
/// on by then, its buffers reused).
struct RowBatch: Sendable {
    static let size = 256
    let width: Int
    /// The rows' fields, to be decoded.
    private(set) var texts: FieldTexts
    var rows: [Int] = []
    /// The batch's number in `BatchProgress` (-1: not followed).
    var sequence = -1
    /// The headers when the batch was filled (JSON: the keys seen so far).
    var columnNames: [String] = []
    /// Per row: the line its record starts on (its text is in `texts`).
    private var lines: [Int] = []
    /// Per field, the column a message about the field names (-1: none), for the rows from
    /// each start in `columnStarts` on: a CSV file's columns are the same for every row, so a
    /// batch usually holds one such set.
    private var columns: [Int32] = []
    private var columnStarts: [Int] = []
    /// The `version` of the last set noted (see `append`).
    private var columnsVersion = -1
    /// Per row and field: the offset of the field's column in the row's text (0: the field is
    /// absent; the row's start is meant).
    private var offsets: [Int32] = []
    /// Rows whose text is too long to copy (a JSON array on one line, see
    /// `FieldTexts.holdsLineText`): the reader's whole buffer, kept by reference (a JSON
    /// array's buffer is read once and never changed).
    private var longTexts: [Int: ArraySlice<UInt8>] = [:]
    private var file = ""

    /// `room`: rows to make room for at once.
    init(width: Int, room: Int = 0) {
        self.width = width
        texts = FieldTexts(width: width, rows: room)
        offsets.reserveCapacity(room * width)
    }

    var count: Int { rows.count }

    /// Where `rollback` returns to.
    struct Mark {
        fileprivate let texts: FieldTexts.Mark
        fileprivate let rows: Int
        fileprivate let columns: Int
        fileprivate let columnStarts: Int
        fileprivate let columnsVersion: Int
        fileprivate let offsets: Int
    }

    var mark: Mark {
        Mark(texts: texts.mark, rows: rows.count, columns: columns.count, columnStarts: columnStarts.count,
             columnsVersion: columnsVersion, offsets: offsets.count)
    }

    /// Forgets the rows added since `mark`: a row found to
    /// repeat a case id once it was copied.
    mutating func rollback(to mark: Mark) {
        texts.rollback(to: mark.texts)
        for r in mark.rows..<rows.count { longTexts[r] = nil }
        rows.removeSubrange(mark.rows...)
        lines.removeSubrange(mark.rows...)
        columns.removeSubrange(mark.columns...)
        columnStarts.removeSubrange(mark.columnStarts...)
        columnsVersion = mark.columnsVersion
        offsets.removeSubrange(mark.offsets...)
        if rows.isEmpty { file = "" }
    }

    /// Forgets the rows, keeping the room made for them, for the reader to fill the batch
    /// again (`Handoff.giveBack`): a new batch cost an allocation of some 300 KB, which malloc
    /// mapped and unmapped each time, a TLB flush on every core per batch.
    mutating func removeAll() {
        texts.removeAll()
        rows.removeAll(keepingCapacity: true)
        sequence = -1
        columnNames = []
        lines.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        columnStarts.removeAll(keepingCapacity: true)
        columnsVersion = -1
        offsets.removeAll(keepingCapacity: true)
        if !longTexts.isEmpty { longTexts = [:] }
        file = ""
    }

    /// Adds the record: its fields in `fields` (per field, the column to read) with its text
    /// (`FieldTexts.append`), and where it is written. `columns`: per field, the column its
    /// messages name (see `EvaluationRun.columnResolver`); `version` changes whenever they do
    /// (the columns are kept once per version and batch).
    mutating func append(_ record: RawRecord, fields: [Int?], columns fieldColumns: [Int?], version: Int) {
        texts.append(record, columns: fields)
        rows.append(record.row)
        lines.append(record.line)
        let storage = record.storage
        if rows.count == 1 { file = storage.file }  // one reader, one file: a retain saved per row
        let lineStart = storage.recordLineStart
        let n = fieldColumns.count
        if version != columnsVersion || columnStarts.isEmpty {
            columnsVersion = version
            columnStarts.append(rows.count - 1)
            columns += fieldColumns.map { Int32(truncatingIfNeeded: $0 ?? -1) }
        }
        // A row's offsets are made room for at once and written in place: an append per
        // field (a uniqueness and capacity check each) costs more than the rest.
        let first = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: n))
        let end = offsets.withUnsafeMutableBufferPointer { offsets in
            storage.fields.withUnsafeBufferPointer { spans in
                var end = lineStart
                for f in 0..<n {
                    guard let c = fieldColumns[f], c < spans.count, spans[c].kind != nil else { continue }
                    let at = spans[c].sourceOffset
                    offsets[first + f] = Int32(truncatingIfNeeded: min(at - lineStart, Int(Int32.max)))
                    end = max(end, at)
                }
                return min(end, storage.source.count)
            }
        }
        if !texts.holdsLineText(row: rows.count - 1) { longTexts[rows.count - 1] = storage.source[lineStart..<end] }
    }

    /// The column messages about field `f` of row `i` name, with its header.
    func column(row i: Int, field f: Int) -> Int? {
        let c = columns[columnSet(row: i) * width + f]
        return c < 0 ? nil : Int(c)
    }

    /// Which of the column sets row `i`'s is: the last starting at or before it.
    private func columnSet(row i: Int) -> Int {
        columnStarts.lastIndex { $0 <= i } ?? 0
    }

    /// Where row `i`'s column `column` is written: the field's place when `column` is the one
    /// `append` was given for a field, else the row's start.
    func location(row i: Int, column: Int?) -> SourceLocation {
        var offset = 0
        let set = columnSet(row: i) * width
        if let column, let f = (0..<width).first(where: { Int(columns[set + $0]) == column }) {
            offset = Int(offsets[i * width + f])
        }
        if let long = longTexts[i] {
            let bytes = Array(long)
            return TextPosition.locate(offset, in: bytes, from: 0, line: lines[i], file: file)
        }
        return texts.locate(row: i, offset: offset, line: lines[i], file: file)
            ?? SourceLocation(file: file, line: lines[i], column: 1)
    }
}

extension RowBatch {
    /// `EvaluationRun.columnResolver` for row `i`, from what `append` kept.
    func resolver(row i: Int, fieldNames: [String]) -> (String) -> (column: Int, header: String)? {
        { name in
            if let f = fieldNames.firstIndex(of: name) {
                guard let c = self.column(row: i, field: f), c < self.columnNames.count else { return nil }
                return (c, self.columnNames[c].trimmedHeader)
            }
            return self.columnNames.firstIndex { $0.trimmedHeader == name }.map { ($0, name) }
        }
    }
}
