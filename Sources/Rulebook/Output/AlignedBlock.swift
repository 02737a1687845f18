/// A block of an output's bytes in memory aligned for a write past the page cache
/// (`WriteRoute.alignment`), handed from the thread making the output to its writer: the
/// writer writes it from where it is. The copy into it is made by the output's thread, which
/// has time to spare while the device is busy; made by the writer, between its writes, it
/// left the device idle for a third of a 1.3 GB report (see `BlockWriter`).
// Unchecked Sendable: a block is reached by one thread at a time (the output's while it fills
// a spare one, the writer's once it is queued) and changes hands under the writer's lock.
final class AlignedBlock: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    /// The bytes in the block, from its start.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = AlignedBlock.rounded(capacity)
        base = .allocate(byteCount: self.capacity, alignment: WriteRoute.alignment)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Appends `bytes`, growing the block if it must.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if count + bytes.count > capacity {
            let grown = AlignedBlock.rounded(count + bytes.count)
            let new = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: WriteRoute.alignment)
            new.copyMemory(from: base, byteCount: count)
            base.deallocate()
            base = new
            capacity = grown
        }
        (base + count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        count += bytes.count
    }

    /// Keeps the first `n` bytes.
    func truncate(to n: Int) {
        precondition(n >= 0 && n <= count, "a length within the block")
        count = n
    }

    func removeAll() { count = 0 }

    private static func rounded(_ n: Int) -> Int {
        max(WriteRoute.alignment, (n + WriteRoute.alignment - 1) & ~(WriteRoute.alignment - 1))
    }
}
