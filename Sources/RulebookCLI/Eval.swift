import ArgumentParser
import Foundation
import Rulebook

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a case export: findings per case, the penalty ledger with its cap, escalations."
    )

    @OptionGroup var inputs: EvaluationOptions

    @Option(help: "table (default on a terminal), json, jsonl (default otherwise), csv (findings) or ledger-csv.")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let result = try inputs.evaluate()
        let chosen = format ?? (output == nil && isatty(STDOUT_FILENO) != 0 ? .table : .jsonl)
        let text = chosen.render(result)
        if let output {
            do {
                try AtomicFile.write(text, to: output)
            } catch let e as DiagnosticError {
                report(e.diagnostics)
                throw Exit.badInput
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
