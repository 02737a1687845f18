import Foundation

/// One evaluation of an export against a compiled policy: what to read, and how to judge it.
///
/// Describe the run, then call ``run(_:)`` with a ``CompiledPolicy``. A run is a value: the
/// same description can run several policies, and one policy can be run from several threads.
public struct EvaluationRun: Sendable {
    /// The export to read: CSV, JSON Lines or a JSON array of objects.
    public var casesPath: String
    /// The export's layout; nil: the one its extension says (`.csv`, `.jsonl`, `.ndjson`,
    /// `.json`), else CSV.
    public var format: RecordFormat?
    /// The export's text encoding; nil: UTF-8 (a file that is not UTF-8 is then an error
    /// at its first bad byte).
    public var encoding: InputEncoding?
    /// The people the cases name: needed by a policy that caps fines by monthly bonus,
    /// apportions by base points or reads a person's department or manager. Load it with
    /// ``RosterReader/load(path:encoding:limits:)``.
    public var roster: Roster?
    /// The instant steps still open are judged at: a reply not yet sent is overdue only if
    /// its deadline is before it. Nil: the time the run starts (the report says so in
    /// ``EvaluationReport/asOfGiven``), which makes the report depend on when it ran.
    public var asOf: Timestamp?
    /// Set rows that cannot be read aside with their reasons (``EvaluationReport/rejections``)
    /// instead of failing at the first. The groups of cases they may belong to are then listed
    /// as incomplete (``EvaluationReport/incomplete``).
    public var collectRejects: Bool
    /// Bounds on one record of the export, so that a broken file fails at a located row
    /// instead of exhausting memory.
    public var limits = RecordLimits.default
    /// Findings held in memory before a sorted run goes to a temporary file (bounds memory;
    /// tests that must spill set it small).
    package var findingRunSize = 100_000
    /// Batches of rows the reading thread may have waiting for the evaluating threads before
    /// it evaluates one itself (tests set 1, so that it does often).
    package var handoffCapacity = 16
    /// Keep findings as this report text (see `FindingStore`); nil keeps them structured.
    package var renderer: FindingRenderer?
    /// Which findings the report keeps for ``EvaluationReport/forEachFinding(_:)``; every
    /// finding is counted either way. Keeping fewer makes a large run cheaper.
    public var retention = FindingRetention.all
    /// Threads that evaluate: with more than one, one of them reads and fingerprints the rows
    /// and hands them in batches to the others, which decode and evaluate them, and evaluates
    /// a batch itself whenever they are behind; 1 (or less): one thread does everything. The
    /// report is the same bytes either way.
    public var threads = ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1
    /// More evaluating threads than this are not started, whatever `threads` says (an
    /// evaluator and a thread each; beyond the cores they only cost memory).
    static let maxThreads = 64
    /// Where findings are spilled; nil: the system's temporary folder (`TMPDIR`).
    public var temporaryDirectory: String?
    /// Take the fingerprint of the rows read (`EvaluationReport.inputFingerprint`). A report
    /// that prints none (`check`'s text and GitHub formats) saves a tenth of the run; the
    /// report's fingerprint is then empty.
    public var fingerprintsInput = true
    /// The balances an earlier run closed a month with (``EvaluationReport/closingState()``):
    /// this run books no fine to that month or earlier, and starts each person's ledger from
    /// the balance carried out of it. Its as-of instant must fall after the closed month.
    public var opening: LedgerState?
    /// Open from a state closed under another policy or version of it (another fingerprint);
    /// without this such a state is refused. The report records it (``EvaluationReport/policyChanged``).
    public var allowPolicyChange = false
    /// Told the rows read so far, every `progressStride` rows, on the thread that reads them:
    /// for a progress line on a terminal (`ProgressLine`).
    public var progress: (@Sendable (_ rowsRead: Int) -> Void)?
    /// Rows between two `progress` calls: rare enough to cost nothing per row.
    public static let progressStride = 4096

    /// A run of the export at `casesPath`; the other settings keep their defaults (two
    /// threads on a machine with more than one core, every finding kept, bounds of
    /// ``RecordLimits/default``) until set.
    public init(casesPath: String, format: RecordFormat? = nil, encoding: InputEncoding? = nil, roster: Roster? = nil,
                asOf: Timestamp? = nil, collectRejects: Bool = false) {
        self.casesPath = casesPath
        self.format = format
        self.encoding = encoding
        self.roster = roster
        self.asOf = asOf
        self.collectRejects = collectRejects
    }

    /// Evaluates every row. A bad row stops the run with a `DiagnosticError` naming file, row
    /// and column, unless `collectRejects` is set; then read = evaluated + rejected.
    public func run(_ policy: CompiledPolicy) throws -> EvaluationReport {
        try atTheExport {
            let asOf = resolvedAsOf(policy)
            try checkOpening(policy, asOf: asOf)
            let source = try RecordFile.open(path: casesPath, format: format, encoding: encoding, limits: limits)
            // Either way the same report, the same error, the same rejections (see `runPipelined`).
            if threads > 1 { return try runPipelined(policy, asOf: asOf, source: source, threads: min(threads, EvaluationRun.maxThreads)) }
            return try runSequential(policy, asOf: asOf, source: source)
        }
    }

    /// Evaluates the records of `source` (rows held in memory, say) on one thread.
    func run(_ policy: CompiledPolicy, source: any RecordSource) throws -> EvaluationReport {
        try atTheExport {
            let asOf = resolvedAsOf(policy)
            try checkOpening(policy, asOf: asOf)
            return try runSequential(policy, asOf: asOf, source: source)
        }
    }

    /// Errors of the whole export, reported at it.
    func atTheExport<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch is Evaluator.FinesOverflow {
            throw DiagnosticError(.error(
                "the fines of the export add up to more than \(Money(minorUnits: .max)) CNY, more than a ledger can hold",
                at: SourceLocation(file: casesPath, line: 1, column: 1)))
        }
    }

    func resolvedAsOf(_ policy: CompiledPolicy) -> Timestamp {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0)
        return policy.zone.localize(asOf ?? now)
    }

    func runSequential(_ policy: CompiledPolicy, asOf: Timestamp, source: any RecordSource) throws -> EvaluationReport {
        let done = try evaluateSequential(policy, asOf: asOf, source: source)
        return try report(policy, done.evaluator, asOf: asOf, read: done.read, rows: done.rows, lines: done.lines,
                          rejections: done.rejections)
    }

    /// What one thread's pass over an export leaves: its evaluator (group rules not yet run),
    /// and the rows read.
    struct Sequential {
        var evaluator: Evaluator
        var read: Int
        var rows: Fingerprint.RowSet
        var lines: RowLines
        var rejections: [Rejection]
    }

    func evaluateSequential(_ policy: CompiledPolicy, asOf: Timestamp, source: any RecordSource) throws -> Sequential {
        let evaluator = try makeEvaluator(policy, asOf: asOf, runSize: findingRunSize)
        let decoder = FieldDecoder(policy: policy)
        var read = 0
        var rejections: [Rejection] = []
        var rows = Fingerprint.RowSet()
        var lines = RowLines()
        var estimate = RowCountEstimate(path: casesPath)

        let idField = evaluator.checksCaseIDs ? evaluator.caseIDFieldIndex : nil
        let slots = evaluator.fieldSlots
        func stream<S: RecordSource>(_ source: S) throws {
            var bound = try BoundRecords(source, wanted: decoder.wanted)
            let fieldNames = decoder.wanted.map(\.name)
            while let record = try bound.next() {
                read += 1
                if read % EvaluationRun.progressStride == 0 { progress?(read) }
                if fingerprintsInput { rows.add(record, columns: bound.columns, fields: fieldNames) }
                lines.note(row: record.row, line: record.line)
                if let n = estimate.note(record) { evaluator.seenCases.expect(ids: n) }
                func reject(_ e: Evaluator.RowError) throws {
                    let failure = EvaluationRun.failure(e, row: record.row, file: casesPath,
                                                        resolve: EvaluationRun.columnResolver(bound, wanted: decoder.wanted),
                                                        locate: { $0.map(record.location(ofColumn:)) ?? record.location })
                    guard collectRejects else { throw DiagnosticError(failure.diagnostics) }
                    rejections.append(failure.rejection)
                }
                // The id's place is worked out (its slot asked of memory) before the row is
                // decoded, and the id looked up there by the evaluator after: the table is
                // megabytes, and the wait for its slot was 5% of a run on one thread.
                var look: CaseIDTable.Look?
                if let idField, decoder.readsAsWritten(idField, of: record, columns: bound.columns), let c = bound.columns[idField] {
                    look = record.withBytes(c) { evaluator.seenCases.look(utf8: $0) }
                }
                // Decoded into the case's slots, where it is evaluated: no values moved in.
                do {
                    try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames, into: slots)
                } catch let e as DecodeError {
                    try reject(Evaluator.RowError(e))
                    let salvaged = decoder.salvage(record, columns: bound.columns, headers: bound.source.columnNames)
                    salvaged.values.withUnsafeBufferPointer { evaluator.countLost(fields: $0, failed: salvaged.unreadable) }
                    continue
                }
                do {
                    try evaluator.evaluateDecoded(row: record.row, look: look)
                } catch let e as Evaluator.RowError {
                    try reject(e)
                    if !e.repeatsCase {
                        // A copy (rows that fail are few): `countLost` loads the slots from it.
                        let fields = Array(slots)
                        fields.withUnsafeBufferPointer { evaluator.countLost(fields: $0, failed: Evaluator.failedNames(e)) }
                    }
                }
            }
        }
        try stream(source)
        return Sequential(evaluator: evaluator, read: read, rows: rows, lines: lines, rejections: rejections)
    }

    func makeEvaluator(_ policy: CompiledPolicy, asOf: Timestamp, runSize: Int) throws -> Evaluator {
        let e = try Evaluator(policy: policy, roster: roster, asOf: asOf, findingRunSize: max(1, runSize), renderer: renderer,
                                retention: retention)
        e.opening = opening
        e.findings.spillDirectory = temporaryDirectory
        e.seenCases.spillDirectory = temporaryDirectory
        return e
    }

    /// A row's failure as the run reports it: a diagnostic at the value's place, which stops
    /// the run, or a rejection (`collectRejects`). The error names a field (the engine) or a
    /// header (the decoder); `resolve` gives the column and header a name stands for in this
    /// row, `locate` where a column (nil: the row) is written.
    static func failure(_ e: Evaluator.RowError, row: Int, file: String, resolve: (String) -> (column: Int, header: String)?,
                        locate: (Int?) -> SourceLocation) -> RowFailure {
        var e = e
        let resolved = e.column.flatMap(resolve)
        if let resolved { e.column = resolved.header }
        let at = locate(resolved?.column)
        let where_ = row != at.line ? "row \(row): " : ""
        return RowFailure(row: row,
                          diagnostics: [.error(where_ + (e.column.map { "column \($0): " } ?? "") + e.message, at: at)]
                            + [e.ruleNote].compactMap { $0 },
                          rejection: Rejection(file: file, row: row, column: e.column, message: e.message))
    }

    /// The column a name in a row error stands for in the current record: the header of that
    /// name, else the column the field of that name was read from.
    static func columnResolver<S: RecordSource>(_ bound: BoundRecords<S>, wanted: [WantedField]) -> (String) -> (column: Int, header: String)? {
        { name in
            let headers = bound.source.columnNames
            if let c = headers.firstIndex(where: { $0.trimmedHeader == name }) { return (c, name) }
            if let f = wanted.firstIndex(where: { $0.name == name }), let c = bound.columns[f] {
                return (c, headers[c].trimmedHeader)
            }
            return nil
        }
    }

    func report(_ policy: CompiledPolicy, _ evaluator: Evaluator, asOf: Timestamp, read: Int, rows: Fingerprint.RowSet,
                lines: RowLines, rejections: [Rejection]) throws -> EvaluationReport {
        let result = try evaluator.finish()
        var report = EvaluationReport(
            policyID: policy.policy.id, policyTitle: policy.policy.title, policyVersion: policy.policy.version,
            policyFingerprint: try Fingerprint.ofPolicy(policy), inputFile: casesPath,
            inputFingerprint: fingerprintsInput ? rows.finalize(fields: policy.fields.map(\.decl.name)) : "", asOf: asOf, asOfGiven: self.asOf != nil,
            rowsRead: read, rowsEvaluated: result.casesEvaluated, rowsRejected: rejections.count,
            findingStore: result.findings, ledger: result.ledger, rejections: rejections, incomplete: result.incomplete)
        report.rowLines = lines
        report.booked = result.ledgerBuilt.booked
        if let opening {
            report.openedFrom = opening
            report.closedFines = result.ledgerBuilt.closedFines
            report.lateFines = result.ledgerBuilt.lateFines
            report.policyChanged = opening.policyID != policy.policy.id || opening.policyFingerprint != report.policyFingerprint
        }
        report.policyLanguage = policy.language
        report.policyTitles = policy.titles
        return report
    }
}

/// A bad row, as reported without `--rejects` and as set aside with it.
struct RowFailure: Sendable {
    var row: Int
    /// The error at the row, then (for a rule's failure) a note at the rule's declaration.
    var diagnostics: [Diagnostic]
    var rejection: Rejection
}
