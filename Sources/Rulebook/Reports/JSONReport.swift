/// `--format json` and `--format jsonl`, written as the findings stream past.
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
            ("violations", String(r.violationCount)),
            ("fined", JSONText.string(r.totalFined.description)),
            ("deducted", JSONText.string(r.totalDeducted.description)),
            ("outstanding", JSONText.string(r.outstanding.description)),
        ]
    }

    /// One finding as a JSON object.
    static func finding(_ f: Finding) -> String {
        let out = ByteOutput.memory()
        out.byte(UInt8(ascii: "{"))
        findingMembers(f, to: out)
        out.byte(UInt8(ascii: "}"))
        return out.text
    }

    /// The finding's members, without braces: `"case":…,"kind":…`; unset ones left out.
    static func findingMembers(_ f: Finding, to out: ByteOutput) {
        out.withBuffer { findingMembers(f, to: &$0) }
    }

    static func findingMembers(_ f: Finding, to out: inout [UInt8]) {
        out.appendText("\"case\":")
        out.jsonString(f.subject)
        out.appendText(",\"kind\":\"")
        out.appendText(f.kind.rawValue)
        out.appendText("\",\"rule\":")
        out.jsonString(f.rule)
        if let c = f.clause { out.appendText(",\"clause\":"); out.jsonString(c) }
        out.appendText(",\"status\":\"")
        out.appendText(f.status.rawValue)
        out.appendByte(0x22)
        if let t = f.start { out.appendText(",\"start\":\""); out.timestamp(t); out.appendByte(0x22) }
        if let t = f.due { out.appendText(",\"due\":\""); out.timestamp(t); out.appendByte(0x22) }
        if let t = f.done { out.appendText(",\"done\":\""); out.timestamp(t); out.appendByte(0x22) }
        if let l = f.lateBy {
            out.appendText(",\"late_by\":")
            out.jsonString(l.description)
            out.appendText(",\"late_seconds\":")
            out.integer(l.amount)
        }
        if let t = f.incurredAt { out.appendText(",\"incurred_at\":\""); out.timestamp(t); out.appendByte(0x22) }
        if let p = f.party { out.appendText(",\"party\":"); out.jsonString(p) }
        if let a = f.amount { out.appendText(",\"amount\":\""); out.appendText(a.description); out.appendByte(0x22) }
        if let m = f.month { out.appendText(",\"month\":"); out.jsonString(m) }
        if let s = f.sanction { out.appendText(",\"sanction\":"); out.jsonString(s) }
        if let a = f.action { out.appendText(",\"action\":"); out.jsonString(a) }
        if let n = f.note { out.appendText(",\"note\":"); out.jsonString(n) }
        if let t = f.title { out.appendText(",\"title\":"); out.jsonString(t) }
    }

    /// `--format jsonl` findings, rendered where they are evaluated: a line each.
    static let lineRenderer = FindingRenderer(name: "jsonl") { f, out in
        out.appendText("{\"type\":\"finding\",")
        findingMembers(f, to: &out)
        out.appendText("}\n")
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

    static func write(_ r: EvaluationReport, to out: ByteOutput) throws {
        out.write("{\n")
        for (k, v) in summary(r) { if let v { out.write("  \(JSONText.string(k)): \(v),\n") } }
        out.write("  \"findings\": [")
        var first = true
        try r.forEachFinding { f in
            out.write(first ? "\n    {" : ",\n    {")
            first = false
            findingMembers(f, to: out)
            out.byte(0x7D)
            if out.buffer.count >= 1 << 20 { out.flush() }
        }
        out.write((first ? "" : "\n  ") + "],\n")
        out.write("  \"ledger\": [" + (r.ledger.isEmpty ? "" : "\n    " + r.ledger.map(ledgerLine).joined(separator: ",\n    ") + "\n  ") + "],\n")
        out.write("  \"rejected\": [" + (r.rejections.isEmpty ? "" : "\n    " + r.rejections.map(rejection).joined(separator: ",\n    ") + "\n  ") + "]\n")
        out.write("}\n")
    }

    static func writeLines(_ r: EvaluationReport, to out: ByteOutput) throws {
        out.write(JSONText.object([("type", JSONText.string("summary"))] + summary(r)) + "\n")
        if let renderer = r.findingStore.renderer {
            precondition(renderer.name == lineRenderer.name, "findings rendered as \(renderer.name), not as JSON lines")
            try r.findingStore.forEachRendered { bytes in out.write(bytes: bytes) }
        } else {
            try r.forEachFinding { f in out.withBuffer { lineRenderer.render(f, &$0) } }
        }
        for l in r.ledger { out.write("{\"type\":\"ledger\"," + ledgerLine(l).dropFirst() + "\n") }
        for x in r.rejections { out.write("{\"type\":\"rejected\"," + rejection(x).dropFirst() + "\n") }
    }
}
