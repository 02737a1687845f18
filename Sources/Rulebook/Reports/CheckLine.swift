/// `case rule clause: message`, one line per violation: `check`'s text, and the message of a
/// violation in its CI formats.
enum CheckLine {
    static func render(_ f: Finding) -> String {
        var bytes: [UInt8] = []
        render(f, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The line without its newline, appended to `out`: written where the finding is
    /// evaluated, without building Strings (a large export has a violation in most cases).
    static func render(_ f: Finding, into out: inout [UInt8]) {
        out.appendText(f.subject)
        out.appendByte(0x20)
        out.appendText(f.rule)
        out.appendByte(0x20)
        out.appendText(f.clause ?? "-")
        out.appendText(": ")
        switch f.kind {
        case .penalty:
            if let amount = f.amount {
                out.appendText(amount.description)
                out.appendText(" CNY")
            } else {
                out.appendText(f.sanction ?? "sanction")
            }
            out.appendText(" to ")
            out.appendText(f.party ?? "?")
            out.appendText(" (")
            out.appendText(f.month ?? "")
            out.appendByte(0x29)
            if f.amount != nil, let sanction = f.sanction {
                out.appendText(", ")
                out.appendText(sanction)
            }
            incomplete(f, into: &out)
        case .ratio:
            out.appendText(f.title ?? "ratio undefined")
            if let note = f.note {
                out.appendText(": ")
                out.appendText(note)
            }
        case .deadline, .escalation:
            out.appendText(f.status.rawValue)
            if let late = f.lateBy {
                out.appendText(", ")
                out.appendText(late.description)
                out.appendText(" late")
            }
            if let due = f.due {
                out.appendText(" (due ")
                out.timestamp(due)
                out.appendByte(0x29)
            }
            if let action = f.action {
                out.appendText(": ")
                out.appendText(action)
            }
            if let note = f.note {
                out.appendText(" (")
                out.appendText(note)
                out.appendByte(0x29)
            }
            incomplete(f, into: &out)
        }
    }

    private static func incomplete(_ f: Finding, into out: inout [UInt8]) {
        guard let n = f.rowsLost else { return }
        out.appendText(" [incomplete: ")
        out.integer(Int64(n))
        out.appendText(n == 1 ? " row of the group rejected]" : " rows of the group rejected]")
    }
}
