/// Text that is in Unicode normal form C as written, told from its UTF-8 without asking
/// Foundation: ASCII and CJK unified ideographs (U+4E00–U+9FFF) only. No character there has a
/// decomposition or composes with another, and none is a combining mark. The per-case tables
/// (group keys, case ids) hash such text as it is and normalize only the rest.
enum NormalForm {
    /// Whether valid UTF-8 `u` is all ASCII and U+4E00–U+9FFF.
    static func holds(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = u.count
        // ASCII eight bytes at a time (a week, a month, a Latin name or id).
        while i + 8 <= n, UnsafeRawBufferPointer(u).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
        }
        while i < n {
            let b = u[i]
            if b < 0x80 {
                i += 1
            } else if b >= 0xE4 && b <= 0xE9 && i + 2 < n && (b != 0xE4 || u[i + 1] >= 0xB8) {
                i += 3  // valid UTF-8: two continuation bytes follow
            } else {
                return false
            }
        }
        return true
    }
}
