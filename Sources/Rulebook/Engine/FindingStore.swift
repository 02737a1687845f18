import Foundation

/// The findings of a run in report order — case id (Unicode scalar order), then rule in
/// declaration order, then party — with memory bounded however many cases stream past.
///
/// Findings are buffered; once a buffer holds `runSize` findings it is sorted and written to a
/// temporary file as a compact binary run (the last buffer becomes a run in memory). Reading
/// merges the runs — of this store and of the stores it absorbed from other threads — comparing
/// record bytes, never building Strings to sort. Ties keep append order, as a stable sort
/// would. The counts the report summary needs are kept as findings are committed.
///
/// A store made with a `FindingRenderer` keeps each finding as its finished report text,
/// rendered on the evaluating thread, so that writing the report is a merge of bytes.
public final class FindingStore: @unchecked Sendable {
    let runSize: Int
    /// Set when findings are kept as report text.
    public let renderer: FindingRenderer?
    let templates: TemplateTable
    private var buffer: [Finding] = []
    private var bufferTemplates: [UInt16] = []
    private var spill: SpillFile?
    private var runs: [Run] = []

    /// Per kind and status, over every committed finding.
    public private(set) var counts: [Finding.Kind: [Finding.Status: Int]] = [:]
    public private(set) var violationCount = 0
    public private(set) var totalFined = Money.zero
    public private(set) var count = 0

    init(ruleOrder: [String: Int], runSize: Int = 100_000, renderer: FindingRenderer? = nil) {
        self.runSize = max(1, runSize)
        self.renderer = renderer
        templates = TemplateTable(ruleOrder: ruleOrder)
    }

    /// The findings not yet spilled, in the order they were appended (for `explain`, which
    /// evaluates a single case).
    var pending: [Finding] { buffer }

    /// Where a rollback returns to.
    var mark: Int { buffer.count }

    func append(_ f: Finding) {
        buffer.append(f)
        bufferTemplates.append(templates.index(of: f))
    }

    /// Drops the findings appended since `mark` (a row that failed half-way).
    func rollback(to mark: Int) {
        buffer.removeSubrange(mark...)
        bufferTemplates.removeSubrange(mark...)
    }

    /// Called between cases: spills a full buffer.
    func commit() throws {
        if buffer.count >= runSize { try spillBuffer() }
    }

    /// Ends appending: the last buffer becomes a sorted run (in memory when nothing spilled).
    func finish() throws {
        guard !buffer.isEmpty else { return }
        if spill != nil { return try spillBuffer() }
        tally(buffer)
        var bytes: [UInt8] = []
        encodeSorted { bytes += $0 }
        runs.append(Run(bytes: .memory(bytes), templates: templates))
        buffer.removeAll()
        bufferTemplates.removeAll()
    }

    /// Takes over the runs and counts of a store filled on another thread (after both have
    /// finished); reading then merges them all.
    func absorb(_ other: FindingStore) {
        precondition(other.buffer.isEmpty, "absorb a finished store")
        runs += other.runs
        other.runs = []
        for (kind, byStatus) in other.counts {
            for (status, n) in byStatus { counts[kind, default: [:]][status, default: 0] += n }
        }
        violationCount += other.violationCount
        totalFined += other.totalFined
        count += other.count
    }

    /// Every finding in report order.
    public func forEach(_ body: (Finding) throws -> Void) throws {
        precondition(renderer == nil, "a store of rendered findings is read with forEachRendered")
        try merge { record, templates in try body(RunCodec.decode(record, templates: templates)) }
    }

    /// The report text of every finding in report order (findings the renderer left out
    /// are skipped), a finding's bytes at a time.
    public func forEachRendered(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(renderer != nil, "a store of structured findings is read with forEach")
        try merge { record, _ in try body(RunCodec.payload(record)) }
    }

    // MARK: Internals

    private func tally(_ findings: [Finding]) {
        for f in findings {
            counts[f.kind, default: [:]][f.status, default: 0] += 1
            if f.isViolation { violationCount += 1 }
            if let a = f.amount { totalFined += a }
        }
        count += findings.count
    }

    /// The buffer sorted into report order and encoded as one run, handed to `sink` in
    /// pieces of about a megabyte (a run of rendered findings is large).
    private func encodeSorted(_ sink: ([UInt8]) throws -> Void) rethrows {
        var keys = buffer.indices.map { i in
            RunCodec.SortKey(subject: buffer[i].subject, order: templates.order[Int(bufferTemplates[i])], index: i)
        }
        keys.sort { a, b in
            a.precedes(b, subjects: { RunCodec.compareUTF8(buffer[a.index].subject, buffer[b.index].subject) },
                       parties: { RunCodec.compareUTF8(buffer[a.index].party ?? "", buffer[b.index].party ?? "") })
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((1 << 20) + 4096)
        var scratch: [UInt8] = []
        for k in keys {
            let f = buffer[k.index]
            if let renderer {
                scratch.removeAll(keepingCapacity: true)
                renderer.render(f, &scratch)
                if scratch.isEmpty { continue }  // not part of this report
                RunCodec.encode(f, template: bufferTemplates[k.index], payload: scratch, into: &bytes)
            } else {
                RunCodec.encode(f, template: bufferTemplates[k.index], payload: nil, into: &bytes)
            }
            if bytes.count >= 1 << 20 {
                try sink(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        if !bytes.isEmpty { try sink(bytes) }
    }

    private func spillBuffer() throws {
        if spill == nil { spill = try SpillFile() }
        let spill = spill!
        tally(buffer)
        let offset = spill.size
        try encodeSorted { try spill.append($0) }
        runs.append(Run(bytes: .file(spill, offset: offset, end: spill.size), templates: templates))
        buffer.removeAll(keepingCapacity: true)
        bufferTemplates.removeAll(keepingCapacity: true)
    }

    /// A k-way merge of every run by the keys at the front of each record.
    private func merge(_ body: (UnsafeRawBufferPointer, TemplateTable) throws -> Void) throws {
        var readers = runs.enumerated().map { RunReader($1, index: $0) }
        for r in readers.indices { try readers[r].advance() }
        var heap: [Int] = readers.indices.filter { readers[$0].current != nil }
        func compare(_ a: Int, _ b: Int, _ part: (UnsafeRawBufferPointer) -> UnsafeRawBufferPointer) -> Int {
            readers[a].withCurrent { x in readers[b].withCurrent { y in RunCodec.compare(part(x), part(y)) } }
        }
        func less(_ a: Int, _ b: Int) -> Bool {
            readers[a].key.precedes(readers[b].key, subjects: { compare(a, b, RunCodec.subject) },
                                    parties: { compare(a, b, RunCodec.party) })
        }
        func down(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && less(heap[l], heap[m]) { m = l }
                if r < heap.count && less(heap[r], heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { down(i) }
        while let top = heap.first {
            try readers[top].withCurrent { try body($0, readers[top].templates) }
            try readers[top].advance()
            if readers[top].current == nil {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { down(0) }
        }
    }
}

/// Turns a finding into its report text on the evaluating thread: a JSON line, a `check`
/// line. Rendering nothing leaves the finding out of the report (it still counts).
public struct FindingRenderer: Sendable {
    /// What the text is (`jsonl`, `check`): a writer checks it reads the form it writes.
    public let name: String
    public let render: @Sendable (Finding, inout [UInt8]) -> Void
    public init(name: String, _ render: @escaping @Sendable (Finding, inout [UInt8]) -> Void) {
        self.name = name
        self.render = render
    }
}

/// What findings of one rule share, kept once per store; records name a template by index.
final class TemplateTable: @unchecked Sendable {
    struct Template: Equatable {
        var kind: Finding.Kind
        var rule: String
        var clause: String?
        var title: String?
        var action: String?
        var sanction: String?
    }

    let ruleOrder: [String: Int]
    private(set) var templates: [Template] = []
    /// Each template's rule in declaration order: the second sort key.
    private(set) var order: [Int] = []
    private var byRule: [String: [Int]] = [:]

    init(ruleOrder: [String: Int]) { self.ruleOrder = ruleOrder }

    subscript(i: UInt16) -> Template { templates[Int(i)] }

    func index(of f: Finding) -> UInt16 {
        let t = Template(kind: f.kind, rule: f.rule, clause: f.clause, title: f.title, action: f.action, sanction: f.sanction)
        if let candidates = byRule[f.rule] {
            for i in candidates where templates[i] == t { return UInt16(i) }
        }
        templates.append(t)
        order.append(ruleOrder[f.rule] ?? 0)
        byRule[f.rule, default: []].append(templates.count - 1)
        precondition(templates.count < Int(UInt16.max), "too many distinct rule texts")
        return UInt16(templates.count - 1)
    }
}

/// One sorted run: bytes in memory or a stretch of a spill file.
struct Run {
    enum Bytes {
        case memory([UInt8])
        case file(SpillFile, offset: Int, end: Int)
    }
    var bytes: Bytes
    var templates: TemplateTable
}

/// An unlinked temporary file the runs are appended to and read back from with pread(2).
final class SpillFile: @unchecked Sendable {
    let fd: Int32
    private(set) var size = 0

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/rulebook-findings-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw DiagnosticError(.error("cannot create a temporary file: \(String(cString: strerror(errno)))",
                                         at: SourceLocation(file: NSTemporaryDirectory(), line: 1, column: 1)))
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit { close(fd) }

    func append(_ bytes: [UInt8]) throws {
        var done = 0
        try bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(size + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                done += n
            }
        }
        size += bytes.count
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress!, buffer.count, off_t(offset))
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            return n
        }
    }
}

/// Reads one run back a block at a time, exposing the record at the front and its sort key.
struct RunReader {
    let templates: TemplateTable
    /// The run's place in append order.
    let index: Int
    private var file: SpillFile?
    private var offset: Int
    private let end: Int
    private var block: [UInt8]
    private var pos = 0
    /// The front record: its start in `block` and length (after the length word).
    private(set) var current: Range<Int>?
    /// The front record's key; its `index` is the run's, so ties go to the earlier run.
    private(set) var key = RunCodec.SortKey(head: (0, 0), length: 0, order: 0, index: 0)

    init(_ run: Run, index: Int) {
        templates = run.templates
        self.index = index
        switch run.bytes {
        case .memory(let bytes):
            block = bytes
            offset = 0
            end = 0
        case .file(let f, let o, let e):
            file = f
            block = []
            offset = o
            end = e
        }
    }

    func withCurrent<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try block.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[current!])) }
    }

    /// Moves to the next record (nil `current` at the end of the run).
    mutating func advance() throws {
        if let c = current { pos = c.upperBound }
        if !has(4) || !has(4 + RunCodec.length(block, at: pos)) { try refill() }
        guard has(4) else {
            current = nil
            return
        }
        let length = RunCodec.length(block, at: pos)
        current = (pos + 4)..<(pos + 4 + length)
        key = withCurrent { RunCodec.key($0, order: templates.order, index: index) }
    }

    private func has(_ n: Int) -> Bool { block.count - pos >= n }

    private mutating func refill() throws {
        guard let file, offset < end else { return }
        block.removeSubrange(0..<pos)
        pos = 0
        var want = 64 << 10  // per run: memory grows with the number of runs
        if block.count >= 4 { want = max(want, RunCodec.length(block, at: 0) + 4) }
        want = min(want, end - offset)
        let old = block.count
        block.append(contentsOf: repeatElement(0, count: want))
        let n = try block.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...]), at: offset) }
        block.removeLast(want - n)
        offset += n
    }
}
