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

    @OptionGroup var ledger: LedgerStateOptions

    @Option(help: "Evaluate the export as one slice of a larger one and write the partial result to this file, for `rulebook merge` (no report; see docs/scale.md).")
    var partial: String?

    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp("The table lists at most N rows per list, the worst first, and says how many more there are. Default: 50 when the table goes to a terminal, every row (in case order) otherwise.",
                               valueName: "N"))
    var limit: Int?

    @Flag(help: "The table lists every row, in case order (the default when it does not go to a terminal).")
    var all = false

    func validate() throws {
        try requirePath(output, "-o/--output")
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (--all lists every row)") }
        if limit != nil && all { throw ValidationError("--limit and --all contradict each other: give one") }
        try requirePath(partial, "--partial")
        try ledger.validate()
        if partial != nil {
            for (given, name) in [(format != nil, "--format"), (output != nil, "-o/--output"), (ledger.openingPath != nil, "--opening"),
                                  (ledger.closingPath != nil, "--closing")] where given {
                throw ValidationError("--partial writes no report: \(name) belongs to `rulebook merge`")
            }
        }
        do {
            _ = try ReportFormat.chosen(given: format, output: output, terminal: false)
        } catch let e as FormatChoiceError {
            throw ValidationError(e.message)
        }
    }

    func run() throws {
        try reportingFailures {
            if let partial { return try writePartial(to: partial) }
            let terminal = output == nil && isatty(STDOUT_FILENO) != 0
            let chosen = try ReportFormat.chosen(given: format, output: output, terminal: terminal)
            let rows = TableLimit.rows(limit: limit, all: all, terminal: terminal)
            let result = try inputs.evaluate(language: language, renderer: chosen.findingRenderer, retention: chosen.retention,
                                             outputs: (output.map { [PathOption("-o", $0)] } ?? []) + ledger.outputs,
                                             inputs: ledger.inputs, configure: ledger.configure)
            // Everything is written before anything is put in place: a failure leaves no file changed.
            let closing = try ledger.closing(result.report)
            if let output {
                let file = try OutputFile(path: output)
                try chosen.write(result.report, to: file.output, language: result.language, limit: rows)
                try file.output.finish()
                try result.rejects?.commit()
                try closing?.commit()
                try file.commit()
            } else {
                let out = ByteOutput(fd: STDOUT_FILENO)
                try chosen.write(result.report, to: out, language: result.language, limit: rows)
                try out.finish()
                try result.rejects?.commit()
                try closing?.commit()
            }
        }
    }

    /// `--partial`: the slice's state, put in place (with the rejects) once all is written.
    func writePartial(to path: String) throws {
        let (policy, run) = try inputs.prepare(outputs: [PathOption("--partial", path)])
        let file = try OutputFile(path: path)
        let counts = try run.writePartial(policy, to: file.output)
        try file.output.finish()
        if let rejects = inputs.rejects {
            let pending = try OutputFile(path: rejects)
            pending.output.write(CSVReport.rejects(counts.rejections))
            try pending.output.finish()
            try pending.commit()
        }
        try file.commit()
        if !counts.rejections.isEmpty {
            StandardError.write("note: \(counts.rejections.count) of \(counts.read) rows set aside in \(inputs.rejects ?? "")\n")
        }
    }
}
