/// Rows' wanted fields copied out of a reader's reused buffers: each field's bytes as the
/// reader gives them (unescaped), its kind and the column it came from, in the policy's field
/// order. The reading thread fills a batch of rows and hands it on; the thread that evaluates
/// them decodes them (`FieldDecoder.decode(_:row:headers:replacing:)`), so that typing values
/// (timestamps, names, money) is not all on the one thread that reads.
///
/// A row is kept as the reader had it, copied in three stretches: its text (from its line's
/// start to its last used field), the bytes of its fields the reader unescaped, and the
/// record's own field spans (up to its last used column), with the columns each field is
/// read from (kept once while rows share them). A field is found through them when the row is
/// decoded: placing each field as the row was copied cost some 70 instructions a field on the
/// reading thread, more than the copies.
struct FieldTexts: Sendable {
    /// Fields per row.
    let width: Int
    /// Per row: its text, then its unescaped bytes.
    private var bytes: [UInt8] = []
    /// Per row: the record's field spans, offsets into the reader's buffers (see `Row`).
    private var spans: [FieldSpan] = []
    /// The columns rows were read with (per field, nil: none), each set once while the rows
    /// that follow share it (a CSV file's: one set).
    private var columnSets: [[Int?]] = []
    private var rows: [Row] = []
    /// The most of a row's text held from its line's start.
    static let lineTextLimit = 1 << 16

    /// Where a row's parts are.
    private struct Row {
        /// Where the reader's text offset 0 falls in `bytes` (a field's `start` plus this is
        /// where its bytes are); may be negative.
        var textBase: Int
        /// The same for the reader's unescaped bytes.
        var decodedBase: Int
        /// The row's spans in `spans`.
        var spans: Range<Int>
        var columnSet: Int
        /// Where the text of its first line starts in `bytes` (held from there to its last
        /// used field, so that a message can say where a value is written), or -1 when it is
        /// not held (a row far into a long line, a JSON array's: see `holdsLineText`).
        var lineStart: Int
    }

    /// `rows`: how many rows room is made for at once.
    init(width: Int, rows: Int = 0) {
        self.width = width
        bytes.reserveCapacity(rows * width * 16)
        spans.reserveCapacity(rows * width)
        self.rows.reserveCapacity(rows)
    }

    /// Rows held.
    var count: Int { rows.count }

    /// Where `rollback` returns to: the rows and bytes held so far.
    struct Mark {
        fileprivate let count: Int
        fileprivate let bytes: Int
        fileprivate let spans: Int
        fileprivate let columnSets: Int
    }

    var mark: Mark { Mark(count: rows.count, bytes: bytes.count, spans: spans.count, columnSets: columnSets.count) }

    /// Forgets the rows appended since `mark` (a repeated case id, found once its row was
    /// copied).
    mutating func rollback(to mark: Mark) {
        rows.removeSubrange(mark.count...)
        bytes.removeSubrange(mark.bytes...)
        spans.removeSubrange(mark.spans...)
        columnSets.removeSubrange(mark.columnSets...)
    }

    /// Forgets the rows, keeping the room made for them: a batch is filled again once
    /// evaluated.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        columnSets.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    /// Copies the record's fields in `columns` (per field, the column to read; nil: none),
    /// and its text from its line's start to its last used field.
    mutating func append(_ record: RawRecord, columns: [Int?]) {
        precondition(columns.count == width, "a column per field")
        let lineStart = record.storage.recordLineStart
        if !(columnSets.last.map { FieldTexts.same($0, columns) } ?? false) { columnSets.append(columns) }
        let set = columnSets.count - 1
        record.withView { view in
            let fields = view.fields
            // How far the text reaches, which spans are used, and where the used unescaped
            // bytes are.
            var lo = Int.max, hi = 0, placed = lineStart, lastColumn = -1
            var decodedLo = Int.max, decodedHi = 0
            columns.withUnsafeBufferPointer { columns in
                for column in columns {
                    guard let c = column, c < fields.count else { continue }
                    lastColumn = max(lastColumn, c)
                    let f = fields[c]
                    guard f.kind != nil else { continue }
                    placed = max(placed, f.sourceOffset)
                    if f.isDecoded {
                        decodedLo = min(decodedLo, f.start)
                        decodedHi = max(decodedHi, f.end)
                    } else {
                        lo = min(lo, f.start)
                        hi = max(hi, f.end)
                    }
                }
            }
            let base = bytes.count
            let end = min(max(hi, placed), view.source.count)
            let textBase: Int, held: Int
            if end - lineStart <= FieldTexts.lineTextLimit {
                (textBase, held) = (base - lineStart, base)
                if lineStart < end { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: view.source[lineStart..<end])) }
            } else {
                // Only the fields' own stretch is held.
                (textBase, held) = (lo == Int.max ? base : base - lo, -1)
                if lo < hi { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: view.source[lo..<hi])) }
            }
            var decodedBase = 0
            if decodedLo < decodedHi {
                decodedBase = bytes.count - decodedLo
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: view.decoded[decodedLo..<decodedHi]))
            }
            let first = spans.count
            if lastColumn >= 0 { spans.append(contentsOf: UnsafeBufferPointer(rebasing: fields[0...lastColumn])) }
            rows.append(Row(textBase: textBase, decodedBase: decodedBase, spans: first..<spans.count, columnSet: set, lineStart: held))
        }
    }

    /// Whether two column sets are the same: the same array (a CSV reader's, row after row)
    /// or the same columns.
    private static func same(_ a: [Int?], _ b: [Int?]) -> Bool {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count }
        } || a == b
    }

    /// Whether row `r`'s text is held from its line's start (see `locate`).
    func holdsLineText(row r: Int) -> Bool { rows[r].lineStart >= 0 }

    /// Where the byte `offset` bytes after the start of row `r`'s first line is written, that
    /// line being `line`: nil when the row's text is not held (`holdsLineText`), or not that far.
    func locate(row r: Int, offset: Int, line: Int, file: String) -> SourceLocation? {
        let start = rows[r].lineStart
        guard start >= 0, offset >= 0, start + offset <= bytes.count else { return nil }
        return TextPosition.locate(start + offset, in: bytes, from: start, line: line, file: file)
    }

    /// Calls `body` with row `r`'s fields open as buffers (see `View`), which must not escape it.
    func withRow<R>(_ r: Int, _ body: (View) throws -> R) rethrows -> R {
        precondition(r >= 0 && r < count, "no such row")
        let row = rows[r]
        return try bytes.withUnsafeBufferPointer { bytes in
            try spans.withUnsafeBufferPointer { spans in
                try columnSets[row.columnSet].withUnsafeBufferPointer { columns in
                    try body(View(bytes: bytes, spans: UnsafeBufferPointer(rebasing: spans[row.spans]), columns: columns,
                                  textBase: row.textBase, decodedBase: row.decodedBase))
                }
            }
        }
    }

    /// One row's fields, by field.
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The record's spans, by column.
        let spans: UnsafeBufferPointer<FieldSpan>
        /// Per field, its column.
        let columns: UnsafeBufferPointer<Int?>
        let textBase: Int
        let decodedBase: Int

        @inline(__always)
        func kind(_ field: Int) -> FieldKind? {
            guard let c = columns[field], c < spans.count else { return nil }
            return spans[c].kind
        }

        /// The column the field was read from, nil when none (or past `Int32.max`, which
        /// messages do not name).
        @inline(__always)
        func column(_ field: Int) -> Int? {
            guard let c = columns[field], c <= Int(Int32.max) else { return nil }
            return c
        }

        @inline(__always)
        func bytes(_ field: Int) -> UnsafeBufferPointer<UInt8> {
            guard let c = columns[field], c < spans.count, spans[c].kind != nil else { return UnsafeBufferPointer(start: nil, count: 0) }
            let f = spans[c]
            let at = (f.isDecoded ? decodedBase : textBase) + f.start
            return UnsafeBufferPointer(rebasing: bytes[at..<(at + f.end - f.start)])
        }
    }
}
