import Foundation

/// Which format a report is written in when the command line does not say, or says twice.
extension ReportFormat {
    /// The formats an output file's extension names (`.txt` is the table).
    static let byExtension: [String: [ReportFormat]] = [
        "json": [.json], "jsonl": [.jsonl], "ndjson": [.jsonl], "csv": [.csv, .ledgerCSV], "txt": [.table],
    ]

    /// The format for a report: `given` (`--format`), else what `output`'s extension names,
    /// else `table` on a terminal and `jsonl` otherwise. A given format that contradicts the
    /// extension (`--format json -o report.csv`) is refused with the reason: a file whose
    /// name lies about its content is worse than an error.
    public static func chosen(given: ReportFormat?, output: String?, terminal: Bool) throws -> ReportFormat {
        let ext = output.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        let named = byExtension[ext]
        if let given {
            if let named, !named.contains(given) {
                throw FormatChoiceError(message: "--format \(given.rawValue) contradicts -o \(output!): a .\(ext) file holds \(named.map(\.rawValue).joined(separator: " or "))")
            }
            return given
        }
        if let first = named?.first { return first }
        return output == nil && terminal ? .table : .jsonl
    }
}

/// `--format` and `-o` disagree (a usage error).
public struct FormatChoiceError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
