/// Strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Check {
    /// Offset of the first byte that does not start a valid sequence, or nil when all is valid.
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard let p = b.baseAddress else { return nil }
        var i = start
        while i < end {
            // Eight ASCII bytes at a time: most fields are digits, dates and codes.
            if i + 8 <= end, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            // Common CJK characters first: three bytes with no extra range rule.
            if (c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF {
                guard i + 2 < end, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return i }
                i += 3
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xED: need = 2; upper = 0x9F  // no UTF-16 surrogates
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F  // nothing above U+10FFFF
            default: return i
            }
            if i + need >= end { return i }  // truncated sequence
            let second = p[i + 1]
            if second < lower || second > upper { return i }
            if need >= 2, p[i + 2] & 0xC0 != 0x80 { return i }
            if need == 3, p[i + 3] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }
}
