import ArgumentParser
import Foundation
import Rulebook

extension FailOn: ExpressibleByArgument {}
extension CheckFormat: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate and report each violation (lines, JUnit, SARIF or GitHub annotations); exit 0 compliant, 1 violations, 2 bad policy or input."
    )

    @OptionGroup var inputs: EvaluationOptions

    @Option(parsing: .upToNextOption,
            help: "What counts: breaches, overdue, escalations, penalties, ratios, penalties-over=AMOUNT. Default: all but the last.")
    var failOn: [FailOn] = []

    @Option(help: "text (one line per violation; also 'lines'), junit (JUnit XML), sarif (SARIF 2.1.0) or github (workflow annotations).")
    var format: CheckFormat = .text

    func run() throws {
        try reportingFailures {
            let gate = CheckGate(failOn)
            let result = try inputs.evaluate(renderer: format.findingRenderer(gate))
            let out = ByteOutput(fd: STDOUT_FILENO)
            let hits = try format.write(result.report, policy: result.policy, gate: gate, to: out)
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
