import Foundation

/// Bytes appended to numbered groups in any order and read back group by group, each in the
/// order appended — a JUnit report's failures, which arrive case by case but are written rule
/// by rule. Memory is bounded: once the buffers hold `budget` bytes they are all appended to
/// a temporary file (`SpillFile`) as chunks, and reading a group reads its chunks back.
final class GroupedBytes {
    private var buffers: [[UInt8]]
    /// Per group, its spilled chunks in order: where they are in the file.
    private var chunks: [[(offset: Int, count: Int)]]
    private var buffered = 0
    private let budget: Int
    private let spillDirectory: String?
    private var spill: SpillFile?

    /// `budget`: the bytes held in memory before spilling; `spillDirectory`: where (nil: the
    /// system's temporary folder).
    init(groups: Int, budget: Int = 8 << 20, spillDirectory: String? = nil) {
        buffers = Array(repeating: [], count: groups)
        chunks = Array(repeating: [], count: groups)
        self.budget = max(1, budget)
        self.spillDirectory = spillDirectory
    }

    /// Whether anything went to the temporary file (for tests).
    var spilled: Bool { spill != nil }

    func append(_ text: String, to group: Int) throws {
        buffers[group].append(contentsOf: text.utf8)
        buffered += text.utf8.count
        if buffered >= budget { try spillAll() }
    }

    /// Group `group`'s bytes in the order appended, a chunk at a time.
    func forEach(group: Int, _ body: ([UInt8]) throws -> Void) throws {
        for c in chunks[group] {
            var bytes = [UInt8](repeating: 0, count: c.count)
            var done = 0
            while done < c.count {
                let n = try bytes.withUnsafeMutableBytes { try spill!.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]), at: c.offset + done) }
                guard n > 0 else { throw IOFailure(path: spill!.directory, action: "cannot read a temporary file", code: EIO) }
                done += n
            }
            try body(bytes)
        }
        if !buffers[group].isEmpty { try body(buffers[group]) }
    }

    private func spillAll() throws {
        if spill == nil { spill = try SpillFile(directory: spillDirectory) }
        let file = spill!
        for g in buffers.indices where !buffers[g].isEmpty {
            chunks[g].append((file.size, buffers[g].count))
            try file.append(buffers[g])
            buffers[g].removeAll(keepingCapacity: false)
        }
        buffered = 0
    }
}
