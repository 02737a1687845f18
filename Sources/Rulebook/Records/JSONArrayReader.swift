/// A file holding one JSON array of objects. The row is the object's 1-based index; the line
/// is where the object starts. Read whole into memory (see `JSONLinesReader`).
struct JSONArrayReader: RecordSource {
    let file: String
    var columnNames: [String] { keys.names }
    var hasFixedHeader: Bool { false }
    var headerLocation: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    private let storage = RecordStorage()
    private var keys = JSONKeyTable()
    /// Parser position (offset, line, offset of the line's start), kept between records.
    private var cursor = (position: 0, line: 1, lineStart: 0)
    private var index = 0
    private var finished = false

    /// Reads the file and checks that it opens an array.
    init(file: String, input: some ByteInput, limits: RecordLimits = .default) throws {
        var input = input
        self.file = file
        storage.file = file
        let opening: ([UInt8]) throws -> Void = { first in
            // The first byte after a byte order mark and blanks must open the array.
            var i = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while i < first.count, [0x20, 0x09, 0x0A, 0x0D].contains(first[i]) { i += 1 }
            if i < first.count, first[i] != UInt8(ascii: "[") {
                let bom = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                var cursor = (position: bom, line: 1, lineStart: bom)
                _ = try Self.step(Array(first[0...i]), file, &cursor) { p in
                    try p.skipWhitespace()
                    throw p.expected("expected '[': the file must hold one JSON array of objects")
                }
            }
        }
        guard let all = try input.readAll(limit: limits.maxJSONArrayBytes, check: opening) else {
            throw DiagnosticError(.error(
                "the JSON array is larger than \(RecordLimits.describe(limits.maxJSONArrayBytes)) (the limit on a file read whole); "
                    + "write large exports as JSON Lines, which stream", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        storage.source = all
        if storage.source.starts(with: [0xEF, 0xBB, 0xBF]) { cursor = (3, 1, 3) }
        _ = try Self.step(storage.source, file, &cursor) { p in
            try p.skipWhitespace()
            guard p.i < p.b.count, p.b[p.i] == UInt8(ascii: "[") else {
                throw p.expected("expected '[': the file must hold one JSON array of objects")
            }
            p.i += 1
            try p.skipWhitespace()
            return true
        }
    }

    mutating func decodeOnly(_ columns: [Bool]?) {}

    mutating func next() throws -> RawRecord? {
        if finished { return nil }
        var objectLine = 0, objectLineStart = 0
        let index = self.index
        var keys = self.keys
        self.keys = JSONKeyTable()  // keep the table uniquely referenced while it grows
        defer { self.keys = keys }
        let more = try Self.step(storage.source, file, &cursor) { [storage] p in
            if index > 0 {
                guard p.i < p.b.count else { throw p.expected("expected ',' or ']' after an array element") }
                if p.b[p.i] == UInt8(ascii: ",") {
                    p.i += 1
                    try p.skipWhitespace()
                } else if p.b[p.i] != UInt8(ascii: "]") {
                    throw p.expected("expected ',' or ']' after an array element")
                }
            }
            if p.i < p.b.count, p.b[p.i] == UInt8(ascii: "]"), index == 0 || p.b[p.i - 1] != UInt8(ascii: ",") {
                p.i += 1
                try p.skipWhitespace()
                if p.i < p.b.count { throw p.fail("unexpected text after the array") }
                return false
            }
            guard p.i < p.b.count, p.b[p.i] == UInt8(ascii: "{") else {
                throw p.expected("expected '{': each array element must be an object")
            }
            objectLine = p.line
            objectLineStart = p.lineStart
            try p.parseRecord(into: storage, keys: &keys)
            try p.skipWhitespace()
            return true
        }
        guard more else { finished = true; return nil }
        self.index += 1
        storage.recordLineStart = objectLineStart
        return RawRecord(row: self.index, line: objectLine, storage: storage)
    }

    /// Runs `body` with a parser at the saved position, then saves where it stopped.
    private static func step(_ source: [UInt8], _ file: String, _ cursor: inout (position: Int, line: Int, lineStart: Int),
                             _ body: (inout JSONObjectParser) throws -> Bool) throws -> Bool {
        try source.withUnsafeBufferPointer { b in
            var p = JSONObjectParser(b: b, file: file, singleLine: false, i: cursor.position, line: cursor.line, lineStart: cursor.lineStart)
            let result = try body(&p)
            cursor = (p.i, p.line, p.lineStart)
            return result
        }
    }
}
