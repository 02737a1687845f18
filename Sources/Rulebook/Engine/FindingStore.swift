import Foundation

/// The findings of a run in report order — case id (Unicode scalar order), then rule in
/// declaration order, then party — with memory bounded however many cases stream past.
///
/// Findings are buffered; once a buffer holds `runSize` findings it is sorted and written to a
/// temporary file as a compact binary run. Reading merges the runs (ties keep append order,
/// as a stable sort would), so the order is exactly that of sorting everything in memory.
/// Small evaluations never touch the disk. The counts the report summary needs are kept as
/// findings are committed.
public final class FindingStore: @unchecked Sendable {
    /// What findings of one rule share, kept once.
    struct Template: Equatable {
        var kind: Finding.Kind
        var rule: String
        var clause: String?
        var title: String?
        var action: String?
        var sanction: String?
    }

    let ruleOrder: [String: Int]
    let runSize: Int
    private var templates: [Template] = []
    private var templateOrder: [Int] = []
    private var templatesByRule: [String: [Int]] = [:]
    private var buffer: [Finding] = []
    private var bufferTemplates: [UInt16] = []
    private var spill: SpillFile?
    private var runs: [(offset: Int, end: Int, count: Int)] = []
    private var sortedBuffer: [Int]?

    /// Per kind and status, over every committed finding.
    public private(set) var counts: [Finding.Kind: [Finding.Status: Int]] = [:]
    public private(set) var violationCount = 0
    public private(set) var totalFined = Money.zero
    public private(set) var count = 0

    init(ruleOrder: [String: Int], runSize: Int = 100_000) {
        self.ruleOrder = ruleOrder
        self.runSize = max(1, runSize)
    }

    /// The findings not yet spilled, in the order they were appended (for `explain`, which
    /// evaluates a single case).
    var pending: [Finding] { buffer }

    /// Where a rollback returns to.
    var mark: Int { buffer.count }

    func append(_ f: Finding) {
        buffer.append(f)
        bufferTemplates.append(template(of: f))
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

    /// Ends appending: the last buffer is sorted (and spilled when others were).
    func finish() throws {
        if spill != nil {
            if !buffer.isEmpty { try spillBuffer() }
        } else {
            tally(buffer)
            sortedBuffer = sortedIndices()
        }
    }

    /// Every finding in report order.
    public func forEach(_ body: (Finding) throws -> Void) throws {
        if let sortedBuffer {
            for i in sortedBuffer { try body(buffer[i]) }
            return
        }
        guard let spill else { return }
        var readers = runs.map { RunReader(file: spill, offset: $0.offset, end: $0.end, count: $0.count) }
        // Each run's head finding and its sort key; the keys decide without touching Strings
        // unless subjects are long or tie.
        var heads: [Finding?] = []
        var keys: [SortKey] = []
        func load(_ r: Int) throws {
            if let (f, t) = try readers[r].next(templates) {
                heads[r] = f
                keys[r] = sortKey(f, template: t, index: r)
            } else {
                heads[r] = nil
            }
        }
        for r in readers.indices {
            heads.append(nil)
            keys.append(SortKey(head: (0, 0), length: 0, order: 0, index: r))
            try load(r)
        }
        // A binary heap of run indices by their head finding; ties by run index keep append order.
        var heap: [Int] = heads.indices.filter { heads[$0] != nil }
        func less(_ a: Int, _ b: Int) -> Bool {
            precedes(keys[a], keys[b]) { heads[$0]! }
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
            try body(heads[top]!)
            try load(top)
            if heads[top] == nil {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { down(0) }
        }
    }

    // MARK: Internals

    private func template(of f: Finding) -> UInt16 {
        let t = Template(kind: f.kind, rule: f.rule, clause: f.clause, title: f.title, action: f.action, sanction: f.sanction)
        if let candidates = templatesByRule[f.rule] {
            for i in candidates where templates[i] == t { return UInt16(i) }
        }
        templates.append(t)
        templateOrder.append(ruleOrder[f.rule] ?? 0)
        templatesByRule[f.rule, default: []].append(templates.count - 1)
        precondition(templates.count < Int(UInt16.max), "too many distinct rule texts")
        return UInt16(templates.count - 1)
    }

    private func tally(_ findings: [Finding]) {
        for f in findings {
            counts[f.kind, default: [:]][f.status, default: 0] += 1
            if f.isViolation { violationCount += 1 }
            if let a = f.amount { totalFined += a }
        }
        count += findings.count
    }

    /// -1, 0, 1: by Unicode scalars (the order of UTF-8 bytes).
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                if n > 0 {
                    let c = memcmp(pa.baseAddress!, pb.baseAddress!, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }

    /// A finding's sort key without references: the first 16 bytes of the subject (big-endian,
    /// zero-padded: subjects hold no NUL), its length and the rule's order. Only ties on all of
    /// these look at the Strings.
    struct SortKey {
        var head: (UInt64, UInt64)
        var length: Int
        var order: Int
        var index: Int
    }

    private func sortKey(_ f: Finding, template: UInt16, index: Int) -> SortKey {
        var subject = f.subject
        var head: (UInt64, UInt64) = (0, 0)
        let length = subject.withUTF8 { u in
            withUnsafeMutableBytes(of: &head) { h in
                for j in 0..<min(16, u.count) { h[(j < 8 ? 7 - j : 23 - j)] = u[j] }
            }
            return u.count
        }
        return SortKey(head: head, length: length, order: templateOrder[Int(template)], index: index)
    }

    /// Report order on keys; `finding` gives the finding of a key's index for the rare ties.
    private func precedes(_ a: SortKey, _ b: SortKey, _ finding: (Int) -> Finding) -> Bool {
        if a.head != b.head { return a.head < b.head }
        if a.length > 16 || b.length > 16 {
            let c = FindingStore.compareUTF8(finding(a.index).subject, finding(b.index).subject)
            if c != 0 { return c < 0 }
        } else if a.length != b.length {
            return a.length < b.length
        }
        if a.order != b.order { return a.order < b.order }
        let c = FindingStore.compareUTF8(finding(a.index).party ?? "", finding(b.index).party ?? "")
        return c != 0 ? c < 0 : a.index < b.index
    }

    private func sortedIndices() -> [Int] {
        var keys = buffer.indices.map { sortKey(buffer[$0], template: bufferTemplates[$0], index: $0) }
        keys.sort { a, b in precedes(a, b) { buffer[$0] } }
        return keys.map(\.index)
    }

    private func spillBuffer() throws {
        if spill == nil { spill = try SpillFile() }
        tally(buffer)
        let order = sortedIndices()
        let offset = spill!.size
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 20)
        for i in order {
            RunCodec.encode(buffer[i], template: bufferTemplates[i], into: &bytes)
            if bytes.count >= 1 << 20 {
                try spill!.append(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        try spill!.append(bytes)
        runs.append((offset, spill!.size, order.count))
        buffer.removeAll(keepingCapacity: true)
        bufferTemplates.removeAll(keepingCapacity: true)
    }
}

/// An unlinked temporary file the runs are appended to and read back from with pread(2).
final class SpillFile {
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

/// Reads one run back, a block at a time.
struct RunReader {
    let file: SpillFile
    var offset: Int
    /// Where the run ends in the file: reads stop there.
    let end: Int
    var left: Int
    var block: [UInt8] = []
    var pos = 0

    init(file: SpillFile, offset: Int, end: Int, count: Int) {
        self.file = file
        self.offset = offset
        self.end = end
        self.left = count
    }

    mutating func next(_ templates: [FindingStore.Template]) throws -> (Finding, UInt16)? {
        guard left > 0 else { return nil }
        left -= 1
        if !has(4) || !has(4 + RunCodec.length(block, at: pos)) { try refill() }
        let length = RunCodec.length(block, at: pos)
        let f = RunCodec.decode(block, at: pos + 4, templates: templates)
        pos += 4 + length
        return f
    }

    private func has(_ n: Int) -> Bool { block.count - pos >= n }

    private mutating func refill() throws {
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

/// The binary form of a finding in a run: a length, the template, status, which optional
/// fields follow, then the fields.
enum RunCodec {
    static func put<T: FixedWidthInteger>(_ v: T, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    static func put(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { u in
            put(UInt32(u.count), &out)
            out.append(contentsOf: u)
        }
    }

    static func put(_ t: Timestamp, _ out: inout [UInt8]) {
        put(t.seconds, &out)
        put(t.offsetSeconds, &out)
    }

    static let statuses: [Finding.Status] = [.met, .breached, .open, .overdue, .fined, .sanctioned, .raised]
    static let clocks: [Clock] = [.calendar, .workingTime, .workingDays]

    static func encode(_ f: Finding, template: UInt16, into out: inout [UInt8]) {
        let start = out.count
        put(UInt32(0), &out)
        put(template, &out)
        out.append(UInt8(statuses.firstIndex(of: f.status)!))
        var flags: UInt8 = 0
        for (i, present) in [f.start != nil, f.due != nil, f.done != nil, f.lateBy != nil, f.party != nil,
                             f.amount != nil, f.incurredAt != nil, f.month != nil].enumerated() where present {
            flags |= 1 << i
        }
        out.append(flags)
        // Per-case text (a `note:`) varies by case, so it is stored with the finding.
        out.append(f.note != nil ? 1 : 0)
        put(Int64(f.row), &out)
        put(f.subject, &out)
        if let t = f.start { put(t, &out) }
        if let t = f.due { put(t, &out) }
        if let t = f.done { put(t, &out) }
        if let l = f.lateBy {
            out.append(UInt8(clocks.firstIndex(of: l.clock)!))
            put(l.amount, &out)
        }
        if let p = f.party { put(p, &out) }
        if let a = f.amount { put(a.minorUnits, &out) }
        if let t = f.incurredAt { put(t, &out) }
        if let m = f.month { put(m, &out) }
        if let n = f.note { put(n, &out) }
        let length = UInt32(out.count - start - 4).littleEndian
        withUnsafeBytes(of: length) { for (i, b) in $0.enumerated() { out[start + i] = b } }
    }

    static func length(_ b: [UInt8], at i: Int) -> Int {
        b.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: i, as: UInt32.self))) }
    }

    static func decode(_ b: [UInt8], at start: Int, templates: [FindingStore.Template]) -> (Finding, UInt16) {
        b.withUnsafeBytes { raw in
            var i = start
            func get<T: FixedWidthInteger>(_: T.Type) -> T {
                defer { i += MemoryLayout<T>.size }
                return T(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: T.self))
            }
            func string() -> String {
                let n = Int(get(UInt32.self))
                defer { i += n }
                return String(decoding: UnsafeRawBufferPointer(rebasing: raw[i..<(i + n)]), as: UTF8.self)
            }
            func timestamp() -> Timestamp {
                let s = get(Int64.self)
                return Timestamp(seconds: s, offsetSeconds: get(Int32.self))
            }
            let t = get(UInt16.self)
            let template = templates[Int(t)]
            let status = statuses[Int(get(UInt8.self))]
            let flags = get(UInt8.self)
            let hasNote = get(UInt8.self) != 0
            let row = Int(get(Int64.self))
            var f = Finding(subject: string(), row: row, kind: template.kind, rule: template.rule, clause: template.clause,
                            title: template.title, status: status)
            f.action = template.action
            f.sanction = template.sanction
            if flags & 1 != 0 { f.start = timestamp() }
            if flags & 2 != 0 { f.due = timestamp() }
            if flags & 4 != 0 { f.done = timestamp() }
            if flags & 8 != 0 {
                let clock = clocks[Int(get(UInt8.self))]
                f.lateBy = Span(clock, get(Int64.self))
            }
            if flags & 16 != 0 { f.party = string() }
            if flags & 32 != 0 { f.amount = Money(minorUnits: get(Int64.self)) }
            if flags & 64 != 0 { f.incurredAt = timestamp() }
            if flags & 128 != 0 { f.month = string() }
            if hasNote { f.note = string() }
            return (f, t)
        }
    }
}
