import ArgumentParser
import Foundation
import Rulebook

extension ReportFormat: ExpressibleByArgument {}
extension RecordFormat: ExpressibleByArgument {}

/// The case data a run reads: shared by `eval`, `check`, `explain` and `diff`.
struct CaseInputs: ParsableArguments {
    @Option(help: "The case export: CSV, JSON Lines (.jsonl) or a JSON array (.json).")
    var cases: String

    @Option(help: "The export's format when its extension does not say: csv, jsonl or json.")
    var casesFormat: RecordFormat?

    @Option(help: "The export's text encoding: utf-8 (default), gb18030 or gbk.")
    var encoding: String?

    @Option(help: "The roster: person, department, manager, base points, monthly bonus (CSV or JSON Lines).")
    var roster: String?

    @Option(help: "The roster's text encoding when it is not UTF-8: gb18030 or gbk.")
    var rosterEncoding: String?

    @Option(help: "The longest record (row or line) read from the export or the roster, e.g. 16M (default), 64K, 1G; a JSON array file may be up to 64 times this.")
    var maxRecordBytes: String?

    @Option(help: "The instant open steps are judged at, e.g. 2026-11-30T18:00+08:00. Default: now (the report says so).")
    var asOf: String?

    /// The run these options describe, timestamps without an offset read in `zone`. Throws
    /// `DiagnosticError` for a bad roster, `ValidationError` for a bad option.
    func run(zone: Zone, collectRejects: Bool) throws -> EvaluationRun {
        func encodingNamed(_ e: String?) throws -> InputEncoding? {
            guard let e else { return nil }
            guard let v = InputEncoding(name: e) else {
                throw ValidationError("unknown encoding '\(e)'; use utf-8, gb18030 or gbk")
            }
            return v
        }
        var limits = RecordLimits.default
        if let maxRecordBytes {
            guard let n = RecordLimits.bytes(parsing: maxRecordBytes) else {
                throw ValidationError("cannot read --max-record-bytes '\(maxRecordBytes)'; write e.g. 16M, 64K or 1048576")
            }
            limits = RecordLimits(maxRecordBytes: n, maxJSONArrayBytes: n.multipliedReportingOverflow(by: 64).overflow ? .max : n * 64)
        }
        let people = try roster.map { try RosterReader.load(path: $0, encoding: try encodingNamed(rosterEncoding), limits: limits) }
        var run = EvaluationRun(casesPath: cases, format: casesFormat, encoding: try encodingNamed(encoding), roster: people,
                                asOf: try asOf.map { try parseAsOf($0, zone: zone) }, collectRejects: collectRejects)
        run.limits = limits
        return run
    }
}

/// The inputs `eval`, `check` and `explain` share: one policy and its case data.
struct EvaluationOptions: ParsableArguments {
    @Option(help: "The policy file.")
    var rules: String

    @OptionGroup var inputs: CaseInputs

    @Option(help: "Set bad rows aside in this CSV file with their reasons and go on.")
    var rejects: String?

    /// The compiled policy and the run these options describe.
    func prepare() throws -> (CompiledPolicy, EvaluationRun) {
        let policy = try PolicyCompiler.compile(path: rules)
        return (policy, try inputs.run(zone: policy.zone, collectRejects: rejects != nil))
    }

    /// Runs the evaluation; bad input becomes diagnostics on stderr and exit code 2.
    /// `renderer`: keep findings as this report text, rendered on the evaluating threads.
    func evaluate(renderer: FindingRenderer? = nil) throws -> EvaluationReport {
        do {
            var (policy, run) = try prepare()
            run.renderer = renderer
            let report = try run.run(policy)
            if let rejects {
                try AtomicFile.write(CSVReport.rejects(report.rejections), to: rejects)
            }
            return report
        } catch let e as DiagnosticError {
            report(e.diagnostics)
            throw Exit.badInput
        }
    }
}

/// `--as-of`, read in the policy's zone when it has no offset.
func parseAsOf(_ text: String, zone: Zone) throws -> Timestamp {
    guard let t = TimestampParser.timestamp(Array(text.utf8)[...], zone: zone) else {
        throw ValidationError("cannot read --as-of '\(text)' as a timestamp; write e.g. 2026-11-30T18:00+08:00")
    }
    return t
}

/// Writes a file whole or not at all: a temporary file beside it, then a rename.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { $0.write(text) }
    }

    /// Streams the file's content through `body` into the temporary file, then renames it.
    static func write(to path: String, _ body: (ByteOutput) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            let out = try ByteOutput(path: temp.path)
            try body(out)
            try out.finish()
            // rename(2) replaces the target atomically: readers see the old file or the new one.
            guard rename(temp.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw DiagnosticError(.error("cannot write the file: \(error.localizedDescription)", at: SourceLocation(file: path, line: 1, column: 1)))
        }
    }
}

