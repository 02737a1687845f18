/// Turns a byte offset back into a line and column, only when a diagnostic needs one, so
/// readers need not track columns while scanning.
enum TextPosition {
    /// Line and column of `offset`, scanning forward from `lineStart` which is on `line`.
    /// CRLF, LF and a lone CR each end a line. Only run when a location is wanted.
    static func locate(_ offset: Int, in bytes: [UInt8], from lineStart: Int, line: Int, file: String) -> SourceLocation {
        var line = line
        var column = 1
        var i = lineStart
        let stop = min(offset, bytes.count)
        while i < stop {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 && b != 0x0D {
                column += 1  // one per scalar: continuation bytes do not start a new one
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
