/// Type-checks an expression against a scope and turns it into closures, once per policy.
/// Problems are reported as diagnostics at the token they concern; compilation goes on so one
/// run reports every problem.
struct ExpressionCompiler {
    struct Problem: Error {
        var message: String
        var range: Range<Int>
    }

    var scope: Scope
    var problems: [Problem] = []
    /// The expression's text, when known: `ratio` quotes its operands from it.
    var source: String?

    init(scope: Scope) { self.scope = scope }

    /// Compiles `syntax`; returns nil (with problems recorded) when it does not type-check.
    mutating func compile(_ syntax: Syntax) -> CompiledExpression? {
        do {
            return try expr(syntax)
        } catch let p as Problem {
            problems.append(p)
            return nil
        } catch {
            problems.append(Problem(message: "\(error)", range: syntax.range))
            return nil
        }
    }

    mutating func expr(_ s: Syntax) throws -> CompiledExpression {
        switch s {
        case .literal(let lit, _):
            return literal(lit)
        case .name(let n, let r):
            return try name(n, r)
        case .member(let base, let m, let r):
            return try member(base, m, r)
        case .call(let f, let args, let r):
            return try call(f, args, r)
        case .unary(let op, let a, let r):
            let e = try expr(a)
            return try folded(try unary(op, e, r), if: [e], r)
        case .binary("where", let a, let c, let r):
            guard case .member(.name(Syntax.allDeadlines, _), let m, _) = a, scope.lookup(Syntax.allDeadlines) == nil else {
                throw Problem(message: "'where' selects deadlines: write deadlines.late where clause == \"8.2\"", range: r)
            }
            return try allDeadlines(m, filter: c, r)
        case .binary(let op, let a, let b, let r):
            let x = try expr(a), y = try expr(b)
            return try folded(try binary(op, x, y, a, b, r), if: [x, y], r)
        case .isNull(let a, let negated, let r):
            let e = try expr(a)
            let f = e
            return try folded(CompiledExpression(type: .boolean) { ctx in .bool(try f(ctx).isNull != negated) }, if: [e], r)
        case .list(let items, let r):
            let compiled = try items.map { try expr($0) }
            var t: ValueType = .null
            for (c, item) in zip(compiled, items) {
                guard let u = Self.unify(t, c.type) else {
                    throw Problem(message: "list mixes \(t) and \(c.type)", range: item.range)
                }
                t = u
            }
            if compiled.allSatisfy({ $0.constant != nil }) {
                return CompiledExpression(type: .list(t), constant: .list(compiled.map { $0.constant! }))
            }
            let fs = compiled
            _ = r
            return CompiledExpression(type: .list(t)) { ctx in .list(try fs.map { try $0(ctx) }) }
        case .conditional(let c, let a, let b, let r):
            let cond = try boolean(c, "the condition of 'if'")
            let x = try expr(a), y = try expr(b)
            guard let t = Self.unify(x.type, y.type) else {
                throw Problem(message: "'then' gives \(x.type) but 'else' gives \(y.type)", range: b.range)
            }
            let fc = cond, fx = Self.widen(x, to: t), fy = Self.widen(y, to: t)
            return try folded(CompiledExpression(type: t) { ctx in
                if case .bool(true) = try fc(ctx) { return try fx(ctx) }
                return try fy(ctx)
            }, if: [cond, x, y], r)
        }
    }

    /// `e` computed now when its operands are constants. An overflow (or a result outside the
    /// supported years) is then a compile-time error at the expression; anything else that
    /// fails, such as working time without a calendar, is left to run time.
    func folded(_ e: CompiledExpression, if operands: [CompiledExpression], _ r: Range<Int>) throws -> CompiledExpression {
        guard e.constant == nil, operands.allSatisfy({ $0.constant != nil }) else { return e }
        // Folded operators and functions never read the zone, the calendar or the roster.
        let ctx = EvaluationContext(slots: 0, deadlines: 0, zone: Self.utc, calendar: nil, people: nil)
        do {
            let v = try e.evaluate(ctx)
            let exact = try e.exactMoney?(ctx)
            return CompiledExpression(type: e.type, constant: v, exactMoney: exact)
        } catch let failure as EvaluationError where failure.isArithmetic {
            throw Problem(message: failure.message, range: r)
        } catch {
            return e
        }
    }

    mutating func boolean(_ s: Syntax, _ what: String) throws -> CompiledExpression {
        let e = try expr(s)
        guard e.type == .boolean || e.type == .null else {
            throw Problem(message: "\(what) must be true or false, but this is \(e.type)", range: s.range)
        }
        return e
    }

    private func literal(_ lit: Syntax.Literal) -> CompiledExpression {
        switch lit {
        case .null: return CompiledExpression(type: .null, constant: .null)
        case .bool(let b): return CompiledExpression(type: .boolean, constant: .bool(b))
        case .integer(let i): return CompiledExpression(type: .integer, constant: .integer(i))
        case .decimal(let f): return CompiledExpression(type: .decimal, constant: .decimal(f))
        case .string(let s): return CompiledExpression(type: .string, constant: .string(s))
        case .money(let m): return CompiledExpression(type: .money, constant: .money(m))
        case .span(let s): return CompiledExpression(type: .span(s.clock), constant: .span(s))
        }
    }

    private func name(_ n: String, _ r: Range<Int>) throws -> CompiledExpression {
        guard let b = scope.lookup(n) else {
            if let why = scope.unavailable[n] {
                throw Problem(message: "\(Excerpt.quoted(n)) cannot be used here: \(why)", range: r)
            }
            var message = "unknown name \(Excerpt.quoted(n))"
            if n.contains("-"), n.split(separator: "-").allSatisfy({ scope.lookup(String($0)) != nil }) {
                message += "; to subtract, put spaces around '-': '\(n.replacingOccurrences(of: "-", with: " - "))'"
            } else {
                message += Suggestion.hint(for: n, in: scope.bindings.keys)
            }
            throw Problem(message: message, range: r)
        }
        switch b {
        case .slot(let i, let t):
            return CompiledExpression(type: t, slot: i)
        case .group(let i, let t):
            return CompiledExpression(type: t) { ctx in ctx.group[i] }
        case .constant(let v, let t):
            return CompiledExpression(type: t, constant: v)
        case .deadline:
            throw Problem(message: "'\(n)' is a deadline; read one of its members: \(n).breached, \(n).met, \(n).overdue, \(n).open, \(n).due, \(n).late_by", range: r)
        }
    }

    static let utc = Zone(identifier: "UTC")!

    static let deadlineMembers = ["breached", "met", "overdue", "open", "applies", "late", "due", "late_by"]
    static let personMembers = ["manager", "department", "base_points"]

    mutating func member(_ base: Syntax, _ m: String, _ r: Range<Int>) throws -> CompiledExpression {
        if case .name(Syntax.allDeadlines, _) = base, scope.lookup(Syntax.allDeadlines) == nil {
            return try allDeadlines(m, filter: nil, r)
        }
        if case .name(let n, _) = base, case .deadline(let i, let lateness)? = scope.lookup(n) {
            switch m {
            case "breached": return CompiledExpression(type: .boolean) { ctx in .bool(ctx.outcomes[i].status == .breached) }
            case "met": return CompiledExpression(type: .boolean) { ctx in .bool(ctx.outcomes[i].status == .met) }
            case "overdue": return CompiledExpression(type: .boolean) { ctx in .bool(ctx.outcomes[i].status == .overdue) }
            case "open": return CompiledExpression(type: .boolean) { ctx in
                let s = ctx.outcomes[i].status
                return .bool(s == .pending || s == .overdue)
            }
            case "applies": return CompiledExpression(type: .boolean) { ctx in .bool(ctx.outcomes[i].status != .notApplicable) }
            case "late": return CompiledExpression(type: .boolean) { ctx in
                let s = ctx.outcomes[i].status
                return .bool(s == .breached || s == .overdue)
            }
            case "due": return CompiledExpression(type: .timestamp) { ctx in ctx.outcomes[i].due.map(Value.timestamp) ?? .null }
            case "late_by": return CompiledExpression(type: .span(lateness)) { ctx in ctx.outcomes[i].lateBy.map(Value.span) ?? .null }
            default:
                throw Problem(message: "a deadline has no member '\(m)'\(Suggestion.hint(for: m, in: Self.deadlineMembers))", range: r)
            }
        }
        let b = try expr(base)
        guard b.type == .person else {
            throw Problem(message: "\(b.type) has no members; '.\(m)' applies to a person or a deadline", range: r)
        }
        let f = b
        switch m {
        case "manager":
            return CompiledExpression(type: .person) { ctx in
                guard case .person(let p) = try f(ctx) else { return .null }
                return ctx.people?.manager(of: p).map(Value.person) ?? .null
            }
        case "department":
            return CompiledExpression(type: .department) { ctx in
                guard case .person(let p) = try f(ctx) else { return .null }
                return ctx.people?.department(of: p).map(Value.department) ?? .null
            }
        case "base_points":
            return CompiledExpression(type: .decimal) { ctx in
                guard case .person(let p) = try f(ctx) else { return .null }
                return ctx.people?.basePoints(of: p).map(Value.decimal) ?? .null
            }
        default:
            throw Problem(message: "a person has no member '\(m)'\(Suggestion.hint(for: m, in: Self.personMembers)); known: \(Self.personMembers.joined(separator: ", "))", range: r)
        }
    }

    /// The common type of two branches or list items; integers widen to decimals.
    static func unify(_ a: ValueType, _ b: ValueType) -> ValueType? {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        if a.isNumeric && b.isNumeric { return .decimal }
        return nil
    }

    static func widen(_ e: CompiledExpression, to t: ValueType) -> CompiledExpression {
        guard e.type == .integer, t == .decimal else { return e }
        let f = e
        return CompiledExpression(type: .decimal) { ctx in
            if case .integer(let i) = try f(ctx) { return .decimal(Fraction(i)) }
            return .null
        }
    }
}
