/// The formats a report is written in, as `rulebook eval --format` writes them: the same
/// report is the same bytes, whatever the order of the export's rows or the number of threads.
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
    /// One self-contained HTML page for a manager: summary, charts (inline SVG), the ledger,
    /// the overdue cases first, each case's findings at an anchor.
    case html

    /// How findings are kept for this format (`EvaluationRun.renderer`): as the table's rows
    /// (a tenth of the findings, rendered on the evaluating threads, so that writing the
    /// report is copying); the ledger needs no finding kept (findings are still counted). The
    /// HTML page keeps findings structured (nil): it reads them for its charts and lists
    /// several ways. So do the formats that list every finding (JSON, CSV): their text is
    /// three times the size of a finding's values, and a run of 1M cases would spill more
    /// than a gigabyte of it, to write and read back; as values the runs are a third of that,
    /// rendered while the merge reads them, on the threads that evaluated them
    /// (`FindingStore.forEachRendered(by:_:)`).
    package func findingRenderer(_ language: ReportLanguage) -> FindingRenderer? {
        switch self {
        case .json, .jsonl, .csv: return nil
        case .table: return TableReport.rowRenderer(language)
        case .ledgerCSV: return FindingRenderer(form: .nothing) { _, _ in }
        case .html: return nil
        }
    }

    /// The findings this format lists (all are counted): the table lists some in its
    /// sections, the ledger none; the others every finding (the HTML page counts every one in
    /// its charts, and lists a bounded number).
    package var retention: FindingRetention {
        switch self {
        case .table: return .only(TableReport.lists)
        case .ledgerCSV: return .only { _ in false }
        case .json, .jsonl, .csv, .html: return .all
        }
    }

    /// Whether writing this format reads the findings in one pass: the formats that list
    /// every finding in report order, and the HTML page (its digest is made in one pass). The
    /// table reads its rows once per list; the ledger keeps no finding.
    var readsFindingsOnce: Bool {
        switch self {
        case .json, .jsonl, .csv, .html: return true
        case .table, .ledgerCSV: return false
        }
    }

    /// Writes the report as the findings stream past (buffered; call `out.finish()`), the
    /// formats for people in `language` (the policy's when nil). `limit`: the table's lists
    /// show at most this many rows each, worst first (nil: every row). `lastRead`: nothing
    /// reads the report's findings after this (the CLI, writing its one report): a format
    /// that reads them in one pass gives their temporary files back as it goes, and the
    /// report's findings cannot be read again.
    package func write(_ r: EvaluationReport, to out: ByteOutput, language: ReportLanguage? = nil, limit: Int? = nil,
                       lastRead: Bool = false) throws {
        let language = language ?? ReportLanguage.default(for: r)
        if lastRead && readsFindingsOnce { r.readsFindingsOnce() }
        switch self {
        case .table: try TableReport.write(r, to: out, language: language, limit: limit)
        case .json: try JSONReport.write(r, to: out)
        case .jsonl: try JSONReport.writeLines(r, to: out)
        case .csv: try CSVReport.writeFindings(r, to: out)
        case .ledgerCSV: CSVReport.writeLedger(r, to: out)
        case .html: try HTMLReport.write(r, to: out, language: language)
        }
    }

    /// The whole report as text, held in memory: for small reports (a large one is better
    /// streamed to a file, as `rulebook eval -o` does).
    ///
    /// Throws when the findings cannot be read back: a run with many findings keeps them in
    /// temporary files, and reading one can fail.
    /// `language`: the language of the formats for people (`table`, `html`); nil: the
    /// policy's (its `language:`, else its titles').
    public func render(_ r: EvaluationReport, language: ReportLanguage? = nil) throws -> String {
        let out = ByteOutput.memory()
        try write(r, to: out, language: language)
        return out.text
    }
}

/// The forms of finding text the report writers keep and read back.
extension FindingRenderer.Form {
    /// The table's rows of a finding, one per section that lists it (`TableReport`).
    static func tableRow(_ language: ReportLanguage) -> Self { Self("table rows (\(language.rawValue))") }
    /// A finding's members of the JSON report, without braces (`json`).
    static let jsonMembers = Self("JSON members")
    /// A finding's JSON line (`jsonl`).
    static let jsonLine = Self("JSON lines")
    /// A finding's CSV row (`csv`).
    static let csvRow = Self("CSV rows")
    /// Nothing: a report that lists no finding (`ledger-csv`) only counts them.
    static let nothing = Self("no text")
}
