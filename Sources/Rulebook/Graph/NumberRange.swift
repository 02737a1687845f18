/// The values a number expression can take, from its literals and the declared ranges
/// (`min`, `max`) of the fields it reads: enough to tell a policy editor that a share can
/// leave 0–100% before any row shows it. nil ends are unbounded; overflow widens to them.
struct NumberRange: Equatable {
    var lo: Fraction?
    var hi: Fraction?

    static let unbounded = NumberRange(lo: nil, hi: nil)

    func contained(in other: NumberRange) -> Bool {
        let loOK = other.lo.map { o in lo.map { $0 >= o } ?? false } ?? true
        let hiOK = other.hi.map { o in hi.map { $0 <= o } ?? false } ?? true
        return loOK && hiOK
    }

    func union(_ o: NumberRange) -> NumberRange {
        NumberRange(lo: lo.flatMap { a in o.lo.map { min(a, $0) } }, hi: hi.flatMap { a in o.hi.map { max(a, $0) } })
    }

    static func + (a: NumberRange, b: NumberRange) -> NumberRange {
        NumberRange(lo: a.lo.flatMap { x in b.lo.flatMap { x.adding($0) } }, hi: a.hi.flatMap { x in b.hi.flatMap { x.adding($0) } })
    }

    static prefix func - (a: NumberRange) -> NumberRange {
        NumberRange(lo: a.hi.flatMap(\.negated), hi: a.lo.flatMap(\.negated))
    }

    static func * (a: NumberRange, b: NumberRange) -> NumberRange {
        guard let al = a.lo, let ah = a.hi, let bl = b.lo, let bh = b.hi else {
            // An unbounded side stays unbounded unless the other is exactly 0.
            let zero = NumberRange(lo: .zero, hi: .zero)
            return a == zero || b == zero ? zero : .unbounded
        }
        let products = [al.multiplied(by: bl), al.multiplied(by: bh), ah.multiplied(by: bl), ah.multiplied(by: bh)]
        let known = products.compactMap { $0 }
        guard known.count == 4 else { return .unbounded }
        return NumberRange(lo: known.min(), hi: known.max())
    }

    /// Divided by a range: only a divisor that stays above zero keeps the bounds.
    static func / (a: NumberRange, b: NumberRange) -> NumberRange {
        guard let bl = b.lo, bl > .zero, let bh = b.hi,
              let lo = Fraction.one.divided(by: bh), let hi = Fraction.one.divided(by: bl) else { return .unbounded }
        return a * NumberRange(lo: lo, hi: hi)
    }

    /// `60%`, `-20% to 120%`, `any value from 0%`: for messages.
    var description: String {
        func p(_ f: Fraction) -> String { f.multiplied(by: Fraction(100)).map { "\($0)%" } ?? "\(f)" }
        switch (lo, hi) {
        case let (l?, h?): return l == h ? p(l) : "\(p(l)) to \(p(h))"
        case let (l?, nil): return "any value from \(p(l))"
        case let (nil, h?): return "any value up to \(p(h))"
        case (nil, nil): return "any value"
        }
    }
}

extension Compilation {
    /// The range of a number expression over every row. Derived values are followed a few
    /// levels deep; anything the analysis does not know (a table's output, a function) is
    /// unbounded, so a warning can be a false alarm but a silence is never wrong.
    func numberRange(_ s: Syntax, depth: Int = 0) -> NumberRange {
        switch s {
        case .literal(.integer(let i), _): return NumberRange(lo: Fraction(i), hi: Fraction(i))
        case .literal(.decimal(let f), _): return NumberRange(lo: f, hi: f)
        case .name(let n, _):
            if let f = policy.fields.first(where: { $0.name == n }), f.kind == .integer || f.kind == .decimal {
                return NumberRange(lo: f.minimum?.value, hi: f.maximum?.value)
            }
            if depth < 8, let d = policy.derived.first(where: { $0.name == n }), let syntax = syntax(d.expression) {
                return numberRange(syntax, depth: depth + 1)
            }
            return .unbounded
        case .unary("-", let a, _): return -numberRange(a, depth: depth)
        case .binary(let op, let a, let b, _):
            let (x, y) = (numberRange(a, depth: depth), numberRange(b, depth: depth))
            switch op {
            case "+": return x + y
            case "-": return x + -y
            case "*": return x * y
            case "/": return x / y
            case "??": return x.union(y)
            default: return .unbounded
            }
        case .conditional(_, let a, let b, _): return numberRange(a, depth: depth).union(numberRange(b, depth: depth))
        case .call(let f, let args, _) where (f == "min" || f == "max") && !args.isEmpty:
            // Taken end by end: min's low end is the least low end (unbounded if any is), its
            // high end the least known high end; max the other way round.
            let rs = args.map { numberRange($0, depth: depth) }
            let los = rs.map(\.lo), his = rs.map(\.hi)
            if f == "min" {
                return NumberRange(lo: los.contains(nil) ? nil : los.compactMap { $0 }.min(), hi: his.compactMap { $0 }.min())
            }
            return NumberRange(lo: los.compactMap { $0 }.max(), hi: his.contains(nil) ? nil : his.compactMap { $0 }.max())
        default: return .unbounded
        }
    }
}
