import ArgumentParser
import Foundation
import Rulebook

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
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

    @OptionGroup var report: ReportOutputOptions

    @OptionGroup var ledger: LedgerStateOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one partial result") }
        for p in parts { try requirePath(p, "a part") }
        try requirePath(rules, "--rules")
        try requirePath(roster, "--roster")
    }

    func run() throws {
        try reportingFailures {
            let chosen = try report.chosen()
            let outputs = report.outputs + ledger.outputs
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
            let merged = try run.merge(policy, parts: parts)
            let closing = try ledger.closing(merged)
            try report.write(merged, as: chosen, language: lang, pending: [closing])
        }
    }
}
