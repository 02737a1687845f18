extension String {
    /// The header as the binder matches it and messages name it: without the blanks and byte
    /// order marks around it (exports often pad headers; a BOM survives in front of the first
    /// when files were concatenated). A header nearly always has none, and then its first and
    /// last characters say so at once: a rejected row's message looks its column's header up
    /// among all of them, and trimming 28 headers per rejected row (through NSString) was half
    /// of an `eval --rejects` of an export doubled by mistake (50 µs a row).
    var trimmedHeader: String {
        func blank(_ c: Character) -> Bool { c.isWhitespace || c == "\u{FEFF}" }
        guard let first, let last, blank(first) || blank(last) else { return self }
        var s = Substring(self)
        while let c = s.first, blank(c) { s.removeFirst() }
        while let c = s.last, blank(c) { s.removeLast() }
        return String(s)
    }
}
