/// JSON Lines: one object per line; blank lines are skipped; the line number is the row.
///
/// The whole file is read into memory first (the JSON parser works on one contiguous text;
/// a 1M-case export is a few hundred MB). The CSV reader is the streaming one.
public struct JSONLinesReader: RecordSource {
    public let file: String
    public var columnNames: [String] { keys.names }
    public var hasFixedHeader: Bool { false }
    public var headerLocation: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    private let storage = RecordStorage()
    private var keys = JSONKeyTable()
    private var position = 0
    private var line = 1

    public init(file: String, input: some ByteInput) throws {
        var input = input
        self.file = file
        storage.file = file
        storage.source = try input.readAll()
        if storage.source.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// JSON values are always decoded as they are parsed.
    public mutating func decodeOnly(_ columns: [Bool]?) {}

    public mutating func next() throws -> RawRecord? {
        let source = storage.source
        while position < source.count {
            // Skip a blank (whitespace-only) line.
            var k = position
            while k < source.count, source[k] == 0x20 || source[k] == 0x09 || source[k] == 0x0D { k += 1 }
            if k == source.count { return nil }
            if source[k] == 0x0A {
                position = k + 1
                self.line += 1
                continue
            }
            let lineStart = position
            var keys = self.keys
            self.keys = JSONKeyTable()  // keep the table uniquely referenced while it grows
            defer { self.keys = keys }
            let (file, line, storage) = (self.file, self.line, self.storage)
            let end = try source.withUnsafeBufferPointer { b -> Int in
                var parser = JSONObjectParser(b: b, file: file, singleLine: true, i: k, line: line, lineStart: lineStart)
                guard b[k] == UInt8(ascii: "{") else {
                    throw parser.fail("expected '{': each line of a JSON Lines file must be one object")
                }
                try parser.parseRecord(into: storage, keys: &keys)
                while parser.i < b.count, b[parser.i] == 0x20 || b[parser.i] == 0x09 || b[parser.i] == 0x0D { parser.i += 1 }
                if parser.i < b.count, b[parser.i] != 0x0A { throw parser.fail("unexpected text after the object") }
                return parser.i
            }
            storage.recordLineStart = lineStart
            let record = RawRecord(row: line, line: line, storage: storage)
            position = end + 1
            self.line += 1
            return record
        }
        return nil
    }
}
