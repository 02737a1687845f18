import Foundation
import Synchronization

extension EvaluationRun {
    /// One thread reads and fingerprints rows, and looks for repeated case ids (reading a
    /// row's id alone); `threads - 1` others decode and evaluate batches of rows, each into its
    /// own evaluator, merged at the end (groups and fines add up the same in any split;
    /// findings are sorted). Decoding is theirs because the reader is the one thread all rows
    /// pass through: typing a row's values cost about a third of its time. When they are
    /// behind (the queue holds `handoffCapacity` batches), the reader evaluates the batch it
    /// just filled itself, into an evaluator of its own: so `threads` threads share the cores
    /// however reading and evaluating weigh, rather than a reader and `threads` evaluators
    /// taking turns on them.
    ///
    /// Whatever the timing, it ends as the one-thread run does, with the same report, the same
    /// error or the same rejections:
    /// - Without `collectRejects`, the failure at the smallest row is reported. Once a failure
    ///   at row R is known, rows after R are skipped (the batches still queued all lie after R:
    ///   the queue is dropped) and rows before R are still evaluated, as one of them may fail
    ///   too. The reader stops at its own failure; a malformed file or a failed read counts
    ///   as failing after every row read before it.
    /// - With it, every row's failure is gathered and the rejections sorted by row.
    /// - A row repeating an earlier row's case id is a duplicate when that earlier row is kept
    ///   (one thread's rule). The reader finds the repeat (`CaseIDTable`). Without
    ///   `collectRejects` it fails at its row: if the earlier row failed instead, that failure
    ///   has the smaller row. With it, the row is held back (`HeldRepeats`) and rejected as
    ///   soon as the row that first had its id is known to be kept (`BatchProgress`); a row
    ///   whose first row failed is decided at the end, in row order.
    ///
    /// Errors that are not a row's (a full temporary folder) are reported as they come.
    ///
    /// The threads are `Thread`s given 8 MB stacks, a main thread's usual: a row is evaluated
    /// recursively (expressions nest up to `Parser.maxHeight`), and neither Dispatch's workers
    /// nor Swift's tasks let a stack's size be chosen.
    func runPipelined(_ policy: CompiledPolicy, asOf: Timestamp, source: sending any RecordSource, threads: Int) throws -> EvaluationReport {
        let runSize = max(1, findingRunSize / (2 * threads))  // the threads fill their buffers at once
        // The evaluators, each its thread's alone until the threads have stopped.
        let owned = try (0..<max(1, threads - 1)).map { _ in
            let e = try makeEvaluator(policy, asOf: asOf, runSize: runSize)
            e.checksCaseIDs = false
            return Owned(e)
        }
        // The reader's: the source, an evaluator that only reads and names case ids, and one
        // for the batches it evaluates itself when the evaluating threads are behind.
        let helper = try makeEvaluator(policy, asOf: asOf, runSize: runSize)
        helper.checksCaseIDs = false
        let helping = Owned(helper)
        let input = Owned((source: source, probe: try makeEvaluator(policy, asOf: asOf, runSize: runSize)))
        let wanted = FieldDecoder(policy: policy).wanted
        let fieldNames = wanted.map(\.name)
        let fingerprint = fingerprintsInput
        let progress = progress
        let width = policy.fields.count
        let idField = input.withValue { $0.probe.caseIDFieldIndex }
        let handoff = Handoff<RowBatch>(capacity: max(1, handoffCapacity))
        let left = Owned<Reading?>(nil)  // what the reader leaves behind
        let failures = Failures()
        let collect = collectRejects
        let file = casesPath
        let done = BatchProgress()
        let batches = BatchEvaluation(handoff: handoff, failures: failures, done: done, collect: collect, file: file,
                                      fieldNames: fieldNames)
        let spillDirectory = temporaryDirectory
        let group = DispatchGroup()

        let reader = Thread { helping.withValue { helper in input.withValue { input in
            ThreadName.reader.adopt()
            let probe = input.probe
            let decoder = FieldDecoder(policy: policy)
            var helperValues = [Value](repeating: .null, count: width)
            var reading = Reading(width: width)
            func produce<S: RecordSource>(_ source: S) throws {
                var bound = try BoundRecords(source, wanted: wanted)
                let fixedHeader = bound.source.hasFixedHeader
                let ids = CaseIDTable(spillDirectory: spillDirectory)
                var estimate = RowCountEstimate(path: file)
                var nameColumns: [Int?] = []
                var namesSeen = -1
                var fieldColumns = [Int?](repeating: nil, count: width)
                var columnsVersion = 0  // changes with `fieldColumns`
                var batch = RowBatch(width: width, room: RowBatch.size)
                defer {
                    if batch.count > 0 {
                        batch.columnNames = bound.source.columnNames
                        if collect { batch.sequence = done.begin(lastRow: batch.rows[batch.count - 1]) }
                        _ = handoff.put(batch)
                    }
                    reading.columnNames = bound.source.columnNames
                }
                while let record = try bound.next() {
                    if !collect && record.row > failures.cutoff.load(ordering: .relaxed) { return }
                    reading.read += 1
                    if reading.read % EvaluationRun.progressStride == 0 { progress?(reading.read) }
                    if fingerprint { reading.rows.add(record, columns: bound.columns, fields: fieldNames) }
                    reading.lines.note(row: record.row, line: record.line)
                    if let n = estimate.note(record) { ids.expect(ids: n) }
                    func fail(_ e: Evaluator.RowError) {
                        failures.add(EvaluationRun.failure(e, row: record.row, file: file,
                                                           resolve: EvaluationRun.columnResolver(bound, wanted: wanted),
                                                           locate: { $0.map(record.location(ofColumn:)) ?? record.location }))
                    }
                    // The column each field's messages name (see `columnResolver`).
                    // A fixed header (CSV) binds every row alike: worked out at its first row.
                    if namesSeen < 0 || !fixedHeader {
                        if bound.source.columnNames.count != namesSeen {
                            namesSeen = bound.source.columnNames.count
                            nameColumns = fieldNames.map { n in bound.source.columnNames.firstIndex { $0.trimmedHeader == n } }
                        }
                        for f in 0..<width { fieldColumns[f] = nameColumns[f] ?? bound.columns[f] }
                        columnsVersion += 1
                    }
                    // The row's case id: its bytes as written, where they are its text (no
                    // String made per row), else its value's text. A row whose id cannot be
                    // read fails to decode (its evaluating thread says why) and claims no id,
                    // as on one thread. The id's slot is read before the row is copied into
                    // the batch and looked up after (see `CaseIDTable.Look`): a repeat, rare,
                    // is taken out of the batch again.
                    let idColumn = idField.flatMap { decoder.readsAsWritten($0, of: record, columns: bound.columns) ? bound.columns[$0] : nil }
                    let look = idColumn.flatMap { c in record.withBytes(c) { ids.look(utf8: $0) } }
                    let mark = batch.mark
                    batch.append(record, fields: bound.columns, columns: fieldColumns, version: columnsVersion)
                    let first: Int?
                    do {
                        if let idColumn {
                            first = try record.withBytes(idColumn) { b in
                                try look.map { try ids.firstRow($0, utf8: b, row: record.row) } ?? ids.firstRow(utf8: b, row: record.row)
                            }
                        } else {
                            let v: Value? = if let idField { decoder.value(idField, of: record, columns: bound.columns) } else { .null }
                            first = try v.flatMap { try ids.firstRow($0.description, row: record.row) }
                        }
                    } catch {
                        // The ids' temporary file: not the export's fault, reported as it comes.
                        batch.rollback(to: mark)
                        failures.fail(error)
                        handoff.cancel()
                        return
                    }
                    if let first {
                        batch.rollback(to: mark)
                        let id = (idField.flatMap { decoder.value($0, of: record, columns: bound.columns) } ?? .null).description
                        // A rare row, decoded here: a row's decoding error comes before
                        // its repeating an id.
                        var values: [Value] = []
                        do {
                            try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames, replacing: &values)
                        } catch let e as DecodeError {
                            fail(Evaluator.RowError(e))
                            guard collect else { return }
                            let salvaged = decoder.salvage(record, columns: bound.columns, headers: bound.source.columnNames)
                            reading.unreadable.values += salvaged.values
                            reading.unreadable.failed.append(salvaged.unreadable)
                            continue
                        }
                        if !collect {
                            fail(probe.duplicateCaseID(id, firstAt: first))
                            return
                        }
                        reading.held.hold(record, values: values, fields: bound.columns, columns: fieldColumns, version: columnsVersion,
                                          first: first, id: id)
                        // A chunk held: the rows it repeats may be in the batch being filled
                        // (an export of one id fills none), so that batch goes on now.
                        if reading.held.lastChunkFull {
                            if batch.count > 0 { guard handOn() else { return } }
                            decideHeld()
                        }
                        continue
                    }
                    if batch.count == RowBatch.size {
                        guard handOn() else { return }
                        decideHeld()
                    }
                }

                /// Hands the batch on, or evaluates it here when the evaluating threads are
                /// behind; false when the run stops.
                func handOn() -> Bool {
                    batch.columnNames = bound.source.columnNames
                    if collect { batch.sequence = done.begin(lastRow: batch.rows[batch.count - 1]) }
                    switch handoff.offer(batch) {
                    case true?:
                        // The queue's now: fill one given back by its evaluator, if any.
                        batch = handoff.reuse() ?? RowBatch(width: width, room: RowBatch.size)
                    case false?: return false
                    case nil:
                        // The evaluating threads are behind: this thread evaluates the batch
                        // (its rows are later than those queued, which must not be dropped
                        // for a failure here). Its rows are still in this core's cache.
                        do {
                            try batches.evaluate(batch, by: helper, decoder: decoder, values: &helperValues, dropsQueued: false)
                            if batch.sequence >= 0 { done.finish(batch.sequence) }
                        } catch {
                            failures.fail(error)
                            handoff.cancel()
                            return false
                        }
                        batch.removeAll()
                    }
                    return true
                }

                /// Rejects the held rows whose first rows are evaluated and kept: duplicates,
                /// whatever comes after. Rows whose first row failed are left for `decideRepeats`.
                func decideHeld() {
                    guard reading.held.hasFullChunk else { return }
                    reading.rejections += reading.held.decide(rowsDone: done.rowsDone, columnNames: bound.source.columnNames) { chunk, i in
                        let of = chunk.of[i]
                        if failures.hasFailed(row: of.first) { return nil }
                        return chunk.rejection(probe.duplicateCaseID(of.id, firstAt: of.first), row: i, file: file, fieldNames: fieldNames)
                    }
                }
            }
            do {
                try produce(input.source)
            } catch {
                failures.readerFailed(error)
                if collect { handoff.cancel() }  // the run fails with this error
            }
            handoff.close()
            do {
                try helper.findings.finish()
            } catch {
                failures.fail(error)
            }
            left.withValue { $0 = reading }
            group.leave()
        } } }

        var threadsStarted: [Thread] = [reader]
        for evaluator in owned {
            threadsStarted.append(Thread { evaluator.withValue { evaluator in
                ThreadName.evaluator.adopt()
                let decoder = FieldDecoder(policy: policy)
                do {
                    // One row's values, decoded over per row; after a row is evaluated they
                    // hold the values its slots gave for them (`evaluate(exchanging:)`).
                    var values = [Value](repeating: .null, count: width)
                    while var batch = handoff.take() {
                        try batches.evaluate(batch, by: evaluator, decoder: decoder, values: &values, dropsQueued: true)
                        if batch.sequence >= 0 { done.finish(batch.sequence) }
                        batch.removeAll()
                        handoff.giveBack(batch)
                    }
                    try evaluator.findings.finish()
                } catch {
                    failures.fail(error)
                    handoff.cancel()
                }
                group.leave()
            } })
        }
        for t in threadsStarted {
            t.stackSize = 8 << 20
            group.enter()
            t.start()
        }
        group.wait()
        var evaluators = owned.map { $0.withValue { $0 } } + [helping.withValue { $0 }]
        let reading = left.withValue { $0 }!

        if let e = failures.fatal { throw e }
        if !collect, let first = failures.rows.min(by: { $0.row < $1.row }) { throw DiagnosticError(first.diagnostics) }
        if let e = failures.readerError { throw e }
        var rejections = failures.rows.map(\.rejection) + reading.rejections
        if !reading.held.isEmpty {
            let late = try makeEvaluator(policy, asOf: asOf, runSize: runSize)
            late.checksCaseIDs = false
            rejections += try decideRepeats(reading.held.remaining(columnNames: reading.columnNames), failedRows: Set(failures.rows.map(\.row)), evaluator: late, fieldNames: fieldNames)
            try late.findings.finish()
            evaluators.append(late)
        }
        rejections.sort { $0.row < $1.row }
        let main = evaluators[0]
        if !reading.unreadable.failed.isEmpty {
            // Rows that failed to decode, placed on this thread: the evaluators are finished.
            let placer = try makeEvaluator(policy, asOf: asOf, runSize: runSize)
            reading.unreadable.values.withUnsafeBufferPointer { values in
                for (i, failed) in reading.unreadable.failed.enumerated() {
                    placer.countLost(fields: UnsafeBufferPointer(rebasing: values[(i * width)..<((i + 1) * width)]), failed: failed)
                }
            }
            main.absorbLost(placer)
        }
        do {
            for other in evaluators.dropFirst() { try main.absorb(other) }
        } catch let e as Evaluator.RowError {
            // An aggregate's partial sums, combined across threads, overflowed: reported at
            // the aggregate with its group (one thread would have named the row it crossed on).
            throw DiagnosticError([.error(e.message, at: e.rule?.location ?? policy.policy.location)])
        }
        main.findings.renderThreads = threads  // done evaluating: they render the report
        return try report(policy, main, asOf: asOf, read: reading.read, rows: reading.rows, lines: reading.lines, rejections: rejections)
    }

    /// The held rows not decided early (`chunks`, in row order): a duplicate (rejected) when a
    /// row with that id was kept, else evaluated now, in row order. The rejections.
    func decideRepeats(_ chunks: [HeldRepeats.Chunk], failedRows: Set<Int>, evaluator: Evaluator, fieldNames: [String]) throws -> [Rejection] {
        var kept: [String: Int] = [:]
        var rejections: [Rejection] = []
        for chunk in chunks {
            let width = chunk.rows.width
            try chunk.values.withUnsafeBufferPointer { values in
                for (i, of) in chunk.of.enumerated() where !chunk.decided[i] {
                    if let earlier = kept[of.id] ?? (failedRows.contains(of.first) ? nil : of.first) {
                        rejections.append(chunk.rejection(evaluator.duplicateCaseID(of.id, firstAt: earlier), row: i, file: casesPath,
                                                          fieldNames: fieldNames))
                        continue
                    }
                    let fields = UnsafeBufferPointer(rebasing: values[(i * width)..<((i + 1) * width)])
                    do {
                        try evaluator.evaluate(fields: fields, row: chunk.rows.rows[i])
                        kept[of.id] = chunk.rows.rows[i]
                    } catch let e as Evaluator.RowError {
                        rejections.append(chunk.rejection(e, row: i, file: casesPath, fieldNames: fieldNames))
                        evaluator.countLost(fields: fields, failed: Evaluator.failedNames(e))
                    }
                }
            }
        }
        return rejections
    }

    /// Decoding and evaluating a batch of rows, on whichever thread takes it: an evaluating
    /// thread, or the reading thread when those are behind. Whatever the timing, a failure is
    /// reported as the one-thread run would (see `runPipelined`).
    struct BatchEvaluation: Sendable {
        let handoff: Handoff<RowBatch>
        let failures: Failures
        /// Batches finished (with `collect`), for the reader's held repeats.
        let done: BatchProgress
        let collect: Bool
        let file: String
        let fieldNames: [String]

        /// `values`: one row's values, decoded over (see `Evaluator.evaluate(exchanging:)`).
        /// `dropsQueued`: whether a failing row drops the batches still queued, which an
        /// evaluating thread's may (they hold later rows only) and the reading thread's may not.
        func evaluate(_ batch: RowBatch, by evaluator: Evaluator, decoder: FieldDecoder, values: inout [Value],
                      dropsQueued: Bool) throws {
            try values.withUnsafeMutableBufferPointer { fields in
                for i in 0..<batch.count {
                    let row = batch.rows[i]
                    if !collect && row > failures.cutoff.load(ordering: .relaxed) { return }
                    func fail(_ e: Evaluator.RowError) {
                        failures.add(EvaluationRun.failure(e, row: row, file: file, resolve: batch.resolver(row: i, fieldNames: fieldNames),
                                                           locate: { batch.location(row: i, column: $0) }))
                        if !collect && dropsQueued { handoff.cancel() }
                    }
                    do {
                        try decoder.decode(batch.texts, row: i, headers: batch.columnNames, replacing: fields)
                    } catch let e as DecodeError {
                        fail(Evaluator.RowError(e))
                        if collect {
                            let salvaged = decoder.salvage(batch.texts, row: i, headers: batch.columnNames)
                            salvaged.values.withUnsafeBufferPointer { evaluator.countLost(fields: $0, failed: salvaged.unreadable) }
                        }
                        continue
                    }
                    do {
                        try evaluator.evaluate(exchanging: fields, row: row)
                    } catch let e as Evaluator.RowError {
                        fail(e)
                        if collect && !e.repeatsCase {
                            evaluator.countLost(fields: UnsafeBufferPointer(fields), failed: Evaluator.failedNames(e))
                        }
                    }
                }
            }
        }
    }

    /// What the reading thread leaves behind.
    struct Reading: Sendable {
        var read = 0
        var rows = Fingerprint.RowSet()
        /// The line each row read starts on.
        var lines = RowLines()
        /// Rows held back for repeating a case id (with `collectRejects`), and the duplicates
        /// among them rejected so far (`HeldRepeats.decide`).
        var held: HeldRepeats
        var rejections: [Rejection] = []
        /// The headers once the export is read (JSON: every key seen), for the held rows' messages.
        var columnNames: [String] = []
        /// Rows that failed to decode (with `collectRejects`): their readable values, a row
        /// after another, and the fields that could not be read, for `Evaluator.countLost`.
        var unreadable: (values: [Value], failed: [Set<String>]) = ([], [])
        init(width: Int) { held = HeldRepeats(width: width) }
    }

    /// Failures from every thread, read once all have stopped.
    final class Failures: Sendable {
        private struct State {
            var rows: [RowFailure] = []
            var failedRows = Set<Int>()
            var reader: Error?
            var other: Error?
        }
        private let state = Mutex(State())
        /// The smallest failing row so far (without `collectRejects`, later rows need no work).
        let cutoff = Atomic<Int>(Int.max)

        func add(_ f: RowFailure) {
            state.withLock { s in
                s.rows.append(f)
                s.failedRows.insert(f.row)
                if f.row < cutoff.load(ordering: .relaxed) { cutoff.store(f.row, ordering: .relaxed) }
            }
        }

        /// The reader's own error: a malformed file, a failed read.
        func readerFailed(_ e: Error) { state.withLock { $0.reader = $0.reader ?? e } }
        /// Any other error (a full temporary folder): the first is reported.
        func fail(_ e: Error) { state.withLock { $0.other = $0.other ?? e } }

        var rows: [RowFailure] { state.withLock { $0.rows } }
        func hasFailed(row: Int) -> Bool { state.withLock { $0.failedRows.contains(row) } }
        var readerError: Error? { state.withLock { $0.reader } }
        var fatal: Error? { state.withLock { $0.other } }
    }
}
