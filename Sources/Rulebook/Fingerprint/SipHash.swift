/// SipHash-c-d with a 128-bit result (Aumasson and Bernstein; the reference implementation's
/// `siphash.c` with an output of 16 bytes), for the input fingerprint's per-row hashes
/// (`Fingerprint.RowSet`): a hash of published design and test vectors, several times faster
/// on a row than SHA-256 with its set-up and padding. With a fixed, public key it is no
/// secret-keyed MAC, only a well-mixed 128-bit hash.
struct SipHash {
    let key: (UInt64, UInt64)
    /// Rounds per 8-byte word and at the end: 1 and 3 here (SipHash-1-3, as Swift's own
    /// `Hasher`); the reference test vectors are SipHash-2-4's.
    let compression: Int
    let finalization: Int

    init(key: (UInt64, UInt64), compression: Int = 1, finalization: Int = 3) {
        self.key = key
        self.compression = compression
        self.finalization = finalization
    }

    /// The 128-bit hash of `bytes`: the reference's 16 output bytes, read as two
    /// little-endian words.
    func hash128(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        // SipHash-1-3's rounds as constants: its loops unrolled and the state kept in
        // registers (with the counts read from the struct, a row's hash took about three
        // times the instructions).
        if compression == 1 && finalization == 3 { return SipHash.hash128(bytes, key: key, c: 1, d: 3) }
        return SipHash.hash128(bytes, key: key, c: compression, d: finalization)
    }

    /// The four words of the state.
    private struct State {
        var v0, v1, v2, v3: UInt64

        @inline(__always)
        mutating func round() {
            v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
            v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
        }

        @inline(__always)
        mutating func rounds(_ n: Int) { for _ in 0..<n { round() } }

        @inline(__always)
        var folded: UInt64 { v0 ^ v1 ^ v2 ^ v3 }
    }

    @inline(__always)
    private static func hash128(_ bytes: UnsafeRawBufferPointer, key: (UInt64, UInt64), c: Int, d: Int) -> (UInt64, UInt64) {
        var s = State(v0: 0x736f_6d65_7073_6575 ^ key.0, v1: 0x646f_7261_6e64_6f6d ^ key.1 ^ 0xee,
                      v2: 0x6c79_6765_6e65_7261 ^ key.0, v3: 0x7465_6462_7974_6573 ^ key.1)
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            let m = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            s.v3 ^= m
            s.rounds(c)
            s.v0 ^= m
            i += 8
        }
        var last = UInt64(truncatingIfNeeded: n) << 56
        var shift: UInt64 = 0
        while i < n {
            last |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        s.v3 ^= last
        s.rounds(c)
        s.v0 ^= last
        s.v2 ^= 0xee
        s.rounds(d)
        let a = s.folded
        s.v1 ^= 0xdd
        s.rounds(d)
        return (a, s.folded)
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
