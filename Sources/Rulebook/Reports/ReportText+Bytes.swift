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
        let done = zh && key.withUTF8 { u -> Bool in
            guard u.count == 7, u[4] == 0x2D else { return false }
            func digit(_ i: Int) -> Int64? {
                let d = u[i] &- 0x30
                return d < 10 ? Int64(d) : nil
            }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6) else { return false }
            out.integer(((y0 * 10 + y1) * 10 + y2) * 10 + y3)
            out.appendLiteral("年")
            out.integer(m0 * 10 + m1)
            out.appendLiteral("月")
            return true
        }
        if !done { out.appendText(key) }
    }

    /// `time(t, due:)`.
    func appendTime(_ t: Timestamp, due: Bool = false, to out: inout [UInt8]) {
        let endOfDay = due && t.localSecondOfDay == 0
        let s = endOfDay ? 86_400 : t.localSecondOfDay
        let d = endOfDay ? t.closingDate : t.localDate
        if zh {
            out.integer(Int64(d.year))
            out.appendLiteral("年")
            out.integer(Int64(d.month))
            out.appendLiteral("月")
            out.integer(Int64(d.day))
            out.appendLiteral("日 ")
        } else {
            out.appendText(d.description)
            out.appendByte(0x20)
        }
        appendTwoDigits(UInt64(s / 3600), to: &out)
        out.appendByte(0x3A)
        appendTwoDigits(UInt64(s / 60 % 60), to: &out)
        if s % 60 != 0 {
            out.appendByte(0x3A)
            appendTwoDigits(UInt64(s % 60), to: &out)
        }
    }

    /// `duration(span)`.
    func appendDuration(_ span: TimeSpan, to out: inout [UInt8]) {
        if zh { span.appendZhDescription(to: &out) } else { span.appendDescription(to: &out) }
    }

    /// Two digits below 10, the number's own from 10 (under 100 here).
    private func appendTwoDigits(_ v: UInt64, to out: inout [UInt8]) {
        if v < 10 { out.appendByte(0x30) }
        out.integer(v)
    }
}
