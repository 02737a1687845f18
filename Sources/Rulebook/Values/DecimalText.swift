/// Numbers written into bytes: the one decimal writer of the report texts (`Money`,
/// `TimeSpan`, the report lines), so that a value's text is built once, whether a String or a
/// line's bytes are wanted.
extension Array where Element == UInt8 {
    /// An integer in decimal.
    mutating func integer(_ v: Int64) {
        // Most numbers of a report line are a day, a month, an hour: one or two digits.
        if v >= 0 && v < 100 {
            if v >= 10 { append(UInt8(truncatingIfNeeded: 48 + v / 10)) }
            append(UInt8(truncatingIfNeeded: 48 + v % 10))
            return
        }
        if v < 0 { append(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        Swift.withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - n)...]))
        }
    }

    /// A text fixed in the program (`"年"`, `" late"`): its bytes, read where they lie (a
    /// `String` would be copied out of its words first).
    mutating func appendLiteral(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// A magnitude in decimal (a quotient of an `Int64`'s magnitude fits an `Int64` only when
    /// divided: callers divide first).
    mutating func integer(_ v: UInt64) { integer(Int64(v)) }
}

extension String {
    /// The text `write` puts into bytes.
    init(writing write: (inout [UInt8]) -> Void) {
        var bytes: [UInt8] = []
        write(&bytes)
        self.init(decoding: bytes, as: UTF8.self)
    }
}
