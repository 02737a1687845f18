/// A Pratt parser for the expression language.
///
/// Precedence, loosest first: `if … then … else`, `or`, `and`, `not`, comparisons and `in`
/// and `is null`, `??`, `+ -`, `* / of`, unary `-`, member access and calls.
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
        let e = try parser.expression()
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

    mutating func expression() throws -> Syntax {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maxDepth else {
            throw Failure(message: "expression nests deeper than \(Parser.maxDepth) levels", range: currentRange)
        }
        if isKeyword("if") {
            let start = advance().offset
            let c = try expression()
            try expect(keyword: "then", "after the condition of 'if'")
            let a = try expression()
            try expect(keyword: "else", "in 'if … then … else …'")
            let b = try expression()
            return .conditional(c, a, b, start..<b.range.upperBound)
        }
        return try orExpr()
    }

    private mutating func orExpr() throws -> Syntax {
        var l = try andExpr()
        while isKeyword("or") {
            _ = advance()
            let r = try andExpr()
            l = .binary("or", l, r, Parser.span(l, r))
        }
        return l
    }

    private mutating func andExpr() throws -> Syntax {
        var l = try notExpr()
        while isKeyword("and") {
            _ = advance()
            let r = try notExpr()
            l = .binary("and", l, r, Parser.span(l, r))
        }
        return l
    }

    private mutating func notExpr() throws -> Syntax {
        if isKeyword("not") {
            let start = advance().offset
            let e = try notExpr()
            return .unary("not", e, start..<e.range.upperBound)
        }
        return try comparison()
    }

    private mutating func comparison() throws -> Syntax {
        let l = try coalesce()
        for op in ["==", "!=", "<=", ">=", "<", ">"] where isOp(op) {
            _ = advance()
            let r = try coalesce()
            if ["==", "!=", "<=", ">=", "<", ">"].contains(where: { isOp($0) }) {
                throw Failure(message: "comparisons do not chain; join them with 'and'", range: currentRange)
            }
            return .binary(op, l, r, Parser.span(l, r))
        }
        if isKeyword("in") {
            _ = advance()
            let r = try coalesce()
            return .binary("in", l, r, Parser.span(l, r))
        }
        if isKeyword("not"), p + 1 < tokens.count, tokens[p + 1].kind == .keyword("in") {
            _ = advance(); _ = advance()
            let r = try coalesce()
            return .unary("not", .binary("in", l, r, Parser.span(l, r)), Parser.span(l, r))
        }
        if isKeyword("is") {
            _ = advance()
            var negated = false
            if isKeyword("not") { _ = advance(); negated = true }
            let end = current.offset + current.length
            try expect(keyword: "null", "after 'is'")
            return .isNull(l, negated: negated, l.range.lowerBound..<end)
        }
        return l
    }

    private mutating func coalesce() throws -> Syntax {
        var l = try additive()
        while isOp("??") {
            _ = advance()
            let r = try additive()
            l = .binary("??", l, r, Parser.span(l, r))
        }
        return l
    }

    private mutating func additive() throws -> Syntax {
        var l = try multiplicative()
        while isOp("+") || isOp("-") {
            guard case .op(let op) = advance().kind else { break }
            let r = try multiplicative()
            l = .binary(op, l, r, Parser.span(l, r))
        }
        return l
    }

    private mutating func multiplicative() throws -> Syntax {
        var l = try unary()
        while isOp("*") || isOp("/") || isKeyword("of") {
            let t = advance()
            let op: String
            switch t.kind {
            case .op(let o): op = o
            default: op = "*"  // `50% of bonus` is multiplication
            }
            let r = try unary()
            l = .binary(op, l, r, Parser.span(l, r))
        }
        return l
    }

    private mutating func unary() throws -> Syntax {
        if isOp("-") {
            let start = advance().offset
            let e = try unary()
            return .unary("-", e, start..<e.range.upperBound)
        }
        return try postfix()
    }

    private mutating func postfix() throws -> Syntax {
        var e = try primary()
        while isOp(".") {
            _ = advance()
            guard case .identifier(let m) = current.kind else {
                throw Failure(message: "expected a member name after '.', found \(current.kind)", range: currentRange)
            }
            let t = advance()
            e = .member(e, m, e.range.lowerBound..<(t.offset + t.length))
        }
        return e
    }

    private mutating func primary() throws -> Syntax {
        let t = current
        let r = t.offset..<(t.offset + t.length)
        switch t.kind {
        case .integer(let v): _ = advance(); return .literal(.integer(v), r)
        case .decimal(let v): _ = advance(); return .literal(.decimal(v), r)
        case .percent(let v): _ = advance(); return .literal(.decimal(v), r)
        case .money(let m): _ = advance(); return .literal(.money(m), r)
        case .span(let s): _ = advance(); return .literal(.span(s), r)
        case .string(let s): _ = advance(); return .literal(.string(s), r)
        case .keyword("true"): _ = advance(); return .literal(.bool(true), r)
        case .keyword("false"): _ = advance(); return .literal(.bool(false), r)
        case .keyword("null"): _ = advance(); return .literal(.null, r)
        case .identifier(let name):
            _ = advance()
            guard isOp("(") else { return .name(name, r) }
            _ = advance()
            var args: [Syntax] = []
            if !isOp(")") {
                args.append(try expression())
                while isOp(",") {
                    _ = advance()
                    args.append(try expression())
                }
            }
            let close = try expect(op: ")", "to close the call of '\(name)'")
            return .call(name, args, t.offset..<(close.offset + 1))
        case .op("("):
            _ = advance()
            let e = try expression()
            _ = try expect(op: ")", "to close '('")
            return e
        case .op("["):
            _ = advance()
            var items: [Syntax] = []
            if !isOp("]") {
                items.append(try expression())
                while isOp(",") {
                    _ = advance()
                    items.append(try expression())
                }
            }
            let close = try expect(op: "]", "to close the list")
            return .list(items, t.offset..<(close.offset + 1))
        case .end:
            throw Failure(message: "the expression ends too early", range: r.lowerBound..<(r.lowerBound + 1))
        default:
            throw Failure(message: "expected a value, found \(t.kind)", range: r)
        }
    }
}
