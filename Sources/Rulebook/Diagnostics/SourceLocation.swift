/// A position in a source file: 1-based line and column, columns counted in Unicode scalars
/// (as libyaml counts them), so `投诉编号` is four columns wide.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The file as it was named to the library (a relative path stays relative).
    public var file: String
    /// The line, from 1; for an export, the line the row starts on.
    public var line: Int
    /// The column, from 1, in Unicode scalars.
    public var column: Int

    init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }

    /// The location `offset` scalars further along the same line; used to point inside a
    /// scalar, e.g. at one token of an expression.
    func advanced(byColumns offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
