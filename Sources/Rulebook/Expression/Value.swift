/// A runtime value. `null` stands for an unset field or an undefined result (division by
/// zero); it propagates through arithmetic and comparisons, and a rule whose condition is
/// null does not apply.
enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(Fraction)
    case money(Money)
    case string(String)
    case timestamp(Timestamp)
    case date(CivilDate)
    case span(TimeSpan)
    case enumValue(String)
    case person(String)
    case department(String)
    case list([Value])

    var isNull: Bool { if case .null = self { return true } else { return false } }
    /// A condition that holds (null and false do not): tested without making a `Value` to
    /// compare with.
    var isTrue: Bool { if case .bool(true) = self { return true } else { return false } }

    /// Exact number, for integers and decimals.
    var fraction: Fraction? {
        switch self {
        case .integer(let i): return Fraction(i)
        case .decimal(let f): return f
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .decimal(let f): return f.description
        case .money(let m): return "\(m) CNY"
        case .string(let s), .enumValue(let s), .person(let s), .department(let s): return s
        case .timestamp(let t): return t.description
        case .date(let d): return d.description
        case .span(let s): return s.description
        case .list(let xs): return "[" + xs.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

extension Value {
    /// The text of a string, or the name of an enum value; nil for anything else.
    var nameText: String? {
        switch self {
        case .string(let s), .enumValue(let s): return s
        default: return nil
        }
    }
}
