import Foundation

/// Which format a command writes when the command line does not say, or says twice: `-o`'s
/// extension names what the file holds (`report.csv` is CSV, `results.sarif` SARIF), so it
/// chooses the format when `--format` is not given, and a file whose name would lie about its
/// content is refused — a contradiction (`--format json -o r.csv`), or an extension naming a
/// format the command does not write (`eval -o r.sarif`).
package enum FormatChoice {
    /// The formats a file with each extension holds, by their names in `--format`.
    static let byExtension: [String: [String]] = [
        "json": ["json"], "jsonl": ["jsonl"], "ndjson": ["jsonl"], "csv": ["csv", "ledger-csv"],
        "txt": ["table", "text"], "sarif": ["sarif"], "xml": ["junit"], "html": ["html"], "htm": ["html"],
    ]

    /// `given`, else what `output`'s extension names among `F`'s formats, else `fallback`.
    package static func choose<F: RawRepresentable & CaseIterable>(given: F?, output: String?, fallback: F) throws -> F
    where F.RawValue == String {
        let ext = output.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        guard let output, let holds = byExtension[ext] else { return given ?? fallback }
        if let given {
            guard holds.contains(given.rawValue) else {
                throw FormatChoiceError(message: "--format \(given.rawValue) contradicts -o \(output): a .\(ext) file holds \(holds.joined(separator: " or "))")
            }
            return given
        }
        if let named = F.allCases.first(where: { holds.contains($0.rawValue) }) { return named }
        throw FormatChoiceError(message: "-o \(output): a .\(ext) file holds \(holds.joined(separator: " or ")), which this command does not write; "
                                + "its formats: \(F.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}

extension ReportFormat {
    /// `eval`'s choice: see `FormatChoice`; without either, `table` on a terminal and `jsonl`
    /// otherwise.
    package static func chosen(given: ReportFormat?, output: String?, terminal: Bool) throws -> ReportFormat {
        try FormatChoice.choose(given: given, output: output, fallback: output == nil && terminal ? .table : .jsonl)
    }
}

/// `--format` and `-o` disagree (a usage error).
package struct FormatChoiceError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
