import ArgumentParser
import Foundation
import Rulebook

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a case export: findings per case, the penalty ledger with its cap, escalations."
    )

    @OptionGroup var inputs: EvaluationOptions

    @Option(help: "table, json, jsonl, csv (findings), ledger-csv or html (one self-contained page with charts). Default: what -o's extension says (.json, .jsonl, .csv, .txt, .html), else table on a terminal and jsonl otherwise.")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        try requirePath(output, "-o/--output")
        do {
            _ = try ReportFormat.chosen(given: format, output: output, terminal: false)
        } catch let e as FormatChoiceError {
            throw ValidationError(e.message)
        }
    }

    func run() throws {
        try reportingFailures {
            let chosen = try ReportFormat.chosen(given: format, output: output, terminal: isatty(STDOUT_FILENO) != 0)
            let result = try inputs.evaluate(renderer: chosen.findingRenderer, retention: chosen.retention, outputs: output.map { [PathOption("-o", $0)] } ?? [])
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
