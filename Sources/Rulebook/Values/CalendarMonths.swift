/// Calendar months and years as the law counts them. 民法典 第二百零二条: 「按照年、月计算期间的,
/// 到期月的对应日为期间的最后一日;没有对应日的,月末日为期间的最后一日。」 — a month from
/// 01-31 ends on the last day of February; a year from 2028-02-29 ends on 2029-02-28.
extension CivilDate {
    /// The same day `months` months later (earlier when negative), clamped to the last day of
    /// that month; nil outside the years 1–9999.
    func adding(months: Int64) -> CivilDate? {
        let index = Int64(year) * 12 + Int64(month - 1)
        let (target, overflow) = index.addingReportingOverflow(months)
        guard !overflow, target >= 12, target < 10_000 * 12 else { return nil }
        let y = Int(target / 12), m = Int(target % 12) + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))
    }
}

extension Zone {
    /// `t` plus `months` calendar months in this zone: the corresponding day (clamped to the
    /// month's end) at the same local time of day. nil outside the supported years.
    func adding(months: Int64, to t: Timestamp) -> Timestamp? {
        let local = localize(t)
        guard let d = local.localDate.adding(months: months), Timestamp.supportedYears.contains(d.year) else { return nil }
        return timestamp(date: d, secondOfDay: local.localSecondOfDay)
    }
}
