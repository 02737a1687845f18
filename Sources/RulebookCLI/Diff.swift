import ArgumentParser
import Foundation
import Rulebook

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() throws {
        let diff: OutcomeDiff
        do {
            let old = try PolicyCompiler.compile(path: rules), new = try PolicyCompiler.compile(path: against)
            var run = try inputs.run(zone: new.zone, collectRejects: false)
            // One instant for both runs, even when none was given.
            if run.asOf == nil { run.asOf = Timestamp(seconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0) }
            diff = OutcomeDiff.compare(old: try run.run(old), new: try run.run(new),
                                       structure: try StructuralDiff.compare(old: rules, new: against))
        } catch let e as DiagnosticError {
            report(e.diagnostics)
            throw Exit.badInput
        }
        FileHandle.standardOutput.write(Data((format == .json ? diff.json : diff.text).utf8))
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
