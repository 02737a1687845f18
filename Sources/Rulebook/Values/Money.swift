import Foundation

/// An exact amount of money in minor units (fen for CNY). Never a binary float.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minor units: 1 yuan = 100 fen.
    public var minorUnits: Int64

    /// An amount of `minorUnits` fen.
    public init(minorUnits: Int64) { self.minorUnits = minorUnits }
    /// Traps when `yuan × 100` does not fit; for constants. Input goes through `init?(parsing:)`.
    public init(yuan: Int64) { self.minorUnits = yuan * 100 }

    /// No money.
    public static let zero = Money(minorUnits: 0)

    public static func < (a: Money, b: Money) -> Bool { a.minorUnits < b.minorUnits }

    /// `20.00`, `-0.50`: always two decimals, no grouping, so output is stable and parseable.
    public var description: String { String(writing: { append(to: &$0) }) }

    /// `description` (`-12.05`) appended to `out`: report lines write amounts without a String.
    func append(to out: inout [UInt8]) {
        withText { out.append(contentsOf: $0) }
    }

    /// The most bytes `description` has: a sign, 17 digits (2⁶³ / 100), a point and two.
    static let textBound = 21

    /// Calls `body` with `description`'s UTF-8, written on the stack.
    func withText<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeTemporaryAllocation(byteCount: Money.textBound, alignment: 1) { room in
            // Written from the end: the cents, the point, the units' digits, the sign.
            var m = minorUnits.magnitude
            var i = room.count
            func put(_ b: UInt8) {
                i -= 1
                room[i] = b
            }
            put(UInt8(48 + m % 10))
            put(UInt8(48 + m / 10 % 10))
            put(0x2E)
            m /= 100
            repeat {
                put(UInt8(truncatingIfNeeded: 48 + m % 10))
                m /= 10
            } while m > 0
            if minorUnits < 0 { put(0x2D) }
            return body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(room)[i...]))
        }
    }

    /// Parses `20`, `20.5`, `1234.56`, optionally signed. Strict: no grouping commas, no
    /// exponent, at most two decimals, nothing trailing (unlike `Decimal(string:)`).
    init?(parsing text: Substring) {
        var bytes = Array(text.utf8)
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var whole: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDot = false, digits = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                guard !seenDot, digits > 0 else { return nil }
                seenDot = true
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return nil }
            let d = Int64(b - 0x30)
            if seenDot {
                fracDigits += 1
                guard fracDigits <= 2 else { return nil }
                frac = frac * 10 + d
            } else {
                digits += 1
                guard digits <= 15 else { return nil }
                whole = whole * 10 + d
            }
        }
        if seenDot && fracDigits == 0 { return nil }
        if fracDigits == 1 { frac *= 10 }
        let units = whole * 100 + frac
        self.minorUnits = negative ? -units : units
    }

    /// Reads `20`, `20.5`, `-1234.56`: strict, with no grouping commas, no exponent and at
    /// most two decimals; nil otherwise.
    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// An amount as an export or a person writes it: `20.50`, `¥20`, `20元`, `20 CNY`.
    init?(parsingWritten text: String) {
        var t = text
        for prefix in ["¥", "￥"] where t.hasPrefix(prefix) { t.removeFirst() }
        for suffix in ["元", "CNY"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        self.init(parsing: t.trimmingCharacters(in: .whitespaces))
    }

    /// The largest amount a policy may write: 10^13 fen, 100 billion yuan. Far above any fine,
    /// loss or bonus, and 900,000 times below the 64-bit limit, so that sums of many such
    /// amounts still fit (sums are checked all the same).
    static let policyLimit: Int64 = 10_000_000_000_000
    static let policyLimitText = "100,000,000,000 CNY"

    // Sums of amounts from data can leave 64 bits: every operation reports that (nil)
    // instead of trapping.
    /// The sum, or nil when it does not fit in 64 bits of fen.
    public func adding(_ o: Money) -> Money? {
        let (v, overflow) = minorUnits.addingReportingOverflow(o.minorUnits)
        return overflow ? nil : Money(minorUnits: v)
    }
    /// The difference, or nil when it does not fit in 64 bits of fen.
    public func subtracting(_ o: Money) -> Money? {
        let (v, overflow) = minorUnits.subtractingReportingOverflow(o.minorUnits)
        return overflow ? nil : Money(minorUnits: v)
    }
    var negated: Money? { minorUnits == .min ? nil : Money(minorUnits: -minorUnits) }
    var magnitude: Money? { minorUnits < 0 ? negated : self }

    /// Trapping forms, for sums known to fit: parts of the total of fines, which the evaluator
    /// keeps checked (deductions and outstanding amounts never exceed it).
    static func + (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits + b.minorUnits) }
    static func - (a: Money, b: Money) -> Money { Money(minorUnits: a.minorUnits - b.minorUnits) }
    static func += (a: inout Money, b: Money) { a.minorUnits += b.minorUnits }
}
