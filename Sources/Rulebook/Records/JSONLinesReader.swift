#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON Lines: one object per line; blank lines are skipped; the line number is the row.
///
/// Streams through a `ReadWindow` like the CSV reader: each line is parsed in place in the
/// window, so memory stays at about one read chunk whatever the file size.
struct JSONLinesReader: RecordSource {
    let file: String
    var columnNames: [String] { keys.names }
    var hasFixedHeader: Bool { false }
    var headerLocation: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    private let storage = RecordStorage()
    private var keys = JSONKeyTable()
    private var window: ReadWindow
    private var line = 1

    init(file: String, input: some ByteInput, chunkSize: Int = 1 << 20, limits: RecordLimits = .default) throws {
        self.file = file
        storage.file = file
        window = ReadWindow(input, chunkSize: chunkSize, maxRecordBytes: limits.maxRecordBytes)
        while window.end < 3 && !window.eof { try fill() }
        if window.end >= 3, storage.source[0] == 0xEF, storage.source[1] == 0xBB, storage.source[2] == 0xBF {
            window.position = 3
        }
    }

    /// JSON values are always decoded as they are parsed.
    mutating func decodeOnly(_ columns: [Bool]?) {}

    mutating func next() throws -> RawRecord? {
        while true {
            let (start, end) = (window.position, window.end)
            let newline: Int? = storage.source.withUnsafeBufferPointer { b in
                guard start < end, let found = memchr(b.baseAddress! + start, 0x0A, end - start) else { return nil }
                return b.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if newline == nil && !window.eof {
                try fill()
                continue
            }
            if start == end { return nil }
            // The line, with its line feed so that the parser can say an object was cut by one.
            let lineEnd = newline.map { $0 + 1 } ?? end
            let blank = storage.source[start..<(newline ?? end)].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            window.position = lineEnd
            if blank {
                line += 1
                continue
            }
            try parse(from: start, to: lineEnd)
            storage.recordLineStart = start
            let record = RawRecord(row: line, line: line, storage: storage)
            line += 1
            return record
        }
    }

    /// Reads more of the line at `window.position`; a line over the limit is an error there.
    private mutating func fill() throws {
        do {
            try window.fill(storage)
        } catch is ReadWindow.RecordTooLong {
            throw DiagnosticError(.error(
                "line \(line) is longer than \(RecordLimits.describe(window.maxRecordBytes)) (the limit on one record)",
                at: SourceLocation(file: file, line: line, column: 1)))
        }
    }

    /// Parses the object on the line `[start, lineEnd)` of the window.
    private mutating func parse(from start: Int, to lineEnd: Int) throws {
        var keys = self.keys
        self.keys = JSONKeyTable()  // keep the table uniquely referenced while it grows
        defer { self.keys = keys }
        let (file, line, storage) = (self.file, self.line, self.storage)
        try storage.source.withUnsafeBufferPointer { whole in
            let b = UnsafeBufferPointer(rebasing: whole[0..<lineEnd])
            var k = start
            while b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x0D { k += 1 }
            var parser = JSONObjectParser(b: b, file: file, singleLine: true, i: k, line: line, lineStart: start)
            guard b[k] == UInt8(ascii: "{") else {
                throw parser.fail("expected '{': each line of a JSON Lines file must be one object")
            }
            try parser.parseRecord(into: storage, keys: &keys)
            while parser.i < b.count, b[parser.i] == 0x20 || b[parser.i] == 0x09 || b[parser.i] == 0x0D { parser.i += 1 }
            if parser.i < b.count, b[parser.i] != 0x0A { throw parser.fail("unexpected text after the object") }
        }
    }
}
