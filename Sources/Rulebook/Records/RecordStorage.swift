/// Where one field's bytes are, inside the storage of the record being read.
struct FieldSpan {
    var start: Int
    var end: Int
    /// Offset in `RecordStorage.source` where the field is written (for locations).
    var sourceOffset: Int
    /// nil: the record has no such field (a JSON object without that key).
    var kind: FieldKind?
    /// The bytes are in `RecordStorage.decoded` (an unescaped JSON string), not in `source`.
    var isDecoded: Bool
    /// A quoted CSV field holding doubled quotes, not yet unescaped.
    var hasEscapes: Bool
    /// The CSV scanner found only ASCII bytes in the field (so it is valid UTF-8); false when
    /// unknown.
    var isASCII: Bool

    init(start: Int, end: Int, sourceOffset: Int, kind: FieldKind?, isDecoded: Bool, hasEscapes: Bool = false,
         isASCII: Bool = false) {
        self.start = start
        self.end = end
        self.sourceOffset = sourceOffset
        self.kind = kind
        self.isDecoded = isDecoded
        self.hasEscapes = hasEscapes
        self.isASCII = isASCII
    }
}

/// The buffers a reader reuses from record to record, so that reading allocates nothing per
/// row. A class so that `RawRecord` can refer to it without copying the arrays, and so that
/// the reader can mutate the arrays in place while it holds the only reference to them.
///
/// `@exclusivity(unchecked)`: these are read for every field of every row, and the runtime
/// access checks cost a fifth of the reading time. Only the reader that owns the storage
/// mutates it, never while a caller is reading a field, so the checks can never fire.
final class RecordStorage {
    /// Input bytes: the CSV read window, or a JSON file's whole text.
    @exclusivity(unchecked) var source: [UInt8] = []
    /// Unescaped JSON strings of the current record.
    @exclusivity(unchecked) var decoded: [UInt8] = []
    @exclusivity(unchecked) var fields: [FieldSpan] = []
    /// Offset in `source` of the start of the line where the current record starts.
    var recordLineStart = 0
    var file = ""

    /// Line and column (in Unicode scalars, as `SourceLocation` counts them) of `offset`,
    /// counting from the current record's first line.
    func location(ofOffset offset: Int, recordLine: Int) -> SourceLocation {
        TextPosition.locate(offset, in: source, from: recordLineStart, line: recordLine, file: file)
    }
}
