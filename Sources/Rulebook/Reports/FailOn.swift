/// One thing `check` fails on (`--fail-on`).
public enum FailOn: Equatable, Sendable {
    case breaches, overdue, escalations, penalties
    /// Ratios that could not be taken: the rules reading them decided nothing.
    case ratios
    case penaltiesOver(Money)

    /// What `check` fails on when `--fail-on` is not given: all but `penaltiesOver`.
    public static let defaults: [FailOn] = [.breaches, .overdue, .escalations, .penalties, .ratios]

    /// `breaches`, `overdue`, `escalations`, `penalties`, `ratios` (or the singular), or
    /// `penalties-over=AMOUNT`; nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "breaches", "breach": self = .breaches
        case "overdue": self = .overdue
        case "escalations", "escalation": self = .escalations
        case "penalties", "penalty": self = .penalties
        case "ratios", "ratio": self = .ratios
        default:
            guard argument.hasPrefix("penalties-over="), let m = Money(parsing: String(argument.dropFirst("penalties-over=".count))) else { return nil }
            self = .penaltiesOver(m)
        }
    }

    /// Whether `f` is a violation of this kind.
    public func matches(_ f: Finding) -> Bool {
        switch self {
        case .breaches: return f.kind == .deadline && f.status == .breached
        case .overdue: return f.kind == .deadline && f.status == .overdue
        case .escalations: return f.kind == .escalation && f.status != .met
        case .penalties: return f.kind == .penalty && f.isViolation
        case .ratios: return f.kind == .ratio
        case .penaltiesOver(let m): return f.kind == .penalty && f.isViolation && (f.amount ?? .zero) > m
        }
    }
}

/// The findings `check` reports and fails on: those any of its `FailOn`s match.
public struct CheckGate: Sendable {
    public let failOn: [FailOn]

    /// `failOn` empty: `FailOn.defaults`.
    public init(_ failOn: [FailOn] = []) { self.failOn = failOn.isEmpty ? FailOn.defaults : failOn }

    /// Whether `f` is a violation `check` reports.
    public func counts(_ f: Finding) -> Bool { failOn.contains { $0.matches(f) } }
}
