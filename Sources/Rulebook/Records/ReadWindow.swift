#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The unread part of an input, held in `RecordStorage.source[position..<end]` and refilled
/// with large `read()` calls. Streaming readers (CSV, JSON Lines) scan records in place; when
/// a record runs past `end`, `fill` moves it to the front and reads more after it.
struct ReadWindow {
    private var input: any ByteInput
    let chunkSize: Int
    /// The longest record `fill` lets the window hold (see `RecordLimits`).
    let maxRecordBytes: Int
    private(set) var end = 0
    /// Where the next record starts.
    var position = 0
    private(set) var eof = false

    /// Thrown by `fill` when the unfinished record at `position` is over `maxRecordBytes`;
    /// the reader turns it into a located error.
    struct RecordTooLong: Error {}

    init(_ input: some ByteInput, chunkSize: Int, maxRecordBytes: Int = RecordLimits.default.maxRecordBytes) {
        self.input = input
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = maxRecordBytes
    }

    /// Moves the unread bytes to the front of `storage.source` and appends one read's worth
    /// (growing the buffer only when a record is longer than what is left of it).
    mutating func fill(_ storage: RecordStorage) throws {
        if position > 0 {
            let keep = end - position
            let from = position
            storage.source.withUnsafeMutableBytes { b in
                if keep > 0 { memmove(b.baseAddress!, b.baseAddress! + from, keep) }
            }
            end = keep
            position = 0
        }
        // Readers scan a record again from its start after each fill: reading at least as much
        // as the record already holds keeps a long record linear (it doubles), not quadratic.
        guard end <= maxRecordBytes else { throw RecordTooLong() }
        let size = min(max(chunkSize, end), maxRecordBytes + 1 - end)
        if storage.source.count < end + size {
            // An Array (not repeatElement) so that growing is one memset and memcpy, even unoptimised.
            storage.source.append(contentsOf: [UInt8](repeating: 0, count: end + size - storage.source.count))
        }
        let start = end
        let n = try storage.source.withUnsafeMutableBytes { b in
            try input.read(into: UnsafeMutableRawBufferPointer(rebasing: b[start..<start + size]))
        }
        if n == 0 { eof = true } else { end += n }
    }
}
