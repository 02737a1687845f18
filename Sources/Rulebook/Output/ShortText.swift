/// A short text (a date, a time, an instant, a month: up to 32 bytes) written on the stack and
/// appended to a line at once: an append per part (a number, a `年`) cost more than the text.
/// Its users write fixed forms of at most 25 bytes (an instant with its offset); the room is
/// asserted, not checked in a release build: the forms' lengths are the proof, and a check
/// per part cost the instant writer of `eval` 1% of its instructions.
struct ShortText {
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private(set) var count = 0
    static let capacity = 32

    /// Room for `n` more bytes (see above).
    @inline(__always)
    private func need(_ n: Int) {
        assert(n <= ShortText.capacity - count, "a short text")
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        let at = count
        withUnsafeMutableBytes(of: &storage) { $0[at] = b }
        count += 1
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        need(1)
        put(b)
    }

    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        need(b.count)
        let at = count
        withUnsafeMutableBytes(of: &storage) { UnsafeMutableRawBufferPointer(rebasing: $0[at...]).copyMemory(from: UnsafeRawBufferPointer(b)) }
        count += b.count
    }

    mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes($0) }
    }

    /// A number of at least 0 in decimal, without leading zeros.
    mutating func number(_ v: Int) {
        assert(v >= 0, "a number of at least 0")
        var digits = 1, p = 10
        while p <= v && digits < 19 {
            digits += 1
            p &*= 10
        }
        need(digits)
        var rest = v
        var i = count + digits - 1
        withUnsafeMutableBytes(of: &storage) { s in
            repeat {
                s[i] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                rest /= 10
                i -= 1
            } while rest > 0
        }
        count += digits
    }

    /// A number below 100 as two digits (`07`).
    @inline(__always)
    mutating func twoDigits(_ v: Int) {
        assert(v >= 0 && v < 100, "two digits")
        need(2)
        put(UInt8(truncatingIfNeeded: 48 + v / 10))
        put(UInt8(truncatingIfNeeded: 48 + v % 10))
    }

    func write(to out: inout [UInt8]) {
        withBytes { out.append(contentsOf: $0) }
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let n = count
        return withUnsafeBytes(of: storage) { body(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
    }
}
