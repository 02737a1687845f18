/// A short text (a date, a time, a month: up to 32 bytes) written on the stack and appended to
/// a line at once: an append per part (a number, a `年`) cost more than the text itself.
struct ShortText {
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private(set) var count = 0
    static let capacity = 32

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        precondition(count < ShortText.capacity, "a short text")
        let at = count
        withUnsafeMutableBytes(of: &storage) { $0[at] = b }
        count += 1
    }

    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        for x in b { byte(x) }
    }

    mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes($0) }
    }

    /// A number of at least 0 in decimal, without leading zeros.
    mutating func number(_ v: Int) {
        precondition(v >= 0, "a number of at least 0")
        if v >= 10 { number(v / 10) }
        byte(UInt8(truncatingIfNeeded: 48 + v % 10))
    }

    /// A number below 100 as two digits (`07`).
    mutating func twoDigits(_ v: Int) {
        precondition(v >= 0 && v < 100, "two digits")
        byte(UInt8(truncatingIfNeeded: 48 + v / 10))
        byte(UInt8(truncatingIfNeeded: 48 + v % 10))
    }

    func write(to out: inout [UInt8]) {
        let n = count
        withUnsafeBytes(of: storage) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<n])) }
    }
}
