/// One record as read from a case export: fields by column index, with where it came from.
///
/// A view into the reader's reused buffers: valid until the reader's next `next()` call.
/// Copy out (e.g. `string(_:)`) whatever must outlive that.
struct RawRecord {
    /// The row as a person counts it: in a spreadsheet (the CSV header is row 1, a quoted
    /// cell holding line breaks is still one row), the line of a JSON Lines file, or the
    /// 1-based index in a JSON array.
    let row: Int
    /// The physical line where the record starts.
    let line: Int
    let storage: RecordStorage

    /// Number of column slots: the CSV fields, or every JSON key seen so far.
    var columnCount: Int { storage.fields.count }

    /// About the bytes the record takes in its file: from its line's start to its furthest
    /// field, and a line break (an estimate, for sizing what grows with the rows).
    var length: Int {
        let start = storage.recordLineStart
        var end = start
        for f in storage.fields where f.kind != nil && !f.isDecoded { end = max(end, f.end) }
        return end - start + 2
    }

    /// The field's kind, or nil when the record has no such column (a JSON key missing).
    func kind(_ column: Int) -> FieldKind? {
        column < storage.fields.count ? storage.fields[column].kind : nil
    }

    /// The field's bytes, UTF-8, unescaped; empty when absent. For JSON strings without escapes,
    /// numbers and booleans, the text as written (`12.50`, `true`).
    func bytes(_ column: Int) -> ArraySlice<UInt8> {
        guard column < storage.fields.count else { return [] }
        let f = storage.fields[column]
        if f.kind == nil { return [] }
        return f.isDecoded ? storage.decoded[f.start..<f.end] : storage.source[f.start..<f.end]
    }

    /// Calls `body` with the field's bytes without retaining the buffer: the fastest access.
    func withBytes<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard column < storage.fields.count, storage.fields[column].kind != nil else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let f = storage.fields[column]
        // No local copy of the array: that would cost a retain and release per field.
        if f.isDecoded {
            return try storage.decoded.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[f.start..<f.end])) }
        }
        return try storage.source.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[f.start..<f.end])) }
    }

    /// The field as a String (allocates: for messages and kept values, not the hot path).
    func string(_ column: Int) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    /// Where the field is written (file, line, column in characters); the record's start
    /// when the field is absent. Computed on demand by rescanning the record's text.
    func location(ofColumn column: Int) -> SourceLocation {
        let offset = column < storage.fields.count && storage.fields[column].kind != nil
            ? storage.fields[column].sourceOffset : storage.recordLineStart
        return storage.location(ofOffset: offset, recordLine: line)
    }

    /// Where the record starts.
    var location: SourceLocation {
        storage.location(ofOffset: storage.recordLineStart, recordLine: line)
    }

    var file: String { storage.file }
}
