/// A lexical token of the expression language, with its offset in the expression text
/// (in Unicode scalars) so diagnostics can point at it.
struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case integer(Int64)
        case decimal(Fraction)
        case string(String)
        case money(Money)
        case percent(Fraction)      // 50% → 1/2, 3‰ → 3/1000
        case span(TimeSpan)             // 2h, 13d, 8 working hours
        case op(String)             // + - * / == != < <= > >= ?? ( ) [ ] , .
        case keyword(String)        // and or not in is null true false if then else of
        case end
    }
    var kind: Kind
    var offset: Int
    var length: Int
}

extension Token.Kind: CustomStringConvertible {
    var description: String {
        switch self {
        case .identifier(let s): return "'\(s)'"
        case .integer(let v): return "'\(v)'"
        case .decimal(let v): return "'\(v)'"
        case .string(let s): return "\"\(s)\""
        case .money(let m): return "'\(m) CNY'"
        case .percent(let p): return "'\(p)'"
        case .span(let s): return "'\(s)'"
        case .op(let s), .keyword(let s): return "'\(s)'"
        case .end: return "the end of the expression"
        }
    }
}
