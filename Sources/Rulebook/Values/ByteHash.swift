/// A fast 64-bit hash of bytes for the tables rules consult for every case (groups, roster
/// names): eight bytes at a time, each multiplied out with the state (the folded 128-bit product
/// mixes every bit in). Not `Hasher`: starting one costs more than hashing a name. Seeded per
/// process, as `Hasher` is, so that keys chosen to collide cannot be written in advance;
/// tables compare keys themselves after the hash, so a collision costs time, never an answer.
enum ByteHash {
    static let seed = UInt64.random(in: 1...UInt64.max)

    @inline(__always)
    static func mix(_ h: inout UInt64, _ v: UInt64) {
        let m = (h ^ v).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        h = m.high ^ m.low
    }

    static func mix(_ h: inout UInt64, bytes b: UnsafeRawBufferPointer) {
        mix(&h, UInt64(b.count))
        var i = 0
        while i + 8 <= b.count {
            mix(&h, b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count {
            tail |= UInt64(b[i]) << shift
            shift += 8
            i += 1
        }
        mix(&h, tail)
    }

    /// The state made into a hash whose low bits (a table's slot) depend on every input bit.
    @inline(__always)
    static func finish(_ h: UInt64) -> UInt64 {
        let m = (h ^ (h >> 29)).multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return m.high ^ m.low
    }

    static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed
        mix(&h, bytes: b)
        return finish(h)
    }
}
