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

    /// The line without its newline, appended to `out`: written where the finding is
    /// evaluated, without building many Strings (a large export has a violation in most cases).
    static func render(_ f: Finding, _ language: ReportLanguage, into out: inout [UInt8]) {
        let zh = language == .zh
        let t = ReportText(language)
        out.appendText(f.subject)
        out.appendByte(0x20)
        out.appendText(f.rule)
        out.appendByte(0x20)
        out.appendText(f.clause ?? "-")
        out.appendText(": ")
        if f.kind != .ratio, let title = f.title, !title.isEmpty {
            out.appendText(title)
            out.appendText(" — ")
        }
        // Chinese punctuation between the parts of a Chinese message.
        let comma = zh ? "，" : ", ", open = zh ? "（" : " (", close = zh ? "）" : ")", colon = zh ? "：" : ": "
        switch f.kind {
        case .penalty:
            if zh {
                if let amount = f.amount {
                    out.appendText("罚款 ")
                    out.appendText(t.money(amount))
                } else {
                    out.appendText(f.sanction ?? "处分")
                }
                out.appendText("，责任人 ")
                out.appendText(f.party ?? "?")
                out.appendText("（")
                out.appendText(t.month(f.month ?? ""))
                out.appendText("）")
            } else {
                if let amount = f.amount {
                    out.appendText(t.money(amount))
                } else {
                    out.appendText(f.sanction ?? "sanction")
                }
                out.appendText(" to ")
                out.appendText(f.party ?? "?")
                out.appendText(" (")
                out.appendText(f.month ?? "")
                out.appendByte(0x29)
            }
            if f.amount != nil, let sanction = f.sanction {
                out.appendText(comma)
                out.appendText(sanction)
            }
            incomplete(f, zh, into: &out)
        case .ratio:
            out.appendText(f.title ?? "ratio undefined")
            if let note = f.note {
                out.appendText(": ")
                out.appendText(note)
            }
        case .deadline, .escalation:
            out.appendText(t.status(f.status))
            if let late = f.lateBy {
                out.appendText(comma)
                if zh {
                    out.appendText("超时 ")
                    out.appendText(t.duration(late))
                } else {
                    out.appendText(late.description)
                    out.appendText(" late")
                }
            }
            if let due = f.due {
                out.appendText(zh ? "（期限 " : " (due ")
                if zh { out.appendText(t.time(due, due: true)) } else { out.timestamp(due) }
                out.appendText(close)
            }
            if let action = f.action {
                out.appendText(colon)
                out.appendText(action)
            }
            if let note = f.note {
                out.appendText(open)
                out.appendText(note)
                out.appendText(close)
            }
            incomplete(f, zh, into: &out)
        }
    }

    private static func incomplete(_ f: Finding, _ zh: Bool, into out: inout [UInt8]) {
        guard let n = f.rowsLost else { return }
        if zh {
            out.appendText("［不完整：该组 ")
            out.integer(Int64(n))
            out.appendText(" 行被剔除］")
            return
        }
        out.appendText(" [incomplete: ")
        out.integer(Int64(n))
        out.appendText(n == 1 ? " row of the group rejected]" : " rows of the group rejected]")
    }
}
