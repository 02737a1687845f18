/// Writes a record's or a line's parts into room made for them at once, then appends them to
/// a byte array in one call: appending each part (a number, a quote, a key) to the array
/// checked its capacity and uniqueness every time, 6% of a JSON Lines run in the run records
/// alone. The caller works out a bound on what it writes; every write checks it (a trap, never
/// a write past the room).
struct ByteWriter {
    private let base: UnsafeMutableRawPointer
    private let room: Int
    private(set) var count = 0

    private init(_ base: UnsafeMutableRawPointer, room: Int) {
        self.base = base
        self.room = room
    }

    /// Lets `body` write at most `most` bytes (on the stack when they are few), then appends
    /// what it wrote to `out`.
    static func appending(to out: inout [UInt8], most: Int, _ body: (inout ByteWriter) -> Void) {
        withUnsafeTemporaryAllocation(byteCount: max(most, 1), alignment: 8) { room in
            var w = ByteWriter(room.baseAddress!, room: room.count)
            body(&w)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(room)[0..<w.count]))
        }
    }

    @inline(__always)
    private func need(_ n: Int) {
        precondition(n <= room - count, "more written than the room worked out for it")
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        need(1)
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    mutating func bytes(_ b: UnsafeRawBufferPointer) {
        need(b.count)
        if let from = b.baseAddress { (base + count).copyMemory(from: from, byteCount: b.count) }
        count += b.count
    }

    @inline(__always)
    mutating func bytes(_ b: [UInt8]) {
        b.withUnsafeBytes { bytes($0) }
    }

    /// The text's UTF-8 as it is.
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    mutating func literal(_ s: StaticString) {
        bytes(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Lets `body` store at most `n` bytes from the next free place (unaligned stores), and
    /// counts the bytes it says it wrote.
    @inline(__always)
    mutating func withRoom(_ n: Int, _ body: (UnsafeMutableRawPointer) -> Int) {
        need(n)
        let written = body(base + count)
        precondition(written <= n, "more written than the room asked for")
        count += written
    }

    /// An integer's bytes, little-endian (run records).
    @inline(__always)
    mutating func little<T: FixedWidthInteger>(_ v: T) {
        need(MemoryLayout<T>.size)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Stores an integer little-endian over bytes already written, `offset` from the start.
    @inline(__always)
    mutating func patchLittle<T: FixedWidthInteger>(_ v: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "a patch of bytes written")
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: T.self)
    }

    mutating func short(_ t: ShortText) {
        t.withBytes { bytes($0) }
    }

    /// The most bytes `jsonString` writes for `s`: every byte escaped as `\u00XX`, and quotes.
    static func jsonStringBound(_ s: String) -> Int { 6 * s.utf8.count + 2 }

    /// The same for a text as UTF-8.
    static func jsonStringBound(_ u: UnsafeRawBufferPointer) -> Int { 6 * u.count + 2 }

    /// A JSON string, escaped exactly as `JSONText.string`.
    mutating func jsonString(_ s: String) {
        var s = s
        s.withUTF8 { jsonString(UnsafeRawBufferPointer($0)) }
    }

    /// The same for a text as UTF-8 (valid: the bytes of a String).
    mutating func jsonString(_ u: UnsafeRawBufferPointer) {
        // Most texts (case ids, names, months) have nothing to escape: one copy between quotes.
        if !ByteWriter.needsEscape(u) {
            need(u.count + 2)
            base.storeBytes(of: 0x22, toByteOffset: count, as: UInt8.self)
            if let from = u.baseAddress { (base + count + 1).copyMemory(from: from, byteCount: u.count) }
            base.storeBytes(of: 0x22, toByteOffset: count + 1 + u.count, as: UInt8.self)
            count += u.count + 2
            return
        }
        byte(0x22)
        var clean = 0
        for (i, b) in u.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
            bytes(UnsafeRawBufferPointer(rebasing: u[clean..<i]))
            clean = i + 1
            byte(0x5C)
            switch b {
            case 0x22: byte(0x22)
            case 0x5C: byte(0x5C)
            case 0x0A: byte(0x6E)
            case 0x0D: byte(0x72)
            case 0x09: byte(0x74)
            default:
                let hex: StaticString = "0123456789abcdef"
                literal("u00")
                byte(hex.utf8Start[Int(b >> 4)])
                byte(hex.utf8Start[Int(b & 15)])
            }
        }
        bytes(UnsafeRawBufferPointer(rebasing: u[clean...]))
        byte(0x22)
    }

    /// Whether `u` holds a byte JSON escapes (a control byte, `"`, `\`): eight bytes a step,
    /// each word tested at once (a byte below 0x20, or equal to either), the rest one by one.
    static func needsEscape(_ u: UnsafeRawBufferPointer) -> Bool {
        let n = u.count
        var i = 0
        while n - i >= 8 {
            if hasEscaped(u.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        while i < n {
            let b = u[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return true }
            i += 1
        }
        return false
    }

    /// Whether a byte of `w` is below 0x20, `"` or `\`. The classic tests for a zero byte and a
    /// byte below n (n ≤ 0x80): a borrow into a byte's high bit where that byte had it clear.
    /// Exact for "some byte is": a false bit can only follow a true one.
    @inline(__always)
    static func hasEscaped(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below = (w &- 0x20 &* ones) & ~w
        let q = w ^ (0x22 &* ones), b = w ^ (0x5C &* ones)
        let quote = (q &- ones) & ~q, backslash = (b &- ones) & ~b
        return (below | quote | backslash) & highs != 0
    }
}
