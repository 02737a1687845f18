/// Turns the loaders' key tables (`MappingSpec`) into JSON Schema, draft 2020-12, for editors.
///
/// Only keywords that mean the same in draft-07 are used (`$defs` is reached by a JSON pointer,
/// nothing but a description stands beside a `$ref`), because the YAML extension most editors
/// use validates as draft-07. A mapping whose loader refuses unknown keys has
/// `additionalProperties: false`, so a misspelt key is flagged where it is typed.
struct SchemaGenerator {
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// `$defs` in the order first referred to.
    private var order: [String] = []
    private var definitions: [String: SchemaJSON] = [:]

    /// A whole schema document whose root is `root`, described inline.
    static func document(title: String, description: String, root: MappingSpec) -> SchemaJSON {
        var g = SchemaGenerator()
        guard case .object(let body) = g.object(root) else { preconditionFailure("a mapping is an object") }
        let head: [(String, SchemaJSON)] = [("$schema", .string(draft)), ("title", .string(title)), ("description", .string(description))]
        let rest = body.filter { $0.0 != "description" }
        let defs: [(String, SchemaJSON)] = g.order.isEmpty ? [] : [("$defs", .object(g.order.map { ($0, g.definitions[$0]!) }))]
        return .object(head + rest + defs)
    }

    // MARK: - Mappings

    /// A reference to the mapping's definition, made on first use.
    mutating func reference(_ m: MappingSpec) -> SchemaJSON {
        if !order.contains(m.name) {
            order.append(m.name)
            definitions[m.name] = .null  // taken: a mapping that contains itself refers to itself
            definitions[m.name] = object(m)
        }
        return .object([("$ref", .string("#/$defs/\(m.name)"))])
    }

    mutating func object(_ m: MappingSpec) -> SchemaJSON {
        var out: [(String, SchemaJSON)] = [("type", .string("object")), ("description", .string(m.summary))]
        out.append(("properties", .object(m.keys.map { ($0.name, property($0)) })))
        if m.ignoringCase {
            // The loader lowercases the key: `Monday` is `monday`. Properties name the keys for
            // completion; the pattern admits every spelling.
            let alternatives = m.names.map(Self.anyCase).joined(separator: "|")
            let shared = m.keys.first.map { value($0.value, summary: nil) } ?? .object([])
            precondition(m.keys.allSatisfy { value($0.value, summary: nil) == shared }, "keys ignoring case share one kind of value")
            out.append(("patternProperties", .object([("^(\(alternatives))$", shared)])))
        }
        if !m.required.isEmpty { out.append(("required", .strings(m.required))) }
        out.append(("additionalProperties", m.otherKeys.map { value($0, summary: m.otherKeysSummary) } ?? .bool(false)))
        return .object(out)
    }

    mutating func property(_ k: KeySpec) -> SchemaJSON { value(k.value, summary: k.summary) }

    // MARK: - Values

    /// The schema of a value; `summary` becomes its description.
    mutating func value(_ v: ValueSpec, summary: String?) -> SchemaJSON {
        var description = summary
        var s: [(String, SchemaJSON)]
        switch v {
        case .comment:
            s = []
        case .text:
            s = [("type", Self.scalar)]
        case .expression:
            description = summary.map { "\($0) — an expression (docs/policy-language.md)" }
            s = [("type", Self.scalar)]
        case .boolean:
            s = [("enum", .array([.bool(true), .bool(false)] + MappingReader.booleanWords.map { .string($0.word) }))]
        case .word(let words, let ignoringCase):
            s = [("type", .string("string"))]
            if ignoringCase {
                s.append(("anyOf", .array([.object([("enum", .strings(words))]),
                                           .object([("pattern", .string("^(" + words.map(Self.anyCase).joined(separator: "|") + ")$"))])])))
            } else {
                s.append(("enum", .strings(words)))
            }
        case .written(let form):
            description = summary.map { "\($0) — \(form.name)" }
            s = [("type", .string("string")), ("pattern", .string(form.pattern)), ("examples", .strings(form.examples))]
        case .number(let form):
            description = summary.map { "\($0) — \(form.name)" }
            s = [("anyOf", .array([.object([("type", .string("number"))]),
                                   .object([("type", .string("string")), ("pattern", .string(form.pattern))])])),
                 ("examples", .strings(form.examples))]
        case .whole(let range):
            var integer: [(String, SchemaJSON)] = [("type", .string("integer"))]
            if let range {
                integer.append(("minimum", .integer(range.lowerBound)))
                if range.upperBound != Int.max { integer.append(("maximum", .integer(range.upperBound))) }
            }
            // As text: what `Int(_:)` reads; `-0` is not below 0.
            let digits = (range?.lowerBound ?? -1) >= 0 ? "^(\\+?[0-9]+|-0+)$" : "^[+-]?[0-9]+$"
            s = [("anyOf", .array([.object(integer), .object([("type", .string("string")), ("pattern", .string(digits))])]))]
        case .oneOrMore(let item):
            let one = value(item, summary: nil)
            s = [("anyOf", .array([one, .object([("type", .string("array")), ("items", one)])]))]
        case .exactly(let list):
            s = [("const", .strings(list))]
        case .list(let item):
            s = [("type", .strings(["array", "null"])), ("items", value(item, summary: nil))]
        case .names(let item, let atLeastOne):
            s = [("type", atLeastOne ? .string("object") : .strings(["object", "null"]))]
            if atLeastOne { s.append(("minProperties", .integer(1))) }
            s.append(("additionalProperties", value(item, summary: nil)))
        case .mapping(let m):
            guard case .object(let ref) = reference(m) else { preconditionFailure("a reference is an object") }
            s = ref
        case .either(let options):
            s = [("anyOf", .array(options.map { value($0, summary: nil) }))]
        case .orEmpty(let item):
            s = [("anyOf", .array([value(item, summary: nil), .object([("type", .string("null"))])]))]
        }
        if let description { s.insert(("description", .string(description)), at: 0) }
        return .object(s)
    }

    /// What the loader reads as text: a YAML string, number or boolean (not null, a list or a
    /// mapping).
    static let scalar = SchemaJSON.strings(["string", "number", "boolean"])

    /// `monday` → `[mM][oO][nN][dD][aA][yY]`: ECMA-262 patterns have no inline flags.
    static func anyCase(_ word: String) -> String {
        word.map { c in
            let lower = c.lowercased(), upper = c.uppercased()
            return lower == upper ? String(c) : "[\(lower)\(upper)]"
        }.joined()
    }
}
