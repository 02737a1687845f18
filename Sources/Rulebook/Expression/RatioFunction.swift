/// `ratio(part, whole)`: a quotient that reports when it cannot be taken. `part / whole` is
/// null when `whole` is 0 or missing, and a rule reading it (`ratio > 3‰`) then quietly does
/// not apply; `ratio(part, whole)` is the same null, and the engine also reports it as a
/// finding (status `undefined`, naming the rule and the reason), so a ratio nobody could
/// compute is never mistaken for one below the line.
extension ExpressionCompiler {
    mutating func ratio(_ args: [Syntax], _ c: [CompiledExpression], _ r: Range<Int>) throws -> CompiledExpression {
        guard args.count == 2 else { throw Problem(message: "'ratio' takes 2 arguments, not \(args.count)", range: r) }
        let money = c[0].type == .money || c[1].type == .money
        for i in 0..<2 where c[i].type != .null && (money ? c[i].type != .money : !c[i].type.isNumeric) {
            throw Problem(message: "argument \(i + 1) of 'ratio' must be \(money ? "an amount of money, as the other is" : "a number or an amount of money"), not \(c[i].type)",
                          range: args[i].range)
        }
        let site = RatioSite(part: text(args[0]), whole: text(args[1]))
        let (part, whole) = (c[0], c[1])
        // Money in fen: the quotient of the amounts is the quotient of their fen.
        @Sendable func number(_ v: Value) -> Fraction? {
            if case .money(let m) = v { return Fraction(m.minorUnits) }
            return v.fraction
        }
        return CompiledExpression(type: .decimal) { ctx in
            let p = try part(ctx), w = try whole(ctx)
            let reason: String
            switch (number(p), number(w)) {
            case (_, nil): reason = "\(site.whole) is missing"
            case (_, .zero?): reason = "\(site.whole) is 0"
            case (nil, _): reason = "\(site.part) is missing"
            case (let a?, let b?):
                guard let q = a.divided(by: b) else { throw EvaluationError.overflow(p, "/", w) }
                return .decimal(q)
            }
            ctx.undefinedRatios.append(UndefinedRatio(site: site, reason: reason))
            return .null
        }
    }

    /// The text of `syntax` as written, when the source is known.
    func text(_ syntax: Syntax) -> String {
        guard let source else { return "the value" }
        let scalars = Array(source.unicodeScalars)
        let r = syntax.range.clamped(to: 0..<scalars.count)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[r])
        return String(s)
    }
}

/// One `ratio(…)` in a policy: its operands as written, for the finding's words.
final class RatioSite: Sendable {
    let part: String
    let whole: String
    init(part: String, whole: String) {
        self.part = part
        self.whole = whole
    }

    /// `ratio(defective, delivered)`.
    var text: String { "ratio(\(part), \(whole))" }
}

/// A ratio that could not be taken while a case or group was evaluated, and why.
struct UndefinedRatio {
    let site: RatioSite
    let reason: String
}
