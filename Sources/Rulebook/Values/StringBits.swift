/// The two words a `String` is held in: its count and flags, and its text (up to 15 bytes of
/// UTF-8) or the address of its storage. Equal words are the same bytes (the same small
/// string, or the same storage and count), so a name or subject seen again is known without
/// hashing or comparing its text; different words say nothing (equal text may be held twice).
/// Unsafe in kind, a reinterpretation of the value's bits: they are only compared, never made
/// back into a `String`, and the string they came from is alive while they are.
enum StringBits {
    @inline(__always)
    static func of(_ s: String) -> (UInt64, UInt64) {
        unsafeBitCast(s, to: (UInt64, UInt64).self)
    }
}
