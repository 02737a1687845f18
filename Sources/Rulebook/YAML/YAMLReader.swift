import CYAML

/// Reads YAML through the system libyaml's event API and builds `YAMLNode`s that carry line
/// and column. Duplicate keys are reported at the second key; aliases are resolved by value
/// under `YAMLLimits`, never expanded past them; keys must be scalars.
enum YAMLReader {
    /// Every document in `bytes` (UTF-8). Throws `DiagnosticError` naming `file`.
    static func documents(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .default
    ) throws -> [YAMLNode] {
        try read(bytes, file: file, limits: limits).documents
    }

    private static func read(
        _ bytes: [UInt8], file: String, limits: YAMLLimits
    ) throws -> (documents: [YAMLNode], starts: [SourceLocation]) {
        var builder = Builder(file: file, source: bytes, limits: limits)
        // libyaml keeps pointers into the parser between calls (its input handler's data is the
        // parser itself), so the parser lives at a fixed heap address for the whole read; the
        // input bytes are pinned by the enclosing `withUnsafeBufferPointer`.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw DiagnosticError(.error("cannot start the YAML parser", at: builder.loc(line: 0, column: 0)))
        }
        defer { yaml_parser_delete(parser) }
        try bytes.withUnsafeBufferPointer { buffer in
            // libyaml reads from the pointer as is; an empty file still needs a valid pointer.
            let base = buffer.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!
            yaml_parser_set_input_string(parser, base, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    throw DiagnosticError(builder.parserError(parser.pointee))
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
    static func singleDocument(
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

    /// A collection being read. Its items are appended in place through `stack[last]`: a
    /// frame copied out of the stack (or out of an enum payload) would copy its array on every
    /// append, which made reading a list quadratic in its length.
    private struct Frame {
        enum Kind { case sequence, mapping }
        var kind: Kind
        var start: SourceLocation
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var seen: [String: SourceLocation] = [:]
        var weight = 1
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
        if parser.error == YAML_READER_ERROR {
            // Bad bytes (invalid UTF-8, NUL, control characters) are found while decoding, before
            // any mark is set: libyaml gives the byte offset only.
            let offset = Int(parser.problem_offset)
            let value = parser.problem_value >= 0 ? Int(parser.problem_value) : offset < source.count ? Int(source[offset]) : nil
            if let value {
                let hex = String(value, radix: 16, uppercase: true)
                message += " (byte 0x\(hex.count < 2 ? "0" : "")\(hex))"
            }
            return .error(message, at: TextPosition.locate(offset, in: source, from: 0, line: 1, file: file))
        }
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
            try push(Frame(kind: .sequence, start: start, tag: Builder.string(event.data.sequence_start.tag),
                           anchor: Builder.string(event.data.sequence_start.anchor)), at: start)
        case YAML_MAPPING_START_EVENT:
            try push(Frame(kind: .mapping, start: start, tag: Builder.string(event.data.mapping_start.tag),
                           anchor: Builder.string(event.data.mapping_start.anchor)), at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let content: YAMLNode.Content = frame.kind == .sequence ? .sequence(frame.items) : .mapping(frame.pairs)
            try add(YAMLNode(content, at: frame.start, tag: frame.tag), weight: frame.weight, anchor: frame.anchor,
                    countWeight: false)
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
        guard !stack.isEmpty else {
            documents.append(node)
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey {
                stack[top].pairs.append(YAMLPair(key: key, value: node))
                stack[top].pendingKey = nil
                return
            }
            guard let name = node.scalar else {
                throw DiagnosticError(.error("a mapping key must be a plain value, not \(node.kindDescription)", at: node.location))
            }
            if name == "<<", node.style == .plain {
                bag.error("merge keys ('<<') are not supported; write the keys out", at: node.location)
            }
            if let first = stack[top].seen[name] {
                bag.error("duplicate key '\(name)' (first defined at \(first.line):\(first.column))", at: node.location)
            } else {
                stack[top].seen[name] = node.location
            }
            stack[top].pendingKey = node
        }
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
