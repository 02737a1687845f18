import Foundation

/// Buffered output to a file descriptor: reports are written in 1 MiB blocks as they are
/// produced instead of being built as one String.
public final class ByteOutput {
    public private(set) var buffer: [UInt8] = []
    private let fd: Int32
    private let ownsDescriptor: Bool
    static let blockSize = 1 << 20

    /// Writes to `fd`; a negative `fd` keeps everything in memory (see `text`).
    public init(fd: Int32) {
        self.fd = fd
        ownsDescriptor = false
        buffer.reserveCapacity(ByteOutput.blockSize + 4096)
    }

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw OutputError(message: String(cString: strerror(errno)))
        }
        self.fd = fd
        ownsDescriptor = true
        buffer.reserveCapacity(ByteOutput.blockSize + 4096)
    }

    deinit {
        flush()
        if ownsDescriptor { _ = close(fd) }
    }

    public func write(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= ByteOutput.blockSize { flush() }
    }

    public func write<C: Collection>(bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= ByteOutput.blockSize { flush() }
    }

    @inline(__always) public func byte(_ b: UInt8) { buffer.append(b) }

    /// Writes what is buffered; write errors are reported by `finish()`.
    public func flush() {
        guard fd >= 0 else { return }  // a memory output keeps everything
        var done = 0
        buffer.withUnsafeBytes { raw in
            while done < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    failed = errno
                    break
                }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private var failed: Int32 = 0

    /// Flushes and throws if any write failed.
    public func finish() throws {
        flush()
        if failed != 0 { throw OutputError(message: String(cString: strerror(failed))) }
    }
}

/// A failed write: the system's reason (`No space left on device`).
public struct OutputError: Error, LocalizedError, CustomStringConvertible {
    public var message: String
    public var errorDescription: String? { message }
    public var description: String { message }
}

extension ByteOutput {
    /// A report written to memory (`render` for tests and small reports).
    public static func memory() -> ByteOutput { ByteOutput(fd: -1) }

    /// Everything written so far, for a memory output.
    public var text: String { String(decoding: buffer, as: UTF8.self) }

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
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    /// A JSON string, escaped exactly as `JSONText.string`.
    mutating func jsonString(_ s: String) {
        appendByte(0x22)
        var s = s
        s.withUTF8 { u in
            var clean = 0
            for (i, b) in u.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                append(contentsOf: UnsafeBufferPointer(rebasing: u[clean..<i]))
                clean = i + 1
                switch b {
                case 0x22: append(contentsOf: [0x5C, 0x22])
                case 0x5C: append(contentsOf: [0x5C, 0x5C])
                case 0x0A: append(contentsOf: [0x5C, 0x6E])
                case 0x0D: append(contentsOf: [0x5C, 0x72])
                case 0x09: append(contentsOf: [0x5C, 0x74])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: u[clean...]))
        }
        appendByte(0x22)
    }

    @inline(__always) private mutating func two(_ v: Int64) {
        appendByte(UInt8(48 + v / 10))
        appendByte(UInt8(48 + v % 10))
    }

    /// `Timestamp.description`, without building a String.
    mutating func timestamp(_ t: Timestamp) {
        let d = t.localDate
        guard (1000...9999).contains(d.year), t.offsetSeconds.magnitude < 100 * 3600 else {
            appendText(t.description)
            return
        }
        let y = Int64(d.year)
        two(y / 100)
        two(y % 100)
        appendByte(0x2D)
        two(Int64(d.month))
        appendByte(0x2D)
        two(Int64(d.day))
        appendByte(0x54)
        let s = t.localSecondOfDay
        two(s / 3600)
        appendByte(0x3A)
        two(s / 60 % 60)
        appendByte(0x3A)
        two(s % 60)
        if t.offsetSeconds == 0 {
            appendByte(0x5A)
        } else {
            let o = Int64(t.offsetSeconds.magnitude)
            appendByte(t.offsetSeconds < 0 ? 0x2D : 0x2B)
            two(o / 3600)
            appendByte(0x3A)
            two(o / 60 % 60)
        }
    }

    /// An integer in decimal.
    mutating func integer(_ v: Int64) {
        if v < 0 { appendByte(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        Swift.withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - n)...]))
        }
    }
}
