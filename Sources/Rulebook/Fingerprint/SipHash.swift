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
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ key.0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ key.1 ^ 0xee
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ key.0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ key.1
        @inline(__always) func round() {
            v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
            v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
        }
        @inline(__always) func absorb(_ m: UInt64) {
            v3 ^= m
            for _ in 0..<compression { round() }
            v0 ^= m
        }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            absorb(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var last = UInt64(truncatingIfNeeded: n) << 56
        var shift: UInt64 = 0
        while i < n {
            last |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        absorb(last)
        v2 ^= 0xee
        for _ in 0..<finalization { round() }
        let a = v0 ^ v1 ^ v2 ^ v3
        v1 ^= 0xdd
        for _ in 0..<finalization { round() }
        return (a, v0 ^ v1 ^ v2 ^ v3)
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
