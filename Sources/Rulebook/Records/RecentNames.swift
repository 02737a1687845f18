/// Names (people, departments) a decoder read lately, each by its bytes: a case names the same
/// few people as the cases around it, and finding the text read before costs a fraction of
/// making and checking a new one (`String(decoding:as:)`).
///
/// A table of 256 texts of 1 to 16 bytes, each in the slot its bytes hash to (a newer name
/// takes the slot); longer texts are made each time. The answer is always the text the bytes
/// decode to: a slot answers only for the same bytes. One per decoder, and so per thread.
struct RecentNames {
    private struct Name {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        var count = 0
        var text = ""
    }

    private var names = [Name](repeating: Name(), count: 256)

    /// `String(decoding: b, as: UTF8.self)`.
    @inline(__always)
    mutating func text(_ b: UnsafeBufferPointer<UInt8>) -> String {
        guard b.count > 0 && b.count <= 16 else { return String(decoding: b, as: UTF8.self) }
        // The bytes, zero after the last: a name is compared as two words.
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(b)) }
        let slot = Int(truncatingIfNeeded: ((words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(b.count)) >> 56)
        return names.withUnsafeMutableBufferPointer { names in
            if names[slot].count == b.count && names[slot].head == words.0 && names[slot].tail == words.1 {
                return names[slot].text
            }
            let text = String(decoding: b, as: UTF8.self)
            names[slot] = Name(head: words.0, tail: words.1, count: b.count, text: text)
            return text
        }
    }
}
