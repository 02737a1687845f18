/// `case rule clause: message`, one line per violation: `check`'s text, and the message of a
/// violation in its CI formats.
public enum CheckLine {
    public static func render(_ f: Finding) -> String {
        let head = "\(f.subject) \(f.rule) \(f.clause ?? "-"):"
        switch f.kind {
        case .penalty:
            let what = f.amount.map { "\($0) CNY" } ?? f.sanction ?? "sanction"
            return "\(head) \(what) to \(f.party ?? "?") (\(f.month ?? ""))" + (f.amount != nil && f.sanction != nil ? ", \(f.sanction!)" : "")
                + (f.rowsLost.map { " [incomplete: \($0) row\($0 == 1 ? "" : "s") of the group rejected]" } ?? "")
        case .ratio:
            return "\(head) \(f.title ?? "ratio undefined")" + (f.note.map { ": \($0)" } ?? "")
        case .deadline, .escalation:
            var text = "\(head) \(f.status.rawValue)"
            if let late = f.lateBy { text += ", \(late) late" }
            if let due = f.due { text += " (due \(due))" }
            if let action = f.action { text += ": \(action)" }
            if let note = f.note { text += " (\(note))" }
            if let n = f.rowsLost { text += " [incomplete: \(n) row\(n == 1 ? "" : "s") of the group rejected]" }
            return text
        }
    }
}
