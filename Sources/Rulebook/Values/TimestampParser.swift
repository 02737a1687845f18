/// A strict ISO-8601 / RFC 3339 reader for dates and times as exports write them.
///
/// Accepted: `2026-11-03`, `2026-11-03T09:15`, `2026-11-03 09:15:00`, `2026/11/3 9:15`,
/// with an optional offset `Z`, `+08:00`, `+0800` or `+08`, and optional fractional seconds
/// (truncated). Refused, unlike Foundation's parsers: dates that do not exist (2023-02-29),
/// `24:00`, `:60` seconds, trailing text.
package enum TimestampParser {
    struct Parsed: Equatable, Sendable {
        var date: CivilDate
        /// nil when only a date was written.
        var secondOfDay: Int64?
        /// nil when no offset was written: the policy's zone applies.
        var offsetSeconds: Int32?
    }

    static func parse(_ text: String) -> Parsed? { parse(Array(text.utf8)[...]) }

    static func parse(_ b: ArraySlice<UInt8>) -> Parsed? { b.withUnsafeBufferPointer { parse($0) } }

    /// The common form first (`2026-11-03 09:15` or `2026-11-03T09:15:30`: every digit in its
    /// place, a third of an export's fields), then the general reader for anything else.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        parseCommon(b) ?? parseGeneral(b)
    }

    /// `YYYY-MM-DD HH:MM[:SS]` with two-digit fields, or nil (the general reader then decides:
    /// it reads these texts the same way, and refuses the same out-of-range values).
    static func parseCommon(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        guard isCommonDate(b), let sod = commonTimeOfDay(b) else { return nil }
        @inline(__always) func d(_ k: Int) -> Int { Int(b[k] &- 0x30) }
        guard let date = CivilDate(year: ((d(0) * 10 + d(1)) * 10 + d(2)) * 10 + d(3), month: d(5) * 10 + d(6), day: d(8) * 10 + d(9))
        else { return nil }
        return Parsed(date: date, secondOfDay: sod, offsetSeconds: nil)
    }

    /// Whether `b` is 16 or 19 bytes long and begins with a date written `YYYY-MM-DD` (digits
    /// and dashes in their places; the date itself is not checked).
    static func isCommonDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 16 || b.count == 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        @inline(__always) func d(_ k: Int) -> Int { Int(b[k] &- 0x30) }  // > 9 when not a digit
        // d + 6 < 16 exactly when d ≤ 9: one test for the eight digits.
        return ((d(0) + 6) | (d(1) + 6) | (d(2) + 6) | (d(3) + 6) | (d(5) + 6) | (d(6) + 6) | (d(8) + 6) | (d(9) + 6)) < 16
    }

    /// The time of day of a text of 16 or 19 bytes in the common form, read from its places
    /// 10 on (` HH:MM` or `THH:MM:SS`), checked as a time; nil for anything else.
    static func commonTimeOfDay(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = b.count
        guard n == 16 || n == 19, b[13] == UInt8(ascii: ":"),
              b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") else { return nil }
        @inline(__always) func d(_ k: Int) -> Int { Int(b[k] &- 0x30) }  // > 9 when not a digit
        let (h0, h1, n0, n1) = (d(11), d(12), d(14), d(15))
        guard ((h0 + 6) | (h1 + 6) | (n0 + 6) | (n1 + 6)) < 16 else { return nil }
        var second = 0
        if n == 19 {
            guard b[16] == UInt8(ascii: ":"), d(17) < 10, d(18) < 10 else { return nil }
            second = d(17) * 10 + d(18)
        }
        let hour = h0 * 10 + h1, minute = n0 * 10 + n1
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        return Int64(hour * 3600 + minute * 60 + second)
    }

    /// Every accepted form.
    static func parseGeneral(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var i = 0
        let end = b.count

        @inline(__always) func digits(_ minCount: Int, _ maxCount: Int) -> Int? {
            TimestampParser.digits(b, &i, minCount, maxCount)
        }

        guard let year = digits(4, 4), i < end else { return nil }
        let sep = b[i]
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") else { return nil }
        i += 1
        // ISO dashes need two digits; the slash form that spreadsheets write allows one.
        let minWidth = sep == UInt8(ascii: "-") ? 2 : 1
        guard let month = digits(minWidth, 2), i < end, b[i] == sep else { return nil }
        i += 1
        guard let day = digits(minWidth, 2), let date = CivilDate(year: year, month: month, day: day) else { return nil }
        if i == end { return Parsed(date: date, secondOfDay: nil, offsetSeconds: nil) }

        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(1, 2), hour <= 23, i < end, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let minute = digits(2, 2), minute <= 59 else { return nil }
        var second = 0
        if i < end, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = digits(2, 2), s <= 59 else { return nil }
            second = s
            if i < end, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                guard digits(1, 9) != nil else { return nil }
            }
        }
        let sod = Int64(hour * 3600 + minute * 60 + second)
        if i == end { return Parsed(date: date, secondOfDay: sod, offsetSeconds: nil) }
        guard let offset = parseOffset(UnsafeBufferPointer(rebasing: b[i...])) else { return nil }
        return Parsed(date: date, secondOfDay: sod, offsetSeconds: offset)
    }

    /// From `minCount` to `maxCount` digits at `i` (as many as there are), or nil; `i` moves
    /// past those read.
    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ minCount: Int, _ maxCount: Int) -> Int? {
        var v = 0, n = 0
        while i < b.count, n < maxCount {
            let d = b[i] &- 0x30
            if d > 9 { break }
            v = v * 10 + Int(d)
            i += 1
            n += 1
        }
        return n >= minCount ? v : nil
    }

    static func parseOffset(_ b: ArraySlice<UInt8>) -> Int32? { b.withUnsafeBufferPointer { parseOffset($0) } }

    /// `Z`, `+08:00`, `+0800`, `+08`; offsets beyond ±18:00 are refused.
    static func parseOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let first = b.first else { return nil }
        if b.count == 1, first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") { return 0 }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return nil }
        let rest = UnsafeBufferPointer(rebasing: b.dropFirst())
        func two(_ k: Int) -> Int? {
            guard k + 1 < rest.count, (0x30...0x39).contains(rest[k]), (0x30...0x39).contains(rest[k + 1]) else { return nil }
            return Int(rest[k] - 0x30) * 10 + Int(rest[k + 1] - 0x30)
        }
        let hours: Int, minutes: Int
        switch rest.count {
        case 2: guard let h = two(0) else { return nil }; hours = h; minutes = 0
        case 4: guard let h = two(0), let m = two(2) else { return nil }; hours = h; minutes = m
        case 5:
            guard rest[2] == UInt8(ascii: ":"), let h = two(0), let m = two(3) else { return nil }
            hours = h; minutes = m
        default: return nil
        }
        guard hours <= 18, minutes <= 59 else { return nil }
        let total = Int32(hours * 3600 + minutes * 60)
        return first == UInt8(ascii: "-") ? -total : total
    }

    /// A timestamp, with the zone supplying the offset when the text has none. A date alone is
    /// refused here: a deadline needs a time of day.
    package static func timestamp(_ b: ArraySlice<UInt8>, zone: Zone) -> Timestamp? {
        guard let p = parse(b), let sod = p.secondOfDay else { return nil }
        if let o = p.offsetSeconds { return Timestamp(date: p.date, secondOfDay: sod, offsetSeconds: o) }
        return zone.timestamp(date: p.date, secondOfDay: sod)
    }
}

extension Timestamp {
    /// Reads an instant as a policy or an export writes it — `2026-12-05T09:00`,
    /// `2026-12-05 09:00:30+08:00`, `2026-12-05T01:00Z` — taking the offset from `zone` when the
    /// text has none (the policy's ``CompiledPolicy/zone``, say). Nil when the text is not such
    /// an instant: a date alone is refused, as a deadline needs a time of day.
    public init?(parsing text: String, zone: Zone) {
        guard let t = TimestampParser.timestamp(Array(text.utf8)[...], zone: zone) else { return nil }
        self = t
    }
}
