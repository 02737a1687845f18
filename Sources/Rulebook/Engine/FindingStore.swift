import CFileSpace
import Foundation

/// The findings of a run in report order — case id (natural order, `HumanOrder`), then rule in
/// declaration order, then party — with memory bounded however many cases stream past.
///
/// Findings are buffered as the records of a run, encoded as they are appended, with their
/// sort keys beside them; once a buffer holds `runSize` findings its keys are sorted and its
/// records copied in that order to a temporary file (the last buffer becomes a run in memory). Reading
/// merges the runs — of this store and of the stores it absorbed from other threads — comparing
/// record bytes, never building Strings to sort. Ties keep append order, as a stable sort
/// would. The counts the report summary needs are kept as findings are committed.
///
/// A store made with a `FindingRenderer` keeps each finding as its finished report text,
/// rendered on the evaluating thread, so that writing the report is a merge of bytes.
// Unchecked Sendable, as a report (Sendable) holds it: a store is filled by one evaluator's
// thread (appending is internal), and handed on only once that thread is done with it (joined
// before `absorb`, finished before a report holds it); what is public only reads it.
final class FindingStore: @unchecked Sendable {
    let runSize: Int
    /// Set when findings are kept as report text.
    let renderer: FindingRenderer?
    /// This store's (this thread's) rendering function.
    private let render: ((Finding, inout [UInt8]) -> Void)?
    let templates: TemplateTable
    // Touched for every finding: exclusivity is plain here (one thread owns a store).
    /// The buffered findings as run records (length word first), in append order: a kept
    /// finding is encoded (or rendered) once, as it is appended, so that the buffer holds no
    /// references to retain and release, a rollback is a truncation, and a spill copies bytes.
    @exclusivity(unchecked) private var arena: [UInt8] = []
    /// The sort key of each buffered record; its `index` is the record's offset in `arena`
    /// (increasing in append order, so ties still keep append order).
    @exclusivity(unchecked) private var keys: [RunCodec.SortKey] = []
    /// The subject of the last finding kept and its key: a case's findings share a subject,
    /// whose natural key is then read once. Its bits (`StringBits`) apart, compared without
    /// taking the text out (a retain and release a finding).
    @exclusivity(unchecked) private var lastSubject: (text: String, key: RunCodec.SortKey)?
    @exclusivity(unchecked) private var lastSubjectBits: (UInt64, UInt64) = (0, 0)
    /// Where in `keys` each stretch of one subject starts (a case's findings are appended
    /// together): a buffer is sorted by stretch, then within each subject, so that the sort
    /// compares subjects once per case instead of once per finding.
    @exclusivity(unchecked) private var stretches: [Int] = []
    /// `sortKeys`' scratch: the stretches in order, and the keys laid out in it.
    @exclusivity(unchecked) private var stretchOrder: [Int] = []
    @exclusivity(unchecked) private var sortedKeys: [RunCodec.SortKey] = []
    /// Which findings are kept; nil: all. The others are counted only.
    private let keep: (@Sendable (Finding) -> Bool)?
    /// Per kind and status (`FindingStore.bit`), set when the retention drops every such
    /// finding, and when it keeps every one: its `decides` asked once, here. (Called per step,
    /// the closure, which every thread's store shares, had its context retained and released:
    /// a count the threads contended on.)
    private let dropped: UInt64
    private let kept: UInt64
    /// The findings appended since the last `commit`, kept or not, to be counted once their
    /// case evaluated (a rollback drops them).
    @exclusivity(unchecked) private var uncounted: [Counted] = []

    /// What the summary counts of one finding.
    private struct Counted {
        /// `tallies`' place: kind, then status.
        var tally: UInt8
        var fined: Money
    }
    private var spill: SpillFile?
    /// Where sorted runs are spilled; nil: the system's temporary folder (`TMPDIR`).
    var spillDirectory: String?
    private var runs: [Run] = []
    /// Set by a writer that reads the findings once more when nothing reads them after it
    /// (`ReportFormat.write`'s `lastRead`, which the CLI passes): that read gives each spilled
    /// run's storage back as it goes (`SpillFile.giveBack`), and a later read throws
    /// `FindingsGivenBack`. At 1M cases the runs are ~0.3 GB of page cache, freed while the
    /// report is written instead of after: the report's pages then come from memory the
    /// system just had (on the benchmark's virtual machine, pages not touched lately cost the
    /// report's writer up to three times as much), and a run's peak use of the page cache
    /// falls by the runs' size.
    var givesBackAsRead = false
    private var givenBack = false

    /// How much of a run is read before what was read of it is given back (tests make it
    /// small): a punch is a file-system call and a journal entry, not one per block read.
    var giveBackStep = 1 << 20
    /// How much of a spilled run the merge reads at a time; nil: a share of a fixed budget
    /// (tests make it small).
    var runReadBytes: Int?

    /// The 512-byte blocks the store's temporary files hold (theirs and the absorbed
    /// stores'), and the runs in them: what a read that gives them back frees.
    var spillStorage: (blocks: Int, runs: Int) {
        var seen = Set<ObjectIdentifier>()
        var blocks = 0, count = 0
        for r in runs {
            guard case .file(let f, _, _) = r.bytes else { continue }
            count += 1
            guard seen.insert(ObjectIdentifier(f)).inserted else { continue }
            var st = stat()
            if fstat(f.fd, &st) == 0 { blocks += Int(st.st_blocks) }
        }
        return (blocks, count)
    }

    /// Per kind and status, over every committed finding.
    var counts: [Finding.Kind: [Finding.Status: Int]] {
        var out: [Finding.Kind: [Finding.Status: Int]] = [:]
        for (i, n) in tallies.enumerated() where n > 0 {
            out[Finding.Kind.allCases[i / Finding.Status.allCases.count], default: [:]][Finding.Status.allCases[i % Finding.Status.allCases.count]] = n
        }
        return out
    }
    /// `counts` flat, by kind then status (a finding is counted without hashing).
    @exclusivity(unchecked) private var tallies = [Int](repeating: 0, count: Finding.Kind.allCases.count * Finding.Status.allCases.count)
    /// Findings whose status is a violation, from `tallies`.
    var violationCount: Int {
        tallies.indices.reduce(0) { n, i in Finding.Status.allCases[i % Finding.Status.allCases.count].isViolation ? n + tallies[i] : n }
    }
    private(set) var totalFined = Money.zero
    var count: Int { tallies.reduce(0, +) }

    /// `templates`: the policy's finding templates (`CompiledPolicy.findingTemplates`).
    init(ruleOrder: [String: Int], templates: [FindingTemplate] = [], runSize: Int = 100_000, renderer: FindingRenderer? = nil,
         retention: FindingRetention = .all) {
        self.runSize = max(1, runSize)
        self.renderer = renderer
        render = renderer?.make()
        keep = retention.keep
        var dropped: UInt64 = 0, kept: UInt64 = 0
        if keep != nil, let decides = retention.decides {
            for kind in FindingKind.allCases {
                for status in Finding.Status.allCases {
                    switch decides(kind, status) {
                    case false?: dropped |= FindingStore.bit(kind, status)
                    case true?: kept |= FindingStore.bit(kind, status)
                    case nil: break
                    }
                }
            }
        }
        (self.dropped, self.kept) = (dropped, kept)
        self.templates = TemplateTable(ruleOrder: ruleOrder, known: templates)
    }

    /// The findings not yet spilled, in the order they were appended (for `explain`, which
    /// evaluates a single case). Empty in a store of report text.
    var pending: [Finding] {
        guard renderer == nil else { return [] }
        return arena.withUnsafeBytes { a in keys.map { RunCodec.decode(record(a, at: $0.index), templates: templates.templates) } }
    }

    /// Where a rollback returns to: the findings kept and counted so far.
    struct Mark {
        fileprivate var kept: Int
        fileprivate var bytes: Int
        fileprivate var counted: Int
    }

    var mark: Mark { Mark(kept: keys.count, bytes: arena.count, counted: uncounted.count) }

    func append(_ f: consuming Finding) {
        var f = f
        append(&f, localizingTo: nil)
    }

    /// Whether a finding of `kind` and `status` is sure not to be kept: then `count` stands
    /// for its `append`.
    @inline(__always)
    func drops(_ kind: FindingKind, _ status: Finding.Status) -> Bool {
        dropped & FindingStore.bit(kind, status) != 0
    }

    /// A kind and status's bit in `dropped` and `kept` (their place in `tallies`).
    @inline(__always)
    private static func bit(_ kind: FindingKind, _ status: Finding.Status) -> UInt64 {
        1 << UInt64(kind.ordinal * FindingStore.statuses + status.ordinal)
    }

    private static let statuses = Finding.Status.allCases.count

    /// Counts a finding `drops` said is not kept, as `append` would, without the finding.
    /// Not for a fine (its amount is summed): a caller only counts findings of no money.
    func count(_ template: FindingTemplate, status: Finding.Status) {
        precondition(status != .fined, "a fine is counted with its amount")
        uncounted.append(Counted(tally: UInt8(template.kind.ordinal * FindingStore.statuses + status.ordinal), fined: .zero))
        _ = templates.index(of: template)
    }

    /// Counts `f` and keeps it when the retention says so; a finding that is kept has its
    /// instants put at `zone` first (the policy's: the evaluator's findings print as they are
    /// kept), so that one only counted costs no more than its count. (A zone, not a closure
    /// that localizes: the closure captured its evaluator, retained and released twice for
    /// every finding.)
    /// `f` is taken in place (`inout`), not as a copy: a finding is some 200 bytes and five
    /// counted references, copied and destroyed once more per finding otherwise.
    func append(_ f: inout Finding, localizingTo zone: Unmanaged<Zone>?) {
        let fined = f.status == .fined ? f.amount ?? .zero : .zero
        uncounted.append(Counted(tally: UInt8(f.kind.ordinal * FindingStore.statuses + f.status.ordinal), fined: fined))
        // A template is registered even for a finding not kept: the rules a report lists
        // are those that had findings (`templateRules`).
        let template = templates.index(of: f.template)
        if let keep, kept & FindingStore.bit(f.kind, f.status) == 0, !keep(f) { return }
        // Borrowed (the evaluator's policy holds the zone): bound to a name, it was retained
        // and released for every finding.
        zone?._withUnsafeGuaranteedRef { zone in
            if let t = f.start { f.start = zone.localize(t) }
            if let t = f.due { f.due = zone.localize(t) }
            if let t = f.done { f.done = zone.localize(t) }
            if let t = f.incurredAt { f.incurredAt = zone.localize(t) }
        }
        if arena.capacity == 0 { arena.reserveCapacity(FindingStore.runBytes + (64 << 10)) }
        let start: Int
        if let render {
            start = RunCodec.begin(f, template: template, into: &arena)
            let keysEnd = arena.count
            render(f, &arena)
            if arena.count == keysEnd {  // not part of this report
                arena.removeSubrange(start...)
                return
            }
            RunCodec.end(start, &arena)
        } else {
            start = RunCodec.record(f, template: template, into: &arena)
        }
        keys.append(sortKey(f.subject, order: templates.order[Int(template)], at: start))
    }

    /// The key of a record at `offset` whose finding is about `subject`.
    private func sortKey(_ subject: String, order: Int, at offset: Int) -> RunCodec.SortKey {
        var key: RunCodec.SortKey
        // The same bytes (String's == also holds for canonically equivalent texts, which
        // natural order tells apart by their bytes).
        if lastSubject != nil, !keys.isEmpty, lastSubjectBits == StringBits.of(subject) {
            key = lastSubject.unsafelyUnwrapped.key
        } else if let last = lastSubject, !keys.isEmpty, last.text == subject && last.text.utf8.elementsEqual(subject.utf8) {
            key = last.key
        } else {
            key = RunCodec.SortKey(subject: subject, order: order, index: offset)
            lastSubject = (subject, key)
            lastSubjectBits = StringBits.of(subject)
            stretches.append(keys.count)
        }
        key.order = order
        key.index = offset
        return key
    }

    /// Drops the findings appended since `mark` (a row that failed half-way).
    func rollback(to mark: Mark) {
        keys.removeSubrange(mark.kept...)
        while let last = stretches.last, last >= mark.kept { stretches.removeLast() }
        lastSubject = nil  // the next finding starts a stretch of its own
        arena.removeSubrange(mark.bytes...)
        uncounted.removeSubrange(mark.counted...)
    }

    /// Called between cases: counts the case's findings and spills a full buffer.
    func commit() throws {
        tally()
        if keys.count >= runSize || arena.count >= FindingStore.runBytes { try spillBuffer() }
    }

    /// The most bytes a buffer holds before it is spilled, whatever `runSize`: report text
    /// takes more room than the findings' values did, and the arena is reserved at this size
    /// (its pages are taken only as they are written) so that it never grows by copying.
    static let runBytes = 12 << 20

    /// Ends appending: the last buffer becomes a sorted run in memory (no larger than the
    /// buffer was), so that its findings are never written out to be read back.
    func finish() throws {
        tally()
        lastSubject = nil
        guard !keys.isEmpty else { return }
        sortKeys()
        runs.append(Run(bytes: .arena(arena, keys: keys), templates: templates))
        arena = []
        keys = []
        stretches = []
        stretchOrder = []
        sortedKeys = []
    }

    /// The fines' total, saturating: it is at most the evaluator's checked total of fines,
    /// and when that overflows the run fails before any report is written.
    static func addFined(_ a: Money, _ b: Money) -> Money { a.adding(b) ?? Money(minorUnits: .max) }

    /// Takes over the runs and counts of a store filled on another thread (after both have
    /// finished); reading then merges them all.
    func absorb(_ other: FindingStore) {
        precondition(other.keys.isEmpty, "absorb a finished store")
        runs += other.runs
        other.runs = []
        for i in tallies.indices { tallies[i] += other.tallies[i] }
        totalFined = FindingStore.addFined(totalFined, other.totalFined)
    }

    /// Every record in report order, with the templates its index names: what a partial
    /// result keeps (`PartialResult`). A store of values only, finished, on one template table.
    func forEachRecord(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(renderer == nil && keys.isEmpty, "records of a finished store of values")
        let tables = runTables().tables
        precondition(tables.allSatisfy { $0 === templates }, "one template table")
        try merge { record, _ in try body(record) }
    }

    /// The per kind and status counts, as `tallies` lays them out.
    var tallyCounts: [Int] { tallies }

    /// Takes in a sorted run made elsewhere (a partial result's), with its counts.
    func adopt(_ run: Run, tallies counts: [Int], totalFined fined: Money) {
        precondition(counts.count == tallies.count, "tallies of the same layout")
        runs.append(run)
        for i in tallies.indices { tallies[i] += counts[i] }
        totalFined = FindingStore.addFined(totalFined, fined)
    }

    /// Every finding in report order. Throws `FindingFormMismatch` when the store kept
    /// report text instead (read it with `forEachRendered(as:_:)`).
    func forEach(_ body: (Finding) throws -> Void) throws {
        if let renderer { throw FindingFormMismatch(wanted: nil, kept: renderer.form) }
        let lists = runTables().tables.map(\.templates)
        try merge { record, table in try body(RunCodec.decode(record, templates: lists[table])) }
    }

    /// How many threads render findings read as text (`forEachRendered(by:_:)`): the run's
    /// evaluating threads, which are free by then.
    var renderThreads = 1
    /// The records of a batch those threads render (`RenderPipeline.batchBytes`; tests make
    /// it small).
    var renderBatchBytes = RenderPipeline.batchBytes

    /// Every finding in report order, rendered by `renderer` and handed to `body` a block of
    /// text at a time (`body` may keep the block's storage and leave another). A store of
    /// values: throws `FindingFormMismatch` when it kept report text. With `renderThreads`
    /// above 1 the merge only copies records into batches, rendered on that many threads
    /// meanwhile (`RenderPipeline`); the blocks come in report order all the same.
    /// Returns how many findings rendered some text (`check` counts its lines so).
    @discardableResult
    func forEachRendered(by renderer: FindingRenderer, _ body: (inout [UInt8]) throws -> Void) throws -> Int {
        if let kept = self.renderer { throw FindingFormMismatch(wanted: renderer.form, kept: kept.form) }
        var block: [UInt8] = []
        block.reserveCapacity(RenderPipeline.batchBytes + (64 << 10))
        let lists = TemplateLists(runTables().tables.map(\.templates))
        guard renderThreads > 1 else {
            let render = renderer.makeRecordRenderer()
            var rendered = 0
            try lists.withTables { tables in
                try merge { record, table in
                    if render(record, tables.table(table), &block) { rendered += 1 }
                    if block.count >= ByteOutput.blockSize {
                        try body(&block)
                        block.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !block.isEmpty { try body(&block) }
            return rendered
        }
        let pipeline = RenderPipeline(renderer: renderer, templates: lists, threads: renderThreads)
        defer { pipeline.stop() }
        try merge { record, table in
            RenderPipeline.add(record, table: table, to: &block)
            if block.count >= renderBatchBytes { try pipeline.submit(&block, body) }
        }
        if !block.isEmpty { try pipeline.submit(&block, body) }
        return try pipeline.finish(body)
    }

    /// The report text of every finding in report order (findings the renderer left out
    /// are skipped), a finding's bytes at a time.
    /// Throws `FindingFormMismatch` when the store kept values, or the text of another form.
    func forEachRendered(as form: FindingRenderer.Form, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard renderer?.form == form else { throw FindingFormMismatch(wanted: form, kept: renderer?.form) }
        try merge { record, _ in try body(RunCodec.payload(record)) }
    }

    /// The rule of every finding template the store's findings used, and of the policy's
    /// own: a rule with findings is among them even when it is no deadline, penalty or
    /// escalation (a derived value whose ratio could not be taken).
    var templateRules: Set<String> {
        var rules = Set(templates.templates.map(\.rule))
        for r in runs where r.templates !== templates { rules.formUnion(r.templates.templates.map(\.rule)) }
        return rules
    }

    // MARK: Internals

    /// Counts the findings appended since the last count: those of a case that evaluated.
    private func tally() {
        for c in uncounted {
            tallies[Int(c.tally)] += 1
            if c.fined != .zero { totalFined = FindingStore.addFined(totalFined, c.fined) }
        }
        uncounted.removeAll(keepingCapacity: true)
    }

    /// Puts the buffer's keys in report order; only the keys move. The stretches of one
    /// subject are sorted by their first key (ties: the earlier stretch first), then each
    /// subject's keys — one stretch, or several when a subject came back — by rule, party and
    /// append order: the order of sorting every key at once, with a comparison of subjects
    /// per stretch instead of per key.
    private func sortKeys() {
        arena.withUnsafeBytes { a in
            // The arena is not changed while it is read.
            func subject(_ k: RunCodec.SortKey) -> UnsafeRawBufferPointer { RunCodec.subject(record(a, at: k.index)) }
            func compareSubjects(_ x: RunCodec.SortKey, _ y: RunCodec.SortKey) -> Int {
                x.compareSubject(y, subjects: { HumanOrder.compareNatural(subject(x), subject(y)) })
            }
            stretchOrder.removeAll(keepingCapacity: true)
            stretchOrder.append(contentsOf: stretches.indices)
            keys.withUnsafeBufferPointer { k in
                stretchOrder.sort { x, y in
                    let c = compareSubjects(k[stretches[x]], k[stretches[y]])
                    return c != 0 ? c < 0 : x < y
                }
            }
            sortedKeys.removeAll(keepingCapacity: true)
            sortedKeys.reserveCapacity(keys.count)
            var g = 0
            while g < stretchOrder.count {
                let first = keys[stretches[stretchOrder[g]]]
                var h = g + 1
                while h < stretchOrder.count && compareSubjects(keys[stretches[stretchOrder[h]]], first) == 0 { h += 1 }
                let from = sortedKeys.count
                for s in stretchOrder[g..<h] {
                    sortedKeys.append(contentsOf: keys[stretches[s]..<(s + 1 < stretches.count ? stretches[s + 1] : keys.count)])
                }
                // One subject: the keys differ only from the rule on. A case's findings come
                // mostly in rule order already: sorted only when they are not.
                func precedes(_ x: RunCodec.SortKey, _ y: RunCodec.SortKey) -> Bool {
                    x.precedes(y, subjects: { 0 }, parties: { RunCodec.compare(RunCodec.party(record(a, at: x.index)), RunCodec.party(record(a, at: y.index))) })
                }
                var inOrder = true
                for i in (from + 1)..<max(from + 1, sortedKeys.count) where !precedes(sortedKeys[i - 1], sortedKeys[i]) {
                    inOrder = false
                    break
                }
                if !inOrder { sortedKeys[from...].sort(by: precedes) }
                g = h
            }
        }
        swap(&keys, &sortedKeys)
    }

    /// The buffer's records in report order, as one run, handed to `sink` in pieces of about
    /// a megabyte (a run of rendered findings is large).
    private func encodeSorted(_ sink: ([UInt8]) throws -> Void) rethrows {
        sortKeys()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(arena.count, 1 << 20) + 4096)
        try arena.withUnsafeBytes { a in
            for k in keys {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: a[k.index..<(k.index + 4 + RunCodec.u32(a, k.index))]))
                if bytes.count >= 1 << 20 {
                    try sink(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        if !bytes.isEmpty { try sink(bytes) }
    }

    /// The record (after its length word) at `offset` of the arena `a`.
    @inline(__always) private func record(_ a: UnsafeRawBufferPointer, at offset: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: a[(offset + 4)..<(offset + 4 + RunCodec.u32(a, offset))])
    }

    private func spillBuffer() throws {
        if spill == nil { spill = try SpillFile(directory: spillDirectory) }
        let spill = spill!
        let offset = spill.size
        try encodeSorted { try spill.append($0) }
        runs.append(Run(bytes: .file(spill, offset: offset, end: spill.size), templates: templates))
        arena.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        stretches.removeAll(keepingCapacity: true)
    }

    /// The runs' template tables, each once, in the order the runs first name them, and each
    /// run's place among them.
    private func runTables() -> (tables: [TemplateTable], ofRun: [Int]) {
        var tables: [TemplateTable] = []
        var ofRun: [Int] = []
        for r in runs {
            if let i = tables.firstIndex(where: { $0 === r.templates }) {
                ofRun.append(i)
            } else {
                ofRun.append(tables.count)
                tables.append(r.templates)
            }
        }
        return (tables, ofRun)
    }

    /// A k-way merge of every run by the keys at the front of each record. The heap compares
    /// a plain array of keys; a reader is reached (through a buffer pointer, never copied)
    /// only for ties on the keys, to hand its record over and to advance it.
    ///
    /// A case's findings lie together in a run (one evaluator made them, one after another):
    /// once the run at the top holds a subject no other run's front record has, every record
    /// of that subject it holds comes next, and is handed over without touching the heap.
    ///
    /// `body` gets each record with its template table's number in `runTables().tables` (a
    /// table handed over per record was a retain and release each).
    private func merge(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        if givenBack { throw FindingsGivenBack() }
        let givesBack = givesBackAsRead
        if givesBack { givenBack = true }  // also when the read fails: a run may be part gone
        let ofRun = runTables().ofRun
        // Spilled runs are read a block at a time; their blocks share a fixed budget, so that
        // memory does not grow with the number of runs (that is, of cases).
        let block = runReadBytes ?? max(8 << 10, min(64 << 10, (16 << 20) / max(1, runs.count)))
        var readers = runs.enumerated().map { RunReader($1, index: $0, blockSize: block, giveBackStep: givesBack ? giveBackStep : nil) }
        try readers.withUnsafeMutableBufferPointer { r in
            for i in r.indices { try r[i].advance() }
            var keys = r.map(\.key)
            var heap: [Int] = r.indices.filter { r[$0].current != nil }
            func compare(_ a: Int, _ b: Int, _ part: (UnsafeRawBufferPointer) -> UnsafeRawBufferPointer) -> Int {
                r[a].withCurrent { x in r[b].withCurrent { y in RunCodec.compare(part(x), part(y)) } }
            }
            func compareSubjects(_ a: Int, _ b: Int) -> Int {
                r[a].withCurrent { x in r[b].withCurrent { y in HumanOrder.compareNatural(RunCodec.subject(x), RunCodec.subject(y)) } }
            }
            func less(_ a: Int, _ b: Int) -> Bool {
                keys[a].precedes(keys[b], subjects: { compareSubjects(a, b) },
                                 parties: { compare(a, b, RunCodec.party) })
            }
            /// Whether the top run's subject is at the front of no other run: the runs are
            /// sorted and the others' fronts follow the top, so they hold it nowhere after.
            func topSubjectAlone() -> Bool {
                let top = heap[0]
                for child in 1...2 where child < heap.count {
                    let other = heap[child]
                    if keys[top].compareSubject(keys[other], subjects: { compareSubjects(top, other) }) == 0 { return false }
                }
                return true
            }
            func down(_ start: Int) {
                var i = start
                while true {
                    let l = 2 * i + 1, right = l + 1
                    var m = i
                    if l < heap.count && less(heap[l], heap[m]) { m = l }
                    if right < heap.count && less(heap[right], heap[m]) { m = right }
                    if m == i { return }
                    heap.swapAt(i, m)
                    i = m
                }
            }
            for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { down(i) }
            while let top = heap.first {
                try r[top].withCurrent { try body($0, ofRun[top]) }
                try r[top].advance()
                if r[top].current != nil, r[top].sameSubject, topSubjectAlone() {
                    repeat {
                        try r[top].withCurrent { try body($0, ofRun[top]) }
                        try r[top].advance()
                    } while r[top].current != nil && r[top].sameSubject
                }
                if r[top].current == nil {
                    heap[0] = heap[heap.count - 1]
                    heap.removeLast()
                } else {
                    keys[top] = r[top].key
                }
                if !heap.isEmpty { down(0) }
            }
        }
    }
}

// The places below are how runs store a status and how counts are laid out; a test checks
// them against `allCases`.
extension Finding.Kind {
    /// Place in `allCases`.
    var ordinal: Int {
        switch self {
        case .deadline: return 0
        case .penalty: return 1
        case .escalation: return 2
        case .ratio: return 3
        }
    }
}

extension Finding.Status {
    /// Place in `allCases`.
    var ordinal: Int {
        switch self {
        case .met: return 0
        case .breached: return 1
        case .open: return 2
        case .overdue: return 3
        case .fined: return 4
        case .sanctioned: return 5
        case .raised: return 6
        case .notFined: return 7
        case .provisional: return 8
        case .undefined: return 9
        }
    }
}

/// Turns a finding into its report text on the evaluating thread: a JSON line, a `check`
/// line. Rendering nothing leaves the finding out of the report (it still counts).
package struct FindingRenderer: Sendable {
    /// What the text is (a JSON line, a `check` line): the store hands rendered findings only
    /// to a reader that asks for their form (`FindingStore.forEachRendered(as:_:)`). Each
    /// writer declares its own (`Form.jsonLine`, in the layer of the writer).
    struct Form: Hashable, Sendable, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let form: Form
    /// Makes the rendering function of one thread, which may keep state of its own (a rule's
    /// constant text, prepared once) without sharing it.
    let make: @Sendable () -> (Finding, inout [UInt8]) -> Void
    /// As `make`, for findings read in place from their run records, when the renderer reads
    /// them so (`FindingFields`); nil: each record is made a finding for `make`'s function.
    private let makeForRecords: (@Sendable () -> (RunCodec.View, inout [UInt8]) -> Void)?

    init(form: Form, _ render: @escaping @Sendable (Finding, inout [UInt8]) -> Void) {
        self.form = form
        make = { render }
        makeForRecords = nil
    }

    init(form: Form, perThread make: @escaping @Sendable () -> (Finding, inout [UInt8]) -> Void,
         forRecords: (@Sendable () -> (RunCodec.View, inout [UInt8]) -> Void)? = nil) {
        self.form = form
        self.make = make
        makeForRecords = forRecords
    }

    /// One thread's function rendering a run record (its bytes after the length word) of a
    /// template table whose templates are given; it returns whether the record rendered any
    /// text (`check` counts its lines so).
    func makeRecordRenderer() -> (UnsafeRawBufferPointer, UnsafeBufferPointer<FindingTemplate>, inout [UInt8]) -> Bool {
        if let render = makeForRecords?() {
            return { record, templates, out in
                let before = out.count
                render(RunCodec.View(record, templates: templates), &out)
                return out.count > before
            }
        }
        let render = make()
        return { record, templates, out in
            let before = out.count
            render(RunCodec.View(record, templates: templates).finding, &out)
            return out.count > before
        }
    }
}

/// A store's findings read in a form they are not kept in: as values from a store that kept
/// report text, or as one format's text from a store that kept another's. The run was made
/// for another report (its `EvaluationRun.renderer`); no finding is lost, but none can be read
/// this way.
struct FindingFormMismatch: Error, CustomStringConvertible {
    /// The form asked for; nil: findings as values.
    var wanted: FindingRenderer.Form?
    /// The form kept; nil: findings as values.
    var kept: FindingRenderer.Form?

    var description: String {
        func name(_ f: FindingRenderer.Form?) -> String { f.map { "\($0) text" } ?? "values" }
        return "the findings were kept as \(name(kept)) and cannot be read as \(name(wanted))"
    }
}

/// The findings were read by a read that gave their spilled runs back as it went
/// (`FindingStore.givesBackAsRead`): they cannot be read again.
struct FindingsGivenBack: Error, CustomStringConvertible {
    var description: String { "the findings were read once, their temporary files given back as read: they cannot be read again" }
}

/// Which findings a run keeps for its report (``EvaluationRun/retention``). Every finding is
/// counted in the summary either way; one that is not kept costs no memory and no place on
/// disk, so a run that needs only its violations can keep just those (`rulebook check` keeps
/// a tenth of an export's findings so).
public struct FindingRetention: Sendable {
    let keep: (@Sendable (Finding) -> Bool)?
    /// What `keep` says of every finding of a kind and status, or nil when it must see the
    /// finding: asked first, so that a finding certain to be dropped is counted without being
    /// made (a `check` drops most of a case's deadlines, met or still open).
    let decides: (@Sendable (FindingKind, Finding.Status) -> Bool?)?

    /// Every finding: what a report that lists them all needs. The default.
    public static let all = FindingRetention(keep: nil, decides: nil)

    /// The findings `keep` accepts. It is called once per finding, on the evaluating
    /// threads, so it must be cheap and safe to call from several at once.
    public static func only(_ keep: @escaping @Sendable (Finding) -> Bool) -> FindingRetention {
        FindingRetention(keep: keep, decides: nil)
    }

    /// As `only(keep)`, with `decides`: `keep`'s answer for a kind and status whenever it
    /// depends on nothing else (nil otherwise). The two must agree.
    package static func only(_ keep: @escaping @Sendable (Finding) -> Bool,
                             decides: @escaping @Sendable (FindingKind, Finding.Status) -> Bool?) -> FindingRetention {
        FindingRetention(keep: keep, decides: decides)
    }
}

/// The templates of a store's findings; records name a template by its index here. A
/// policy's own templates sit at their `id`, so finding one costs nothing; a template made on
/// its own is matched by its text.
final class TemplateTable {
    let ruleOrder: [String: Int]
    // `@exclusivity(unchecked)`: read for every finding kept and every record rendered, where
    // a checked read of a class's variable was a call into the runtime each time. A table
    // belongs to one store, so to one thread at a time, and only `index(of:)` changes it,
    // while no caller holds either array.
    @exclusivity(unchecked) private(set) var templates: [FindingTemplate]
    /// Each template's rule in declaration order: the second sort key.
    @exclusivity(unchecked) private(set) var order: [Int]
    /// The policy's own templates, at their `id`: every finding looks its template up here, in
    /// a constant (reading `templates`, a variable of a class, is checked for exclusivity
    /// each time).
    private let known: [FindingTemplate]
    private var byRule: [String: [Int]] = [:]

    init(ruleOrder: [String: Int], known: [FindingTemplate]) {
        self.ruleOrder = ruleOrder
        templates = known
        order = known.map { ruleOrder[$0.rule] ?? 0 }
        self.known = known
        for (i, t) in known.enumerated() { byRule[t.rule, default: []].append(i) }
    }

    subscript(i: UInt16) -> FindingTemplate { templates[Int(i)] }

    @inline(__always)
    func index(of t: FindingTemplate) -> UInt16 {
        // One of the policy's own (nearly every finding), found without a call: a call was
        // given the template retained, since it is read from a finding the caller may change.
        let id = t.id
        if id >= 0, id < known.count, known[id] === t { return UInt16(id) }
        return added(t)
    }

    private func added(_ t: FindingTemplate) -> UInt16 {
        if let candidates = byRule[t.rule] {
            for i in candidates where templates[i] == t { return UInt16(i) }
        }
        templates.append(t)
        order.append(ruleOrder[t.rule] ?? 0)
        byRule[t.rule, default: []].append(templates.count - 1)
        precondition(templates.count < Int(UInt16.max), "too many distinct rule texts")
        return UInt16(templates.count - 1)
    }
}

/// One sorted run: a store's last buffer, kept in memory, or a stretch of a spill file.
struct Run {
    enum Bytes {
        /// Records in append order (`FindingStore`'s arena), read in the order of `keys`,
        /// sorted, whose `index` is a record's offset.
        case arena([UInt8], keys: [RunCodec.SortKey])
        case file(SpillFile, offset: Int, end: Int)
    }
    var bytes: Bytes
    var templates: TemplateTable
}

/// An unlinked temporary file the runs are appended to and read back from with pread(2).
/// Failures are `IOFailure`s naming the folder (a full temporary folder exits 74).
final class SpillFile {
    let fd: Int32
    /// The folder, for messages.
    let directory: String
    private(set) var size = 0

    /// Creates the file in `directory` (the system's temporary folder when nil). Its name is
    /// registered with `TemporaryFiles` from before it exists until it is unlinked, a moment
    /// later, so that no signal leaves it behind.
    convenience init(directory: String? = nil) throws {
        var dir = directory ?? NSTemporaryDirectory()
        while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
        var code = EEXIST
        for _ in 0..<100 {
            let path = dir + "/.rulebook-findings-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let registration = TemporaryFiles.register(path)
            defer { TemporaryFiles.unregister(registration) }
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                unlink(path)
                self.init(fd: fd, directory: dir)
                return
            }
            code = errno
            if code != EEXIST { break }
        }
        throw IOFailure(path: dir, action: "cannot create a temporary file", code: code)
    }

    /// Spills to an open descriptor (tests use `/dev/full`).
    init(fd: Int32, directory: String) {
        self.fd = fd
        self.directory = directory
    }

    deinit { close(fd) }

    func append(_ bytes: [UInt8]) throws {
        var done = 0
        try bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, min(raw.count - done, ByteOutput.writeChunk), off_t(size + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw IOFailure(path: directory, action: "cannot write a temporary file", code: n < 0 ? errno : EIO) }
                done += n
            }
        }
        size += bytes.count
    }

    /// Frees the storage of `range` (its bytes read as zeros after; the size stays): part of a
    /// run the merge has read and will not read again. Where the file system cannot (the call
    /// fails), the pages stay until the file is closed, as they would without it: nothing
    /// else depends on it, so the failure is not reported.
    func giveBack(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        _ = rulebook_punch_hole(fd, Int64(range.lowerBound), Int64(range.count))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress!, buffer.count, off_t(offset))
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw IOFailure(path: directory, action: "cannot read a temporary file", code: errno) }
            return n
        }
    }
}

/// Reads one run back a block at a time, exposing the record at the front and its sort key.
struct RunReader {
    let templates: TemplateTable
    /// The templates' rule order, held here so that reading a key touches no object.
    private let order: [Int]
    /// The run's place in append order.
    let index: Int
    /// How much of a spilled run is read at a time.
    private let blockSize: Int
    private var file: SpillFile?
    private var offset: Int
    private let end: Int
    /// Whether the run's storage is given back as it is read (every this many bytes, and at
    /// its end), and how far it has been.
    private let giveBackStep: Int?
    private var givenBack: Int
    /// A spilled run's read buffer, allocated once (grown only for a record longer than a
    /// block): bytes `pos..<filled` are read and not yet handed out. A run in memory: its arena.
    private var block: [UInt8]
    private var filled: Int
    private var pos = 0
    /// The front record: its start in `block` and length (after the length word).
    private(set) var current: Range<Int>?
    /// The front record's key; its `index` is the run's, so ties go to the earlier run.
    private(set) var key = RunCodec.SortKey(head: (0, 0), length: 0, order: 0, index: 0)
    /// Whether the front record's subject is the same bytes as the record's before it (then
    /// its key was not read again: only its rule's order changed).
    private(set) var sameSubject = false
    /// The front record's subject, copied: the record before it may be gone from `block`
    /// once it is refilled.
    private var subject: [UInt8] = []
    private var hasSubject = false
    /// A run in memory: its sorted keys (made when its findings were appended), and the
    /// place of the next one.
    private var sortedKeys: [RunCodec.SortKey]?
    private var next = 0

    init(_ run: Run, index: Int, blockSize: Int = 64 << 10, giveBackStep: Int? = nil) {
        self.giveBackStep = giveBackStep
        templates = run.templates
        order = run.templates.order
        self.index = index
        self.blockSize = blockSize
        switch run.bytes {
        case .arena(let bytes, let keys):
            block = bytes
            filled = bytes.count
            sortedKeys = keys
            offset = 0
            end = 0
            givenBack = 0
        case .file(let f, let o, let e):
            file = f
            block = []
            filled = 0
            offset = o
            end = e
            givenBack = o
        }
    }

    /// Mutating, though it changes nothing, so that a reader reached through the merge's
    /// buffer pointer is used in place, not copied (a copy retains each of its arrays).
    /// (Its closures capture no part of the reader, only values read from it first: a closure
    /// that reads the reader while one of its arrays is lent had that array retained and
    /// released, three times a record in the merge.)
    mutating func withCurrent<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let range = current!
        return try block.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Moves to the next record (nil `current` at the end of the run).
    mutating func advance() throws {
        if sortedKeys != nil {
            // Read in place: bound to a name (`if let`), the keys were retained per record.
            guard next < sortedKeys!.count else {
                current = nil
                return
            }
            key = sortedKeys![next]
            next += 1
            let at = key.index
            current = (at + 4)..<(at + 4 + RunCodec.length(block, at: at))
            key.index = index
            noteSubject()
            return
        }
        if let c = current { pos = c.upperBound }
        if !has(4) || !has(4 + RunCodec.length(block, at: pos)) { try refill() }
        guard has(4) else {
            current = nil
            return
        }
        let length = RunCodec.length(block, at: pos)
        current = (pos + 4)..<(pos + 4 + length)
        let order = self.order[withCurrent { Int(RunCodec.template($0)) }]
        let index = self.index
        if noteSubject() {
            key.order = order
        } else {
            key = withCurrent { RunCodec.SortKey(RunCodec.subject($0), order: order, index: index) }
        }
    }

    /// Sets `sameSubject` for the new front record, and keeps its subject when it changed.
    @discardableResult
    private mutating func noteSubject() -> Bool {
        let range = current!
        let same = hasSubject && block.withUnsafeBytes { b in
            let s = RunCodec.subject(UnsafeRawBufferPointer(rebasing: b[range]))
            return subject.withUnsafeBytes { RunCodec.compare($0, s) } == 0
        }
        if !same {
            subject.removeAll(keepingCapacity: true)
            block.withUnsafeBytes { b in subject.append(contentsOf: RunCodec.subject(UnsafeRawBufferPointer(rebasing: b[range]))) }
        }
        hasSubject = true
        sameSubject = same
        return same
    }

    private func has(_ n: Int) -> Bool { filled - pos >= n }

    /// Moves what is left of the block to its front and reads on after it.
    private mutating func refill() throws {
        guard let file, offset < end else { return }
        let left = filled - pos
        var want = blockSize
        if left >= 4 { want = max(want, RunCodec.length(block, at: pos) + 4) }
        if block.count < want { block.append(contentsOf: repeatElement(0, count: want - block.count)) }
        let n = try block.withUnsafeMutableBytes { b in
            if left > 0 && pos > 0 { b.baseAddress!.copyMemory(from: b.baseAddress! + pos, byteCount: left) }
            return try file.read(into: UnsafeMutableRawBufferPointer(rebasing: b[left..<(left + min(b.count - left, end - offset))]), at: offset)
        }
        pos = 0
        filled = left + n
        offset += n
        if let step = giveBackStep { giveBackRead(file, step: step) }
    }

    /// Gives back what of the run is read: whole pages, `step` bytes or more at a time, and
    /// the rest at its end. The run's first and last pages may hold the runs' beside it too:
    /// only this run's bytes are given back (a part of a page is zeroed, not freed), so a page
    /// shared by two runs stays until the file is closed.
    private mutating func giveBackRead(_ file: SpillFile, step: Int) {
        let done = offset >= end
        let upTo = done ? end : offset & ~4095
        guard upTo - givenBack >= (done ? 1 : step) else { return }
        file.giveBack(givenBack..<upTo)
        givenBack = upTo
    }
}
