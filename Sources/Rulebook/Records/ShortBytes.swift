/// A text of 1 to 16 bytes as two words (its bytes, little-endian, zero after the last) and
/// its length: compared, hashed and case-folded in registers. The words are loaded from the
/// bytes, not copied to the stack and read back (a read that waits for the copy's stores).
struct ShortBytes: Equatable {
    private(set) var head: UInt64
    private(set) var tail: UInt64
    let count: Int

    /// Nil for an empty text or one of more than 16 bytes.
    @inline(__always)
    init?(_ b: UnsafeRawBufferPointer) {
        let n = b.count
        guard n > 0 && n <= 16 else { return nil }
        count = n
        func load8(_ i: Int) -> UInt64 { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
        func load4(_ i: Int) -> UInt64 { UInt64(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: i, as: UInt32.self))) }
        if n >= 8 {
            head = load8(0)
            // The last eight bytes, shifted down past those the head holds.
            tail = n > 8 ? load8(n - 8) >> UInt64(8 * (16 - n)) : 0
        } else if n >= 4 {
            // Two loads of four that overlap when n < 8; the bytes they share are the same.
            head = load4(0) | load4(n - 4) << UInt64(8 * (n - 4))
            tail = 0
        } else {
            var h: UInt64 = 0
            for i in 0..<n { h |= UInt64(b[i]) << UInt64(8 * i) }
            head = h
            tail = 0
        }
    }

    init?(_ b: UnsafeBufferPointer<UInt8>) { self.init(UnsafeRawBufferPointer(b)) }

    init?(_ bytes: [UInt8]) {
        guard let s = bytes.withUnsafeBytes({ ShortBytes($0) }) else { return nil }
        self = s
    }

    /// ASCII capitals as small letters, every other byte (UTF-8 of other letters too) as it is.
    func lowercasedASCII() -> ShortBytes {
        var s = self
        s.head = ShortBytes.lowercased(head)
        s.tail = ShortBytes.lowercased(tail)
        return s
    }

    /// Per byte: 0x20 added to 0x41…0x5A. A byte's high bit says whether its low seven bits
    /// reach 'A' (past 0x40) and pass 'Z' (past 0x5A); bytes of 0x80 and more are left alone.
    private static func lowercased(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = w & ~high
        let fromA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = low7 &+ 0x2525_2525_2525_2525
        let capitals = fromA & ~pastZ & ~w & high
        return w | capitals >> 2
    }

    /// A hash of the text into `bits` bits.
    @inline(__always)
    func slot(bits: Int) -> Int {
        Int(truncatingIfNeeded: ((head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) >> UInt64(64 - bits))
    }
}
