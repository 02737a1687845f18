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

    /// How findings should be kept for this format (`EvaluationRun.renderer`): JSON lines are
    /// rendered on the evaluating threads, so that writing is copying; nil for the others.
    public var findingRenderer: FindingRenderer? { self == .jsonl ? JSONReport.lineRenderer : nil }

    /// Writes the report as the findings stream past (buffered; call `out.finish()`).
    public func write(_ r: EvaluationReport, to out: ByteOutput) throws {
        switch self {
        case .table: try TableReport.write(r, to: out)
        case .json: try JSONReport.write(r, to: out)
        case .jsonl: try JSONReport.writeLines(r, to: out)
        case .csv: try CSVReport.writeFindings(r, to: out)
        case .ledgerCSV: CSVReport.writeLedger(r, to: out)
        }
    }

    /// The whole report as text (tests, small reports).
    public func render(_ r: EvaluationReport) -> String {
        let out = ByteOutput.memory()
        try! write(r, to: out)
        return out.text
    }
}
