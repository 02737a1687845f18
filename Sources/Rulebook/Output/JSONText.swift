/// Writes JSON by hand so that key order and number formatting are fixed: the same report is
/// always the same bytes.
package enum JSONText {
    package static func string(_ s: String) -> String {
        // Most texts (names, months, amounts) have nothing to escape, and are quoted whole: a
        // scalar at a time, a ledger line took some 45,000 instructions.
        var s = s
        if !s.withUTF8({ ByteWriter.needsEscape(UnsafeRawBufferPointer($0)) }) { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// An object from ordered pairs; nil values are left out.
    static func object(_ pairs: [(String, String?)]) -> String {
        "{" + pairs.compactMap { k, v in v.map { string(k) + ":" + $0 } }.joined(separator: ",") + "}"
    }

    static func optionalString(_ s: String?) -> String? { s.map(string) }
}
