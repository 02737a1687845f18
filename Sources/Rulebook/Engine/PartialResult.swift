import Foundation

/// One slice of an export evaluated (`rulebook eval --partial`), kept in the shape a later
/// step combines (`rulebook merge`): the per-case findings, already final, as one sorted run;
/// the aggregate states of every group, still to be folded with the other slices' and judged;
/// the fines per person, month and rule before the cap; the rows read, rejected and their
/// fingerprint's sum; and every case id with its row, so that an id in two slices is caught.
///
/// The file: `RBPART02` (01: the input fingerprint summed SHA-256 digests), the state's length (8 bytes), the state (`PartialCodec`), then the
/// findings run to the end of the file (`RunCodec` records, each behind its length), which a
/// merge reads in place, a block at a time.
struct PartialResult {
    static let magic = Array("RBPART02".utf8)

    var policyID: String
    var policyFingerprint: String
    var asOf: Timestamp
    var asOfGiven: Bool
    /// The export this slice was read from, as the run was given it.
    var input: String
    var fingerprintsInput: Bool
    var rowsRead: Int
    var rows: Fingerprint.RowSet
    var rejections: [Rejection]
    /// Normalized case ids with their rows.
    var caseIDs: [(id: String, row: Int)]
    /// The evaluator, its group rules not run, its findings as a run in the file.
    var state: Evaluator

    // MARK: Writing

    /// Writes `done`'s slice (its evaluator's findings finished) to `out`.
    static func write(_ done: EvaluationRun.Sequential, run: EvaluationRun, policy: CompiledPolicy, asOf: Timestamp,
                      to out: ByteOutput) throws {
        let e = done.evaluator
        var w = PartialCodec.Writer()
        w.string(policy.policy.id)
        w.string(try Fingerprint.ofPolicy(policy))
        w.timestamp(asOf)
        w.byte(run.asOf != nil ? 1 : 0)
        w.string(run.casesPath)
        w.byte(run.fingerprintsInput ? 1 : 0)
        w.int(done.read)
        let (words, count) = done.rows.state
        for word in words { w.int(Int64(bitPattern: word)) }
        w.int(count)
        w.int(done.rejections.count)
        for x in done.rejections {
            w.string(x.file)
            w.int(x.row)
            w.optional(x.column)
            w.string(x.message)
        }
        var ids = PartialCodec.Writer()
        var idCount = 0
        try e.seenCases.forEach { bytes, row in
            ids.int(bytes.count)
            ids.bytes.append(contentsOf: bytes)
            ids.int(row)
            idCount += 1
        }
        w.int(idCount)
        w.bytes += ids.bytes
        w.int(e.casesEvaluated)
        w.int(e.policy.aggregates.count)
        // Groups, rows lost and fines in a fixed order (as the report takes groups), not the
        // order a table or dictionary holds them in, which differs from run to run (hashes are
        // seeded per process; threads meet groups in any order): the same slice, the same bytes.
        func byKey(_ a: [Value], _ b: [Value]) -> Bool { Evaluator.keyText(a).lexicographicallyPrecedes(Evaluator.keyText(b)) }
        for a in e.policy.aggregates.indices {
            w.int(e.groups[a].count)
            for (key, g) in e.groups[a].sorted(by: { byKey($0.key, $1.key) }) {
                w.values(key)
                w.values(g.accumulators)
            }
            w.int(e.lost[a].count)
            for (key, n) in e.lost[a].sorted(by: { byKey($0.key, $1.key) }) {
                w.values(key)
                w.int(n)
            }
            w.int(e.unplaced[a])
        }
        w.int(e.bookedTotals.count)
        let booked = e.bookedTotals.sorted { x, y in
            [x.key.person, x.key.month, x.key.rule].lexicographicallyPrecedes([y.key.person, y.key.month, y.key.rule]) {
                RunCodec.compareUTF8($0, $1) < 0
            }
        }
        for (k, amount) in booked {
            w.string(k.person)
            w.string(k.month)
            w.string(k.rule)
            w.money(amount)
        }
        w.money(e.finesTotal)
        w.byte(e.finesOverflowed ? 1 : 0)
        let tallies = e.findings.tallyCounts
        w.int(tallies.count)
        for t in tallies { w.int(t) }
        w.money(e.findings.totalFined)
        let templates = e.findings.templates.templates
        w.int(templates.count)
        for t in templates {
            w.byte(UInt8(t.kind.ordinal))
            w.string(t.rule)
            w.optional(t.clause)
            w.optional(t.title)
            w.optional(t.sanction)
            w.optional(t.action)
        }
        out.write(bytes: magic)
        var length: [UInt8] = []
        RunCodec.put(Int64(w.bytes.count), &length)
        out.write(bytes: length)
        out.write(bytes: w.bytes)
        var lengthWord: [UInt8] = []
        try e.findings.forEachRecord { record in
            lengthWord.removeAll(keepingCapacity: true)
            RunCodec.put(UInt32(record.count), &lengthWord)
            out.write(bytes: lengthWord)
            out.write(bytes: record)
            if out.buffer.count >= 1 << 20 { out.flush() }
        }
    }

    // MARK: Reading

    /// Reads the findings run once before the merge does: every record whole and well formed
    /// (`RunCodec.isWellFormed`), so that a cut or damaged file is an error at the file, not a
    /// trap half-way through writing a report.
    static func checkRecords(_ file: SpillFile, from start: Int, to end: Int, templates: Int,
                             fail: (String) -> DiagnosticError) throws {
        var block: [UInt8] = []
        var offset = start, pos = 0, count = 0
        while true {
            // A length past the end of the file is a cut or damaged file, not a read to make.
            if block.count - pos >= 4, 4 + RunCodec.length(block, at: pos) > block.count - pos + (end - offset) {
                throw fail("not a partial result of rulebook, or a damaged one: its last finding is cut short")
            }
            if block.count - pos < 4 || block.count - pos < 4 + RunCodec.length(block, at: pos) {
                guard offset < end else { break }
                block.removeSubrange(0..<pos)
                pos = 0
                let old = block.count
                let want = min(max(1 << 20, block.count >= 4 ? RunCodec.length(block, at: 0) + 4 : 0), end - offset)
                block.append(contentsOf: repeatElement(0, count: want))
                let n = try block.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...]), at: offset) }
                block.removeLast(want - n)
                if n == 0 { break }
                offset += n
                continue
            }
            let length = RunCodec.length(block, at: pos)
            let ok = block.withUnsafeBytes { RunCodec.isWellFormed(UnsafeRawBufferPointer(rebasing: $0[(pos + 4)..<(pos + 4 + length)]), templates: templates) }
            guard ok else { throw fail("not a partial result of rulebook, or a damaged one: finding \(count + 1) is malformed") }
            pos += 4 + length
            count += 1
        }
        guard pos == block.count else { throw fail("not a partial result of rulebook, or a damaged one: its last finding is cut short") }
    }

    /// Reads the slice at `path` into an evaluator made by `make` (of the policy it must have
    /// been evaluated with). Throws `DiagnosticError` at the file for anything that is not
    /// such a slice, or one of another policy.
    static func read(path: String, policy: CompiledPolicy, make: () throws -> Evaluator) throws -> PartialResult {
        let at = SourceLocation(file: path, line: 1, column: 1)
        func fail(_ message: String) -> DiagnosticError { DiagnosticError(.error(message, at: at)) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOFailure(path: path, action: "cannot read", code: errno) }
        let file = SpillFile(fd: fd, directory: path)  // closes the descriptor when the run is done with it
        func bytes(_ n: Int, at offset: Int) throws -> [UInt8] {
            var out = [UInt8](repeating: 0, count: n)
            var got = 0
            while got < n {
                let k = try out.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[got...]), at: offset + got) }
                if k == 0 { break }
                got += k
            }
            guard got == n else { throw fail("not a partial result of rulebook: the file is cut short") }
            return out
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IOFailure(path: path, action: "cannot read", code: errno) }
        let size = Int(info.st_size)
        guard size >= 16, try bytes(8, at: 0) == magic else {
            throw fail("not a partial result of rulebook (written by `rulebook eval --partial`), or of another version")
        }
        let stateLength = try bytes(8, at: 8).withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        guard stateLength >= 0, stateLength <= size - 16 else { throw fail("not a partial result of rulebook: the file is cut short") }
        var r = PartialCodec.Reader(try bytes(stateLength, at: 16))
        do {
            let policyID = try r.string()
            let fingerprint = try r.string()
            guard policyID == policy.policy.id, fingerprint == (try Fingerprint.ofPolicy(policy)) else {
                throw fail("this part was evaluated with policy '\(policyID)' (sha256:\(fingerprint.prefix(16))…); the merge's is "
                           + "'\(policy.policy.id)' (sha256:\(try Fingerprint.ofPolicy(policy).prefix(16))…): merge parts of one policy version only")
            }
            let asOf = try r.timestamp()
            let asOfGiven = try r.byte() != 0
            let input = try r.string()
            let fingerprints = try r.byte() != 0
            let read = try r.count()
            var words: [UInt64] = []
            for _ in 0..<2 { words.append(UInt64(bitPattern: try r.int())) }
            let rows = Fingerprint.RowSet(words: words, count: try r.count())!
            var rejections: [Rejection] = []
            for _ in 0..<(try r.count()) {
                rejections.append(Rejection(file: try r.string(), row: try r.count(), column: try r.optional(), message: try r.string()))
            }
            var ids: [(String, Int)] = []
            let idCount = try r.count()
            ids.reserveCapacity(idCount)
            for _ in 0..<idCount {
                let id = String(decoding: try r.take(try r.count()), as: UTF8.self)
                ids.append((id, try r.count()))
            }
            let e = try make()
            e.casesEvaluated = try r.count()
            guard try r.count() == policy.aggregates.count else { throw fail("this part's aggregates are not the policy's") }
            for a in policy.aggregates.indices {
                for _ in 0..<(try r.count()) {
                    let key = try r.values()
                    e.groups[a][key] = Evaluator.GroupState(accumulators: try r.values())
                }
                for _ in 0..<(try r.count()) {
                    let key = try r.values()
                    e.lost[a][key] = try r.count()
                }
                e.unplaced[a] = try r.count()
            }
            for _ in 0..<(try r.count()) {
                let key = Evaluator.BookedKey(person: try r.string(), month: try r.string(), rule: try r.string())
                e.bookedTotals[key] = try r.money()
            }
            e.finesTotal = try r.money()
            e.finesOverflowed = try r.byte() != 0
            var tallies: [Int] = []
            for _ in 0..<(try r.count()) { tallies.append(try r.count()) }
            let fined = try r.money()
            var templates: [FindingTemplate] = []
            for _ in 0..<(try r.count()) {
                let k = Int(try r.byte())
                guard k < FindingKind.allCases.count else { throw fail("this part names an unknown kind of finding") }
                let t = FindingTemplate(kind: FindingKind.allCases[k], rule: try r.string(), clause: try r.optional(),
                                        title: try r.optional(), sanction: try r.optional(), action: try r.optional())
                // The policy's own template where it is one: the same object its findings name.
                templates.append(policy.findingTemplates.first { $0 == t } ?? t)
            }
            guard tallies.count == FindingKind.allCases.count * Finding.Status.allCases.count else {
                throw fail("this part's counts are not laid out as this version's")
            }
            try checkRecords(file, from: 16 + stateLength, to: size, templates: templates.count, fail: fail)
            let table = TemplateTable(ruleOrder: e.ruleOrder, known: templates)
            e.findings.adopt(Run(bytes: .file(file, offset: 16 + stateLength, end: size), templates: table), tallies: tallies, totalFined: fined)
            return PartialResult(policyID: policyID, policyFingerprint: fingerprint, asOf: asOf, asOfGiven: asOfGiven, input: input,
                                 fingerprintsInput: fingerprints, rowsRead: read, rows: rows, rejections: rejections, caseIDs: ids, state: e)
        } catch let m as PartialCodec.Malformed {
            throw fail("not a partial result of rulebook, or a damaged one: \(m.message)")
        }
    }
}
