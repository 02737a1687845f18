/// A strict RFC 8259 parser for the objects of a JSON export, reading one object's top-level
/// members into a `RecordStorage` as fields.
///
/// Strings are validated UTF-8 and unescaped (surrogate pairs joined) only when they hold
/// escapes; numbers are checked against the JSON grammar and kept as written, never converted
/// to a binary floating-point value, so `0.1` stays `0.1`. Nested objects and arrays are
/// checked and recorded by kind only. Line and column are tracked as whitespace is skipped
/// (a JSON line break can only occur there), so every error names its exact place.
struct JSONObjectParser {
    let b: UnsafeBufferPointer<UInt8>
    let file: String
    /// JSON Lines: a line break ends the record, so one inside an object is an error.
    let singleLine: Bool
    var i: Int
    var line: Int
    var lineStart: Int

    static let maxDepth = 512

    // MARK: Errors

    func location(_ offset: Int) -> SourceLocation {
        var column = 1
        var k = lineStart
        while k < offset && k < b.count {
            if b[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    func fail(_ message: String, at offset: Int? = nil) -> DiagnosticError {
        DiagnosticError(.error(message, at: location(offset ?? i)))
    }

    /// `unexpected end of input` at the end, `message` elsewhere.
    func expected(_ message: String) -> DiagnosticError {
        i >= b.count ? fail("unexpected end of input; \(message)") : fail(message)
    }

    // MARK: Whitespace

    mutating func skipWhitespace() throws {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A:
                if singleLine { throw fail("line ends inside the object (JSON Lines needs one object per line)") }
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    // MARK: Objects

    /// Parses the object at `i` into `storage.fields`, one slot per known key column.
    mutating func parseRecord(into storage: RecordStorage, keys: inout JSONKeyTable) throws {
        guard i < b.count, b[i] == UInt8(ascii: "{") else { throw expected("expected '{'") }
        for k in storage.fields.indices { storage.fields[k].kind = nil }
        storage.decoded.removeAll(keepingCapacity: true)
        i += 1
        try skipWhitespace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return }
        var position = 0
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw expected("expected a string key") }
            let keyStart = i
            let column = try withString(decodeInto: &storage.decoded) { keys.column(for: $0, position: position) }
            position += 1
            while storage.fields.count < keys.names.count {
                storage.fields.append(FieldSpan(start: 0, end: 0, sourceOffset: 0, kind: nil, isDecoded: false))
            }
            if storage.fields[column].kind != nil {
                throw fail("duplicate key '\(keys.names[column])' in the object", at: keyStart)
            }
            try skipWhitespace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw expected("expected ':' after the key") }
            i += 1
            try skipWhitespace()
            storage.fields[column] = try parseMemberValue(decoded: &storage.decoded)
            try skipWhitespace()
            guard i < b.count else { throw expected("expected ',' or '}' in the object") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                try skipWhitespace()
                continue
            }
            guard b[i] == UInt8(ascii: "}") else { throw expected("expected ',' or '}' in the object") }
            i += 1
            return
        }
    }

    /// A top-level member's value as a field span.
    mutating func parseMemberValue(decoded: inout [UInt8]) throws -> FieldSpan {
        let start = i
        guard i < b.count else { throw expected("expected a value") }
        switch b[i] {
        case UInt8(ascii: "\""):
            var span = FieldSpan(start: i + 1, end: 0, sourceOffset: start, kind: .text, isDecoded: false)
            let before = decoded.count
            try withString(decodeInto: &decoded) { _ in }
            if decoded.count > before || hadEscapes {
                span.start = before
                span.end = decoded.count
                span.isDecoded = true
            } else {
                span.end = i - 1
            }
            return span
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let kind: FieldKind = b[i] == UInt8(ascii: "{") ? .object : .array
            try skipValue(depth: 1)
            return FieldSpan(start: start, end: i, sourceOffset: start, kind: kind, isDecoded: false)
        default:
            let kind = try parseScalarLiteral()
            return FieldSpan(start: start, end: i, sourceOffset: start, kind: kind, isDecoded: false)
        }
    }

    /// Set by `withString`: the last string held escapes (its decoded form may be empty).
    var hadEscapes = false

    // MARK: Nested values (checked, not kept)

    mutating func skipValue(depth: Int) throws {
        guard depth <= Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        guard i < b.count else { throw expected("expected a value") }
        var scratch: [UInt8] = []
        switch b[i] {
        case UInt8(ascii: "\""):
            try withString(decodeInto: &scratch) { _ in }
        case UInt8(ascii: "{"):
            i += 1
            try skipWhitespace()
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return }
            while true {
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw expected("expected a string key") }
                try withString(decodeInto: &scratch) { _ in }
                try skipWhitespace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw expected("expected ':' after the key") }
                i += 1
                try skipWhitespace()
                try skipValue(depth: depth + 1)
                try skipWhitespace()
                guard i < b.count else { throw expected("expected ',' or '}' in the object") }
                if b[i] == UInt8(ascii: ",") { i += 1; try skipWhitespace(); continue }
                guard b[i] == UInt8(ascii: "}") else { throw expected("expected ',' or '}' in the object") }
                i += 1
                return
            }
        case UInt8(ascii: "["):
            i += 1
            try skipWhitespace()
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                try skipWhitespace()
                guard i < b.count else { throw expected("expected ',' or ']' in the array") }
                if b[i] == UInt8(ascii: ",") { i += 1; try skipWhitespace(); continue }
                guard b[i] == UInt8(ascii: "]") else { throw expected("expected ',' or ']' in the array") }
                i += 1
                return
            }
        default:
            _ = try parseScalarLiteral()
        }
    }

    // MARK: Scalars

    /// A number, `true`, `false` or `null` at `i`.
    mutating func parseScalarLiteral() throws -> FieldKind {
        let c = b[i]
        if c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) {
            try parseNumber()
            return .number
        }
        for (word, kind) in [("true", FieldKind.bool), ("false", .bool), ("null", .null)] where c == word.utf8.first! {
            let w = Array(word.utf8)
            guard i + w.count <= b.count, b[i..<i + w.count].elementsEqual(w) else {
                throw fail("invalid literal (expected true, false or null)")
            }
            i += w.count
            return kind
        }
        throw fail("expected a value")
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func parseNumber() throws {
        let start = i
        func isDigit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        let bad = { [file] (p: JSONObjectParser) in
            DiagnosticError(.error("invalid number", at: SourceLocation(file: file, line: p.line, column: p.location(start).column)))
        }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw bad(self) }
        if b[i] == 0x30 {
            i += 1
            if isDigit(i) { throw bad(self) }  // no leading zeros
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw bad(self) }
            while isDigit(i) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw bad(self) }
            while isDigit(i) { i += 1 }
        }
    }
}
