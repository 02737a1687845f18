extension JSONObjectParser {
    /// Reads the string at `i` (on its opening quote) and calls `body` with its content:
    /// the source bytes when it has no escapes, else its unescaped form, appended to `decoded`.
    /// Sets `hadEscapes`.
    mutating func withString<R>(decodeInto decoded: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        let open = i
        i += 1
        let start = i
        var high: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
            high |= c
            i += 1
        }
        if high & 0x80 != 0, let bad = UTF8Check.firstInvalid(b, from: start, to: i) {
            throw fail("invalid UTF-8 in a string", at: bad)
        }
        if i < b.count, b[i] == UInt8(ascii: "\"") {
            hadEscapes = false
            i += 1
            return try body(UnsafeBufferPointer(rebasing: b[start..<i - 1]))
        }
        // Escapes (or an error): decode from the start.
        let decodedStart = decoded.count
        decoded.append(contentsOf: b[start..<i])
        while true {
            guard i < b.count else { throw fail("unterminated string", at: open) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 {
                let hex = String(c, radix: 16, uppercase: true)
                throw fail("control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex) in a string must be escaped")
            }
            if c == UInt8(ascii: "\\") {
                try appendEscape(to: &decoded)
                continue
            }
            let runStart = i
            var runHigh: UInt8 = 0
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 {
                runHigh |= b[i]
                i += 1
            }
            if runHigh & 0x80 != 0, let bad = UTF8Check.firstInvalid(b, from: runStart, to: i) {
                throw fail("invalid UTF-8 in a string", at: bad)
            }
            decoded.append(contentsOf: b[runStart..<i])
        }
        hadEscapes = true
        let result = try decoded.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[decodedStart...])) }
        return result
    }

    /// One escape at `i` (on the backslash), appended as UTF-8.
    private mutating func appendEscape(to out: inout [UInt8]) throws {
        let at = i
        guard i + 1 < b.count else { throw fail("unterminated string") }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: at)
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                    throw fail("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true))", at: at)
                }
                let low = i
                i += 2
                let second = try hex4(at: low)
                guard second >= 0xDC00 && second <= 0xDFFF else {
                    throw fail("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true))", at: at)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (second - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw fail("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true))", at: at)
            }
            out.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            let shown = e < 0x80 ? String(UnicodeScalar(e)) : "\\u{\(String(e, radix: 16))}"
            throw fail("invalid escape '\\\(shown)' in a string", at: at)
        }
    }

    /// Four hex digits at `i`, for the `\u` escape at `at`.
    private mutating func hex4(at: Int) throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < b.count else { throw fail("\\u needs four hex digits", at: at) }
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("\\u needs four hex digits", at: at)
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
