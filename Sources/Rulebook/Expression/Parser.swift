/// A Pratt parser for the expression language.
///
/// Precedence, loosest first: `if … then … else`, `or`, `and`, `not`, comparisons and `in`
/// and `is null`, `??`, `+ -`, `* / of`, unary `-`, member access and calls. A function's
/// argument may end in `where …`, which selects deadlines (`count(deadlines.late where
/// clause == "8.2")`).
struct Parser {
    struct Failure: Error {
        var message: String
        var range: Range<Int>
    }

    private var tokens: [Token]
    private var p = 0
    private var depth = 0
    /// Expressions nest at most this deep, which keeps evaluation cost bounded.
    static let maxDepth = 48

    static func parse(_ text: String) throws -> Syntax {
        let tokens: [Token]
        do {
            tokens = try Lexer.tokens(text)
        } catch let f as Lexer.Failure {
            throw Failure(message: f.message, range: f.offset..<(f.offset + 1))
        }
        var parser = Parser(tokens: tokens)
        guard tokens.count > 1 else { throw Failure(message: "empty expression", range: 0..<0) }
        let e = try parser.node().syntax
        guard case .end = parser.current.kind else {
            throw Failure(message: "unexpected \(parser.current.kind) after a complete expression", range: parser.currentRange)
        }
        return e
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private var current: Token { tokens[p] }
    private var currentRange: Range<Int> { current.offset..<(current.offset + max(1, current.length)) }

    private mutating func advance() -> Token {
        let t = tokens[p]
        if p < tokens.count - 1 { p += 1 }
        return t
    }
    private func isOp(_ s: String) -> Bool { current.kind == .op(s) }
    private func isKeyword(_ s: String) -> Bool { current.kind == .keyword(s) }

    private mutating func expect(op s: String, _ what: String) throws -> Token {
        guard isOp(s) else { throw Failure(message: "expected '\(s)' \(what), found \(current.kind)", range: currentRange) }
        return advance()
    }
    private mutating func expect(keyword s: String, _ what: String) throws {
        guard isKeyword(s) else { throw Failure(message: "expected '\(s)' \(what), found \(current.kind)", range: currentRange) }
        _ = advance()
    }

    private static func span(_ a: Syntax, _ b: Syntax) -> Range<Int> { a.range.lowerBound..<b.range.upperBound }

    /// A parsed subtree and its height (operators above its deepest leaf): every pass over a syntax
    /// tree (type checking, compiling, evaluating, freeing it) recurses once per level, so the
    /// height is bounded while the tree is built, before any of them runs.
    private struct Node {
        var syntax: Syntax
        var height: Int
    }

    /// The height a tree may reach: operator chains (`a and b and …`, `x + y + …`, `a ?? b ?? …`),
    /// prefix operators (`not not …`, `- - …`) and member chains (`p.manager.manager…`), all
    /// nested together. Far beyond a readable expression; well inside the stack of any thread.
    static let maxHeight = 200

    private func tooDeep(at token: Token) -> Failure {
        Failure(message: "expression too deep: more than \(Parser.maxHeight) operators in a row or nested; split it into derived values",
                range: token.offset..<(token.offset + max(1, token.length)))
    }

    private func checked(_ syntax: Syntax, _ height: Int, at token: Token) throws -> Node {
        guard height <= Parser.maxHeight else { throw tooDeep(at: token) }
        return Node(syntax: syntax, height: height)
    }

    private mutating func binaryChain(_ ops: [Token.Kind], _ operand: (inout Parser) throws -> Node,
                                      name: (Token.Kind) -> String) throws -> Node {
        var l = try operand(&self)
        while ops.contains(current.kind) {
            let t = advance()
            let r = try operand(&self)
            l = try checked(.binary(name(t.kind), l.syntax, r.syntax, Parser.span(l.syntax, r.syntax)),
                            max(l.height, r.height) + 1, at: t)
        }
        return l
    }

    private mutating func node() throws -> Node {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maxDepth else {
            throw Failure(message: "expression nests deeper than \(Parser.maxDepth) levels", range: currentRange)
        }
        if isKeyword("if") {
            let t = advance()
            let c = try node()
            try expect(keyword: "then", "after the condition of 'if'")
            let a = try node()
            try expect(keyword: "else", "in 'if … then … else …'")
            let b = try node()
            return try checked(.conditional(c.syntax, a.syntax, b.syntax, t.offset..<b.syntax.range.upperBound),
                               max(c.height, a.height, b.height) + 1, at: t)
        }
        return try orExpr()
    }

    private mutating func orExpr() throws -> Node {
        try binaryChain([.keyword("or")], { try $0.andExpr() }, name: { _ in "or" })
    }

    private mutating func andExpr() throws -> Node {
        try binaryChain([.keyword("and")], { try $0.notExpr() }, name: { _ in "and" })
    }

    private mutating func notExpr() throws -> Node {
        try prefixed("not", at: { $0.isKeyword("not") }, { try $0.comparison() })
    }

    /// `not not … x`, `- - … x`: prefix operators read in a loop, not a recursion, however many
    /// there are; each counts toward the tree's height.
    private mutating func prefixed(_ op: String, at isPrefix: (Parser) -> Bool,
                                   _ operand: (inout Parser) throws -> Node) throws -> Node {
        var prefixes: [Token] = []
        while isPrefix(self) {
            let t = advance()
            if prefixes.count == Parser.maxHeight { throw tooDeep(at: t) }
            prefixes.append(t)
        }
        var e = try operand(&self)
        for t in prefixes.reversed() {
            e = try checked(.unary(op, e.syntax, t.offset..<e.syntax.range.upperBound), e.height + 1, at: t)
        }
        return e
    }

    private static let comparisons = ["==", "!=", "<=", ">=", "<", ">"]

    private mutating func comparison() throws -> Node {
        let l = try coalesce()
        for op in Parser.comparisons where isOp(op) {
            let t = advance()
            let r = try coalesce()
            if Parser.comparisons.contains(where: { isOp($0) }) {
                throw Failure(message: "comparisons do not chain; join them with 'and'", range: currentRange)
            }
            return try checked(.binary(op, l.syntax, r.syntax, Parser.span(l.syntax, r.syntax)), max(l.height, r.height) + 1, at: t)
        }
        if isKeyword("in") {
            let t = advance()
            let r = try coalesce()
            return try checked(.binary("in", l.syntax, r.syntax, Parser.span(l.syntax, r.syntax)), max(l.height, r.height) + 1, at: t)
        }
        if isKeyword("not"), p + 1 < tokens.count, tokens[p + 1].kind == .keyword("in") {
            let t = advance(); _ = advance()
            let r = try coalesce()
            let range = Parser.span(l.syntax, r.syntax)
            return try checked(.unary("not", .binary("in", l.syntax, r.syntax, range), range), max(l.height, r.height) + 2, at: t)
        }
        if isKeyword("is") {
            let t = advance()
            var negated = false
            if isKeyword("not") { _ = advance(); negated = true }
            let end = current.offset + current.length
            try expect(keyword: "null", "after 'is'")
            return try checked(.isNull(l.syntax, negated: negated, l.syntax.range.lowerBound..<end), l.height + 1, at: t)
        }
        return l
    }

    private mutating func coalesce() throws -> Node {
        try binaryChain([.op("??")], { try $0.additive() }, name: { _ in "??" })
    }

    private mutating func additive() throws -> Node {
        try binaryChain([.op("+"), .op("-")], { try $0.multiplicative() }, name: { k in
            if case .op(let o) = k { return o }
            return "+"
        })
    }

    private mutating func multiplicative() throws -> Node {
        // `50% of bonus` is multiplication.
        try binaryChain([.op("*"), .op("/"), .keyword("of")], { try $0.unary() }, name: { k in
            if case .op(let o) = k { return o }
            return "*"
        })
    }

    private mutating func unary() throws -> Node {
        try prefixed("-", at: { $0.isOp("-") }, { try $0.postfix() })
    }

    private mutating func postfix() throws -> Node {
        var e = try primary()
        while isOp(".") {
            let dot = advance()
            guard case .identifier(let m) = current.kind else {
                throw Failure(message: "expected a member name after '.', found \(current.kind)", range: currentRange)
            }
            let t = advance()
            e = try checked(.member(e.syntax, m, e.syntax.range.lowerBound..<(t.offset + t.length)), e.height + 1, at: dot)
        }
        return e
    }

    private mutating func primary() throws -> Node {
        let t = current
        let r = t.offset..<(t.offset + t.length)
        func leaf(_ s: Syntax) -> Node {
            _ = advance()
            return Node(syntax: s, height: 0)
        }
        switch t.kind {
        case .integer(let v): return leaf(.literal(.integer(v), r))
        case .decimal(let v): return leaf(.literal(.decimal(v), r))
        case .percent(let v): return leaf(.literal(.decimal(v), r))
        case .money(let m): return leaf(.literal(.money(m), r))
        case .span(let s): return leaf(.literal(.span(s), r))
        case .string(let s): return leaf(.literal(.string(s), r))
        case .keyword("true"): return leaf(.literal(.bool(true), r))
        case .keyword("false"): return leaf(.literal(.bool(false), r))
        case .keyword("null"): return leaf(.literal(.null, r))
        case .identifier(let name):
            _ = advance()
            guard isOp("(") else { return Node(syntax: .name(name, r), height: 0) }
            _ = advance()
            let args = try items(closing: ")")
            let close = try expect(op: ")", "to close the call of '\(name)'")
            return try checked(.call(name, args.map(\.syntax), t.offset..<(close.offset + 1)), (args.map(\.height).max() ?? 0) + 1, at: t)
        case .op("("):
            _ = advance()
            let e = try node()
            _ = try expect(op: ")", "to close '('")
            return e
        case .op("["):
            _ = advance()
            let list = try items(closing: "]")
            let close = try expect(op: "]", "to close the list")
            return try checked(.list(list.map(\.syntax), t.offset..<(close.offset + 1)), (list.map(\.height).max() ?? 0) + 1, at: t)
        case .end:
            throw Failure(message: "the expression ends too early", range: r.lowerBound..<(r.lowerBound + 1))
        default:
            throw Failure(message: "expected a value, found \(t.kind)", range: r)
        }
    }

    /// Comma-separated expressions up to (not including) `closing`; in a call, each may be
    /// followed by `where` and a condition (`.binary("where", …)`).
    private mutating func items(closing: String) throws -> [Node] {
        var out: [Node] = []
        guard !isOp(closing) else { return out }
        out.append(try item(closing))
        while isOp(",") {
            _ = advance()
            out.append(try item(closing))
        }
        return out
    }

    private mutating func item(_ closing: String) throws -> Node {
        let e = try node()
        guard closing == ")", isKeyword("where") else { return e }
        let t = advance()
        let c = try node()
        return try checked(.binary("where", e.syntax, c.syntax, Parser.span(e.syntax, c.syntax)), max(e.height, c.height) + 1, at: t)
    }
}
