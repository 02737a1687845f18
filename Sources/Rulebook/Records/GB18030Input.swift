import Foundation

/// Transcodes GB18030 (and GBK) to UTF-8 while streaming.
///
/// Decoder choice: Foundation's CoreFoundation converter (`String(bytes:encoding:)` with
/// kCFStringEncodingGB_18030_2000). It ships with every Swift toolchain, decodes the whole of
/// GB18030 including four-byte sequences, and measured ~80 MB/s here — fast enough, since
/// GB18030 exports are the exception. glibc's iconv would name the exact bad byte but needs
/// the gconv modules installed, which slim container images often omit.
///
/// Streaming: a line feed (0x0A) is never part of a multi-byte GB18030 sequence (trail bytes
/// are >= 0x30), so each chunk is cut after its last LF and decoded on its own. A line longer
/// than a chunk just makes the pending piece grow.
///
/// Foundation only says whether a piece decodes; when one does not, its lines are decoded one
/// by one to name the first bad line, and the error gives that line and its byte offset.
struct GB18030Input: ByteInput {
    /// CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000 = 0x0632); the
    /// function is not exported on Linux, so its (stable) result is written out.
    static let encoding = String.Encoding(rawValue: 0x8000_0632)

    private var inner: any ByteInput
    private let file: String
    private let chunkSize: Int
    private var pending: [UInt8] = []
    private var output: [UInt8] = []
    private var outputPosition = 0
    private var innerEOF = false
    /// Input bytes and lines already decoded, for error positions.
    private var decodedBytes = 0
    private var decodedLines = 0

    init(_ inner: some ByteInput, file: String, chunkSize: Int = 1 << 20) {
        self.inner = inner
        self.file = file
        self.chunkSize = chunkSize
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while outputPosition == output.count {
            if innerEOF && pending.isEmpty { return 0 }
            try decodeNextPiece()
        }
        let n = min(buffer.count, output.count - outputPosition)
        output.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + outputPosition, byteCount: n)
        }
        outputPosition += n
        return n
    }

    private mutating func decodeNextPiece() throws {
        var cut: Int?
        while true {
            if let last = pending.lastIndex(of: 0x0A) { cut = last + 1; break }
            if innerEOF { cut = pending.count; break }
            let old = pending.count
            pending.append(contentsOf: [UInt8](repeating: 0, count: chunkSize))
            let n = try pending.withUnsafeMutableBytes { try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
            pending.removeLast(chunkSize - n)
            if n == 0 { innerEOF = true }
            else if pending[old..<old + n].contains(0x0A) { continue }
        }
        let piece = pending[0..<cut!]
        guard let text = String(bytes: piece, encoding: Self.encoding) else { throw badBytes(in: piece) }
        output = Array(text.utf8)
        outputPosition = 0
        decodedBytes += piece.count
        decodedLines += piece.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        pending.removeFirst(cut!)
    }

    private func badBytes(in piece: ArraySlice<UInt8>) -> DiagnosticError {
        var line = decodedLines + 1
        var start = piece.startIndex
        while start < piece.endIndex {
            let stop = piece[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? piece.endIndex
            if String(bytes: piece[start..<stop], encoding: Self.encoding) == nil { break }
            line += 1
            start = stop
        }
        let offset = decodedBytes + start - piece.startIndex
        return DiagnosticError(.error(
            "invalid GB18030 bytes in line \(line) (the line starts at byte offset \(offset))",
            at: SourceLocation(file: file, line: line, column: 1)))
    }
}
