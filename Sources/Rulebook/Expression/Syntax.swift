/// The parsed, untyped form of an expression. `offset`/`length` locate each node in the
/// expression text for diagnostics.
indirect enum Syntax {
    case literal(Literal, Range<Int>)
    case name(String, Range<Int>)
    case member(Syntax, String, Range<Int>)
    case call(String, [Syntax], Range<Int>)
    case unary(String, Syntax, Range<Int>)
    case binary(String, Syntax, Syntax, Range<Int>)
    case isNull(Syntax, negated: Bool, Range<Int>)
    case list([Syntax], Range<Int>)
    case conditional(Syntax, Syntax, Syntax, Range<Int>)

    enum Literal {
        case null, bool(Bool), integer(Int64), decimal(Fraction), string(String), money(Money), span(TimeSpan)
    }

    var range: Range<Int> {
        switch self {
        case .literal(_, let r), .name(_, let r), .member(_, _, let r), .call(_, _, let r),
             .unary(_, _, let r), .binary(_, _, _, let r), .isNull(_, _, let r), .list(_, let r),
             .conditional(_, _, _, let r):
            return r
        }
    }

    /// Every bare name the expression reads, for the rule graph.
    var names: [(String, Range<Int>)] {
        switch self {
        case .literal: return []
        case .name(let n, let r): return [(n, r)]
        case .member(let b, _, _): return b.names
        case .call(_, let args, _): return args.flatMap(\.names)
        case .unary(_, let a, _), .isNull(let a, _, _): return a.names
        case .binary(_, let a, let b, _): return a.names + b.names
        case .list(let xs, _): return xs.flatMap(\.names)
        case .conditional(let a, let b, let c, _): return a.names + b.names + c.names
        }
    }
}
