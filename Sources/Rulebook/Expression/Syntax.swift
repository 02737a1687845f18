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

    /// Every bare name the expression reads, for the rule graph. The condition after `where`
    /// reads the selected deadlines' own `id`, `clause` and `title`, no value of the case.
    var names: [(String, Range<Int>)] {
        switch self {
        case .literal: return []
        case .name(let n, let r): return [(n, r)]
        case .binary("where", let a, _, _): return a.names
        case .member(let b, _, _): return b.names
        case .call(_, let args, _): return args.flatMap(\.names)
        case .unary(_, let a, _), .isNull(let a, _, _): return a.names
        case .binary(_, let a, let b, _): return a.names + b.names
        case .list(let xs, _): return xs.flatMap(\.names)
        case .conditional(let a, let b, let c, _): return a.names + b.names + c.names
        }
    }

    /// Where the expression reads every deadline (`deadlines.late`), with the condition that
    /// selects them (`where clause == "8.2"`; nil: all): the rule graph links each selected
    /// deadline to the rule that reads them.
    var deadlineSelections: [Syntax?] {
        switch self {
        case .binary("where", .member(.name(Syntax.allDeadlines, _), _, _), let c, _): return [c]
        case .member(.name(Syntax.allDeadlines, _), _, _): return [nil]
        case .literal, .name: return []
        case .member(let b, _, _): return b.deadlineSelections
        case .call(_, let args, _): return args.flatMap(\.deadlineSelections)
        case .unary(_, let a, _), .isNull(let a, _, _): return a.deadlineSelections
        case .binary(_, let a, let b, _): return a.deadlineSelections + b.deadlineSelections
        case .list(let xs, _): return xs.flatMap(\.deadlineSelections)
        case .conditional(let a, let b, let c, _): return a.deadlineSelections + b.deadlineSelections + c.deadlineSelections
        }
    }

    /// The name that stands for every deadline of a case.
    static let allDeadlines = "deadlines"
}
