/// The text encoding of an export or a roster. Exports from older Chinese systems are often
/// GB18030 or GBK; without an encoding, bytes that are not UTF-8 are an error at the row.
public enum InputEncoding: String, Sendable {
    /// UTF-8, the default; a byte-order mark is skipped.
    case utf8 = "utf-8"
    /// GB18030, and GBK read as GB18030: GB18030 is a superset of GBK that agrees with it
    /// on every GBK sequence, so one decoder serves both.
    case gb18030

    /// `utf-8` (or `utf8`), `gb18030`, `gbk`; any letter case.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "cp936": self = .gb18030
        default: return nil
        }
    }

    /// Wraps `input` so that it yields UTF-8.
    func utf8Input(_ input: some ByteInput, file: String) -> any ByteInput {
        switch self {
        case .utf8: input
        case .gb18030: GB18030Input(input, file: file)
        }
    }
}
