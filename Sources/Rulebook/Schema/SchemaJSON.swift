/// A JSON value with its object keys in a fixed order, written the same way every time: the
/// committed schemas under `schemas/` are compared byte for byte with `rulebook schema`.
indirect enum SchemaJSON: Equatable {
    case object([(String, SchemaJSON)])
    case array([SchemaJSON])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    static func == (a: SchemaJSON, b: SchemaJSON) -> Bool { a.text() == b.text() }

    static func strings(_ values: [String]) -> SchemaJSON { .array(values.map(SchemaJSON.string)) }

    /// The object's value for `key`, or nil.
    subscript(key: String) -> SchemaJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Two-space indentation; an array of scalars that fits on a line stays on one line.
    func text(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let s): return JSONText.string(s)
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) {
                let line = "[" + items.map { $0.text() }.joined(separator: ", ") + "]"
                if line.count + indent.count <= 120 { return line }
            }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + JSONText.string($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }
}
