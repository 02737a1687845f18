/// Rows' wanted fields copied out of a reader's reused buffers: each field's bytes as the
/// reader gives them (unescaped), its kind and the column it came from, in the policy's field
/// order. The reading thread fills a batch of rows and hands it on; the thread that evaluates
/// them decodes them (`FieldDecoder.decode(_:row:headers:replacing:)`), so that typing values
/// (timestamps, names, money) is not all on the one thread that reads.
struct FieldTexts: Sendable {
    /// Fields per row.
    let width: Int
    private var bytes: [UInt8] = []
    /// Per row and field, where its bytes are in `bytes`.
    private var spans: [Span] = []
    /// Per row: where the text of its first line starts in `bytes` (held from there to its
    /// last used field, so that a message can say where a value is written), or -1 when it is
    /// not held (a row far into a long line, a JSON array's: see `holdsLineText`).
    private var lineStarts: [Int] = []
    /// The most of a row's text held from its line's start.
    static let lineTextLimit = 1 << 16

    struct Span: Sendable {
        var start: Int
        var count: Int
        /// The column read (-1: none, the record has no column for the field; or one past
        /// `Int32.max`, which messages then do not name).
        var column: Int32
        /// The field's kind; nil when absent.
        var kind: FieldKind?
    }

    /// `rows`: how many rows room is made for at once.
    init(width: Int, rows: Int = 0) {
        self.width = width
        spans = Array(repeating: Span(start: 0, count: 0, column: -1, kind: nil), count: rows * width)
        bytes.reserveCapacity(rows * width * 16)
    }

    /// Rows held.
    private(set) var count = 0

    /// Where `rollback` returns to: the rows and bytes held so far.
    struct Mark {
        fileprivate let count: Int
        fileprivate let bytes: Int
    }

    var mark: Mark { Mark(count: count, bytes: bytes.count) }

    /// Forgets the rows appended since `mark` (a repeated case id, found once its row was
    /// copied); the spans past `count` are written over as rows come.
    mutating func rollback(to mark: Mark) {
        count = mark.count
        bytes.removeSubrange(mark.bytes...)
        lineStarts.removeSubrange(mark.count...)
    }

    /// Forgets the rows, keeping the room made for them: a batch is filled again once
    /// evaluated (the spans past `count` are written over as rows come).
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Copies the record's fields in `columns` (per field, the column to read; nil: none),
    /// and its text from its line's start to its last used field. Fields read where they are
    /// written (a CSV row's) are copied with that text, as one stretch of the row: a copy per
    /// field cost more than the bytes.
    mutating func append(_ record: RawRecord, columns: [Int?]) {
        precondition(columns.count == width, "a column per field")
        let lineStart = record.storage.recordLineStart
        // Room for a row's spans made at once, written in place (see `RowBatch.append`).
        let first = count * width
        if spans.count < first + width {
            spans.append(contentsOf: repeatElement(Span(start: 0, count: 0, column: -1, kind: nil), count: max(width, spans.count)))
        }
        let base = bytes.count
        record.withView { view in
            let fields = view.fields
            // One pass over the fields places each span as if the row's text is held from its
            // line's start (nearly always so), and finds how far that text reaches; a field
            // unescaped into the record's own buffer, or a row whose text is not held, is
            // mended after (a pass per field cost more than the bytes it copies).
            var lo = Int.max, hi = 0, placed = lineStart, unescaped = false
            columns.withUnsafeBufferPointer { columns in
                spans.withUnsafeMutableBufferPointer { spans in
                    for i in 0..<columns.count {
                        guard let c = columns[i], c < fields.count, let kind = fields[c].kind else {
                            spans[first + i] = Span(start: 0, count: 0, column: columns[i].flatMap { Int32(exactly: $0) } ?? -1, kind: nil)
                            continue
                        }
                        let f = fields[c]
                        placed = max(placed, f.sourceOffset)
                        if f.isDecoded {
                            unescaped = true
                        } else {
                            lo = min(lo, f.start)
                            hi = max(hi, f.end)
                        }
                        spans[first + i] = Span(start: base + f.start - lineStart, count: f.end - f.start, column: Int32(exactly: c) ?? -1, kind: kind)
                    }
                }
            }
            let end = min(max(hi, placed), view.source.count)
            if end - lineStart <= FieldTexts.lineTextLimit {
                lineStarts.append(base)
                if lineStart < end { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: view.source[lineStart..<end])) }
            } else {
                // Only the fields' own stretch is held: their spans start from it.
                lineStarts.append(-1)
                if lo < hi { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: view.source[lo..<hi])) }
                if lo != Int.max { spans.withUnsafeMutableBufferPointer { spans in
                    for i in 0..<width where spans[first + i].kind != nil {
                        spans[first + i].start += lineStart - lo
                    }
                } }
            }
            guard unescaped else { return }
            for i in 0..<width {
                guard let c = columns[i], c < fields.count, fields[c].kind != nil, fields[c].isDecoded else { continue }
                spans[first + i].start = bytes.count
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: view.decoded[fields[c].start..<fields[c].end]))
            }
        }
        count += 1
    }

    /// Whether row `r`'s text is held from its line's start (see `locate`).
    func holdsLineText(row r: Int) -> Bool { lineStarts[r] >= 0 }

    /// Where the byte `offset` bytes after the start of row `r`'s first line is written, that
    /// line being `line`: nil when the row's text is not held (`holdsLineText`), or not that far.
    func locate(row r: Int, offset: Int, line: Int, file: String) -> SourceLocation? {
        let start = lineStarts[r]
        guard start >= 0, offset >= 0, start + offset <= bytes.count else { return nil }
        return TextPosition.locate(start + offset, in: bytes, from: start, line: line, file: file)
    }

    /// Calls `body` with row `r`'s fields open as buffers (see `View`), which must not escape it.
    func withRow<R>(_ r: Int, _ body: (View) throws -> R) rethrows -> R {
        precondition(r >= 0 && r < count, "no such row")
        return try bytes.withUnsafeBufferPointer { bytes in
            try spans.withUnsafeBufferPointer { spans in
                try body(View(bytes: bytes, spans: UnsafeBufferPointer(rebasing: spans[(r * width)..<((r + 1) * width)])))
            }
        }
    }

    /// One row's fields, by field.
    struct View {
        let bytes: UnsafeBufferPointer<UInt8>
        let spans: UnsafeBufferPointer<Span>

        @inline(__always)
        func kind(_ field: Int) -> FieldKind? { spans[field].kind }

        /// The column the field was read from, nil when none.
        @inline(__always)
        func column(_ field: Int) -> Int? {
            let c = spans[field].column
            return c < 0 ? nil : Int(c)
        }

        @inline(__always)
        func bytes(_ field: Int) -> UnsafeBufferPointer<UInt8> {
            let s = spans[field]
            return UnsafeBufferPointer(rebasing: bytes[s.start..<(s.start + s.count)])
        }
    }
}
