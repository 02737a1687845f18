import ArgumentParser
import Foundation
import Rulebook

/// Where and how `eval` and `merge` write their report: the format, the file, the table's bound.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "table, json, jsonl, csv (findings), ledger-csv or html (one self-contained page with charts). Default: what -o's extension says (.json, .jsonl, .csv, .txt, .html), else table on a terminal and jsonl otherwise.")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("The table lists at most N rows per list, the worst first, and says how many more there are. Default: 50 when the table goes to a terminal, every row (in case order) otherwise.",
                               valueName: "N"))
    var limit: Int?

    @Flag(help: "The table lists every row, in case order (the default when it does not go to a terminal).")
    var all = false

    func validate() throws {
        try requirePath(output, "-o/--output")
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (--all lists every row)") }
        if limit != nil && all { throw ValidationError("--limit and --all contradict each other: give one") }
        do {
            _ = try ReportFormat.chosen(given: format, output: output, terminal: false)
        } catch let e as FormatChoiceError {
            throw ValidationError(e.message)
        }
    }

    var outputs: [PathOption] { output.map { [PathOption("-o", $0)] } ?? [] }
    private var terminal: Bool { output == nil && isatty(STDOUT_FILENO) != 0 }

    /// The format the options and the output choose.
    func chosen() throws -> ReportFormat { try ReportFormat.chosen(given: format, output: output, terminal: terminal) }

    /// Writes `report`, then puts the `pending` files in place (rejects, a closing state), then
    /// the report itself: everything is written before anything is put in place, so a failure
    /// leaves no file changed.
    func write(_ report: EvaluationReport, as chosen: ReportFormat, language: ReportLanguage, pending: [OutputFile?]) throws {
        let rows = TableLimit.rows(limit: limit, all: all, terminal: terminal)
        if let output {
            let file = try OutputFile(path: output)
            try chosen.write(report, to: file.output, language: language, limit: rows, lastRead: true)
            try file.output.finish()
            for p in pending { try p?.commit() }
            try file.commit()
        } else {
            let out = ByteOutput(fd: STDOUT_FILENO)
            try chosen.write(report, to: out, language: language, limit: rows, lastRead: true)
            try out.finish()
            for p in pending { try p?.commit() }
        }
    }
}
