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

    func validate() throws { try requirePath(output, "-o/--output") }

    func run() throws {
        try reportingFailures {
            let chosen = format ?? (output == nil && isatty(STDOUT_FILENO) != 0 ? .table : .jsonl)
            let result = try inputs.evaluate(renderer: chosen.findingRenderer, outputs: output.map { [PathOption("-o", $0)] } ?? [])
            // Everything is written before anything is put in place: a failure leaves no file changed.
            if let output {
                let file = try OutputFile(path: output)
                try chosen.write(result.report, to: file.output)
                try file.output.finish()
                try result.rejects?.commit()
                try file.commit()
            } else {
                let out = ByteOutput(fd: STDOUT_FILENO)
                try chosen.write(result.report, to: out)
                try out.finish()
                try result.rejects?.commit()
            }
        }
    }
}
