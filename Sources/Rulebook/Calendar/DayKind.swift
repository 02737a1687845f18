/// What a calendar day is for the business: the reason it is, or is not, a working day.
enum DayKind: Hashable, Sendable, CustomStringConvertible {
    /// A working day by the weekly pattern.
    case workday
    /// A day off by the weekly pattern (Saturday and Sunday in an office calendar).
    case weekend
    /// A named day off that overrides the weekly pattern (春节, 国庆节).
    case holiday(String)
    /// A named working day on a day the weekly pattern has off (调休 Saturday).
    case makeUpWorkday(String)

    /// Whether the clock runs on this day.
    var isWorking: Bool {
        switch self {
        case .workday, .makeUpWorkday: return true
        case .weekend, .holiday: return false
        }
    }

    /// `工作日`, `周末`, `节假日 春节`, `调休工作日 春节调休`.
    var zhDescription: String {
        switch self {
        case .workday: return "工作日"
        case .weekend: return "周末"
        case .holiday(let name): return "节假日 \(name)"
        case .makeUpWorkday(let name): return "调休工作日 \(name)"
        }
    }

    /// `working day`, `weekend`, `holiday 春节`, `make-up working day 春节调休`.
    var description: String {
        switch self {
        case .workday: return "working day"
        case .weekend: return "weekend"
        case .holiday(let name): return "holiday \(name)"
        case .makeUpWorkday(let name): return "make-up working day \(name)"
        }
    }
}
