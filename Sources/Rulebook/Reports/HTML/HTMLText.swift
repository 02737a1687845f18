/// Text put into the HTML report, escaped for where it goes. Every value that comes from a
/// policy, an export or a roster (case ids, titles, names, notes) passes through here: a case
/// text holding `<script>` is shown as text, never run.
enum HTMLText {
    /// Escapes text for an element's content or a double-quoted attribute value: `&`, `<`,
    /// `>`, `"` and `'` become character references. Control characters other than tab and
    /// line breaks, which HTML does not allow, become U+FFFD.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F })
        else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || c.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// An attribute `name="value"`, the value escaped (always quoted).
    static func attribute(_ name: String, _ value: String) -> String { "\(name)=\"\(escape(value))\"" }

    /// The anchor of a case's findings: `case-` and the case id (`#case-2609-01`). Letters,
    /// digits, `-` and `.` are kept (letters of any script); every other character, `_`
    /// included, becomes `_` and its code point in hex and `_`, so that two ids never share an
    /// anchor and an anchor holds no space or markup.
    static func caseAnchor(_ subject: String) -> String {
        var out = "case-"
        for c in subject.unicodeScalars {
            let kept = c == "-" || c == "." || (c.value < 0x80 ? (c.properties.isAlphabetic || ("0"..."9").contains(c)) : (c.properties.isAlphabetic || c.properties.numericType != nil))
            if kept { out.unicodeScalars.append(c) } else { out += "_" + String(c.value, radix: 16) + "_" }
        }
        return out
    }
}
