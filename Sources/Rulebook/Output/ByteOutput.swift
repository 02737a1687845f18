import Foundation

/// Buffered output to a file descriptor: reports are written in 1 MiB blocks as they are
/// produced instead of being built as one String. Writing does not throw (it is on the hot
/// path); the first failed write stops further writes and `finish()` reports it, naming the
/// output (`report.jsonl: error: cannot write: No space left on device`).
package final class ByteOutput {
    @exclusivity(unchecked) package private(set) var buffer: [UInt8] = []
    private let fd: Int32
    private let route: WriteRoute.Policy
    /// The output's name in messages: the path as given, or `<stdout>`.
    let name: String
    static let blockSize = 1 << 20
    /// The most one write(2) is given. A block is written in quarters: on this machine a 1 MiB
    /// write into the page cache cost 1.3–5× what four 256 KiB writes did (1.3 GB: 0.33–3.2 s
    /// of system time against 0.33–0.42 s, `dd` with either block size), and a report's last
    /// seconds are its writer's.
    package static let writeChunk = 256 << 10

    /// Writes to `fd`, which the caller keeps open (and closes); a negative `fd` keeps
    /// everything in memory (see `text`).
    package convenience init(fd: Int32, name: String? = nil) {
        self.init(fd: fd, name: name, route: .cachedOnly)
    }

    /// `route`: how full blocks reach the file (see `WriteRoute`); past the page cache only
    /// for a file rulebook made (`OutputFile`'s temporary file), never a descriptor it was
    /// given.
    init(fd: Int32, name: String? = nil, route: WriteRoute.Policy) {
        self.fd = fd
        self.name = name ?? StandardStreams.name(ofDescriptor: fd)
        self.route = route
        buffer.reserveCapacity(ByteOutput.blockSize + 4096)
    }

    deinit {
        flush()
        settleWriter()
        writer?.stop()
    }

    package func write(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= ByteOutput.blockSize { flush() }
    }

    package func write<C: Collection>(bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= ByteOutput.blockSize { flush() }
    }

    @inline(__always) package func byte(_ b: UInt8) { buffer.append(b) }

    /// Writes `block` and leaves it empty: a block of a full write's size, with nothing
    /// buffered before it, is copied once, into the writer's aligned block, instead of into
    /// the buffer first.
    package func write(block: inout [UInt8]) {
        if fd >= 0 && buffer.isEmpty && block.count >= ByteOutput.blockSize && failed == 0 {
            if writer == nil { writer = BlockWriter(fd: fd, route: route) }
            block.withUnsafeBytes { hand($0, last: false) }
            if let e = writer?.failed, e != 0 { failed = e }
        } else {
            buffer.append(contentsOf: block)
            if buffer.count >= ByteOutput.blockSize { flush() }
        }
        block.removeAll(keepingCapacity: true)
    }

    /// Hands what is buffered to the file; write errors are reported by `finish()`. Full
    /// blocks are written by a thread of the output's own, so that the next block is
    /// produced while the kernel copies the last one; `finish()` waits for it.
    package func flush() {
        guard fd >= 0, !buffer.isEmpty else { return }  // a memory output keeps everything
        if failed != 0 {
            buffer.removeAll(keepingCapacity: true)  // the output is lost: stop writing
            return
        }
        if buffer.count >= ByteOutput.blockSize {
            if writer == nil { writer = BlockWriter(fd: fd, route: route) }
            buffer.withUnsafeBytes { hand($0, last: false) }
            buffer.removeAll(keepingCapacity: true)
            if let e = writer?.failed, e != 0 { failed = e }
        } else if let writer {
            // After the writer's blocks, by the writer: it may be writing past the cache, and
            // leaves that way (and writes what it staged) before these bytes.
            buffer.withUnsafeBytes { hand($0, last: true) }
            buffer.removeAll(keepingCapacity: true)
            writer.drain()
            if writer.failed != 0 { failed = writer.failed }
        } else {
            if let e = ByteOutput.writeAll(fd, buffer) { failed = e }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Waits for the writer to write everything, what it staged for a write past the cache
    /// included (the output's last block may have been a whole one).
    private func settleWriter() {
        guard let writer else { return }
        hand(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        writer.drain()
    }

    /// Copies `bytes` into an aligned block for the writer, after the bytes carried from the
    /// last one, and queues it (waiting while the writer's queue is full). A block that is not
    /// the output's `last` is queued in whole multiples of `WriteRoute.alignment`, the rest
    /// carried to the next, so that each lands where a direct write can start.
    private func hand(_ bytes: UnsafeRawBufferPointer, last: Bool) {
        let block = writer!.spare()
        carry.withUnsafeBytes { block.append($0) }
        block.append(bytes)
        carry.removeAll(keepingCapacity: true)
        if !last {
            let whole = block.count & ~(WriteRoute.alignment - 1)
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: block.bytes[whole...]))
            block.truncate(to: whole)
        }
        writer!.submit(block, settle: last)
    }

    private var failed: Int32 = 0
    private var writer: BlockWriter?
    /// Bytes handed over but not yet queued: less than `WriteRoute.alignment`, which go
    /// first into the next block.
    private var carry: [UInt8] = []

    /// Bytes written past the page cache (0 for an output that may not be, and until the
    /// writer has measured that way the faster): what the tests see of the route taken.
    var writtenPastCache: Int { writer?.written.direct ?? 0 }
    /// Of those, the bytes written from the output's aligned blocks as they are, not staged.
    var writtenInPlace: Int { writer?.written.inPlace ?? 0 }

    /// True once a write failed (a long report can stop early; `finish()` says why).
    var hasFailed: Bool {
        if failed == 0, let e = writer?.failed, e != 0 { failed = e }
        return failed != 0
    }

    /// Flushes, waits for every write, and throws `IOFailure` if any failed.
    package func finish() throws {
        flush()
        settleWriter()
        if failed == 0, let e = writer?.failed, e != 0 { failed = e }
        if failed != 0 { throw IOFailure(path: name, action: "cannot write", code: failed) }
    }

    /// Writes every byte; the error number on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { WriteRoute.writeAll(fd, $0) }
    }
}

/// Writes blocks on its own thread, in the order submitted; up to `depth` wait their turn, so
/// that the thread making them goes on while the writer waits for the device. Written blocks
/// go back to a pool for reuse.
private final class BlockWriter: Sendable {
    /// Blocks queued beyond the one being written. With one, the output's thread waited for
    /// each write to end before it could hand over the next block, and the threads rendering
    /// for it ran dry meanwhile.
    static let depth = 3

    private struct State: Sendable {
        /// Each block with whether its bytes are the output's last (no whole block: see
        /// `WriteRoute.settle`).
        var pending: [(block: AlignedBlock, settle: Bool)] = []
        /// A block has been taken and is being written.
        var writing = false
        var spares: [AlignedBlock] = []
        var stopping = false
        /// The first failed write's error number, or 0.
        var failure: Int32 = 0
        /// Bytes written past the page cache so far, and of those in place (see `WriteRoute`).
        var written = (direct: 0, inPlace: 0)
    }
    private let state = Condition(State())
    var failed: Int32 { state.read { $0.failure } }
    var written: (direct: Int, inPlace: Int) { state.read { $0.written } }

    init(fd: Int32, route policy: WriteRoute.Policy) {
        let thread = Thread { [self] in
            ThreadName.writer.adopt()
            var route = WriteRoute(fd: fd, policy: policy)
            while true {
                guard let (block, settle) = state.update(when: { !$0.pending.isEmpty || $0.stopping }, { s -> (AlignedBlock, Bool)? in
                    guard !s.pending.isEmpty else { return nil }
                    s.writing = true
                    return s.pending.removeFirst()
                }) else { return }
                var error: Int32?
                if failed == 0 {
                    error = route.write(block.bytes)
                    if error == nil && settle { error = route.settle() }
                }
                block.removeAll()
                let written = (direct: route.writtenDirect, inPlace: route.writtenInPlace)
                state.update { s in
                    if let error, s.failure == 0 { s.failure = error }
                    s.written = written
                    s.writing = false
                    s.spares.append(block)
                }
            }
        }
        thread.start()
    }

    /// An empty block to fill and `submit`, once the queue has room for it.
    func spare() -> AlignedBlock {
        state.update(when: { $0.pending.count < BlockWriter.depth }) { $0.spares.popLast() }
            ?? AlignedBlock(capacity: ByteOutput.blockSize + (256 << 10))
    }

    /// Queues `block` (from `spare`) to be written; `settle`: its bytes are the output's last.
    func submit(_ block: AlignedBlock, settle: Bool) {
        state.update { $0.pending.append((block, settle)) }
    }

    /// Returns once every submitted block is written.
    func drain() { state.read(when: { $0.pending.isEmpty && !$0.writing }) { _ in } }

    /// Ends the thread once the queued blocks are written.
    func stop() { state.update { $0.stopping = true } }
}

extension ByteOutput {
    /// A report written to memory (`render` for tests and small reports).
    static func memory() -> ByteOutput { ByteOutput(fd: -1) }

    /// Everything written so far, for a memory output.
    var text: String { String(decoding: buffer, as: UTF8.self) }

    /// Formats straight into the buffer (one access for many small writes).
    func withBuffer(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= ByteOutput.blockSize { flush() }
    }
}

/// The report formatting primitives, on a plain byte array: workers render findings with
/// them without a shared output.
extension Array where Element == UInt8 {
    @inline(__always) mutating func appendByte(_ b: UInt8) { append(b) }

    mutating func appendText(_ s: String) {
        // Read in place (a small string on the stack): no copy of the string to retain.
        if s.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) != nil { return }
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    /// A JSON string, escaped exactly as `JSONText.string`.
    mutating func jsonString(_ s: String) {
        ByteWriter.appending(to: &self, most: ByteWriter.jsonStringBound(s)) { $0.jsonString(s) }
    }

    /// `Timestamp.description`, without building a String (see `ByteWriter.instant`).
    mutating func timestamp(_ t: Timestamp) {
        ByteWriter.appending(to: &self, most: ByteWriter.instantBound(t)) { $0.instant(t) }
    }
}
