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

    /// How findings are kept for this format (`EvaluationRun.renderer`): as the format's
    /// text (a JSON line or object, a CSV row, table rows), rendered on the evaluating
    /// threads, so that writing the report is copying; the ledger needs no finding kept
    /// (findings are still counted).
    package var findingRenderer: FindingRenderer {
        switch self {
        case .jsonl: return JSONReport.lineRenderer
        case .table: return TableReport.rowRenderer
        case .csv: return CSVReport.rowRenderer
        case .json: return JSONReport.memberRenderer
        case .ledgerCSV: return FindingRenderer(name: "none") { _, _ in }
        }
    }

    /// The findings this format lists (all are counted): the table lists some in its
    /// sections, the ledger none; the others every finding.
    package var retention: FindingRetention {
        switch self {
        case .table: return .only { f in TableReport.sections.contains { $0.filter(f) } }
        case .ledgerCSV: return .only { _ in false }
        case .json, .jsonl, .csv: return .all
        }
    }

    /// Writes the report as the findings stream past (buffered; call `out.finish()`).
    package func write(_ r: EvaluationReport, to out: ByteOutput) throws {
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
