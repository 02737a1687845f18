import ArgumentParser
import Foundation
import Rulebook

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a policy edit changes on real data; exit 0 when no outcome changes, 1 when some do."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: "The policy before the edit.")
    var rules: String

    @Option(help: "The policy after the edit.")
    var against: String

    @OptionGroup var inputs: CaseInputs

    @Option(help: "text (default) or json.")
    var format: Format = .text

    func validate() throws {
        try requirePath(rules, "--rules")
        try requirePath(against, "--against")
        // One run per policy: a stream cannot be read twice.
        if inputs.cases == "-" {
            throw ValidationError("diff reads the export once per policy; standard input can be read once: save it to a file")
        }
    }

    func run() throws {
        try reportingFailures {
            let old = try PolicyCompiler.compile(path: rules), new = try PolicyCompiler.compile(path: against)
            var run = try inputs.run(zone: new.zone, collectRejects: false)
            // One instant for both runs, even when none was given.
            if run.asOf == nil { run.asOf = Timestamp(seconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0) }
            let diff = OutcomeDiff.compare(old: try run.run(old), new: try run.run(new),
                                           structure: try StructuralDiff.compare(old: old, new: new))
            try writeStandardOutput(format == .json ? diff.json : diff.text)
            if !diff.isEmpty { throw ExitCode(ExitStatus.findings) }
        }
    }
}
