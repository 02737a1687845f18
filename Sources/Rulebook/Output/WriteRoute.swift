import CFileSpace
import Foundation

/// How a large report's blocks reach its file: through the page cache, or past it (O_DIRECT),
/// chosen while the report is written by timing both ways.
///
/// Writing through the page cache takes a fresh page of memory for every 4 KiB. On the
/// benchmark's virtual machine (free page reporting: memory the guest has not used lately is
/// handed back to the host) a fresh page first costs a fault in the host: a new 1.3 GB file
/// took 0.3–3.4 s of system time that way, and 0.5–0.6 s of wall time written past the cache
/// (`dd`, 2026-12-02). On a machine with a slow disk the page cache is much the faster (a
/// write returns before the disk has the data), and it keeps the report cached for whatever
/// reads it next. Neither way is right everywhere, so the writer measures: after
/// `Policy.warmup` bytes through the cache, it times a stretch of each way, keeps the faster
/// for a run, and tries the other again after each run (the runs lengthen while one way keeps
/// winning). A stretch is timed from its first write to the first write after it, waits for
/// the next block included: a way that slows the threads making the blocks (a cached write's
/// copies and fresh pages take a core) is timed so, not by its calls alone. The cache is
/// taken when it is twice the faster (`faster`), and for good when writing past it is four
/// times the slower (a slow disk).
///
/// Only for a file rulebook made itself (a report's temporary file): O_DIRECT is a flag of the
/// open file, which a descriptor shared with a shell (`> report.jsonl`) would keep.
///
/// Used by one thread, the output's writer (`BlockWriter`).
struct WriteRoute: ~Copyable {
    enum Way: Sendable, Equatable { case cached, direct }

    struct Policy: Sendable {
        /// Bytes written through the cache before anything is timed: a small output never
        /// tries the other way.
        var warmup = 16 << 20
        /// The stretch of each way that is timed to compare them.
        var trial = 8 << 20
        /// How long the faster way is kept before the other is tried again; doubled each time
        /// the same way wins again, up to `longestRun`.
        var firstRun = 64 << 20
        var longestRun = 256 << 20
        /// Tests: take this way after the warm-up, untimed, instead of measuring.
        var forced: Way?
        /// Tests: act as a file system that refuses direct writes (EINVAL at the first).
        var refusesDirect = false
        /// Tests: the seconds stretches are timed by (nil: the monotonic clock).
        var clock: (@Sendable () -> Double)?

        static let standard = Policy()
        /// Through the cache only, as any output not made by rulebook is written.
        static let cachedOnly = Policy(warmup: .max / 4)
    }

    /// The alignment of a direct write's memory, offset and length: every block size a
    /// device has in practice divides it.
    static let alignment = 4096

    private let fd: Int32
    private let policy: Policy
    /// Bytes written to the file; of those past the cache; and of those straight from the
    /// caller's memory, not staged (an output's aligned blocks: what the tests see of them).
    private(set) var written = 0
    private(set) var writtenDirect = 0
    private(set) var writtenInPlace = 0
    private(set) var way = Way.cached
    /// The file system refused a direct write (or O_DIRECT itself), or writing past the cache
    /// measured hopeless: the cache from then on.
    private(set) var refused = false
    /// O_DIRECT is set on the file. It is set once the file's offset is aligned: the bytes
    /// that align it (`lead`) are written through the cache first.
    private var flagSet = false
    private var lead = 0
    /// Direct writes of bytes not aligned in memory, or after a staged tail, go from here:
    /// the bytes copied in after the last block's tail (`staged` bytes, less than
    /// `alignment`), which waits for the next block or `settle`.
    private var staging: UnsafeMutableRawBufferPointer?
    private var staged = 0

    // The stretch being written: where it ends, whether it is a run (or a trial), and how
    // long its writes took.
    private var stretchStart = 0
    private var stretchEnd: Int
    private var stretchIsRun = true
    private var stretchTimed = false
    /// When the stretch's first write began (nil: not yet written).
    private var stretchBegan: Double?
    private var run: Int
    private var lastRun: Way?
    /// Seconds a byte each way took in its latest timed stretch; nil until timed.
    private(set) var cachedCost: Double?
    private(set) var directCost: Double?

    /// A route for the file open as `fd`, from its current offset (what was written before
    /// counts for the alignment of direct writes).
    init(fd: Int32, policy: Policy = .standard) {
        self.fd = fd
        self.policy = policy
        written = max(0, Int(lseek(fd, 0, SEEK_CUR)))
        stretchStart = written
        stretchEnd = written + policy.warmup
        run = policy.firstRun
    }

    deinit { staging?.deallocate() }

    /// The bytes taken so far: written, or staged for the next direct write.
    var position: Int { written + staged }

    /// Writes `bytes` (after everything before them) the way the current stretch goes; the
    /// error number of a failed write.
    mutating func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        if position >= stretchEnd, let e = nextStretch() { return e }
        if stretchTimed && stretchBegan == nil { stretchBegan = now() }
        return way == .direct ? writeDirect(bytes) : writeCached(bytes)
    }

    /// Writes what is staged and leaves the file as it was opened (without O_DIRECT): for the
    /// last bytes of an output, which are no whole block. Later writes go through the cache
    /// to the end of the stretch.
    mutating func settle() -> Int32? {
        stretchTimed = false  // a part stretch, and a part block: not a measure of either way
        return leaveDirect()
    }

    /// Which way is the faster for the costs measured (seconds a byte): through the cache
    /// only when it takes under half the time past it. A write through the cache does not pay
    /// all of its cost in its stretch: its pages are written out later by the kernel, at the
    /// device's pace and competing with the writes after it, and until then they crowd the
    /// spilled runs the merge reads out of memory. Past the cache, a write has paid its
    /// device time when it returns. (Measured on the benchmark's machine: a stretch through
    /// the cache timed as fast as one past it, 1.48 against 1.40 GB/s, while a whole `eval`
    /// of 1M cases took 3.0 s past the cache and 4.1 s choosing by a tenth.)
    static func faster(cached: Double, direct: Double) -> Way {
        cached < 0.5 * direct ? .cached : .direct
    }

    /// Whether writing past the cache is so much the slower (four times: a disk slower than
    /// memory, as any spinning one and most SATA ones are) that it is not tried again: each
    /// trial would cost more than the runs of the cache between them could win back.
    static func hopeless(cached: Double, direct: Double) -> Bool {
        direct > 4 * cached
    }

    // MARK: Stretches

    private mutating func nextStretch() -> Int32? {
        let bytes = position - stretchStart
        if stretchTimed && bytes > 0, let began = stretchBegan {
            let cost = (now() - began) / Double(bytes)
            if way == .cached { cachedCost = cost } else { directCost = cost }
        }
        if let forced = policy.forced { return begin(refused ? .cached : forced, length: .max / 4, isRun: true, timed: false) }
        if refused { return begin(.cached, length: .max / 4, isRun: true, timed: false) }
        guard let cached = cachedCost else { return begin(.cached, length: policy.trial, isRun: false) }
        guard let direct = directCost else { return begin(.direct, length: policy.trial, isRun: false) }
        if WriteRoute.hopeless(cached: cached, direct: direct) {
            refused = true
            return begin(.cached, length: .max / 4, isRun: true, timed: false)
        }
        if stretchIsRun { return begin(way == .cached ? .direct : .cached, length: policy.trial, isRun: false) }
        let faster = WriteRoute.faster(cached: cached, direct: direct)
        if faster == lastRun { run = min(2 * run, policy.longestRun) }
        lastRun = faster
        return begin(faster, length: run, isRun: true)
    }

    private mutating func begin(_ next: Way, length: Int, isRun: Bool, timed: Bool = true) -> Int32? {
        if next == .cached, let e = leaveDirect() { return e }
        if next == .direct && way != .direct {
            way = .direct
            lead = (WriteRoute.alignment - written % WriteRoute.alignment) % WriteRoute.alignment
        }
        stretchStart = position
        stretchEnd = position + length
        stretchIsRun = isRun
        stretchTimed = timed
        stretchBegan = nil
        return nil
    }

    // MARK: Writing

    private mutating func writeCached(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        if let e = WriteRoute.writeAll(fd, bytes) { return e }
        written += bytes.count
        return nil
    }

    private mutating func writeDirect(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var rest = bytes
        if lead > 0 {
            let k = min(lead, rest.count)
            if let e = writeCached(UnsafeRawBufferPointer(rebasing: rest[..<k])) { return e }
            lead -= k
            rest = UnsafeRawBufferPointer(rebasing: rest[k...])
            if rest.isEmpty { return nil }
        }
        if !flagSet {
            guard rulebook_set_direct(fd, 1) == 0 else { return refuse(then: rest) }
            flagSet = true
        }
        if staged == 0 && rest.count >= WriteRoute.alignment && Int(bitPattern: rest.baseAddress!) % WriteRoute.alignment == 0 {
            // A block the output aligned (`AlignedBlock`): written from where it is, without
            // a copy; only a part block at its end is staged for the next.
            let whole = rest.count & ~(WriteRoute.alignment - 1)
            let done = writeAligned(UnsafeRawBufferPointer(rebasing: rest[..<whole]))
            writtenInPlace += done
            if done < whole { return refuse(then: UnsafeRawBufferPointer(rebasing: rest[done...])) }
            if whole < rest.count { _ = stage(UnsafeRawBufferPointer(rebasing: rest[whole...])) }
            return nil
        }
        let room = stage(rest)
        let whole = staged & ~(WriteRoute.alignment - 1)
        guard whole > 0 else { return nil }
        let done = writeAligned(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(room)[..<whole]))
        if done < whole {
            let left = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(room)[done..<staged])
            staged = 0
            return refuse(then: left)
        }
        let tail = staged - whole
        if tail > 0 { room.baseAddress!.copyMemory(from: room.baseAddress! + whole, byteCount: tail) }
        staged = tail
        return nil
    }

    /// Writes `bytes` (aligned in memory, length and the file's offset) past the cache while
    /// the writes take whole aligned lengths; the bytes written. Fewer: refused (EINVAL: the
    /// file system's alignment, or no direct writes) or short, and whatever the error, the
    /// caller sends the rest through the cache, which reports it.
    private mutating func writeAligned(_ bytes: UnsafeRawBufferPointer) -> Int {
        var done = 0
        while done < bytes.count {
            let n = policy.refusesDirect ? -1 : Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 {
                done += n
                written += n
                writtenDirect += n
                if n % WriteRoute.alignment == 0 { continue }
                return done
            }
            if n < 0 && !policy.refusesDirect && errno == EINTR { continue }
            return done
        }
        return done
    }

    /// Copies `bytes` after the staged tail, in room aligned for a direct write.
    private mutating func stage(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer {
        let need = staged + bytes.count
        if staging == nil || staging!.count < need {
            let size = (need + 2 * WriteRoute.alignment) & ~(WriteRoute.alignment - 1)
            let room = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: WriteRoute.alignment)
            if let old = staging {
                room.baseAddress!.copyMemory(from: old.baseAddress!, byteCount: staged)
                old.deallocate()
            }
            staging = room
        }
        let room = staging!
        if !bytes.isEmpty { (room.baseAddress! + staged).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        staged = need
        return room
    }

    /// Direct writes refused: O_DIRECT off, the cache from now on, `rest` written through it.
    private mutating func refuse(then rest: UnsafeRawBufferPointer) -> Int32? {
        refused = true
        stretchTimed = false
        if flagSet {
            _ = rulebook_set_direct(fd, 0)
            flagSet = false
        }
        way = .cached
        lead = 0
        return writeCached(rest)
    }

    /// Back to the cache: O_DIRECT off, and the staged tail written.
    private mutating func leaveDirect() -> Int32? {
        guard way == .direct else { return nil }
        way = .cached
        lead = 0
        if flagSet {
            // Cannot fail in practice (the flag was set on this file); if it did, the tail's
            // write would, and report it.
            _ = rulebook_set_direct(fd, 0)
            flagSet = false
        }
        guard staged > 0, let room = staging else { return nil }
        let tail = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(room)[..<staged])
        staged = 0
        return writeCached(tail)
    }

    /// Writes every byte through the cache, in `ByteOutput.writeChunk`s; the error number on
    /// failure.
    static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32? {
        var done = 0
        while done < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + done, min(raw.count - done, ByteOutput.writeChunk))
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return n < 0 ? errno : EIO
            }
            done += n
        }
        return nil
    }

    private func now() -> Double { policy.clock?() ?? WriteRoute.now() }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
