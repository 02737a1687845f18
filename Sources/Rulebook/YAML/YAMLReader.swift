import CYAML

/// Reads YAML through the system libyaml's event API and builds `YAMLNode`s that carry line
/// and column. Duplicate keys are reported at the second key; aliases are resolved by value
/// under `YAMLLimits`, never expanded past them; keys must be scalars.
public enum YAMLReader {
    /// Every document in `bytes` (UTF-8). Throws `DiagnosticError` naming `file`.
    public static func documents(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
    ) throws -> [YAMLNode] {
        try read(bytes, file: file, limits: limits).documents
    }

    private static func read(
        _ bytes: [UInt8], file: String, limits: YAMLLimits
    ) throws -> (documents: [YAMLNode], starts: [SourceLocation]) {
        var builder = Builder(file: file, source: bytes, limits: limits)
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw DiagnosticError(.error("cannot start the YAML parser", at: builder.loc(line: 0, column: 0)))
            }
            defer { yaml_parser_delete(&parser) }
            // libyaml reads from the pointer as is; an empty file still needs a valid pointer.
            let base = buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!
            yaml_parser_set_input_string(&parser, base, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw DiagnosticError(builder.parserError(parser))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try builder.handle(&event)
            }
        }
        if builder.bag.hasErrors { throw DiagnosticError(builder.bag.diagnostics) }
        return (builder.documents, builder.documentStarts)
    }

    /// The single document of a file that must hold exactly one (a policy, a calendar).
    public static func singleDocument(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
    ) throws -> YAMLNode {
        let (docs, starts) = try read(bytes, file: file, limits: limits)
        guard let first = docs.first else {
            throw DiagnosticError(.error("the file is empty; expected a YAML mapping",
                                         at: SourceLocation(file: file, line: 1, column: 1)))
        }
        if docs.count > 1 {
            throw DiagnosticError(.error(
                "expected one YAML document, found \(docs.count); remove the '---' separators",
                at: starts[1]))
        }
        return first
    }
}

private struct Builder {
    let file: String
    let source: [UInt8]
    let limits: YAMLLimits
    var documents: [YAMLNode] = []
    var documentStarts: [SourceLocation] = []
    var bag = DiagnosticBag()

    private enum Frame {
        case sequence(start: SourceLocation, tag: String?, anchor: String?, items: [YAMLNode], weight: Int)
        case mapping(start: SourceLocation, tag: String?, anchor: String?, pairs: [YAMLPair],
                     pendingKey: YAMLNode?, seen: [String: SourceLocation], weight: Int)
    }
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var documentWeight = 0
    private var aliasCount = 0

    init(file: String, source: [UInt8], limits: YAMLLimits) {
        self.file = file
        self.source = source
        self.limits = limits
    }

    func loc(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }
    func loc(_ mark: yaml_mark_t) -> SourceLocation { loc(line: Int(mark.line), column: Int(mark.column)) }

    func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        var message = "invalid YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) started at \(parser.context_mark.line + 1):\(parser.context_mark.column + 1))"
        }
        let index = Int(parser.problem_mark.index)
        if index < source.count, source[index] == 0x09 {
            message += "; tabs cannot indent YAML, use spaces"
        }
        return .error(message, at: loc(parser.problem_mark))
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    mutating func handle(_ event: inout yaml_event_t) throws {
        let start = loc(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documentStarts.append(start)
            anchors = [:]
            documentWeight = 0
            aliasCount = 0
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            let style: YAMLNode.ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            var node = YAMLNode(.scalar(text, style), at: start, tag: Builder.string(s.tag))
            mapContent(&node, text: text, style: style, start: event.start_mark, end: event.end_mark)
            try add(node, weight: 1, anchor: Builder.string(s.anchor))
        case YAML_ALIAS_EVENT:
            let name = Builder.string(event.data.alias.anchor) ?? ""
            aliasCount += 1
            guard aliasCount <= limits.maxAliases else {
                throw DiagnosticError(.error("too many aliases (more than \(limits.maxAliases)); refusing to expand", at: start))
            }
            guard let target = anchors[name] else {
                throw DiagnosticError(.error("unknown alias '*\(name)'", at: start))
            }
            var node = target.node
            node.location = start
            try add(node, weight: target.weight, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try push(.sequence(start: start, tag: Builder.string(event.data.sequence_start.tag),
                               anchor: Builder.string(event.data.sequence_start.anchor), items: [], weight: 1), at: start)
        case YAML_MAPPING_START_EVENT:
            try push(.mapping(start: start, tag: Builder.string(event.data.mapping_start.tag),
                              anchor: Builder.string(event.data.mapping_start.anchor), pairs: [],
                              pendingKey: nil, seen: [:], weight: 1), at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            switch frame {
            case let .sequence(start, tag, anchor, items, weight):
                try add(YAMLNode(.sequence(items), at: start, tag: tag), weight: weight, anchor: anchor, countWeight: false)
            case let .mapping(start, tag, anchor, pairs, _, _, weight):
                try add(YAMLNode(.mapping(pairs), at: start, tag: tag), weight: weight, anchor: anchor, countWeight: false)
            }
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame, at start: SourceLocation) throws {
        guard stack.count < limits.maxDepth else {
            throw DiagnosticError(.error("nesting deeper than \(limits.maxDepth) levels; refusing to read further", at: start))
        }
        try charge(1, at: start)
        stack.append(frame)
    }

    private mutating func charge(_ weight: Int, at location: SourceLocation) throws {
        documentWeight += weight
        if documentWeight > limits.maxNodes {
            throw DiagnosticError(.error(
                "document expands to more than \(limits.maxNodes) nodes (alias bomb?); refusing to expand", at: location))
        }
    }

    /// Adds a finished node to its parent. Collections were charged when they opened, so
    /// `countWeight` is false for them; scalars and aliases are charged here.
    private mutating func add(_ node: YAMLNode, weight: Int, anchor: String?, countWeight: Bool = true) throws {
        if countWeight { try charge(weight, at: node.location) }
        if let anchor { anchors[anchor] = (node, weight) }
        guard var top = stack.popLast() else {
            documents.append(node)
            return
        }
        switch top {
        case .sequence(let start, let tag, let a, var items, let w):
            items.append(node)
            top = .sequence(start: start, tag: tag, anchor: a, items: items, weight: w + weight)
        case .mapping(let start, let tag, let a, var pairs, let pendingKey, var seen, let w):
            if let key = pendingKey {
                pairs.append(YAMLPair(key: key, value: node))
                top = .mapping(start: start, tag: tag, anchor: a, pairs: pairs, pendingKey: nil, seen: seen, weight: w + weight)
            } else {
                guard let name = node.scalar else {
                    throw DiagnosticError(.error("a mapping key must be a plain value, not \(node.kindDescription)", at: node.location))
                }
                if name == "<<", node.style == .plain {
                    bag.error("merge keys ('<<') are not supported; write the keys out", at: node.location)
                }
                if let first = seen[name] {
                    bag.error("duplicate key '\(name)' (first defined at \(first.line):\(first.column))", at: node.location)
                } else {
                    seen[name] = node.location
                }
                top = .mapping(start: start, tag: tag, anchor: a, pairs: pairs, pendingKey: node, seen: seen, weight: w + weight)
            }
        }
        stack.append(top)
    }

    /// Records where a scalar's content starts and whether its columns map one-to-one.
    private func mapContent(_ node: inout YAMLNode, text: String, style: YAMLNode.ScalarStyle,
                            start: yaml_mark_t, end: yaml_mark_t) {
        switch style {
        case .plain where start.line == end.line:
            node.contentStart = loc(start)
            node.contentMapping = .sameLine
        case .singleQuoted where start.line == end.line && !text.contains("'"),
             .doubleQuoted where start.line == end.line && !source[Int(start.index)..<Int(end.index)].contains(0x5C):
            node.contentStart = loc(line: Int(start.line), column: Int(start.column) + 1)
            node.contentMapping = .sameLine
        case .literal:
            // Content begins on the line after the `|` header, at the block's indentation.
            var i = Int(start.index)
            while i < source.count, source[i] != 0x0A { i += 1 }
            i += 1
            var indent = 0
            while i + indent < source.count, source[i + indent] == 0x20 { indent += 1 }
            node.contentStart = loc(line: Int(start.line) + 1, column: indent)
            node.contentMapping = .literalBlock
        default:
            node.contentStart = loc(start)
            node.contentMapping = .none
        }
    }
}
