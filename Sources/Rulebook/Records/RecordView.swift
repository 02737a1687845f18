/// A record's fields as byte buffers, for a reader of every field of a row (the decoder):
/// the buffers are opened once per row, not once per field (each `RawRecord.bytes` call
/// retains and releases the reader's array, and copies out a slice header).
///
/// Valid only inside `RawRecord.withView`: the pointers are the reader's reused buffers.
struct RecordView {
    let source: UnsafeBufferPointer<UInt8>
    let decoded: UnsafeBufferPointer<UInt8>
    let fields: UnsafeBufferPointer<FieldSpan>

    /// As `RawRecord.kind`.
    @inline(__always)
    func kind(_ column: Int) -> FieldKind? {
        column < fields.count ? fields[column].kind : nil
    }

    /// As `RawRecord.bytes`: the field's bytes, unescaped; empty when absent.
    @inline(__always)
    func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard column < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let f = fields[column]
        if f.kind == nil { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: (f.isDecoded ? decoded : source)[f.start..<f.end])
    }
}

extension RawRecord {
    /// Calls `body` with the record's fields open as buffers (see `RecordView`), which must
    /// not escape it.
    func withView<R>(_ body: (RecordView) throws -> R) rethrows -> R {
        try storage.source.withUnsafeBufferPointer { source in
            try storage.decoded.withUnsafeBufferPointer { decoded in
                try storage.fields.withUnsafeBufferPointer { fields in
                    try body(RecordView(source: source, decoded: decoded, fields: fields))
                }
            }
        }
    }
}
