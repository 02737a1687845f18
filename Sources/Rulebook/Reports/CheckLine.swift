/// `case rule clause: title — message`, one line per violation: `check`'s text, and the
/// message of a violation in its CI formats. The title is the rule's own (a penalty without
/// one takes none); the message is in the report's language:
///
///     2609-01 qa-reply-general 8.2: 一般投诉3个工作日内回复 — breached, 8h 30m working time late (due 2026-09-10T10:00:00+08:00)
///     2609-01 qa-reply-general 8.2: 一般投诉3个工作日内回复 — 超时完成，超时 8 工作小时 30 分（期限 2026年9月10日 10:00）
enum CheckLine {
    static func render(_ f: Finding, _ language: ReportLanguage) -> String {
        var bytes: [UInt8] = []
        render(f, language, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The line without its newline, appended to `out`, without building Strings (a large
    /// export has a violation in most cases).
    static func render(_ f: Finding, _ language: ReportLanguage, into out: inout [UInt8]) {
        f.withTexts { texts in
            out.append(contentsOf: texts.subject)
            out.appendByte(0x20)
            rulePart(f.template, into: &out)
            message(f, f.template, texts, language, into: &out)
        }
    }

    /// The line of a finding or of a run record read in place (`FindingFields`: the merge
    /// renders `check`'s lines from the records, no finding made of them), its constant parts
    /// read from `parts` (made once per rule, not per finding).
    static func render<F: FindingFields>(_ f: F, _ language: ReportLanguage, parts: Parts, into out: inout [UInt8]) {
        f.withTemplate { template in
            f.withTexts { texts in
                out.append(contentsOf: texts.subject)
                out.appendByte(0x20)
                parts.append(template, to: &out)
                message(f, template, texts, language, parts: parts, into: &out)
            }
        }
    }

    /// `rule clause: title — `, the same for every finding of a rule.
    private static func rulePart(_ t: FindingTemplate, into out: inout [UInt8]) {
        out.appendText(t.rule)
        out.appendByte(0x20)
        out.appendText(t.clause ?? "-")
        out.appendLiteral(": ")
        if t.kind != .ratio, let title = t.title, !title.isEmpty {
            out.appendText(title)
            out.appendLiteral(" — ")
        }
    }

    /// The constant parts of one thread's lines in one language: each rule's part, by the
    /// template's place in the policy (a template made on its own is rendered each time), and
    /// the statuses' names.
    final class Parts {
        /// `ReportText.status` of each status, by its ordinal.
        private let statusNames: [[UInt8]]

        init(_ language: ReportLanguage) {
            let t = ReportText(language)
            statusNames = Finding.Status.allCases.map { Array(t.status($0).utf8) }
        }

        func append(_ s: Finding.Status, to out: inout [UInt8]) {
            statusNames[s.ordinal].withUnsafeBufferPointer { out.append(contentsOf: $0) }
        }

        /// Every part made so far, one after another; `spans[id]` is where a template's is
        /// (`start` -1: not made yet). One array, so that copying a part out touches no object.
        @exclusivity(unchecked) private var bytes: [UInt8] = []
        @exclusivity(unchecked) private var spans: [(start: Int, end: Int)] = []

        func append(_ t: FindingTemplate, to out: inout [UInt8]) {
            let id = t.id
            guard id >= 0 else { return rulePart(t, into: &out) }
            if id >= spans.count { spans += repeatElement((start: -1, end: -1), count: id + 1 - spans.count) }
            if spans[id].start < 0 {
                let start = bytes.count
                rulePart(t, into: &bytes)
                spans[id] = (start, bytes.count)
            }
            let span = spans[id]
            bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[span.start..<span.end])) }
        }
    }

    /// What the line says after its rule's part.
    private static func message<F: FindingFields>(_ f: F, _ t: FindingTemplate, _ texts: FindingTexts, _ language: ReportLanguage,
                                                  parts: Parts? = nil, into out: inout [UInt8]) {
        let zh = language == .zh
        let words = ReportText(language)
        // Chinese punctuation between the parts of a Chinese message.
        let comma: StaticString = zh ? "，" : ", ", open: StaticString = zh ? "（" : " (", close: StaticString = zh ? "）" : ")"
        let colon: StaticString = zh ? "：" : ": "
        switch t.kind {
        case .penalty:
            if zh {
                if let amount = f.amount {
                    out.appendLiteral("罚款 ")
                    words.appendMoney(amount, to: &out)
                } else {
                    out.appendText(t.sanction ?? "处分")
                }
                out.appendLiteral("，责任人 ")
                if let party = texts.party { out.append(contentsOf: party) } else { out.appendByte(0x3F) }
                out.appendLiteral("（")
                words.appendMonth(texts.month, to: &out)
                out.appendLiteral("）")
            } else {
                if let amount = f.amount {
                    words.appendMoney(amount, to: &out)
                } else {
                    out.appendText(t.sanction ?? "sanction")
                }
                out.appendLiteral(" to ")
                if let party = texts.party { out.append(contentsOf: party) } else { out.appendByte(0x3F) }
                out.appendLiteral(" (")
                if let month = texts.month { out.append(contentsOf: month) }
                out.appendByte(0x29)
            }
            if f.amount != nil, let sanction = t.sanction {
                out.appendLiteral(comma)
                out.appendText(sanction)
            }
            incomplete(f, zh, into: &out)
        case .ratio:
            out.appendText(t.title ?? "ratio undefined")
            if let note = texts.note {
                out.appendLiteral(": ")
                out.append(contentsOf: note)
            }
        case .deadline, .escalation:
            if let parts { parts.append(f.status, to: &out) } else { out.appendText(words.status(f.status)) }
            if let late = f.lateBy {
                out.appendLiteral(comma)
                if zh {
                    out.appendLiteral("超时 ")
                    words.appendDuration(late, to: &out)
                } else {
                    late.appendDescription(to: &out)
                    out.appendLiteral(" late")
                }
            }
            if let due = f.due {
                out.appendLiteral(zh ? "（期限 " : " (due ")
                if zh { words.appendTime(due, due: true, to: &out) } else { out.timestamp(due) }
                out.appendLiteral(close)
            }
            if let action = t.action {
                out.appendLiteral(colon)
                out.appendText(action)
            }
            if let note = texts.note {
                out.appendLiteral(open)
                out.append(contentsOf: note)
                out.appendLiteral(close)
            }
            incomplete(f, zh, into: &out)
        }
    }

    private static func incomplete<F: FindingFields>(_ f: F, _ zh: Bool, into out: inout [UInt8]) {
        guard let n = f.rowsLost else { return }
        if zh {
            out.appendLiteral("［不完整：该组 ")
            out.integer(Int64(n))
            out.appendLiteral(" 行被剔除］")
            return
        }
        out.appendLiteral(" [incomplete: ")
        out.integer(Int64(n))
        out.appendLiteral(n == 1 ? " row of the group rejected]" : " rows of the group rejected]")
    }
}
