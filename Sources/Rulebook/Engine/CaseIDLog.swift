/// The hashes of the case ids one evaluating thread has seen: 8 bytes a case in fixed-size
/// chunks (a growing array or set would hold up to twice that). Repeats are looked for once,
/// at the end, across all threads (`Evaluator.caseIDsDisjoint`); a repeated hash, whether a
/// repeated id or (very rarely) a collision, sends the run back to one thread, which decides
/// with exact ids.
final class CaseIDLog {
    static let chunkSize = 1 << 16
    private var chunks: [[Int]] = []

    init() {}

    init(_ hashes: [Int]) { for h in hashes { append(h) } }

    var count: Int { chunks.reduce(0) { $0 + $1.count } }

    func append(_ hash: Int) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == CaseIDLog.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(CaseIDLog.chunkSize)
        }
        chunks[chunks.count - 1].append(hash)
    }

    /// Moves the hashes into `all`, freeing each chunk as it goes.
    func drain(into all: inout [Int]) {
        while !chunks.isEmpty { all += chunks.removeFirst() }
    }

    /// True when no hash occurs twice among all the logs, which are emptied.
    static func allDistinct(_ logs: [CaseIDLog]) -> Bool {
        var all: [Int] = []
        all.reserveCapacity(logs.reduce(0) { $0 + $1.count })
        for log in logs { log.drain(into: &all) }
        all.sort()
        return zip(all, all.dropFirst()).allSatisfy { $0 != $1 }
    }
}
