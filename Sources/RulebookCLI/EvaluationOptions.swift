import ArgumentParser
import Foundation
import Rulebook

extension ReportFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}

/// `--lang`, and `RULEBOOK_LANG` under it: the language of what a command prints for people.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"),
            help: ArgumentHelp("zh or en: the language of the report (headings, statuses, units, dates; machine formats keep English keys). Default: $RULEBOOK_LANG, else the policy's 'language:', else its titles' language.",
                               valueName: "zh|en"))
    var lang: ReportLanguage?

    /// The language for `policy`; a `RULEBOOK_LANG` that names none is a usage error.
    func choose(_ policy: CompiledPolicy) throws -> ReportLanguage {
        do {
            return try ReportLanguage.choose(flag: lang, environment: ProcessInfo.processInfo.environment["RULEBOOK_LANG"], policy: policy)
        } catch let e as UnknownLanguage {
            throw ValidationError(e.description)
        }
    }
}
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

    func validate() throws {
        try requirePath(cases, "--cases")
        try requirePath(roster, "--roster")
    }

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
            limits = RecordLimits(maxRecordBytes: n)
        }
        let people = try roster.map { try RosterReader.load(path: $0, encoding: try encodingNamed(rosterEncoding), limits: limits) }
        var run = EvaluationRun(casesPath: cases, format: casesFormat, encoding: try encodingNamed(encoding), roster: people,
                                asOf: try asOf.map { try parseAsOf($0, zone: zone) }, collectRejects: collectRejects)
        run.limits = limits
        RunTuning().apply(to: &run)
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

    func validate() throws {
        try requirePath(rules, "--rules")
        try requirePath(rejects, "--rejects")
    }

    /// The compiled policy and the run these options describe. Refuses (a usage error) an
    /// output among `outputs` or `--rejects` that is the same file as an input or as another
    /// output.
    func prepare(outputs: [PathOption] = [], inputs extraInputs: [PathOption] = []) throws -> (CompiledPolicy, EvaluationRun) {
        let outputs = outputs + (rejects.map { [PathOption("--rejects", $0)] } ?? [])
        let inputFiles = [PathOption("--rules", rules), PathOption("--cases", inputs.cases)]
            + (inputs.roster.map { [PathOption("--roster", $0)] } ?? []) + extraInputs
        try SameFileCheck.check(inputs: inputFiles, outputs: outputs)
        let policy = try PolicyCompiler.compile(path: rules)
        if let calendar = policy.calendarPath {
            try SameFileCheck.check(inputs: [PathOption("the policy's calendar", calendar)], outputs: outputs)
        }
        return (policy, try inputs.run(zone: policy.zone, collectRejects: rejects != nil))
    }

    /// Runs the evaluation (bad input throws `DiagnosticError`). `retention`: the findings kept
    /// (all are counted). `renderer`: keep findings as
    /// this report text, rendered on the evaluating threads. With `--rejects`, the rejected
    /// rows are written to a pending file, put in place by the caller's `commit()` once the
    /// rest of the output is written; when rows were read but none evaluated, the rejects are
    /// put in place and the run fails (`EvaluationGate`).
    /// `gate`: apply `EvaluationGate.check` (a report); `check` judges rejected rows itself.
    /// `fingerprint`: take the input's fingerprint (a report that prints none need not).
    /// `language`: the report's, chosen once the policy is read; `renderer` is made in it.
    /// `configure`: what a command sets on the run besides (`eval`'s ledger state).
    func evaluate(language: LanguageOption, renderer: (ReportLanguage) -> FindingRenderer? = { _ in nil },
                  retention: FindingRetention = .all, fingerprint: Bool = true,
                  outputs: [PathOption] = [], inputs extraInputs: [PathOption] = [], gate: Bool = true,
                  configure: (inout EvaluationRun) throws -> Void = { _ in }) throws -> Evaluated {
        var (policy, run) = try prepare(outputs: outputs, inputs: extraInputs)
        try configure(&run)
        let chosen = try language.choose(policy)
        run.renderer = renderer(chosen)
        run.retention = retention
        run.fingerprintsInput = fingerprint
        let line = RunTuning().progressLine()
        if let line { run.progress = { line.update(rows: $0) } }
        let report: EvaluationReport
        do {
            defer { line?.finish() }
            report = try run.run(policy)
        }
        guard let rejects else { return Evaluated(report: report, policy: policy, language: chosen, rejects: nil, note: nil) }
        let file = try OutputFile(path: rejects)
        file.output.write(CSVReport.rejects(report.rejections))
        guard gate else { return Evaluated(report: report, policy: policy, language: chosen, rejects: file, note: nil) }
        let note: String?
        do {
            note = try EvaluationGate.check(report, rejectsPath: rejects)
        } catch {
            try file.commit()
            throw error
        }
        return Evaluated(report: report, policy: policy, language: chosen, rejects: file, note: note)
    }
}

/// An evaluation and its pending rejects file.
struct Evaluated {
    var report: EvaluationReport
    /// The policy evaluated.
    var policy: CompiledPolicy
    /// The language the report is written in.
    var language: ReportLanguage
    /// Put in place with `commit()` after the other outputs.
    var rejects: OutputFile?
    /// `note: 2 of 5 rows set aside in …` when rows were rejected.
    var note: String?
}

/// `--as-of`, read in the policy's zone when it has no offset.
func parseAsOf(_ text: String, zone: Zone) throws -> Timestamp {
    guard let t = TimestampParser.timestamp(Array(text.utf8)[...], zone: zone) else {
        throw ValidationError("cannot read --as-of '\(text)' as a timestamp; write e.g. 2026-11-30T18:00+08:00")
    }
    // The ledger runs to the as-of month: a year 9999 would print 95 centuries of months.
    guard t.isSupported else {
        throw ValidationError("--as-of '\(text)' is outside the years \(Timestamp.supportedYearsText) a policy handles")
    }
    return t
}
