import Foundation

/// `--format table`: what a person reads on a terminal or prints for a manager.
enum TableReport {
    /// Display width: CJK characters take two columns.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1.value) ? 2 : 1) }
    }

    /// East Asian wide and fullwidth ranges (Hangul Jamo, CJK, Hangul, fullwidth forms).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v)
    }

    static func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - width(s))) }

    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var widths = header.map(width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                rightAligned.contains(i) ? String(repeating: " ", count: widths[i] - width(c)) + c : pad(c, widths[i])
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        var out = line(header)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) }
        return out
    }

    static func render(_ r: EvaluationReport) -> String {
        var out = "Policy      \(r.policyID)" + (r.policyVersion.map { " version \($0)" } ?? "") + (r.policyTitle.map { " — \($0)" } ?? "") + "\n"
        out += "Fingerprint sha256:\(r.policyFingerprint.prefix(16))… (policy)  sha256:\(r.inputFingerprint.prefix(16))… (\(r.inputFile))\n"
        out += "As of       \(r.asOf)" + (r.asOfGiven ? "" : " (the current time: no --as-of was given)") + "\n"
        out += "Rows        \(r.rowsRead) read, \(r.rowsEvaluated) evaluated, \(r.rowsRejected) rejected\n\n"

        out += "Outcomes\n"
        if r.findings.isEmpty { out += "  none: no rule applied to any case\n" }
        else { out += table(["kind", "status", "count"], r.statusCounts.map { [$0.0.rawValue, $0.1.rawValue, String($0.2)] }, rightAligned: [2]) }

        let late = r.findings.filter { $0.kind != .penalty && ($0.status == .breached || $0.status == .overdue) }
        if !late.isEmpty {
            out += "\nBreached and overdue\n"
            out += table(["case", "rule", "clause", "status", "due", "late by"],
                         late.map { [$0.subject, $0.rule, $0.clause ?? "", $0.status.rawValue, $0.due?.description ?? "", $0.lateBy?.description ?? ""] })
        }
        let escalations = r.findings.filter { $0.kind == .escalation }
        if !escalations.isEmpty {
            out += "\nEscalations\n"
            out += table(["case", "rule", "clause", "status", "action", "due"],
                         escalations.map { [$0.subject, $0.rule, $0.clause ?? "", $0.status.rawValue,
                                            ($0.action ?? "") + ($0.note.map { ": \($0)" } ?? ""), $0.due?.description ?? ""] })
        }
        let fines = r.findings.filter { $0.kind == .penalty }
        if !fines.isEmpty {
            out += "\nPenalties\n"
            out += table(["case", "rule", "clause", "party", "month", "amount", "sanction"],
                         fines.map { [$0.subject, $0.rule, $0.clause ?? "", $0.party ?? "", $0.month ?? "", $0.amount?.description ?? "", $0.sanction ?? ""] },
                         rightAligned: [5])
        }
        if !r.ledger.isEmpty {
            out += "\nLedger (CNY)\n"
            out += table(["person", "month", "bonus", "cap", "incurred", "carried in", "deducted", "carried out"],
                         r.ledger.map { [$0.person, $0.month, $0.bonus?.description ?? "", $0.cap?.description ?? "", $0.incurred.description,
                                         $0.carriedIn.description, $0.deducted.description, $0.carriedOut.description] },
                         rightAligned: [2, 3, 4, 5, 6, 7])
            out += "Fined \(r.totalFined), deducted \(r.totalDeducted), outstanding \(r.outstanding)\n"
        }
        if !r.rejections.isEmpty {
            out += "\nRejected rows\n"
            for x in r.rejections { out += "  \(x.description)\n" }
        }
        return out
    }
}
