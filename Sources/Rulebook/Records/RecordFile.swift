/// The layout of a case export (or a roster): CSV, JSON Lines or one JSON array.
public enum RecordFormat: String, Sendable {
    /// Comma-separated values with a header row (RFC 4180 quoting; `.csv`).
    case csv
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    case jsonLines = "jsonl"
    /// One JSON array of objects (`.json`).
    case jsonArray = "json"

    /// The format a file name's extension says, or nil.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonLines
        case "json": self = .jsonArray
        default: return nil
        }
    }
}

enum RecordFile {
    /// Opens an export. The format defaults to the one the extension says (else CSV); the
    /// encoding to UTF-8, with invalid UTF-8 reported along with a hint to pass `--encoding`.
    ///
    /// The result is an existential; pass it to a generic function (Swift opens it) to get a
    /// concrete `BoundRecords<Source>`:
    ///
    ///     func evaluate<S: RecordSource>(_ source: S) throws { var b = try BoundRecords(source, wanted: w) … }
    ///     try evaluate(RecordFile.open(path: p))
    /// `limits` bounds a record's size (and a JSON array's), so that an endless input ends
    /// with a located error.
    static func open(path: String, format: RecordFormat? = nil, encoding: InputEncoding? = nil,
                     limits: RecordLimits = .default) throws -> any RecordSource {
        let file = try FileInput(path: path)
        let input = (encoding ?? .utf8).utf8Input(file, file: path)
        switch format ?? RecordFormat(path: path) ?? .csv {
        case .csv: return try CSVReader(file: path, input: input, encodingGiven: encoding != nil, limits: limits)
        case .jsonLines: return try JSONLinesReader(file: path, input: input, limits: limits)
        case .jsonArray: return try JSONArrayReader(file: path, input: input, limits: limits)
        }
    }
}
