/// Text as XML 1.0 holds it, for the JUnit reports. Case ids, titles and notes come from the
/// export and the policy, so they may hold anything: markup (`<`, `&`, `]]>`), quotes, line
/// breaks, control characters.
///
/// XML 1.0 cannot carry the C0 controls other than tab, line feed and carriage return, nor
/// U+FFFE and U+FFFF — not even as character references — so those become U+FFFD. Line
/// breaks and tabs in attributes, and carriage returns anywhere, are written as character
/// references, which a parser's normalization leaves as they are.
enum XMLText {
    /// A double-quoted attribute's value (without the quotes).
    static func attribute(_ s: String) -> String { escape(s, inAttribute: true) }

    /// Character data between tags.
    static func content(_ s: String) -> String { escape(s, inAttribute: false) }

    /// Whether XML 1.0 can carry `u` at all.
    static func isAllowed(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true  // a Swift string holds no lone surrogates
        }
    }

    private static func escape(_ s: String, inAttribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            // `>` only matters in `]]>`, but escaping it always is simpler and as valid.
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            default:
                out.unicodeScalars.append(isAllowed(u) ? u : "\u{FFFD}")
            }
        }
        return out
    }
}
