import Foundation

/// One batch evaluation: a case export streams through a compiled policy into a report.
public struct EvaluationRun {
    public var casesPath: String
    public var format: RecordFormat?
    public var encoding: InputEncoding?
    public var roster: Roster?
    /// The instant open steps are judged at; nil means now (and the report says so).
    public var asOf: Timestamp?
    /// Set bad rows aside with their reasons instead of stopping at the first.
    public var collectRejects: Bool
    /// Findings held in memory before a sorted run goes to a temporary file (bounds memory;
    /// `RULEBOOK_FINDING_RUN_SIZE` overrides, for tests that must spill).
    public var findingRunSize = ProcessInfo.processInfo.environment["RULEBOOK_FINDING_RUN_SIZE"].flatMap { Int($0) } ?? 100_000
    /// Keep findings as this report text (see `FindingStore`); nil keeps them structured.
    public var renderer: FindingRenderer?
    /// Evaluating threads: with more than one, a further thread reads, fingerprints and
    /// decodes rows while these evaluate them; 1: one thread does everything. The report is
    /// the same bytes either way (`RULEBOOK_THREADS` overrides).
    public var threads = ProcessInfo.processInfo.environment["RULEBOOK_THREADS"].flatMap { Int($0) }
        ?? (ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1)
    /// Where findings are spilled; nil: the system's temporary folder (`TMPDIR`).
    public var temporaryDirectory: String?

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
        let asOf = resolvedAsOf(policy)
        // The two-thread run handles clean input; at the first bad row (or any error) it gives
        // up and the one-thread run below, on the file opened anew, reports exactly what it
        // always has.
        if threads > 1, let report = try? runPipelined(policy, asOf: asOf) { return report }
        return try runSequential(policy, asOf: asOf, source: RecordFile.open(path: casesPath, format: format, encoding: encoding))
    }

    /// Evaluates the records of `source` (rows held in memory, say) on one thread.
    public func run(_ policy: CompiledPolicy, source: any RecordSource) throws -> EvaluationReport {
        try runSequential(policy, asOf: resolvedAsOf(policy), source: source)
    }

    func resolvedAsOf(_ policy: CompiledPolicy) -> Timestamp {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0)
        return policy.zone.localize(asOf ?? now)
    }

    func runSequential(_ policy: CompiledPolicy, asOf: Timestamp, source: any RecordSource) throws -> EvaluationReport {
        let evaluator = try Evaluator(policy: policy, roster: roster, asOf: asOf, findingRunSize: findingRunSize, renderer: renderer)
        evaluator.findings.spillDirectory = temporaryDirectory
        let decoder = FieldDecoder(policy: policy)
        var read = 0
        var rejections: [Rejection] = []
        var rows = Fingerprint.RowSet()

        func stream<S: RecordSource>(_ source: S) throws {
            var bound = try BoundRecords(source, wanted: decoder.wanted)
            let fieldNames = decoder.wanted.map(\.name)
            while let record = try bound.next() {
                read += 1
                rows.add(record, columns: bound.columns, fields: fieldNames)
                do {
                    let values = try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames)
                    try evaluator.evaluate(fields: values, row: record.row)
                } catch var e as Evaluator.RowError {
                    // The engine names fields; the reader names columns: point at the column.
                    var column = e.column.flatMap { name in bound.source.columnNames.firstIndex { $0.trimmingCharacters(in: .whitespaces) == name } }
                    if column == nil, let name = e.column, let f = decoder.wanted.firstIndex(where: { $0.name == name }),
                       let c = bound.columns[f] {
                        column = c
                        e.column = bound.source.columnNames[c].trimmingCharacters(in: .whitespaces)
                    }
                    let rejection = Rejection(file: casesPath, row: record.row, column: e.column, message: e.message)
                    guard collectRejects else {
                        let at = column.map { record.location(ofColumn: $0) } ?? record.location
                        let where_ = record.row != at.line ? "row \(record.row): " : ""
                        throw DiagnosticError(.error(where_ + (e.column.map { "column \($0): " } ?? "") + e.message, at: at))
                    }
                    rejections.append(rejection)
                }
            }
        }
        try stream(source)
        return try report(policy, evaluator, asOf: asOf, read: read, rows: rows, rejections: rejections)
    }

    func report(_ policy: CompiledPolicy, _ evaluator: Evaluator, asOf: Timestamp, read: Int, rows: Fingerprint.RowSet,
                rejections: [Rejection]) throws -> EvaluationReport {
        let result = try evaluator.finish()
        return EvaluationReport(
            policyID: policy.policy.id, policyTitle: policy.policy.title, policyVersion: policy.policy.version,
            policyFingerprint: try Fingerprint.ofPolicy(policy), inputFile: casesPath,
            inputFingerprint: rows.finalize(), asOf: asOf, asOfGiven: self.asOf != nil,
            rowsRead: read, rowsEvaluated: result.casesEvaluated, rowsRejected: rejections.count,
            findingStore: result.findings, ledger: result.ledger, rejections: rejections)
    }
}

extension EvaluationRun {
    /// Rows decoded on the reading thread, handed over in batches: the values of each row,
    /// one row after another.
    final class Batch: @unchecked Sendable {
        static let size = 256
        var values: [Value] = []
        var rows: [Int] = []
        init(width: Int) { values.reserveCapacity(Batch.size * width) }
    }

    /// What the reading thread leaves behind.
    final class Reading: @unchecked Sendable {
        var read = 0
        var rows = Fingerprint.RowSet()
        let handoff = Handoff<Batch>(capacity: 16)
    }

    /// One thread reads, fingerprints and decodes rows; `threads` others evaluate batches of
    /// them, each into its own evaluator, merged at the end (groups and fines add up the same
    /// in any split; findings are sorted). Nil (or a throw) means "run again on one thread":
    /// any bad row or repeated case id, so that messages and rejects come out exactly as
    /// they always do.
    func runPipelined(_ policy: CompiledPolicy, asOf: Timestamp) throws -> EvaluationReport? {
        let runSize = max(1, findingRunSize / (2 * threads))  // threads fill their buffers at once
        let evaluators = try (0..<threads).map { _ in
            try Evaluator(policy: policy, roster: roster, asOf: asOf, findingRunSize: runSize, renderer: renderer)
        }
        for e in evaluators {
            e.caseHashes = CaseIDLog()
            e.findings.spillDirectory = temporaryDirectory
        }
        let decoder = FieldDecoder(policy: policy)
        let source = try RecordFile.open(path: casesPath, format: format, encoding: encoding)
        let reading = Reading()
        let failures = Failures()
        let group = DispatchGroup()
        let reader = Thread {
            func produce<S: RecordSource>(_ source: S) throws {
                var bound = try BoundRecords(source, wanted: decoder.wanted)
                let fieldNames = decoder.wanted.map(\.name)
                var batch = Batch(width: policy.fields.count)
                while let record = try bound.next() {
                    reading.read += 1
                    reading.rows.add(record, columns: bound.columns, fields: fieldNames)
                    try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames, into: &batch.values)
                    batch.rows.append(record.row)
                    if batch.rows.count == Batch.size {
                        guard reading.handoff.put(batch) else { return }
                        batch = Batch(width: policy.fields.count)
                    }
                }
                if !batch.rows.isEmpty { _ = reading.handoff.put(batch) }
            }
            do { try produce(source) } catch {
                failures.fail()
                reading.handoff.cancel()
            }
            reading.handoff.close()
            group.leave()
        }
        var threadsStarted: [Thread] = [reader]
        for evaluator in evaluators {
            threadsStarted.append(Thread {
                do {
                    while let batch = reading.handoff.take() {
                        let width = policy.fields.count
                        try batch.values.withUnsafeBufferPointer { values in
                            for (i, row) in batch.rows.enumerated() {
                                try evaluator.evaluate(fields: UnsafeBufferPointer(rebasing: values[(i * width)..<((i + 1) * width)]), row: row)
                            }
                        }
                    }
                    try evaluator.findings.finish()
                } catch {
                    failures.fail()
                    reading.handoff.cancel()
                }
                group.leave()
            })
        }
        for t in threadsStarted {
            t.stackSize = 8 << 20
            group.enter()
            t.start()
        }
        group.wait()
        guard !failures.failed, Evaluator.caseIDsDisjoint(evaluators) else { return nil }
        let main = evaluators[0]
        do {
            for other in evaluators.dropFirst() { try main.absorb(other) }
        } catch {
            return nil
        }
        return try report(policy, main, asOf: asOf, read: reading.read, rows: reading.rows, rejections: [])
    }

    /// Set by whichever thread fails first; read once all have stopped.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func fail() { lock.lock(); flag = true; lock.unlock() }
        var failed: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    }
}

/// A bounded queue from one producer to several takers. `close` ends it once drained;
/// `cancel` ends it at once (and makes `put` refuse, never block).
final class Handoff<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [T] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    init(capacity: Int) { self.capacity = capacity }

    /// False when the takers have given up.
    func put(_ item: T) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item; nil once closed and drained, or cancelled.
    func take() -> T? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed && !cancelled { condition.wait() }
        if cancelled || items.count == head { return nil }
        let item = items[head]
        head += 1
        if head > 64 {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
