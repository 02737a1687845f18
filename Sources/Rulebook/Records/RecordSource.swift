/// A stream of records from a case export, whatever its format (CSV, JSON Lines, JSON array).
///
/// The engine binds its wanted fields to `columnNames` (see `HeaderBinder`, `BoundRecords`)
/// and then reads fields by column index from each `RawRecord`.
protocol RecordSource {
    /// The file name used in diagnostics.
    var file: String { get }
    /// Column names by index: the CSV header; for JSON, every key seen so far in order of first
    /// appearance (grows as records are read, so JSON binds per object).
    var columnNames: [String] { get }
    /// True when columns are a fixed header (CSV), false when each record names its own (JSON).
    var hasFixedHeader: Bool { get }
    /// Where the header is (CSV), for diagnostics about it.
    var headerLocation: SourceLocation { get }
    /// Asks the reader to validate and unescape only these columns (nil: all). Unused columns
    /// are still split and counted, never decoded.
    mutating func decodeOnly(_ columns: [Bool]?)
    /// The next record, or nil at the end of the input. The record is valid until the next call.
    mutating func next() throws -> RawRecord?
}
