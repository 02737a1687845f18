/// The binary pieces of a partial result's state (`PartialResult`): integers little-endian,
/// strings behind their UTF-8 length, values behind a tag. Reading checks every length
/// against what is left, so a cut or corrupted file is an error, never a trap.
enum PartialCodec {
    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ v: Int64) { RunCodec.put(v, &bytes) }
        mutating func int(_ v: Int) { int(Int64(v)) }
        mutating func byte(_ v: UInt8) { bytes.append(v) }
        mutating func string(_ s: String) { RunCodec.put(s, &bytes) }
        mutating func optional(_ s: String?) {
            byte(s == nil ? 0 : 1)
            if let s { string(s) }
        }
        mutating func money(_ m: Money) { int(m.minorUnits) }
        mutating func timestamp(_ t: Timestamp) { RunCodec.put(t, &bytes) }

        mutating func value(_ v: Value) {
            switch v {
            case .null: byte(0)
            case .bool(let b): byte(1); byte(b ? 1 : 0)
            case .integer(let i): byte(2); int(i)
            case .decimal(let f): byte(3); int(f.numerator); int(f.denominator)
            case .money(let m): byte(4); money(m)
            case .string(let s): byte(5); string(s)
            case .timestamp(let t): byte(6); timestamp(t)
            case .date(let d): byte(7); int(d.daysSinceEpoch)
            case .span(let s): byte(8); byte(UInt8(RunCodec.clocks.firstIndex(of: s.clock)!)); int(s.amount)
            case .enumValue(let s): byte(9); string(s)
            case .person(let s): byte(10); string(s)
            case .department(let s): byte(11); string(s)
            case .list(let xs): byte(12); values(xs)
            }
        }

        mutating func values(_ xs: [Value]) {
            int(xs.count)
            for x in xs { value(x) }
        }
    }

    /// A state that does not read as one: cut short, or not written by this version.
    struct Malformed: Error {
        var message: String
    }

    struct Reader {
        let bytes: [UInt8]
        var at = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, n <= bytes.count - at else { throw Malformed(message: "cut short at byte \(at)") }
            defer { at += n }
            return bytes[at..<(at + n)]
        }

        mutating func int() throws -> Int64 {
            try take(8).withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
        }

        mutating func count() throws -> Int {
            let n = try int()
            guard n >= 0, n <= bytes.count else { throw Malformed(message: "a count of \(n) at byte \(at - 8)") }
            return Int(n)
        }

        mutating func byte() throws -> UInt8 { try take(1).first! }

        mutating func string() throws -> String {
            let n = try take(4).withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            return String(decoding: try take(n), as: UTF8.self)
        }

        mutating func optional() throws -> String? { try byte() == 0 ? nil : try string() }
        mutating func money() throws -> Money { Money(minorUnits: try int()) }

        /// An instant within the years a policy handles, at an offset within ±18 h: anything
        /// else was never written by a run, and would overflow the date arithmetic of a report.
        mutating func timestamp() throws -> Timestamp {
            let s = try int()
            let o = try take(4).withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) }
            let t = Timestamp(seconds: s, offsetSeconds: o)
            guard t.isSupported, abs(Int(o)) <= 18 * 3600 else { throw Malformed(message: "an instant out of range at byte \(at - 12)") }
            return t
        }

        /// Lists nest no deeper than expressions do; a file nesting them a million deep would
        /// otherwise exhaust the stack.
        private var depth = 0

        mutating func value() throws -> Value {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Parser.maxHeight else { throw Malformed(message: "values nested too deep at byte \(at)") }
            switch try byte() {
            case 0: return .null
            case 1: return .bool(try byte() != 0)
            case 2: return .integer(try int())
            case 3:
                let n = try int(), d = try int()
                guard let f = Fraction(n, d) else { throw Malformed(message: "a fraction \(n)/\(d)") }
                return .decimal(f)
            case 4: return .money(try money())
            case 5: return .string(try string())
            case 6: return .timestamp(try timestamp())
            case 7: return .date(CivilDate(daysSinceEpoch: try int()))
            case 8:
                let c = Int(try byte())
                guard c < RunCodec.clocks.count else { throw Malformed(message: "a clock \(c)") }
                return .span(TimeSpan(RunCodec.clocks[c], try int()))
            case 9: return .enumValue(try string())
            case 10: return .person(try string())
            case 11: return .department(try string())
            case 12: return .list(try values())
            case let t: throw Malformed(message: "a value tagged \(t) at byte \(at - 1)")
            }
        }

        mutating func values() throws -> [Value] {
            let n = try count()
            var out: [Value] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try value()) }
            return out
        }
    }
}
