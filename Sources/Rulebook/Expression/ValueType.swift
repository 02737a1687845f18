/// The static type of a field, derived value or expression.
indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    /// The type of the literal `null`: fits wherever a value is expected.
    case null
    case boolean, integer, decimal, money, string, timestamp, date
    case span(TimeSpan.Clock)
    case enumeration(EnumDomain)
    case person, department
    case list(ValueType)

    var description: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .money: return "money"
        case .string: return "string"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .span(.calendar): return "duration"
        case .span(.workingTime): return "working-time duration"
        case .span(.workingDays): return "working-days duration"
        case .span(.months): return "calendar-months duration"
        case .span(.halfWorkingDays): return "half-working-day duration"
        case .enumeration(let d): return "enum \(d.name)"
        case .person: return "person"
        case .department: return "department"
        case .list(let t): return "list of \(t)"
        }
    }

    var isNumeric: Bool { self == .integer || self == .decimal }
}

/// The values an enum field may take, e.g. severity: general, major.
struct EnumDomain: Hashable, Sendable {
    var name: String
    var values: [String]
    init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
