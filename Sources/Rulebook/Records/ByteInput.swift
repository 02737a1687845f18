#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file descriptor, memory, or a transcoder over either.
protocol ByteInput {
    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// How many bytes the input holds, when known (a regular file's size); nil by default.
    var sizeHint: Int? { get }
}

extension ByteInput {
    var sizeHint: Int? { nil }

    /// Everything that is left (for the JSON array reader, which parses a whole file), or nil
    /// when that is more than `limit` bytes. Reads straight into one array sized from
    /// `sizeHint`, so a large file is neither copied nor regrown.
    /// `check` sees the bytes of the first read, so that input which is plainly not what the
    /// caller expects (`/dev/zero` for a JSON array) is refused before the rest is read.
    mutating func readAll(limit: Int = .max, chunkSize: Int = 1 << 20,
                          check: ([UInt8]) throws -> Void = { _ in }) throws -> [UInt8]? {
        if let size = sizeHint, size > limit { return nil }
        var all = [UInt8](repeating: 0, count: min(sizeHint ?? chunkSize, limit) + 1)
        var filled = 0
        var checked = false
        while true {
            if !checked, filled > 0 {
                try check(Array(all[0..<filled]))
                checked = true
            }
            if filled == all.count {
                guard filled <= limit else { return nil }
                all.append(contentsOf: [UInt8](repeating: 0, count: min(all.count, limit - filled + 1)))  // filled > 0: no overflow at .max
            }
            let start = filled
            let n = try all.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            if n == 0 { break }
            filled += n
        }
        guard filled <= limit else { return nil }
        all.removeLast(all.count - filled)
        if !checked { try check(all) }
        return all
    }
}

/// Bytes already in memory (tests, small inputs). `maxRead` caps each read so that tests can
/// force records to straddle reads.
struct MemoryInput: ByteInput {
    let bytes: [UInt8]
    var position = 0
    let maxRead: Int

    init(_ bytes: [UInt8], maxRead: Int = .max) {
        self.bytes = bytes
        self.maxRead = maxRead
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, maxRead, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// A file read with plain `read(2)` calls into the caller's large buffer: no stdio buffering,
/// no copies besides the kernel's.
final class FileInput: ByteInput {
    let fd: Int32
    let path: String

    /// Opens `path` for reading; "-" is standard input.
    init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 {
                let reason = String(cString: strerror(errno))
                throw DiagnosticError(.error("cannot open: \(reason)", at: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
    }

    deinit { if fd > 0 { close(fd) } }

    var sizeHint: Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            #else
            let n = Darwin.read(fd, buffer.baseAddress, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            // A folder is bad input; anything else is the system failing to read (exit 74).
            guard errno != EISDIR else {
                throw DiagnosticError(.error("cannot read: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            throw IOFailure(path: path == "-" ? "<stdin>" : path, action: "cannot read", code: errno)
        }
    }
}
