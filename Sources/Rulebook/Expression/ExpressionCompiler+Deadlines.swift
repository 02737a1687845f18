/// `deadlines.late`, `deadlines.breached where clause == "8.2"`: one outcome of every per-case
/// deadline, or of those a condition selects, as a list for `any`, `all` and `count` — instead
/// of naming thirteen `.late` outcomes by hand.
extension ExpressionCompiler {
    /// The outcomes a wildcard may read: the true-or-false ones.
    static let wildcardMembers = ["breached", "met", "overdue", "open", "applies", "late"]

    /// Whether `filter` (nil: none) selects `d`. The condition is compiled against the
    /// deadline's `id`, `clause` and `title` alone and computed now: the selection is fixed
    /// when the policy is compiled, so the rule graph knows what the rule reads.
    static func selects(_ filter: Syntax?, _ d: DeadlineInfo) throws -> Bool {
        guard let filter else { return true }
        var scope = Scope()
        scope.bindings["id"] = .constant(.string(d.id), .string)
        scope.bindings["clause"] = .constant(d.clause.map(Value.string) ?? .null, .string)
        scope.bindings["title"] = .constant(d.title.map(Value.string) ?? .null, .string)
        for name in scope.bindings.keys { scope.unavailable[name] = nil }
        var c = ExpressionCompiler(scope: scope)
        let e = try c.boolean(filter, "the condition after 'where'")
        let ctx = EvaluationContext(slots: 0, deadlines: 0, zone: Self.utc, calendar: nil, people: nil)
        return try e.evaluate(ctx) == .bool(true)
    }

    /// `deadlines.<member>` (with the condition after `where`, if any) as a list of booleans.
    mutating func allDeadlines(_ member: String, filter: Syntax?, _ r: Range<Int>) throws -> CompiledExpression {
        guard Self.wildcardMembers.contains(member) else {
            throw Problem(message: "'\(Syntax.allDeadlines).\(member)' is not a wildcard outcome; known: "
                          + Self.wildcardMembers.joined(separator: ", "), range: r)
        }
        var parts: [CompiledExpression] = []
        for d in scope.deadlines where try Self.selects(filter, d) {
            parts.append(try self.member(.name(d.id, r), member, r))
        }
        guard !parts.isEmpty else {
            let what = filter == nil ? "the policy has no per-case deadline" : "the condition after 'where' selects no deadline"
            throw Problem(message: "'\(Syntax.allDeadlines).\(member)': \(what)", range: filter?.range ?? r)
        }
        let fs = parts
        return CompiledExpression(type: .list(.boolean)) { ctx in .list(try fs.map { try $0(ctx) }) }
    }

    /// `any`, `all` and `count` of a list of true-or-false values. Null (an outcome never is)
    /// is unknown, as with `or` and `and`: `any` is true when one is true, `all` false when one
    /// is false, and otherwise null when one is null; `count` counts the true ones.
    func listFunction(_ f: String, _ args: [Syntax], _ c: [CompiledExpression], _ r: Range<Int>) throws -> CompiledExpression {
        guard args.count == 1 else {
            throw Problem(message: "'\(f)' takes 1 argument, a list of true-or-false values, not \(args.count)", range: r)
        }
        guard c[0].type == .list(.boolean) || c[0].type == .list(.null) else {
            throw Problem(message: "the argument of '\(f)' must be a list of true-or-false values (such as deadlines.late), not \(c[0].type)",
                          range: args[0].range)
        }
        let g = c[0]
        switch f {
        case "any", "all":
            let decisive = f == "any"
            return CompiledExpression(type: .boolean) { ctx in
                guard case .list(let xs) = try g(ctx) else { return .null }
                var unknown = false
                for x in xs {
                    if x == .bool(decisive) { return x }
                    if x.isNull { unknown = true }
                }
                return unknown ? .null : .bool(!decisive)
            }
        default:
            return CompiledExpression(type: .integer) { ctx in
                guard case .list(let xs) = try g(ctx) else { return .null }
                return .integer(Int64(xs.count { $0 == .bool(true) }))
            }
        }
    }
}
