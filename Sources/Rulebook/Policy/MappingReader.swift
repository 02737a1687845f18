/// Reads one YAML mapping of the policy language: checks its keys against the ones the
/// language allows (with a did-you-mean for the rest) and converts values, recording every
/// problem instead of stopping at the first.
struct MappingReader {
    let node: YAMLNode
    /// "a deadline", "the policy": used in messages.
    let context: String
    let sink: DiagnosticSink

    /// nil (with an error recorded) when `node` is not a mapping.
    init?(_ node: YAMLNode, _ context: String, keys: [String], required: [String] = [], sink: DiagnosticSink) {
        guard let pairs = node.mapping else {
            sink.error("\(context) must be a mapping, found \(node.kindDescription)", at: node.location)
            return nil
        }
        self.node = node
        self.context = context
        self.sink = sink
        for p in pairs where !keys.contains(p.name) {
            sink.error("unknown key \(Excerpt.quoted(p.name)) in \(context)\(Suggestion.hint(for: p.name, in: keys))", at: p.key.location)
        }
        for k in required where node[k] == nil {
            sink.error("\(context) needs '\(k)'", at: node.location)
        }
    }

    /// Checks `node` against a declared mapping (`PolicyKeys`, `PolicyTestKeys`); `extraKeys`
    /// are keys the file itself declares (a table row's outputs).
    init?(_ node: YAMLNode, _ context: String, spec: MappingSpec, extraKeys: [String] = [], sink: DiagnosticSink) {
        self.init(node, context, keys: spec.names + extraKeys, required: spec.required, sink: sink)
    }

    /// The words `bool(_:)` reads, and their values; `ValueSpec.boolean` in the schema.
    static let booleanWords: [(word: String, value: Bool)] = [("true", true), ("yes", true), ("false", false), ("no", false)]

    func has(_ key: String) -> Bool { node[key] != nil }
    func value(_ key: String) -> YAMLNode? { node[key] }

    func string(_ key: String) -> String? {
        guard let v = node[key] else { return nil }
        return scalarText(v, key)
    }

    func scalarText(_ v: YAMLNode, _ key: String) -> String? {
        guard let s = v.scalar, !v.isNull else {
            sink.error("'\(key)' must be a single value, found \(v.kindDescription)", at: v.location)
            return nil
        }
        return s
    }

    func located(_ key: String) -> Located<String>? {
        guard let v = node[key], let s = scalarText(v, key) else { return nil }
        return Located(value: s, location: v.location)
    }

    func bool(_ key: String) -> Bool? {
        guard let v = node[key], let s = scalarText(v, key) else { return nil }
        if let b = MappingReader.booleanWords.first(where: { $0.word == s }) { return b.value }
        sink.error("'\(key)' must be true or false, found '\(s)'", at: v.location)
        return nil
    }

    func expression(_ key: String) -> ExpressionSource? {
        guard let v = node[key] else { return nil }
        return MappingReader.expression(v, key, sink: sink)
    }

    static func expression(_ v: YAMLNode, _ key: String, sink: DiagnosticSink) -> ExpressionSource? {
        guard let s = v.scalar, !v.isNull else {
            sink.error("'\(key)' must be an expression, found \(v.kindDescription)", at: v.location)
            return nil
        }
        return ExpressionSource(text: s, node: v)
    }

    /// A scalar or a list of scalars, as a list.
    func stringList(_ key: String) -> [Located<String>]? {
        guard let v = node[key] else { return nil }
        if let items = v.sequence {
            return items.compactMap { item in scalarText(item, key).map { Located(value: $0, location: item.location) } }
        }
        return scalarText(v, key).map { [Located(value: $0, location: v.location)] }
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let v = node[key], let s = scalarText(v, key) else { return nil }
        if let e = E(rawValue: s) { return e }
        let all = E.allCases.map(\.rawValue)
        sink.error("'\(s)' is not a valid '\(key)'\(Suggestion.hint(for: s, in: all)); expected one of: \(all.joined(separator: ", "))", at: v.location)
        return nil
    }
}

/// Where readers and checkers put problems; shared by reference across a load.
final class DiagnosticSink {
    private(set) var bag = DiagnosticBag()
    func error(_ message: String, at location: SourceLocation) { bag.error(message, at: location) }
    func warning(_ message: String, at location: SourceLocation) { bag.warning(message, at: location) }
    func append(contentsOf ds: [Diagnostic]) { bag.append(contentsOf: ds) }
    var hasErrors: Bool { bag.hasErrors }
    var diagnostics: [Diagnostic] { bag.diagnostics }
}
