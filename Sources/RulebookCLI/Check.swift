import ArgumentParser
import Foundation
import Rulebook

extension CheckRule: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension RejectAllowance: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension CheckFormat: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate and report each violation (lines, JUnit, SARIF or GitHub annotations); exit 0 compliant, 1 violations, 2 bad policy or input."
    )

    @OptionGroup var inputs: EvaluationOptions

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("What counts: \(CheckRule.forms). Default: the first five.", valueName: "rule"))
    var failOn: [CheckRule] = []

    @Option(help: ArgumentHelp("With --rejects, how many rejected rows the verdict tolerates: a count (3) or a share of the rows read (2%). Default 0: rows set aside fail the check.",
                               valueName: "N|P%"))
    var maxRejects: RejectAllowance = .strict

    @Option(help: "text (one line per violation; also 'lines'), junit (JUnit XML), sarif (SARIF 2.1.0) or github (workflow annotations). Default: what -o's extension says (.sarif, .xml, .txt), else text.")
    var format: CheckFormat?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @OptionGroup var language: LanguageOption

    /// The format, from `--format` or `-o`'s extension (checked in `validate`).
    var chosen: CheckFormat { (try? FormatChoice.choose(given: format, output: output, fallback: .text)) ?? .text }

    func validate() throws {
        try requirePath(output, "-o/--output")
        do { _ = try FormatChoice.choose(given: format, output: output, fallback: CheckFormat.text) } catch let e as FormatChoiceError {
            throw ValidationError(e.message)
        }
        if maxRejects != .strict && inputs.rejects == nil {
            throw ValidationError("--max-rejects applies with --rejects (without it a bad row stops the run)")
        }
    }

    func run() throws {
        try reportingFailures {
            let gate = CheckGate(failOn, rejects: inputs.rejects.map { ($0, maxRejects) })
            let format = chosen
            let result = try inputs.evaluate(language: language, retention: gate.retention,
                                             fingerprint: format.printsInputFingerprint,
                                             outputs: output.map { [PathOption("-o", $0)] } ?? [], gate: false)
            // Everything is written before anything is put in place, as `eval` does.
            let file = try output.map { try OutputFile(path: $0) }
            let out = file?.output ?? ByteOutput(fd: STDOUT_FILENO)
            let hits = try format.write(result.report, policy: result.policy, gate: gate, language: result.language, to: out)
            try out.finish()
            try result.rejects?.commit()
            try file?.commit()
            if !result.report.asOfGiven {
                StandardError.write("note: judged as of the current time \(result.report.asOf); pass --as-of for a repeatable result\n")
            }
            let verdict = gate.rejectVerdict(result.report)
            if let m = verdict.message { StandardError.write(m + "\n") }
            if hits > 0 || !verdict.stands { throw ExitCode(ExitStatus.findings) }
        }
    }
}
