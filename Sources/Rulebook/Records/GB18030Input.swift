import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Transcodes GB18030 (and GBK) to UTF-8 while streaming.
///
/// Decoder choice: glibc's iconv when its GB18030 module is installed, else Foundation.
/// iconv converts straight to UTF-8 (~10x faster here than Foundation, whose Linux
/// implementation goes through UTF-16 and a generic String conversion: 23 MB/s measured) and
/// reports the exact offset of a bad byte. But iconv needs the gconv modules, which slim
/// container images may omit, so Foundation's CoreFoundation converter
/// (kCFStringEncodingGB_18030_2000, part of every Swift toolchain) is the fallback; it only
/// says whether a piece decodes, so its errors name the bad line and that line's offset.
///
/// Streaming: a line feed (0x0A) is never part of a multi-byte GB18030 sequence (trail bytes
/// are >= 0x30), so each chunk is cut after its last LF and decoded on its own. A line longer
/// than a chunk just makes the pending piece grow.
struct GB18030Input: ByteInput {
    /// CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000 = 0x0632); the
    /// function is not exported on Linux, so its (stable) result is written out.
    static let encoding = String.Encoding(rawValue: 0x8000_0632)

    private var inner: any ByteInput
    private let file: String
    private let chunkSize: Int
    private let converter: IconvConverter?
    private var pending: [UInt8] = []
    private var output: [UInt8] = []
    private var outputPosition = 0
    private var innerEOF = false
    /// Input bytes and lines already decoded, for error positions.
    private var decodedBytes = 0
    private var decodedLines = 0

    init(_ inner: some ByteInput, file: String, chunkSize: Int = 1 << 20, useIconv: Bool = true) {
        self.inner = inner
        self.file = file
        self.chunkSize = chunkSize
        self.converter = useIconv ? IconvConverter(from: "GB18030", to: "UTF-8") : nil
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
        }
        let piece = pending[0..<cut!]
        if let converter {
            if let bad = converter.convert(piece, into: &output) { throw badBytes(in: piece, at: bad) }
        } else {
            guard let text = String(bytes: piece, encoding: Self.encoding) else { throw badBytes(in: piece, at: nil) }
            output = Array(text.utf8)
        }
        outputPosition = 0
        decodedBytes += piece.count
        decodedLines += piece.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        pending.removeFirst(cut!)
    }

    /// The error for a piece that does not decode; `offset` is the bad byte when known,
    /// else the first line that fails alone is found.
    private func badBytes(in piece: ArraySlice<UInt8>, at offset: Int?) -> DiagnosticError {
        var lineStart = piece.startIndex
        var line = decodedLines + 1
        var bad = offset
        while lineStart < piece.endIndex {
            let stop = piece[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? piece.endIndex
            if let offset, offset < stop { break }
            if offset == nil, String(bytes: piece[lineStart..<stop], encoding: Self.encoding) == nil { bad = lineStart; break }
            line += 1
            lineStart = stop
        }
        let absolute = decodedBytes + (bad ?? lineStart) - piece.startIndex
        return DiagnosticError(.error(
            "invalid GB18030 bytes in line \(line) (near byte offset \(absolute))",
            at: SourceLocation(file: file, line: line, column: 1)))
    }
}

/// A glibc iconv conversion descriptor, closed when released.
final class IconvConverter {
    private let cd: iconv_t

    /// nil when the conversion is not available (no gconv module).
    init?(from: String, to: String) {
        let cd = iconv_open(to, from)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        self.cd = cd
    }

    deinit { iconv_close(cd) }

    /// Converts all of `input` (which ends on a character boundary) into `output`.
    /// Returns nil, or the index in `input` of a byte that does not decode.
    func convert(_ input: ArraySlice<UInt8>, into output: inout [UInt8]) -> Int? {
        // UTF-8 needs at most 1.5x the bytes of GB18030 (2 -> 3; 4 -> 4; 1 -> 1).
        let capacity = input.count * 3 / 2 + 16
        if output.count < capacity { output.append(contentsOf: [UInt8](repeating: 0, count: capacity - output.count)) }
        iconv(cd, nil, nil, nil, nil)  // reset the shift state
        var failedAt: Int?
        let produced = input.withUnsafeBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw -> Int in
                var inPtr = UnsafeMutablePointer(mutating: inRaw.baseAddress?.assumingMemoryBound(to: CChar.self))
                var inLeft = inRaw.count
                var outPtr = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                if inLeft > 0, iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    failedAt = inRaw.count - inLeft  // EILSEQ or EINVAL: the byte where decoding stopped
                }
                return outRaw.count - outLeft
            }
        }
        if let failedAt { return input.startIndex + failedAt }
        output.removeLast(output.count - produced)
        return nil
    }
}
