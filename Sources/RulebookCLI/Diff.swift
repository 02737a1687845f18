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

    @Option(help: "The case export both are evaluated on.")
    var cases: String

    @Option(help: "The roster, when the policies need one.")
    var roster: String?

    @Option(help: "The instant open steps are judged at; default now.")
    var asOf: String?

    @Option(help: "text (default) or json.")
    var format: Format = .text

    func run() throws {
        let diff: OutcomeDiff
        do {
            let old = try PolicyCompiler.compile(path: rules), new = try PolicyCompiler.compile(path: against)
            let asOfValue = try asOf.map { try parseAsOf($0, zone: new.zone) }
            let people = try roster.map { try RosterReader.load(path: $0) }
            // One instant for both runs, even when none was given.
            let instant = asOfValue ?? Timestamp(seconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0)
            let run = EvaluationRun(casesPath: cases, roster: people, asOf: instant)
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
