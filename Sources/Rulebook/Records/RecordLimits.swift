/// Bounds on what one record may hold, so that a hostile or broken input (`/dev/zero`, a file
/// with no line breaks, an unclosed quote in a 10 GB export) ends with a located error instead
/// of reading until memory runs out.
public struct RecordLimits: Sendable, Equatable {
    /// The longest record (a CSV row with its header, a JSON Lines line, a JSON array's
    /// object) in bytes. Exports hold short fields; 16 MiB leaves room for long free-text
    /// descriptions while keeping memory small.
    public var maxRecordBytes: Int
    /// A JSON array is read whole before it is parsed: its size is bounded too (JSON Lines
    /// has no such bound, since it streams).
    public var maxJSONArrayBytes: Int

    /// The JSON array limit defaults to 64 records' worth (1 GiB for 16 MiB records).
    public init(maxRecordBytes: Int = 16 << 20, maxJSONArrayBytes: Int? = nil) {
        self.maxRecordBytes = max(1, maxRecordBytes)
        let (wholeFile, overflow) = self.maxRecordBytes.multipliedReportingOverflow(by: 64)
        self.maxJSONArrayBytes = max(1, maxJSONArrayBytes ?? (overflow ? .max : wholeFile))
    }

    /// 16 MiB records, JSON arrays up to 1 GiB: room for any real export.
    public static let `default` = RecordLimits()

    /// A size as written on the command line: `300`, `64K`, `16M`, `1G` (powers of 1024).
    package static func bytes(parsing text: String) -> Int? {
        var digits = Substring(text)
        var unit = 1
        switch digits.last.map({ Character($0.uppercased()) }) {
        case "K": unit = 1 << 10
        case "M": unit = 1 << 20
        case "G": unit = 1 << 30
        default: break
        }
        if unit > 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: unit)
        return overflow ? nil : v
    }

    /// `16 MiB`, `300 bytes`: for messages.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
