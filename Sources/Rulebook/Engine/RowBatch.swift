import Foundation

/// Rows decoded on the reading thread, handed to an evaluating thread: the values of each row,
/// one row after another, and enough of each row's text to say where a value is written when
/// evaluating it fails (the reader has moved on by then, its buffers reused).
struct RowBatch: Sendable {
    static let size = 256
    let width: Int
    /// The rows' values, a row after another; past the rows noted, `.null` (room made at once
    /// for a full batch, see `init`).
    var values: [Value] = []
    var rows: [Int] = []
    /// The headers when the batch was filled (JSON: the keys seen so far).
    var columnNames: [String] = []
    /// Per row: the line its record starts on, and where its text starts in `text`.
    private var lines: [Int] = []
    private var textStarts: [Int] = []
    /// Each row's text from the start of its first line to its last used field.
    private var text: [UInt8] = []
    /// Per row and field: the column a message about the field names (-1: none), and that
    /// column's offset in the row's text (0: the field is absent; the row's start is meant).
    private var columns: [Int32] = []
    private var offsets: [Int32] = []
    /// Rows whose text is too long to copy (a JSON array on one line): the reader's whole
    /// buffer, kept by reference (a JSON array's buffer is read once and never changed).
    private var longTexts: [Int: ArraySlice<UInt8>] = [:]
    private var file = ""
    static let longText = 1 << 16

    /// `room`: rows whose values are made `.null` at once, to be decoded over in place
    /// (`FieldDecoder.decode(_:columns:headers:over:at:)`); past them, rows are appended.
    init(width: Int, room: Int = 0) {
        self.width = width
        values = [Value](repeating: .null, count: room * width)
        columns.reserveCapacity(RowBatch.size * width)
        offsets.reserveCapacity(RowBatch.size * width)
    }

    var count: Int { rows.count }

    /// Where the next row's values start.
    var nextStart: Int { rows.count * width }

    /// Makes the values of the row not kept, from `start`, `.null` again.
    mutating func clearValues(from start: Int) {
        for k in start..<(start + width) { values[k] = .null }
    }

    /// Notes where the row just decoded into `values` is written. `columns`: per field, the
    /// column its messages name (see `EvaluationRun.columnResolver`).
    mutating func noteRow(_ record: RawRecord, columns fieldColumns: [Int?]) {
        rows.append(record.row)
        lines.append(record.line)
        let storage = record.storage
        if rows.count == 1 { file = storage.file }  // one reader, one file: a retain saved per row
        let lineStart = storage.recordLineStart
        // A row's columns and offsets are made room for at once and written in place: two
        // appends per field (a uniqueness and capacity check each) cost more than the rest.
        let n = fieldColumns.count
        let first = offsets.count
        columns.append(contentsOf: repeatElement(-1, count: n))
        offsets.append(contentsOf: repeatElement(0, count: n))
        let end = columns.withUnsafeMutableBufferPointer { columns in
            offsets.withUnsafeMutableBufferPointer { offsets in
                storage.fields.withUnsafeBufferPointer { spans in
                    var end = lineStart
                    for f in 0..<n {
                        guard let c = fieldColumns[f] else { continue }
                        columns[first + f] = Int32(truncatingIfNeeded: c)
                        if c < spans.count, spans[c].kind != nil {
                            let at = spans[c].sourceOffset
                            offsets[first + f] = Int32(truncatingIfNeeded: min(at - lineStart, Int(Int32.max)))
                            end = max(end, at)
                        }
                    }
                    return min(end, storage.source.count)
                }
            }
        }
        if end - lineStart > RowBatch.longText {
            longTexts[rows.count - 1] = storage.source[lineStart..<end]
            textStarts.append(0)
        } else {
            textStarts.append(text.count)
            text.append(contentsOf: storage.source[lineStart..<end])
        }
    }

    /// The column messages about field `f` of row `i` name, with its header.
    func column(row i: Int, field f: Int) -> Int? {
        let c = columns[i * width + f]
        return c < 0 ? nil : Int(c)
    }

    /// Where row `i`'s column `column` is written: the field's place when `column` is the one
    /// `noteRow` was given for a field, else the row's start.
    func location(row i: Int, column: Int?) -> SourceLocation {
        var offset = 0
        if let column, let f = (0..<width).first(where: { Int(columns[i * width + $0]) == column }) {
            offset = Int(offsets[i * width + f])
        }
        if let long = longTexts[i] {
            let bytes = Array(long)
            return TextPosition.locate(offset, in: bytes, from: 0, line: lines[i], file: file)
        }
        let start = textStarts[i]
        return TextPosition.locate(start + offset, in: text, from: start, line: lines[i], file: file)
    }
}

extension RowBatch {
    /// `EvaluationRun.columnResolver` for row `i`, from what `noteRow` kept.
    func resolver(row i: Int, fieldNames: [String]) -> (String) -> (column: Int, header: String)? {
        { name in
            if let f = fieldNames.firstIndex(of: name) {
                guard let c = self.column(row: i, field: f), c < self.columnNames.count else { return nil }
                return (c, self.columnNames[c].trimmingCharacters(in: .whitespaces))
            }
            return self.columnNames.firstIndex { $0.trimmingCharacters(in: .whitespaces) == name }.map { ($0, name) }
        }
    }
}
