import ArgumentParser
import Foundation
import Rulebook

extension CheckRule: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension RejectAllowance: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate and print one line per violation; exit 0 compliant, 1 violations, 2 bad policy or input."
    )

    @OptionGroup var inputs: EvaluationOptions

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("What counts: \(CheckRule.forms). Default: the first five.", valueName: "rule"))
    var failOn: [CheckRule] = []

    @Option(help: ArgumentHelp("With --rejects, how many rejected rows the verdict tolerates: a count (3) or a share of the rows read (2%). Default 0: rows set aside fail the check.",
                               valueName: "N|P%"))
    var maxRejects: RejectAllowance = .strict

    func validate() throws {
        if maxRejects != .strict && inputs.rejects == nil {
            throw ValidationError("--max-rejects applies with --rejects (without it a bad row stops the run)")
        }
    }

    func run() throws {
        try reportingFailures {
            let rules = failOn.isEmpty ? CheckRule.defaults : failOn
            // Lines are rendered on the evaluating threads; findings that do not count render
            // nothing and are left out.
            let result = try inputs.evaluate(renderer: FindingRenderer(name: "check") { f, out in
                guard rules.contains(where: { $0.matches(f) }) else { return }
                out.append(contentsOf: (CheckLine.render(f) + "\n").utf8)
            }, gate: false)
            let out = ByteOutput(fd: STDOUT_FILENO)
            var hits = 0
            try result.report.findingStore.forEachRendered { line in
                out.write(bytes: line)
                hits += 1
            }
            for rule in rules {
                for line in rule.ledgerLines(result.report) {
                    out.write(line + "\n")
                    hits += 1
                }
            }
            try out.finish()
            try result.rejects?.commit()
            if !result.report.asOfGiven {
                StandardError.write("note: judged as of the current time \(result.report.asOf); pass --as-of for a repeatable result\n")
            }
            var stands = true
            if let rejects = inputs.rejects {
                let verdict = EvaluationGate.verdict(result.report, rejectsPath: rejects, allowance: maxRejects)
                if let m = verdict.message { StandardError.write(m + "\n") }
                stands = verdict.stands
            }
            if hits > 0 || !stands { throw ExitCode(ExitStatus.findings) }
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
