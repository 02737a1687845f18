/// A JSON value whose object members keep the order they are given in, pretty-printed with
/// two spaces the same way every time: for the SARIF reports, which are read by people as
/// well as by GitHub. Strings are escaped as every JSON report escapes them (`JSONText`).
indirect enum JSONTree: Sendable {
    case string(String)
    case integer(Int)
    case array([JSONTree])
    case object([(String, JSONTree)])

    /// An object of the members whose value is not nil, in the order given.
    static func members(_ pairs: [(String, JSONTree?)]) -> JSONTree {
        .object(pairs.compactMap { k, v in v.map { (k, $0) } })
    }

    /// `{"text": …}`: SARIF's message and description objects.
    static func text(_ s: String) -> JSONTree { .object([("text", .string(s))]) }

    /// The value as text, its first line not indented, the following ones by `indent` spaces.
    func rendered(indent: Int = 0) -> String {
        var out = ""
        write(indent: indent, to: &out)
        return out
    }

    func write(indent: Int, to out: inout String) {
        switch self {
        case .string(let s): out += JSONText.string(s)
        case .integer(let n): out += String(n)
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(indent: indent + 2, to: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + JSONText.string(key) + ": "
                value.write(indent: indent + 2, to: &out)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}
