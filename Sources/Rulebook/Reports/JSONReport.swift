/// `--format json` and `--format jsonl`.
enum JSONReport {
    static func summary(_ r: EvaluationReport) -> [(String, String?)] {
        [
            ("policy", JSONText.string(r.policyID)),
            ("title", JSONText.optionalString(r.policyTitle)),
            ("version", JSONText.optionalString(r.policyVersion)),
            ("policy_fingerprint", JSONText.string("sha256:" + r.policyFingerprint)),
            ("input", JSONText.string(r.inputFile)),
            ("input_fingerprint", JSONText.string("sha256:" + r.inputFingerprint)),
            ("as_of", JSONText.string(r.asOf.description)),
            ("as_of_source", JSONText.string(r.asOfGiven ? "given" : "current time")),
            ("rows_read", String(r.rowsRead)),
            ("rows_evaluated", String(r.rowsEvaluated)),
            ("rows_rejected", String(r.rowsRejected)),
            ("violations", String(r.violations.count)),
            ("fined", JSONText.string(r.totalFined.description)),
            ("deducted", JSONText.string(r.totalDeducted.description)),
            ("outstanding", JSONText.string(r.outstanding.description)),
        ]
    }

    static func finding(_ f: Finding) -> String {
        JSONText.object([
            ("case", JSONText.string(f.subject)),
            ("kind", JSONText.string(f.kind.rawValue)),
            ("rule", JSONText.string(f.rule)),
            ("clause", JSONText.optionalString(f.clause)),
            ("status", JSONText.string(f.status.rawValue)),
            ("start", f.start.map { JSONText.string($0.description) }),
            ("due", f.due.map { JSONText.string($0.description) }),
            ("done", f.done.map { JSONText.string($0.description) }),
            ("late_by", f.lateBy.map { JSONText.string($0.description) }),
            ("late_seconds", f.lateBy.map { String($0.amount) }),
            ("incurred_at", f.incurredAt.map { JSONText.string($0.description) }),
            ("party", JSONText.optionalString(f.party)),
            ("amount", f.amount.map { JSONText.string($0.description) }),
            ("month", JSONText.optionalString(f.month)),
            ("sanction", JSONText.optionalString(f.sanction)),
            ("action", JSONText.optionalString(f.action)),
            ("note", JSONText.optionalString(f.note)),
            ("title", JSONText.optionalString(f.title)),
        ])
    }

    static func ledgerLine(_ l: LedgerLine) -> String {
        JSONText.object([
            ("person", JSONText.string(l.person)),
            ("department", JSONText.optionalString(l.department)),
            ("month", JSONText.string(l.month)),
            ("bonus", l.bonus.map { JSONText.string($0.description) }),
            ("cap", l.cap.map { JSONText.string($0.description) }),
            ("incurred", JSONText.string(l.incurred.description)),
            ("carried_in", JSONText.string(l.carriedIn.description)),
            ("deducted", JSONText.string(l.deducted.description)),
            ("carried_out", JSONText.string(l.carriedOut.description)),
        ])
    }

    static func rejection(_ x: Rejection) -> String {
        JSONText.object([
            ("file", JSONText.string(x.file)), ("row", String(x.row)),
            ("column", JSONText.optionalString(x.column)), ("message", JSONText.string(x.message)),
        ])
    }

    static func render(_ r: EvaluationReport) -> String {
        var out = "{\n"
        for (k, v) in summary(r) { if let v { out += "  \(JSONText.string(k)): \(v),\n" } }
        out += "  \"findings\": [" + (r.findings.isEmpty ? "" : "\n    " + r.findings.map(finding).joined(separator: ",\n    ") + "\n  ") + "],\n"
        out += "  \"ledger\": [" + (r.ledger.isEmpty ? "" : "\n    " + r.ledger.map(ledgerLine).joined(separator: ",\n    ") + "\n  ") + "],\n"
        out += "  \"rejected\": [" + (r.rejections.isEmpty ? "" : "\n    " + r.rejections.map(rejection).joined(separator: ",\n    ") + "\n  ") + "]\n"
        return out + "}\n"
    }

    static func renderLines(_ r: EvaluationReport) -> String {
        var out = JSONText.object([("type", JSONText.string("summary"))] + summary(r)) + "\n"
        for f in r.findings { out += "{\"type\":\"finding\"," + finding(f).dropFirst() + "\n" }
        for l in r.ledger { out += "{\"type\":\"ledger\"," + ledgerLine(l).dropFirst() + "\n" }
        for x in r.rejections { out += "{\"type\":\"rejected\"," + rejection(x).dropFirst() + "\n" }
        return out
    }
}
