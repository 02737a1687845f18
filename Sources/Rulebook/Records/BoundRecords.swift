/// A record source with the engine's wanted fields bound to its columns.
///
/// CSV binds once, from the header, and asks the reader to decode only the used columns.
/// JSON binds per object: keys play the role of headers, so each object must have every
/// required field, and may not give one field twice (under its name and an alias).
struct BoundRecords<Source: RecordSource> {
    private(set) var source: Source
    let wanted: [WantedField]
    /// After `next()`: per wanted field, the column to read in the returned record, or nil
    /// when the record does not have it (an optional field).
    private(set) var columns: [Int?]
    private var binding: HeaderBinding
    private var boundColumnCount: Int

    init(_ source: Source, wanted: [WantedField]) throws {
        self.source = source
        self.wanted = wanted
        let fixed = source.hasFixedHeader
        binding = try HeaderBinder.bind(wanted, to: source.columnNames, file: source.file, at: source.headerLocation,
                                        checkRequired: fixed, allowSeveralCandidates: !fixed)
        boundColumnCount = source.columnNames.count
        columns = binding.columns
        if fixed { self.source.decodeOnly(binding.isUsed) }
    }

    /// Columns no wanted field reads (CSV: known from the header; JSON: keys seen so far).
    var unusedColumns: [Int] { binding.unusedColumns }

    mutating func next() throws -> RawRecord? {
        guard let record = try source.next() else { return nil }
        if source.hasFixedHeader { return record }
        if source.columnNames.count != boundColumnCount {
            // New keys appeared: bind them too (a key matching two fields is reported here).
            binding = try HeaderBinder.bind(wanted, to: source.columnNames, file: source.file, at: record.location,
                                            checkRequired: false, allowSeveralCandidates: true)
            boundColumnCount = source.columnNames.count
        }
        for f in wanted.indices {
            var chosen: Int?
            for c in binding.candidates[f] where record.kind(c) != nil {
                if let first = chosen {
                    let names = source.columnNames
                    throw DiagnosticError(.error(
                        "row \(record.row): keys '\(names[first])' and '\(names[c])' both give field '\(wanted[f].name)'",
                        at: record.location(ofColumn: c)))
                }
                chosen = c
            }
            if chosen == nil && wanted[f].required {
                let keys = (0..<record.columnCount).filter { record.kind($0) != nil }.map { source.columnNames[$0] }
                throw DiagnosticError(.error(
                    "row \(record.row): " + HeaderBinder.missingMessage(wanted[f], headers: keys, noun: "key"),
                    at: record.location))
            }
            columns[f] = chosen
        }
        return record
    }
}
