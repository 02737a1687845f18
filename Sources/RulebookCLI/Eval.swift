import ArgumentParser
import Foundation
import Rulebook

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a case export: findings per case, the penalty ledger with its cap, escalations."
    )

    @OptionGroup var inputs: EvaluationOptions

    @OptionGroup var report: ReportOutputOptions

    @OptionGroup var ledger: LedgerStateOptions

    @Option(help: "Evaluate the export as one slice of a larger one and write the partial result to this file, for `rulebook merge` (no report; see docs/scale.md).")
    var partial: String?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        try requirePath(partial, "--partial")
        if partial != nil {
            for (given, name) in [(report.format != nil, "--format"), (report.output != nil, "-o/--output"),
                                  (ledger.openingPath != nil, "--opening"), (ledger.closingPath != nil, "--closing")] where given {
                throw ValidationError("--partial writes no report: \(name) belongs to `rulebook merge`")
            }
        }
    }

    func run() throws {
        try reportingFailures {
            if let partial { return try writePartial(to: partial) }
            let chosen = try report.chosen()
            let result = try inputs.evaluate(language: language, renderer: chosen.findingRenderer, retention: chosen.retention,
                                             outputs: report.outputs + ledger.outputs, inputs: ledger.inputs, configure: ledger.configure)
            let closing = try ledger.closing(result.report)
            try report.write(result.report, as: chosen, language: result.language, pending: [result.rejects, closing])
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
