/// `bonus(person)` and `bonus(person, month)`: a person's monthly bonus from the roster, the
/// same figure the cap is computed from. Without a month, the month the fine is booked to
/// (only in a penalty's amount); with one, that month (`month(closed_at)`), anywhere.
extension ExpressionCompiler {
    mutating func bonus(_ args: [Syntax], _ c: [CompiledExpression], _ r: Range<Int>) throws -> CompiledExpression {
        guard (1...2).contains(args.count) else {
            throw Problem(message: "'bonus' takes 1 or 2 arguments (a person, and a month such as month(closed_at)), not \(args.count)", range: r)
        }
        guard c[0].type == .person || c[0].type == .null else {
            throw Problem(message: "argument 1 of 'bonus' must be a person, not \(c[0].type)", range: args[0].range)
        }
        if c.count == 2 {
            guard c[1].type == .string || c[1].type == .null else {
                throw Problem(message: "argument 2 of 'bonus' must be a month such as month(closed_at) (text like \"2026-11\"), not \(c[1].type)", range: args[1].range)
            }
            if case .string(let m)? = c[1].constant, !Self.isMonth(m) {
                throw Problem(message: "\(Excerpt.quoted(m)) is not a month such as \"2026-11\"", range: args[1].range)
            }
        } else if !scope.knowsBookingMonth {
            throw Problem(message: "bonus(person) reads the month a fine is booked to, which only a penalty's amount has; give the month: bonus(person, month(…))", range: r)
        }
        let who = c[0], month = c.count == 2 ? c[1] : nil
        return CompiledExpression(type: .money) { ctx in
            guard case .person(let p) = try who(ctx) else { return .null }
            let m: String
            if let month {
                guard case .string(let s) = try month(ctx) else { return .null }
                guard Self.isMonth(s) else { throw EvaluationError("bonus of '\(p)': \(Excerpt.quoted(s)) is not a month such as 2026-11") }
                m = s
            } else {
                guard let s = ctx.bookingMonth else { throw EvaluationError("bonus of '\(p)': no month to read it for") }
                m = s
            }
            guard let people = ctx.people else { throw EvaluationError("bonus of '\(p)' in \(m) is read from the roster, and \(MissingInput.roster.phrase)") }
            guard people.contains(p) else { throw EvaluationError("bonus of '\(p)' in \(m): '\(p)' is not in the roster") }
            guard let b = people.bonus(of: p, month: m) else { throw EvaluationError("the roster has no monthly bonus for '\(p)' in \(m)") }
            return .money(b)
        }
    }

    /// `2026-11`: what `month(t)` gives and the roster's month column holds.
    static func isMonth(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"), let y = Int(s.prefix(4)), let m = Int(s.suffix(2)),
              u[0..<4].allSatisfy({ (48...57).contains($0) }), u[5...].allSatisfy({ (48...57).contains($0) }) else { return false }
        return (1900...2199).contains(y) && (1...12).contains(m)
    }
}
