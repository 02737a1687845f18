/// Names (people, departments) a decoder read lately, each by its bytes: a case names the same
/// few people as the cases around it, and finding the text read before costs a fraction of
/// making and checking a new one (`String(decoding:as:)`).
///
/// A table of 256 texts of 1 to 16 bytes, each in the slot its bytes hash to (a newer name
/// takes the slot); longer texts are made each time. The answer is always the text the bytes
/// decode to: a slot answers only for the same bytes. One per decoder, and so per thread.
struct RecentNames {
    private struct Name {
        var key: ShortBytes?
        var text = ""
    }

    private var names = [Name](repeating: Name(), count: 256)

    /// `String(decoding: b, as: UTF8.self)`.
    @inline(__always)
    mutating func text(_ b: UnsafeBufferPointer<UInt8>) -> String {
        guard let key = ShortBytes(b) else { return String(decoding: b, as: UTF8.self) }
        let slot = key.slot(bits: 8)
        return names.withUnsafeMutableBufferPointer { names in
            if names[slot].key == key { return names[slot].text }
            let text = String(decoding: b, as: UTF8.self)
            names[slot] = Name(key: key, text: text)
            return text
        }
    }
}
