import ArgumentParser
import Foundation
import Rulebook

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain one case's decision step by step: fields, derived values, tables, deadlines on the calendar, penalties, the ledger."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(name: .customLong("case"), help: "The case id.")
    var caseID: String

    @OptionGroup var inputs: EvaluationOptions

    @Option(help: "text (default) or json.")
    var format: Format = .text

    func run() throws {
        let explanation: CaseExplanation
        do {
            let (policy, run) = try inputs.prepare()
            explanation = try CaseExplanation.explain(caseID: caseID, policy: policy, run: run)
        } catch let e as DiagnosticError {
            report(e.diagnostics)
            throw Exit.badInput
        }
        let text = format == .json ? explanation.json : explanation.text
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
