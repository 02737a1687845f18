/// `--format csv` (findings) and `--format ledger-csv`: RFC 4180, a UTF-8 BOM so that
/// spreadsheet programs read the Chinese text, CRLF line ends.
package enum CSVReport {
    static func field(_ s: String?) -> String {
        guard let s else { return "" }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    static func row(_ cells: [String?], to out: ByteOutput) {
        out.write(cells.map(field).joined(separator: ",") + "\r\n")
    }

    static func writeFindings(_ r: EvaluationReport, to out: ByteOutput) throws {
        out.write("\u{FEFF}")
        row(findingColumns, to: out)
        if r.findingStore.renderer != nil {
            try r.findingStore.forEachRendered(as: .csvRow) { out.write(bytes: $0) }
        } else {
            try r.findingStore.forEachRendered(by: rowRenderer) { out.write(block: &$0) }
        }
        // After the findings, a row per group short of rejected rows (kind `aggregate`,
        // status `incomplete`): a group whose short count made no finding is named too.
        for g in r.incomplete {
            let cells: [String: String?] = ["case": g.subject, "kind": "aggregate", "rule": g.aggregate, "clause": g.clause,
                                            "status": "incomplete", "note": g.note, "rows_lost": String(g.rowsLost)]
            row(findingColumns.map { cells[$0] ?? nil }, to: out)
        }
    }

    /// The findings' columns, in the order `findingRow` writes them.
    static let findingColumns = ["case", "kind", "rule", "clause", "status", "start", "due", "done", "late_by", "incurred_at", "party",
                                 "amount", "month", "sanction", "action", "note", "title", "rows_lost"]

    /// `--format csv` findings: a row each.
    static let rowRenderer = FindingRenderer(form: .csvRow) { f, out in findingRow(f, to: &out) }

    /// A finding's row, CRLF-terminated, written as bytes (`field` for each cell).
    static func findingRow(_ f: Finding, to out: inout [UInt8]) {
        func cell(_ s: String?) {
            guard var s else { return }
            s.withUTF8 { u in
                guard u.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                    out.append(contentsOf: u)
                    return
                }
                out.append(0x22)
                for b in u {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            }
        }
        func time(_ t: Timestamp?) { if let t { out.timestamp(t) } }  // digits, -, :, T, Z, +: never quoted
        cell(f.subject); out.append(0x2C)
        cell(f.kind.rawValue); out.append(0x2C)
        cell(f.rule); out.append(0x2C)
        cell(f.clause); out.append(0x2C)
        cell(f.status.rawValue); out.append(0x2C)
        time(f.start); out.append(0x2C)
        time(f.due); out.append(0x2C)
        time(f.done); out.append(0x2C)
        cell(f.lateBy?.description); out.append(0x2C)
        time(f.incurredAt); out.append(0x2C)
        cell(f.party); out.append(0x2C)
        cell(f.amount?.description); out.append(0x2C)
        cell(f.month); out.append(0x2C)
        cell(f.sanction); out.append(0x2C)
        cell(f.action); out.append(0x2C)
        cell(f.note); out.append(0x2C)
        cell(f.title); out.append(0x2C)
        if let n = f.rowsLost { out.integer(Int64(n)) }
        out.append(0x0D)
        out.append(0x0A)
    }

    static func writeLedger(_ r: EvaluationReport, to out: ByteOutput) {
        out.write("\u{FEFF}")
        row(["person", "department", "month", "bonus", "cap", "incurred", "carried_in", "deducted", "carried_out"], to: out)
        for l in r.ledger {
            row([l.person, l.department, l.month, l.bonus?.description, l.cap?.description, l.incurred.description,
                 l.carriedIn.description, l.deducted.description, l.carriedOut.description], to: out)
        }
    }

    /// The rows set aside with `--rejects`: file, row, column, message (cells quoted like any
    /// other CSV cell).
    package static func rejects(_ rejections: [Rejection]) -> String {
        var out = "file,row,column,message\n"
        for r in rejections {
            out += [r.file, String(r.row), r.column ?? "", r.message].map(field).joined(separator: ",") + "\n"
        }
        return out
    }
}
