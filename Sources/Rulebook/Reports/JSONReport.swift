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
            ("groups_incomplete", String(r.incomplete.count)),
            ("violations", String(r.violationCount)),
            ("fined", JSONText.string(r.totalFined.description)),
            ("deducted", JSONText.string(r.totalDeducted.description)),
            ("outstanding", JSONText.string(r.outstanding.description)),
            ("opening", r.openedFrom.map { o in
                JSONText.object([
                    ("closed_month", JSONText.string(o.closedMonth)),
                    ("policy_fingerprint", JSONText.string("sha256:" + o.policyFingerprint)),
                    ("policy_changed", r.policyChanged ? "true" : "false"),
                    ("people", String(o.balances.count)),
                    ("brought_in", JSONText.string(o.outstanding.description)),
                    ("fines_in_closed_months", JSONText.string(r.closedFines.description)),
                    ("late_fines", JSONText.string(r.lateFines.description)),
                ])
            }),
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
        RuleText(f.template).members(of: f, to: &out)
    }

    /// A rule's constant members, escaped once: the finding's own values go between them.
    /// A class: a thread's table hands it out for every finding with one retain.
    final class RuleText {
        /// `,"kind":…,"rule":…,"clause":…,"status":"` (the status follows).
        let head: [UInt8]
        /// `,"sanction":…,"action":…`
        let middle: [UInt8]
        /// `,"title":…`
        let tail: [UInt8]

        init(_ t: FindingTemplate) {
            var head: [UInt8] = [], middle: [UInt8] = [], tail: [UInt8] = []
            head.appendText(",\"kind\":\"")
            head.appendText(t.kind.rawValue)
            head.appendText("\",\"rule\":")
            head.jsonString(t.rule)
            if let c = t.clause { head.appendText(",\"clause\":"); head.jsonString(c) }
            head.appendText(",\"status\":\"")
            if let s = t.sanction { middle.appendText(",\"sanction\":"); middle.jsonString(s) }
            if let a = t.action { middle.appendText(",\"action\":"); middle.jsonString(a) }
            if let title = t.title { tail.appendText(",\"title\":"); tail.jsonString(title) }
            self.head = head
            self.middle = middle
            self.tail = tail
        }

        /// Every member after `case`, in report order; unset ones left out.
        func members<F: FindingFields>(of f: F, to out: inout [UInt8]) {
            write(f, lead: nil, suffix: nil, to: &out)
        }

        /// A whole finding: `prefix`, its `case` and every member, `suffix`.
        func line<F: FindingFields>(of f: F, prefix: [UInt8], suffix: [UInt8], to out: inout [UInt8]) {
            write(f, lead: prefix, suffix: suffix, to: &out)
        }

        /// Written into room made at once (`ByteWriter`): the whole line, or, for a late
        /// step, two stretches around its span (whose text has no bound of its own).
        private func write<F: FindingFields>(_ f: F, lead: [UInt8]?, suffix: [UInt8]?, to out: inout [UInt8]) {
            f.withTexts { texts in write(f, texts, lead: lead, suffix: suffix, to: &out) }
        }

        private func write<F: FindingFields>(_ f: F, _ texts: FindingTexts, lead: [UInt8]?, suffix: [UInt8]?, to out: inout [UInt8]) {
            let late = f.lateBy
            var most = head.count + 16 + RuleText.bound(f.start) + RuleText.bound(f.due) + RuleText.bound(f.done)
            if let lead { most += lead.count + 7 + ByteWriter.jsonStringBound(texts.subject) }
            var restMost = RuleText.bound(f.incurredAt) + middle.count + tail.count + (suffix?.count ?? 0)
            if let p = texts.party { restMost += 10 + ByteWriter.jsonStringBound(p) }
            if f.amount != nil { restMost += 12 + Money.textBound }
            if let m = texts.month { restMost += 10 + ByteWriter.jsonStringBound(m) }
            if let n = texts.note { restMost += 9 + ByteWriter.jsonStringBound(n) }
            if f.rowsLost != nil { restMost += 14 + ShortText.capacity }
            ByteWriter.appending(to: &out, most: late == nil ? most + restMost : most) { w in
                if let lead {
                    w.bytes(lead)
                    w.literal("\"case\":")
                    w.jsonString(texts.subject)
                }
                w.bytes(head)
                w.literal(RuleText.statusText(f.status))
                RuleText.instant(",\"start\":\"", f.start, &w)
                RuleText.instant(",\"due\":\"", f.due, &w)
                RuleText.instant(",\"done\":\"", f.done, &w)
                if late == nil { rest(f, texts, suffix: suffix, &w) }
            }
            guard let l = late else { return }
            out.appendText(",\"late_by\":")
            out.appendByte(0x22)  // a span's text has nothing to escape
            l.appendDescription(to: &out)
            out.appendByte(0x22)
            out.appendText(",\"late_seconds\":")
            out.integer(l.amount)
            ByteWriter.appending(to: &out, most: restMost) { rest(f, texts, suffix: suffix, &$0) }
        }

        /// The members after the step's instants (and its lateness), and `suffix`.
        @inline(__always)
        private func rest<F: FindingFields>(_ f: F, _ texts: FindingTexts, suffix: [UInt8]?, _ w: inout ByteWriter) {
            RuleText.instant(",\"incurred_at\":\"", f.incurredAt, &w)
            if let p = texts.party { w.literal(",\"party\":"); w.jsonString(p) }
            if let a = f.amount { w.literal(",\"amount\":\""); a.withText { w.bytes($0) }; w.byte(0x22) }
            if let m = texts.month { w.literal(",\"month\":"); w.jsonString(m) }
            w.bytes(middle)
            if let n = texts.note { w.literal(",\"note\":"); w.jsonString(n) }
            if let n = f.rowsLost {
                var digits = ShortText()
                digits.number(n)
                w.literal(",\"rows_lost\":")
                w.short(digits)
            }
            w.bytes(tail)
            if let suffix { w.bytes(suffix) }
        }

        /// A status's text and the quote that closes it (`head` opened it): a literal, where
        /// the raw value was a `String` to open each time.
        static func statusText(_ s: Finding.Status) -> StaticString {
            switch s {
            case .met: return "met\""
            case .breached: return "breached\""
            case .open: return "open\""
            case .overdue: return "overdue\""
            case .fined: return "fined\""
            case .sanctioned: return "sanctioned\""
            case .raised: return "raised\""
            case .notFined: return "not-fined\""
            case .provisional: return "provisional\""
            case .undefined: return "undefined\""
            }
        }

        /// The room an instant's member takes: its key (`,"incurred_at":"`, the longest, is 16
        /// bytes), closing quote and text.
        @inline(__always)
        private static func bound(_ t: Timestamp?) -> Int {
            guard let t else { return 0 }
            return 17 + ByteWriter.instantBound(t)
        }

        @inline(__always)
        private static func instant(_ key: StaticString, _ t: Timestamp?, _ w: inout ByteWriter) {
            guard let t else { return }
            w.literal(key)
            w.instant(t)
            w.byte(0x22)
        }
    }

    /// One thread's rule texts, by template id, each made on first use.
    final class RuleTexts {
        @exclusivity(unchecked) private var texts: [RuleText?] = []
        /// The same, borrowed (`texts` holds them): one handed out by `text(for:)` was
        /// retained and released for every line.
        @exclusivity(unchecked) private var borrowed: [Unmanaged<RuleText>?] = []

        func text(for t: FindingTemplate) -> RuleText {
            let id = t.id
            if id < 0 { return RuleText(t) }
            if id < texts.count, let known = texts[id] { return known }
            if id >= texts.count {
                texts += repeatElement(nil, count: id + 1 - texts.count)
                borrowed += repeatElement(nil, count: id + 1 - borrowed.count)
            }
            let text = RuleText(t)
            texts[id] = text
            borrowed[id] = .passUnretained(text)
            return text
        }

        /// `body` with the text of `t`'s rule, lent without counting a reference.
        @inline(__always)
        func withText<R>(for t: FindingTemplate, _ body: (RuleText) -> R) -> R {
            let id = t.id
            if id >= 0, id < borrowed.count, let known = borrowed[id] { return known._withUnsafeGuaranteedRef(body) }
            return body(text(for: t))
        }
    }

    /// `--format jsonl` findings: a line each.
    static let lineRenderer = membersRenderer(form: .jsonLine, prefix: "{\"type\":\"finding\",", suffix: "}\n")

    /// `--format json` findings: an element of the findings array each, after a comma (the
    /// writer drops the first one's).
    static let elementRenderer = membersRenderer(form: .jsonMembers, prefix: ",\n    {", suffix: "}")

    /// Renders a finding's members (`"case":…` to the title) between `prefix` and `suffix`;
    /// each thread keeps the policy's rules' constant text, escaped once.
    private static func membersRenderer(form: FindingRenderer.Form, prefix: String, suffix: String) -> FindingRenderer {
        FindingRenderer(form: form, perThread: {
            let texts = RuleTexts()
            let (prefix, suffix) = (Array(prefix.utf8), Array(suffix.utf8))
            return { f, out in texts.withText(for: f.template) { $0.line(of: f, prefix: prefix, suffix: suffix, to: &out) } }
        }, forRecords: {
            let texts = RuleTexts()
            let (prefix, suffix) = (Array(prefix.utf8), Array(suffix.utf8))
            return { r, out in r.withTemplate { t in texts.withText(for: t) { $0.line(of: r, prefix: prefix, suffix: suffix, to: &out) } } }
        })
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

    /// A group short of rejected rows; `group` left out when it could not be told.
    static func incompleteGroup(_ g: IncompleteGroup) -> String {
        JSONText.object([
            ("aggregate", JSONText.string(g.aggregate)), ("clause", JSONText.optionalString(g.clause)),
            ("group", JSONText.optionalString(g.group)), ("rows_lost", String(g.rowsLost)),
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
        try r.findingStore.forEachRendered(by: elementRenderer) { block in
            if first, !block.isEmpty {
                block.removeFirst()  // the first element follows the bracket: no comma
                first = false
            }
            out.write(block: &block)
        }
        out.write((first ? "" : "\n  ") + "],\n")
        out.write("  \"ledger\": [" + (r.ledger.isEmpty ? "" : "\n    " + r.ledger.map(ledgerLine).joined(separator: ",\n    ") + "\n  ") + "],\n")
        out.write("  \"incomplete\": [" + (r.incomplete.isEmpty ? "" : "\n    " + r.incomplete.map(incompleteGroup).joined(separator: ",\n    ") + "\n  ") + "],\n")
        out.write("  \"rejected\": [" + (r.rejections.isEmpty ? "" : "\n    " + r.rejections.map(rejection).joined(separator: ",\n    ") + "\n  ") + "]\n")
        out.write("}\n")
    }

    static func writeLines(_ r: EvaluationReport, to out: ByteOutput) throws {
        out.write(JSONText.object([("type", JSONText.string("summary"))] + summary(r)) + "\n")
        try r.findingStore.forEachRendered(by: lineRenderer) { out.write(block: &$0) }
        for l in r.ledger { out.write("{\"type\":\"ledger\"," + ledgerLine(l).dropFirst() + "\n") }
        for g in r.incomplete { out.write("{\"type\":\"incomplete\"," + incompleteGroup(g).dropFirst() + "\n") }
        for x in r.rejections { out.write("{\"type\":\"rejected\"," + rejection(x).dropFirst() + "\n") }
    }
}
