import ArgumentParser
import Foundation
import Rulebook

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partial results of an export's slices (eval --partial) into the report of one run over all of it.",
        discussion: """
            The parts may be any split of the export's rows, in any order: the report is the same bytes as \
            `rulebook eval` over the whole export. Give the policy the parts were evaluated with, and the roster \
            (the ledger and the group rules read it here). See docs/scale.md.
            """
    )

    @Argument(help: "The partial results (files written by eval --partial).")
    var parts: [String]

    @Option(help: "The policy file the parts were evaluated with.")
    var rules: String

    @Option(help: "The roster: person, department, manager, base points, monthly bonus (CSV or JSON Lines).")
    var roster: String?

    @Option(help: "The roster's text encoding when it is not UTF-8: gb18030 or gbk.")
    var rosterEncoding: String?

    @Option(help: "The input the report names (default: the parts' inputs, sorted, joined by ' + ').")
    var inputName: String?

    @Option(help: "table, json, jsonl, csv (findings), ledger-csv or html. Default: what -o's extension says, else table on a terminal and jsonl otherwise.")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @OptionGroup var ledger: LedgerStateOptions

    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp("The table lists at most N rows per list, the worst first. Default: 50 on a terminal, every row otherwise.", valueName: "N"))
    var limit: Int?

    @Flag(help: "The table lists every row, in case order.")
    var all = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one partial result") }
        for p in parts { try requirePath(p, "a part") }
        try requirePath(rules, "--rules")
        try requirePath(roster, "--roster")
        try requirePath(output, "-o/--output")
        try ledger.validate()
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (--all lists every row)") }
        if limit != nil && all { throw ValidationError("--limit and --all contradict each other: give one") }
        do {
            _ = try ReportFormat.chosen(given: format, output: output, terminal: false)
        } catch let e as FormatChoiceError {
            throw ValidationError(e.message)
        }
    }

    func run() throws {
        try reportingFailures {
            let terminal = output == nil && isatty(STDOUT_FILENO) != 0
            let chosen = try ReportFormat.chosen(given: format, output: output, terminal: terminal)
            let rows = TableLimit.rows(limit: limit, all: all, terminal: terminal)
            let outputs = (output.map { [PathOption("-o", $0)] } ?? []) + ledger.outputs
            let inputs = [PathOption("--rules", rules)] + parts.map { PathOption("a part", $0) }
                + (roster.map { [PathOption("--roster", $0)] } ?? []) + ledger.inputs
            try SameFileCheck.check(inputs: inputs, outputs: outputs)
            let policy = try PolicyCompiler.compile(path: rules)
            let lang = try language.choose(policy)
            var encoding: InputEncoding?
            if let rosterEncoding {
                guard let e = InputEncoding(name: rosterEncoding) else {
                    throw ValidationError("unknown encoding '\(rosterEncoding)'; use utf-8, gb18030 or gbk")
                }
                encoding = e
            }
            var run = EvaluationRun(casesPath: inputName ?? "", roster: try roster.map { try RosterReader.load(path: $0, encoding: encoding) })
            RunTuning().apply(to: &run)
            try ledger.configure(&run)
            let report = try run.merge(policy, parts: parts)
            let closing = try ledger.closing(report)
            if let output {
                let file = try OutputFile(path: output)
                try chosen.write(report, to: file.output, language: lang, limit: rows)
                try file.output.finish()
                try closing?.commit()
                try file.commit()
            } else {
                let out = ByteOutput(fd: STDOUT_FILENO)
                try chosen.write(report, to: out, language: lang, limit: rows)
                try out.finish()
                try closing?.commit()
            }
        }
    }
}
