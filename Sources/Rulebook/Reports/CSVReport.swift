/// `--format csv` (findings) and `--format ledger-csv`: RFC 4180, a UTF-8 BOM so that
/// spreadsheet programs read the Chinese text, CRLF line ends.
enum CSVReport {
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
        row(["case", "kind", "rule", "clause", "status", "start", "due", "done", "late_by", "incurred_at", "party", "amount",
             "month", "sanction", "action", "note", "title"], to: out)
        try r.forEachFinding { f in
            row([f.subject, f.kind.rawValue, f.rule, f.clause, f.status.rawValue, f.start?.description, f.due?.description,
                 f.done?.description, f.lateBy?.description, f.incurredAt?.description, f.party, f.amount?.description, f.month, f.sanction,
                 f.action, f.note, f.title], to: out)
        }
    }

    static func writeLedger(_ r: EvaluationReport, to out: ByteOutput) {
        out.write("\u{FEFF}")
        row(["person", "department", "month", "bonus", "cap", "incurred", "carried_in", "deducted", "carried_out"], to: out)
        for l in r.ledger {
            row([l.person, l.department, l.month, l.bonus?.description, l.cap?.description, l.incurred.description,
                 l.carriedIn.description, l.deducted.description, l.carriedOut.description], to: out)
        }
    }
}
