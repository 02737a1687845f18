import ArgumentParser
import Foundation
import Rulebook

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one case's decision step by step: fields, derived values, tables, deadlines on the calendar, penalties, the ledger."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(name: .customLong("case"), help: "The case id.")
    var caseID: String

    @OptionGroup var inputs: EvaluationOptions

    @Option(help: "text (default) or json.")
    var format: Format = .text

    @OptionGroup var language: LanguageOption

    func validate() throws {
        // The export is read twice (the whole run, then the case): a stream cannot be.
        if inputs.inputs.cases == "-" {
            throw ValidationError("explain reads the export twice; standard input can be read once: save it to a file")
        }
    }

    func run() throws {
        try reportingFailures {
            let (policy, run) = try inputs.prepare()
            let explanation = try CaseExplanation.explain(caseID: caseID, policy: policy, run: run,
                                                          chinese: try language.choose(policy) == .zh)
            try writeStandardOutput(format == .json ? explanation.json : explanation.text)
        }
    }
}
