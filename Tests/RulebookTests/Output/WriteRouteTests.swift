import CFileSpace
import Foundation
import Synchronization
import Testing
@testable import Rulebook

/// A report's blocks written through the page cache or past it (`WriteRoute`): whichever way
/// each stretch goes, and however the blocks fall against the 4 KiB a direct write needs, the
/// file holds the bytes written, in order.
@Suite struct WriteRouteTests {
    static func folder() throws -> String { try TemporaryFolder.make("route") }

    /// A new file in `dir`, open for writing.
    static func create(_ dir: String, _ name: String) throws -> (path: String, fd: Int32) {
        let path = dir + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        return (path, fd)
    }

    /// Blocks of random lengths (a byte to 300 KB), each filled with its own pattern.
    static func blocks(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { b in
            let n = 1 + Int(random.next() % 300_000)
            return (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ b &* 7) }
        }
    }

    /// Writes `blocks` through a route of `policy` into a new file; the route's way at each
    /// `settleAfter` block is left there (as the output's last bytes leave it).
    static func write(_ blocks: [[UInt8]], policy: WriteRoute.Policy, settleAfter: Set<Int> = [],
                      in dir: String) throws -> (file: [UInt8], direct: Int, refused: Bool, costs: (Double?, Double?)) {
        let (path, fd) = try create(dir, "out.bin")
        defer { close(fd) }
        var route = WriteRoute(fd: fd, policy: policy)
        for (i, b) in blocks.enumerated() {
            #expect(b.withUnsafeBytes { route.write($0) } == nil)
            if settleAfter.contains(i) { #expect(route.settle() == nil) }
        }
        #expect(route.settle() == nil)
        let file = try #require(FileManager.default.contents(atPath: path))
        return ([UInt8](file), route.writtenDirect, route.refused, (route.cachedCost, route.directCost))
    }

    @Test func pastTheCacheTheBytesAreTheSame() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocks = Self.blocks(40, seed: 3)
        // A warm-up that leaves the file's offset unaligned: the first direct write waits for
        // the bytes that align it.
        let policy = WriteRoute.Policy(warmup: 10_001, forced: .direct)
        let written = try Self.write(blocks, policy: policy, settleAfter: [17, 18, 30], in: dir)
        #expect(written.file == blocks.flatMap { $0 })
        // Past the cache where the file system allows it (not all do: then all of it through).
        #expect(written.direct > 1_000_000 || written.refused)
        #expect(written.direct % WriteRoute.alignment == 0)
    }

    @Test func bothWaysTimedAndTheBytesTheSame() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocks = Self.blocks(60, seed: 5)
        // Stretches short enough to change ways many times in 9 MB.
        let policy = WriteRoute.Policy(warmup: 300_000, trial: 500_003, firstRun: 700_000, longestRun: 1_400_000)
        let written = try Self.write(blocks, policy: policy, settleAfter: [25], in: dir)
        #expect(written.file == blocks.flatMap { $0 })
        #expect(written.costs.0 != nil)
        #expect(written.costs.1 != nil || written.refused)
    }

    /// A stretch is timed with the waits for its blocks: a way under which the blocks come
    /// twice as slowly (as when a cached write's copies take the core the blocks are made
    /// on) measures twice as dear, though its calls take no time on the test's clock.
    @Test func theWaitsForBlocksAreTimed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seconds = Mutex(0.0)
        var policy = WriteRoute.Policy(warmup: 100_000, trial: 200_000, firstRun: 400_000, longestRun: 800_000)
        policy.clock = { seconds.withLock { $0 } }
        let (path, fd) = try Self.create(dir, "out.bin")
        defer { close(fd) }
        var route = WriteRoute(fd: fd, policy: policy)
        let block = [UInt8](repeating: 7, count: 50_000)
        for _ in 0..<60 {
            // The wait before each block, by the way the route is writing.
            let wait = route.way == .cached ? 0.002 : 0.001
            seconds.withLock { $0 += wait }
            #expect(block.withUnsafeBytes { route.write($0) } == nil)
        }
        #expect(route.settle() == nil)
        #expect(try #require(FileManager.default.contents(atPath: path)).count == 60 * 50_000)
        // The trial through the cache is timed on any file system.
        #expect(abs((route.cachedCost ?? 0) - 0.002 / 50_000) < 1e-12)
        guard !route.refused else { return }  // a file system without direct writes
        let (direct, writtenDirect) = (route.directCost ?? 0, route.writtenDirect)
        #expect(abs(direct - 0.001 / 50_000) < 1e-12)
        // Past the cache after the first trials: all but the warm-up and a trial through the
        // cache after each run (100 + 4 × 200 KB, and the last part block).
        #expect(writtenDirect >= 60 * 50_000 - 1_000_000)
    }

    @Test func aRefusedDirectWriteGoesThroughTheCache() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocks = Self.blocks(12, seed: 9)
        let policy = WriteRoute.Policy(warmup: 5_000, forced: .direct, refusesDirect: true)
        let written = try Self.write(blocks, policy: policy, in: dir)
        #expect(written.file == blocks.flatMap { $0 })
        #expect(written.refused)
        #expect(written.direct == 0)
    }

    @Test func throughTheCacheOnlyWhenTwiceAsFast() {
        #expect(WriteRoute.faster(cached: 1.0, direct: 0.5) == .direct)
        #expect(WriteRoute.faster(cached: 1.0, direct: 1.0) == .direct)
        #expect(WriteRoute.faster(cached: 0.6, direct: 1.0) == .direct)
        #expect(WriteRoute.faster(cached: 0.45, direct: 1.0) == .cached)
        #expect(WriteRoute.faster(cached: 0.1, direct: 1.0) == .cached)
        // A disk much slower than memory: not tried again.
        #expect(WriteRoute.hopeless(cached: 1.0, direct: 5.0))
        #expect(!WriteRoute.hopeless(cached: 1.0, direct: 2.0))
    }

    /// Through `ByteOutput`, whose last block may be a whole one (nothing left to flush): what
    /// the route staged for a direct write is written at `finish`.
    @Test func anOutputEndingInAWholeBlockKeepsItsTail() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, fd) = try Self.create(dir, "report.bin")
        defer { close(fd) }
        let out = ByteOutput(fd: fd, name: path, route: WriteRoute.Policy(warmup: 4_097, forced: .direct))
        var expected: [UInt8] = []
        for b in 0..<5 {
            var block = (0..<(ByteOutput.blockSize + 100)).map { UInt8(truncatingIfNeeded: $0 &+ b) }
            expected += block
            out.write(block: &block)
        }
        try out.finish()
        #expect([UInt8](try #require(FileManager.default.contents(atPath: path))) == expected)
    }

    /// Through `ByteOutput`'s queue of aligned blocks (each cut at a multiple of the alignment,
    /// the rest carried into the next): blocks smaller and larger than a whole one, whole ones
    /// copied straight into the writer's block, small writes between them, each way, changing
    /// ways, and refused, land in order.
    @Test func queuedBlocksLandInOrderEachWay() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let policies = [
            WriteRoute.Policy(warmup: 5_003, forced: .direct),
            WriteRoute.Policy(warmup: 5_003, forced: .cached),
            WriteRoute.Policy(warmup: 1_000_000, trial: 1_500_001, firstRun: 2_000_000, longestRun: 3_000_000),
            WriteRoute.Policy(warmup: 5_003, forced: .direct, refusesDirect: true),
        ]
        var random = SplitMix64(seed: 11)
        for (p, policy) in policies.enumerated() {
            let (path, fd) = try Self.create(dir, "report-\(p).bin")
            defer { close(fd) }
            let out = ByteOutput(fd: fd, name: path, route: policy)
            var expected: [UInt8] = []
            var firstBlock = 0
            for b in 0..<24 {
                let n = b % 3 == 0 ? ByteOutput.blockSize + Int(random.next() % 70_000) : 1 + Int(random.next() % 900_000)
                if b == 0 { firstBlock = n }
                var block = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ b) }
                expected += block
                out.write(block: &block)
                #expect(block.isEmpty)
                if b % 5 == 4 {
                    out.write("line \(b)\n")
                    expected += Array("line \(b)\n".utf8)
                }
            }
            try out.finish()
            #expect([UInt8](try #require(FileManager.default.contents(atPath: path))) == expected, "policy \(p)")
            if policy.refusesDirect || policy.forced == .cached {
                #expect(out.writtenPastCache == 0)
            } else if policy.forced == .direct && !Self.directRefused(dir) {
                // All but the first block (the warm-up's: a block goes one way whole) and the
                // last part block, and every byte of it from the blocks as they were: each
                // arrived aligned, where a direct write can start, with nothing staged before it.
                #expect(out.writtenPastCache >= expected.count - firstBlock - 2 * WriteRoute.alignment)
                #expect(out.writtenInPlace >= expected.count - firstBlock - 2 * WriteRoute.alignment)
            }
        }
    }

    /// A descriptor rulebook was given (a shell's `>`, a device) is never written past the
    /// cache: O_DIRECT would stay on the open file after rulebook exits. A file the output made
    /// itself is, for its timed trial at least, where the file system allows it (the route
    /// times 8 MB each way after its first 16 MB).
    @Test func onlyTheOutputsOwnFileGoesPastTheCache() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, given) = try Self.create(dir, "given.bin")
        defer { close(given) }
        for target in ["/dev/fd/\(given)", dir + "/own.bin"] {
            let f = try OutputFile(path: target)
            for _ in 0..<40 {
                var block = [UInt8](repeating: 0x61, count: ByteOutput.blockSize)
                f.output.write(block: &block)
            }
            try f.output.finish()
            let direct = f.output.writtenPastCache
            try f.commit()
            if target.hasPrefix("/dev/fd/") {
                #expect(direct == 0)
                #expect(FileManager.default.contents(atPath: path)?.count == 40 << 20)
            } else {
                // Refused only where the file system cannot (then the flag was never set).
                #expect(direct >= 4 << 20 || Self.directRefused(dir))
                #expect(FileManager.default.contents(atPath: target)?.count == 40 << 20)
            }
        }
    }

    /// Whether the file system of `dir` refuses O_DIRECT.
    static func directRefused(_ dir: String) -> Bool {
        guard let (_, fd) = try? create(dir, "probe.bin") else { return true }
        defer { close(fd) }
        return rulebook_set_direct(fd, 1) != 0
    }
}
