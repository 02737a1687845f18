import ArgumentParser
import Foundation
import Rulebook

/// What `check` fails on.
enum FailOn: ExpressibleByArgument, Equatable {
    case breaches, overdue, escalations, penalties
    /// Ratios that could not be taken: the rules reading them decided nothing.
    case ratios
    case penaltiesOver(Money)

    init?(argument: String) {
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

    func matches(_ f: Finding) -> Bool {
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

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate and print one line per violation; exit 0 compliant, 1 violations, 2 bad policy or input."
    )

    @OptionGroup var inputs: EvaluationOptions

    @Option(parsing: .upToNextOption,
            help: "What counts: breaches, overdue, escalations, penalties, ratios, penalties-over=AMOUNT. Default: all but the last.")
    var failOn: [FailOn] = []

    func run() throws {
        try reportingFailures {
            let rules = failOn.isEmpty ? [.breaches, .overdue, .escalations, .penalties, .ratios] : failOn
            // Lines are rendered on the evaluating threads; findings that do not count render
            // nothing and are left out.
            let result = try inputs.evaluate(renderer: FindingRenderer(name: "check") { f, out in
                guard rules.contains(where: { $0.matches(f) }) else { return }
                out.append(contentsOf: (CheckLine.render(f) + "\n").utf8)
            })
            let out = ByteOutput(fd: STDOUT_FILENO)
            var hits = 0
            try result.report.findingStore.forEachRendered { line in
                out.write(bytes: line)
                hits += 1
            }
            try out.finish()
            try result.rejects?.commit()
            if !result.report.asOfGiven {
                StandardError.write("note: judged as of the current time \(result.report.asOf); pass --as-of for a repeatable result\n")
            }
            if let note = result.note { StandardError.write(note + "\n") }
            if hits > 0 { throw ExitCode(ExitStatus.findings) }
        }
    }
}

/// `case rule clause: message`, one line per violation.
enum CheckLine {
    static func render(_ f: Finding) -> String {
        let head = "\(f.subject) \(f.rule) \(f.clause ?? "-"):"
        switch f.kind {
        case .penalty:
            let what = f.amount.map { "\($0) CNY" } ?? f.sanction ?? "sanction"
            return "\(head) \(what) to \(f.party ?? "?") (\(f.month ?? ""))" + (f.amount != nil && f.sanction != nil ? ", \(f.sanction!)" : "")
                + (f.rowsLost.map { " [incomplete: \($0) row\($0 == 1 ? "" : "s") of the group rejected]" } ?? "")
        case .ratio:
            return "\(head) \(f.title ?? "ratio undefined")" + (f.note.map { ": \($0)" } ?? "")
        case .deadline, .escalation:
            var text = "\(head) \(f.status.rawValue)"
            if let late = f.lateBy { text += ", \(late) late" }
            if let due = f.due { text += " (due \(due))" }
            if let action = f.action { text += ": \(action)" }
            if let note = f.note { text += " (\(note))" }
            if let n = f.rowsLost { text += " [incomplete: \(n) row\(n == 1 ? "" : "s") of the group rejected]" }
            return text
        }
    }
}
