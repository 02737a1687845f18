/// `ReportText`'s forms written straight into a line's bytes, for the text rendered once per
/// finding (`check` lines): the same bytes as the String forms, without building Strings.
/// Values outside the common shapes take the String form, so the two cannot disagree there.
extension ReportText {
    /// `money(m)`.
    func appendMoney(_ m: Money, to out: inout [UInt8]) {
        out.money(m)
        out.appendText(zh ? " 元" : " CNY")
    }

    /// `month(key)`: a key of four digits, a dash and two digits is read as bytes.
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
            out.appendText("年")
            out.integer(m0 * 10 + m1)
            out.appendText("月")
            return true
        }
        if !done { out.appendText(month(key)) }
    }

    /// `time(t, due:)`.
    func appendTime(_ t: Timestamp, due: Bool = false, to out: inout [UInt8]) {
        guard zh else { return out.appendText(time(t, due: due)) }
        let endOfDay = due && t.localSecondOfDay == 0
        let s = endOfDay ? 86_400 : t.localSecondOfDay
        let d = endOfDay ? t.closingDate : t.localDate
        out.integer(Int64(d.year))
        out.appendText("年")
        out.integer(Int64(d.month))
        out.appendText("月")
        out.integer(Int64(d.day))
        out.appendText("日 ")
        appendTwoDigits(UInt64(s / 3600), to: &out)
        out.appendByte(0x3A)
        appendTwoDigits(UInt64(s / 60 % 60), to: &out)
        if s % 60 != 0 {
            out.appendByte(0x3A)
            appendTwoDigits(UInt64(s % 60), to: &out)
        }
    }

    /// `duration(span)`: the Chinese forms of the clock's spans are written here.
    func appendDuration(_ span: TimeSpan, to out: inout [UInt8]) {
        guard zh else { return out.span(span) }
        guard span.clock == .calendar || span.clock == .workingTime else { return out.appendText(duration(span)) }
        // As `TimeSpan.zhClock`.
        let working = span.clock == .workingTime
        if span.amount < 0 { out.appendByte(0x2D) }
        var s = span.amount.magnitude
        var first = true
        func part(_ v: UInt64, _ unit: String) {
            if !first { out.appendByte(0x20) }
            first = false
            out.integer(Int64(v))  // a quotient of at most 2⁶³ / 60: fits
            out.appendByte(0x20)
            out.appendText(unit)
        }
        if !working, s >= 86_400 { part(s / 86_400, "天"); s %= 86_400 }
        if s >= 3600 { part(s / 3600, working ? "工作小时" : "小时"); s %= 3600 }
        if s >= 60 { part(s / 60, working && first ? "工作分钟" : "分"); s %= 60 }
        if s > 0 { part(s, working && first ? "工作秒" : "秒") }
        if first { out.appendText(working ? "0 工作分钟" : "0 分") }
    }

    /// `p2` of `time`: two digits below 10, the number's own from 10 (under 100 here).
    private func appendTwoDigits(_ v: UInt64, to out: inout [UInt8]) {
        if v < 10 { out.appendByte(0x30) }
        out.integer(Int64(v))
    }
}
