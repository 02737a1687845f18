import Foundation

extension String {
    /// The header as messages name it: without the blanks (`CharacterSet.whitespaces`) around
    /// it. A header nearly always has none, and then its first and last scalars say so: a
    /// rejected row's message looks its column's header up among all of them, and Foundation's
    /// trimming (through NSString) of 28 headers per rejected row was half of an `eval
    /// --rejects` of an export doubled by mistake (50 µs a row).
    var trimmedHeader: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !String.isBlank(first) && !String.isBlank(last) { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    /// Whether `c` is in `CharacterSet.whitespaces` (category Zs and the tab).
    private static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? c == " " || c == "\t" : CharacterSet.whitespaces.contains(c)
    }
}
