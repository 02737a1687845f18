/// An exact rational number: ratios (3‰), percentages (50%), base points, decimal fields.
/// Kept in lowest terms with a positive denominator; arithmetic that would overflow 64 bits
/// returns nil instead of rounding, so a figure is either exact or reported.
package struct Fraction: Hashable, Comparable, Sendable, CustomStringConvertible {
    private(set) var numerator: Int64
    private(set) var denominator: Int64

    init(_ value: Int64) {
        numerator = value
        denominator = 1
    }

    /// nil when `denominator` is zero or the reduced value does not fit.
    init?(_ numerator: Int64, _ denominator: Int64) {
        guard denominator != 0 else { return nil }
        guard let f = Fraction.reduced(Int128(numerator), Int128(denominator)) else { return nil }
        self = f
    }

    private init(unchecked n: Int64, _ d: Int64) {
        numerator = n
        denominator = d
    }

    static func reduced(_ n: Int128, _ d: Int128) -> Fraction? {
        guard d != 0 else { return nil }
        var a = n.magnitude, b = d.magnitude
        while b != 0 { (a, b) = (b, a % b) }
        let g = Int128(a == 0 ? 1 : a)
        var nn = n / g, dd = d / g
        if dd < 0 { nn = -nn; dd = -dd }
        guard let n64 = Int64(exactly: nn), let d64 = Int64(exactly: dd) else { return nil }
        return Fraction(unchecked: n64, d64)
    }

    static let zero = Fraction(0)
    static let one = Fraction(1)

    var isInteger: Bool { denominator == 1 }

    package static func < (a: Fraction, b: Fraction) -> Bool {
        Int128(a.numerator) * Int128(b.denominator) < Int128(b.numerator) * Int128(a.denominator)
    }

    func adding(_ o: Fraction) -> Fraction? {
        Fraction.reduced(Int128(numerator) * Int128(o.denominator) + Int128(o.numerator) * Int128(denominator),
                         Int128(denominator) * Int128(o.denominator))
    }
    func subtracting(_ o: Fraction) -> Fraction? {
        Fraction.reduced(Int128(numerator) * Int128(o.denominator) - Int128(o.numerator) * Int128(denominator),
                         Int128(denominator) * Int128(o.denominator))
    }
    func multiplied(by o: Fraction) -> Fraction? {
        Fraction.reduced(Int128(numerator) * Int128(o.numerator), Int128(denominator) * Int128(o.denominator))
    }
    /// nil on division by zero as well as on overflow.
    func divided(by o: Fraction) -> Fraction? {
        guard o.numerator != 0 else { return nil }
        return Fraction.reduced(Int128(numerator) * Int128(o.denominator), Int128(denominator) * Int128(o.numerator))
    }
    /// nil for the one numerator whose negation does not fit (-2^63).
    var negated: Fraction? { numerator == .min ? nil : Fraction(unchecked: -numerator, denominator) }

    /// Rounds to an integer, halves away from zero (四舍五入), the rule used for money.
    func roundedHalfAwayFromZero() -> Int64 {
        let n = Int128(numerator), d = Int128(denominator)
        let q = n / d, r = n % d
        if (r.magnitude * 2) >= d.magnitude { return Int64(q + (n < 0 ? -1 : 1)) }
        return Int64(q)
    }

    /// Rounds toward minus infinity: a share's whole fen before the leftover are handed out,
    /// a cap that must not be exceeded. Always fits: its magnitude is at most the numerator's.
    func roundedDown() -> Int64 {
        let n = Int128(numerator), d = Int128(denominator)
        return Int64(n >= 0 ? n / d : -((-n + d - 1) / d))
    }

    /// Exact decimal text when the denominator has only 2s and 5s, else up to 6 places
    /// rounded half away from zero, with trailing zeros trimmed: `0.003`, `1.5`, `0.333333`.
    package var description: String {
        if denominator == 1 { return String(numerator) }
        // Places needed for an exact terminating expansion: max of the powers of 2 and 5.
        var twos = 0, fives = 0, rest = denominator
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        let digits = rest == 1 ? min(max(twos, fives), 6) : 6
        var scale: Int128 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int128(numerator) * scale
        let dd = Int128(denominator)
        var q = scaled / dd
        let r = scaled % dd
        if r.magnitude * 2 >= dd.magnitude { q += scaled < 0 ? -1 : 1 }
        let negative = q < 0
        var text = String(q.magnitude)
        while text.count <= digits { text = "0" + text }
        var intPart = String(text.dropLast(digits))
        var fracPart = String(text.suffix(digits))
        while fracPart.hasSuffix("0") { fracPart.removeLast() }
        if intPart.isEmpty { intPart = "0" }
        return (negative ? "-" : "") + intPart + (fracPart.isEmpty ? "" : "." + fracPart)
    }

    /// Parses `12`, `-3.25`, `0.003`: strict decimal notation, up to 12 decimals.
    init?(parsing text: Substring) {
        var bytes = text.utf8[...]
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var n: Int64 = 0, d: Int64 = 1, seenDot = false, digits = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                guard !seenDot, digits > 0 else { return nil }
                seenDot = true
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return nil }
            digits += 1
            guard digits <= 18 else { return nil }
            n = n * 10 + Int64(b - 0x30)
            if seenDot { d *= 10 }
        }
        if seenDot && d == 1 { return nil }
        guard let f = Fraction(negative ? -n : n, d) else { return nil }
        self = f
    }

    /// Parses a number as exports and policies write ratios: `0.6`, `60%`, `3‰`.
    init?(parsingRatio text: Substring) {
        var t = text, scale: Int64 = 1
        if t.hasSuffix("%") { scale = 100; t.removeLast() } else if t.hasSuffix("‰") { scale = 1000; t.removeLast() }
        guard let v = Fraction(parsing: t), let d = v.divided(by: Fraction(scale)) else { return nil }
        self = d
    }
}
