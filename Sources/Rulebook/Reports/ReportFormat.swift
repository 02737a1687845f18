/// The report formats of `rulebook eval`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// A readable summary: counts, violations, overdue cases, the ledger.
    case table
    /// One JSON document.
    case json
    /// One JSON object per line: a summary, then findings, then ledger lines.
    case jsonl
    /// Findings as CSV, one row each, for spreadsheets.
    case csv
    /// The ledger as CSV.
    case ledgerCSV = "ledger-csv"

    public func render(_ r: EvaluationReport) -> String {
        switch self {
        case .table: return TableReport.render(r)
        case .json: return JSONReport.render(r)
        case .jsonl: return JSONReport.renderLines(r)
        case .csv: return CSVReport.findings(r)
        case .ledgerCSV: return CSVReport.ledger(r)
        }
    }
}
