import Foundation

/// Renders batches of run records (`RunCodec`, each after its template table's number and
/// its length) on threads of its own, and hands the text back in the order the batches were
/// submitted: a report's merge copies records while the threads that evaluated them, free
/// now, turn them into text. At most `2 × threads + 1` batches are in flight, so memory stays a
/// few megabytes whatever the report's size; batches and blocks are reused, not reallocated.
final class RenderPipeline {
    /// The records a batch holds before it is submitted, in bytes (its text is about three
    /// times that: a block the output hands on to its writer without copying).
    static let batchBytes = 384 << 10

    private struct State: Sendable {
        var queued: [(sequence: Int, records: [UInt8])] = []
        var done: [Int: [UInt8]] = [:]
        var spareBatches: [[UInt8]] = []
        var spareBlocks: [[UInt8]] = []
        var closed = false
        /// Records that rendered some text, over the batches rendered.
        var rendered = 0
    }
    private struct Job: Sendable {
        var sequence: Int
        var records: [UInt8]
        var text: [UInt8]
    }
    private let state = Condition(State())
    private let stopped = DispatchGroup()
    private var submitted = 0
    private var handed = 0
    private let limit: Int

    /// `templates`: each template table's templates, by the number records carry (lent whole to
    /// each batch: see `TemplateLists`).
    init(renderer: FindingRenderer, templates lists: TemplateLists, threads: Int) {
        limit = 2 * threads + 1  // one rendering, one queued a thread, one handed back
        let state = state
        for _ in 0..<threads {
            stopped.enter()
            let thread = Thread { [stopped] in
                ThreadName.renderer.adopt()
                let render = renderer.makeRecordRenderer()
                while true {
                    guard let job = state.update(when: { !$0.queued.isEmpty || $0.closed }, { s -> Job? in
                        guard !s.queued.isEmpty else { return nil }
                        let (sequence, records) = s.queued.removeFirst()
                        return Job(sequence: sequence, records: records, text: s.spareBlocks.popLast() ?? [])
                    }) else { break }
                    let (sequence, records) = (job.sequence, job.records)
                    var text = job.text
                    text.reserveCapacity(3 * records.count + (64 << 10))
                    var rendered = 0
                    lists.withTables { tables in
                        records.withUnsafeBytes { r in
                            var i = 0
                            while i < r.count {
                                let table = Int(UInt16(littleEndian: r.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
                                let length = RunCodec.u32(r, i + 2)
                                let record = UnsafeRawBufferPointer(rebasing: r[(i + 6)..<(i + 6 + length)])
                                if render(record, tables.table(table), &text) { rendered += 1 }
                                i += 6 + length
                            }
                        }
                    }
                    var spare = records
                    spare.removeAll(keepingCapacity: true)
                    state.update { s in
                        s.done[sequence] = text
                        s.spareBatches.append(spare)
                        s.rendered += rendered
                    }
                }
                stopped.leave()
            }
            thread.start()
        }
    }

    /// Adds a record of template table `table` to `batch`.
    static func add(_ record: UnsafeRawBufferPointer, table: Int, to batch: inout [UInt8]) {
        // One append for the three parts (each append checks the array's uniqueness and room).
        ByteWriter.appending(to: &batch, most: 6 + record.count) { w in
            w.little(UInt16(table))
            w.little(UInt32(record.count))
            w.bytes(record)
        }
    }

    /// Queues `batch` for rendering (leaving an empty one in its place), then hands `body` the
    /// text of every batch ready in order; waits while too many are in flight.
    func submit(_ batch: inout [UInt8], _ body: (inout [UInt8]) throws -> Void) rethrows {
        let sequence = submitted
        submitted += 1
        var records: [UInt8] = []
        swap(&records, &batch)
        batch = state.update { s in
            s.queued.append((sequence, records))
            return s.spareBatches.popLast() ?? []
        }
        if batch.capacity < RenderPipeline.batchBytes + (64 << 10) { batch.reserveCapacity(RenderPipeline.batchBytes + (64 << 10)) }
        try deliver(all: false, body)
    }

    /// Hands `body` the text of every batch submitted, in order; how many records rendered
    /// some text.
    func finish(_ body: (inout [UInt8]) throws -> Void) rethrows -> Int {
        try deliver(all: true, body)
        // Each batch's count is added with its text, and every text has been handed over.
        return state.update { $0.rendered }
    }

    /// Ends the threads once the batches queued are rendered, and waits for them.
    func stop() {
        state.update { $0.closed = true }
        stopped.wait()
    }

    private func deliver(all: Bool, _ body: (inout [UInt8]) throws -> Void) rethrows {
        while handed < submitted {
            let next = handed
            let wait = all || submitted - handed > limit
            guard var text = state.update(when: { !wait || $0.done[next] != nil }, { $0.done.removeValue(forKey: next) }) else { return }
            handed += 1
            try body(&text)
            text.removeAll(keepingCapacity: true)
            state.update { $0.spareBlocks.append(text) }
        }
    }
}

/// Every template table's templates in one array, lent once for a batch of records: lending a
/// record's table from an array of arrays retained and released that table for every record.
struct TemplateLists {
    private let all: [FindingTemplate]
    /// Where each table's templates start in `all`, and after the last its end.
    private let starts: [Int]

    init(_ tables: [[FindingTemplate]]) {
        all = tables.flatMap { $0 }
        starts = tables.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    }

    /// The tables, valid during `body`.
    struct Lent {
        fileprivate let all: UnsafeBufferPointer<FindingTemplate>
        fileprivate let starts: UnsafeBufferPointer<Int>

        /// Table `i`'s templates.
        @inline(__always)
        func table(_ i: Int) -> UnsafeBufferPointer<FindingTemplate> {
            UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + 1]])
        }
    }

    func withTables<R>(_ body: (Lent) throws -> R) rethrows -> R {
        try all.withUnsafeBufferPointer { a in try starts.withUnsafeBufferPointer { s in try body(Lent(all: a, starts: s)) } }
    }
}
