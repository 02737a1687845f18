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

    static func rows(_ header: [String], _ rows: [[String?]]) -> String {
        var out = "\u{FEFF}" + header.map { field($0) }.joined(separator: ",") + "\r\n"
        for r in rows { out += r.map(field).joined(separator: ",") + "\r\n" }
        return out
    }

    static func findings(_ r: EvaluationReport) -> String {
        rows(["case", "kind", "rule", "clause", "status", "start", "due", "done", "late_by", "incurred_at", "party", "amount",
              "month", "sanction", "action", "note", "title"],
             r.findings.map { f in
                 [f.subject, f.kind.rawValue, f.rule, f.clause, f.status.rawValue, f.start?.description, f.due?.description,
                  f.done?.description, f.lateBy?.description, f.incurredAt?.description, f.party, f.amount?.description, f.month, f.sanction,
                  f.action, f.note, f.title]
             })
    }

    static func ledger(_ r: EvaluationReport) -> String {
        rows(["person", "department", "month", "bonus", "cap", "incurred", "carried_in", "deducted", "carried_out"],
             r.ledger.map { l in
                 [l.person, l.department, l.month, l.bonus?.description, l.cap?.description, l.incurred.description,
                  l.carriedIn.description, l.deducted.description, l.carriedOut.description]
             })
    }
}
