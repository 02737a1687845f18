/// How `N working days` turns into a deadline. Both readings occur in Chinese complaint rules,
/// so a policy names the one it means.
enum WorkingDayRule: String, Hashable, Sendable {
    /// The same working-time position N working days later: the clock starts at the next
    /// working instant (a start at night or on a holiday starts at the next opening), the
    /// working seconds already done that day are measured, and the deadline is the instant with
    /// the same working seconds done on the Nth working day after it. When that day is shorter
    /// (a make-up day with fewer hours), the deadline is clamped to its close.
    ///
    /// Why: this is what "respond within 2 working days" means for a service desk: a case that
    /// arrives at 10:00 is due at 10:00 two working days later. Like working time, a position
    /// that falls exactly at the end of a morning interval is that interval's end (12:00), and
    /// position 0 is the day's opening.
    case sameTimeOfDay = "same time of day"

    /// The close of the Nth working day after the start day; the start day itself is day 0,
    /// whether or not it is a working day and whatever the time of the start.
    ///
    /// Why: this is the civil-law reading (民法典 第二百零一条: the day a period starts is not
    /// counted; 第二百零三条: a period that ends on a day off moves to the next working day, and
    /// on a day with business hours it ends when business stops). `0 working days` is the close
    /// of the start day when it is a working day still open at the start, else the start itself.
    case endOfDay = "end of day"

    /// How policies write the rule: `working_days: same-time` or `end-of-day`.
    static let policyKeywords: [(keyword: String, rule: WorkingDayRule)] = [
        ("same-time", .sameTimeOfDay), ("end-of-day", .endOfDay),
    ]

    init?(policyKeyword: String) {
        guard let r = WorkingDayRule.policyKeywords.first(where: { $0.keyword == policyKeyword })?.rule else { return nil }
        self = r
    }
}
