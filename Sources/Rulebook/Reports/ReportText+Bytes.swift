/// `ReportText`'s forms written into a line's bytes, for the text rendered once per finding
/// (`check` lines); the String forms are made from these, so the two cannot disagree.
extension ReportText {
    /// `money(m)`.
    func appendMoney(_ m: Money, to out: inout [UInt8]) {
        m.append(to: &out)
        out.appendLiteral(zh ? " 元" : " CNY")
    }

    /// `month(key)`: in Chinese a key of four digits, a dash and two digits is `2026年9月`;
    /// anything else is written as it is.
    func appendMonth(_ key: String, to out: inout [UInt8]) {
        var key = key
        key.withUTF8 { appendMonth(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// `appendMonth` of a key's UTF-8 (a finding's month read in place); nil: none, written
    /// as an empty key is.
    func appendMonth(_ key: UnsafeRawBufferPointer?, to out: inout [UInt8]) {
        guard let u = key else { return }
        if zh, u.count == 7, u[4] == 0x2D, !(0..<7).contains(where: { $0 != 4 && u[$0] &- 0x30 >= 10 }) {
            var text = ShortText()
            text.number(((Int(u[0] &- 0x30) * 10 + Int(u[1] &- 0x30)) * 10 + Int(u[2] &- 0x30)) * 10 + Int(u[3] &- 0x30))
            text.literal("年")
            text.number(Int(u[5] &- 0x30) * 10 + Int(u[6] &- 0x30))
            text.literal("月")
            text.write(to: &out)
            return
        }
        out.append(contentsOf: u)
    }

    /// `time(t, due:)`.
    func appendTime(_ t: Timestamp, due: Bool = false, to out: inout [UInt8]) {
        let endOfDay = due && t.localSecondOfDay == 0
        let s = endOfDay ? 86_400 : t.localSecondOfDay
        let d = endOfDay ? t.closingDate : t.localDate
        var text = ShortText()
        if zh && (1000...9999).contains(d.year) {
            text.number(d.year)
            text.literal("年")
            text.number(d.month)
            text.literal("月")
            text.number(d.day)
            text.literal("日 ")
        } else {
            out.appendText(zh ? "\(d.year)年\(d.month)月\(d.day)日 " : d.description + " ")
        }
        text.twoDigits(Int(s / 3600))
        text.byte(0x3A)
        text.twoDigits(Int(s / 60 % 60))
        if s % 60 != 0 {
            text.byte(0x3A)
            text.twoDigits(Int(s % 60))
        }
        text.write(to: &out)
    }

    /// `duration(span)`.
    func appendDuration(_ span: TimeSpan, to out: inout [UInt8]) {
        if zh { span.appendZhDescription(to: &out) } else { span.appendDescription(to: &out) }
    }
}
