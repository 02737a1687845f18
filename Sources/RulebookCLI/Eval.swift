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
        let chosen = format ?? (output == nil && isatty(STDOUT_FILENO) != 0 ? .table : .jsonl)
        let result = try inputs.evaluate(renderer: chosen.findingRenderer)
        do {
            if let output {
                try AtomicFile.write(to: output) { try chosen.write(result, to: $0) }
            } else {
                let out = ByteOutput(fd: STDOUT_FILENO)
                try chosen.write(result, to: out)
                try out.finish()
            }
        } catch let e as DiagnosticError {
            report(e.diagnostics)
            throw Exit.badInput
        }
    }
}
