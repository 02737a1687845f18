/// A YAML node with the place it came from. Scalars stay strings: the policy layer decides
/// what they mean from the type it expects, so `no` is never silently a boolean.
struct YAMLNode: Sendable {
    enum ScalarStyle: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }

    enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var content: Content
    /// Where the node starts (for a quoted scalar, the opening quote).
    var location: SourceLocation
    /// An explicit tag such as `!!str`, if the source wrote one.
    var tag: String?
    /// Where the scalar's first character of content sits, and whether content columns map
    /// one-to-one onto source columns (plain or quoted on one line, or a literal block).
    var contentStart: SourceLocation
    var contentMapping: ContentMapping

    enum ContentMapping: Sendable { case none, sameLine, literalBlock }

    init(_ content: Content, at location: SourceLocation, tag: String? = nil) {
        self.content = content
        self.location = location
        self.tag = tag
        self.contentStart = location
        self.contentMapping = .none
    }

    var scalar: String? {
        if case .scalar(let s, _) = content { return s }
        return nil
    }
    var sequence: [YAMLNode]? {
        if case .sequence(let s) = content { return s }
        return nil
    }
    var mapping: [YAMLPair]? {
        if case .mapping(let m) = content { return m }
        return nil
    }
    var style: ScalarStyle? {
        if case .scalar(_, let s) = content { return s }
        return nil
    }

    /// A plain `~`, `null` or empty value.
    var isNull: Bool {
        guard case .scalar(let s, .plain) = content, tag == nil else { return false }
        return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    /// What the node is, for messages: "a mapping", "a list", "the text 'x'".
    var kindDescription: String {
        switch content {
        case .scalar(let s, _): return isNull ? "an empty value" : "'\(s)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The source location of the scalar content at `offset` Unicode scalars, so that an error
    /// inside an expression points at the token, not at the start of the value.
    func location(ofContentOffset offset: Int) -> SourceLocation {
        guard case .scalar(let text, _) = content else { return location }
        switch contentMapping {
        case .none:
            return contentStart
        case .sameLine:
            return contentStart.advanced(byColumns: offset)
        case .literalBlock:
            var line = contentStart.line, column = contentStart.column
            for (i, u) in text.unicodeScalars.enumerated() {
                if i == offset { break }
                if u == "\n" { line += 1; column = contentStart.column } else { column += 1 }
            }
            return SourceLocation(file: location.file, line: line, column: column)
        }
    }
}

struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode
    /// The key's text; keys are always scalars in this layer.
    var name: String { key.scalar ?? "" }
}

extension YAMLNode {
    /// The value under `key` in a mapping, or nil.
    subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.name == key }?.value
    }
}
