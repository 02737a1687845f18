/// The keys of a calendar file: what `CalendarFileParser` accepts (anything else is
/// `unknown key …` with a did-you-mean) and what `rulebook schema calendar` describes. See
/// rules/calendars/README.md.
enum CalendarKeys {
    static let file = MappingSpec(name: "calendar", summary: "a business calendar (rules/calendars/README.md)", keys: [
        .key("calendar", .text, required: true, "the calendar's id"),
        .key("title", .text, "a title"),
        .key("timezone", .text, "an IANA name or a fixed offset (+08:00); inherited when absent"),
        .key("extends", .oneOrMore(.text), "parent calendar files, relative to this one"),
        .key("years", .oneOrMore(.whole(CalendarFileParser.supportedYears)), "the consecutive years covered; the parents' when absent"),
        .key("week", .mapping(week), "working hours per weekday; a day not listed is off"),
        .key("holidays", .list(.mapping(holiday)), "public holidays: { name, date } or { name, from, to }"),
        .key("makeup_days", .list(.mapping(makeUpDay)), "调休: days off in `week` that are worked"),
    ])

    /// Weekday names, any case (`Monday`), each with its working intervals.
    static let week = MappingSpec(
        name: "week", summary: "working intervals per weekday",
        keys: Weekday.names.map { .key($0, .list(.written(.interval)), "working intervals in time order ([08:30-12:00, 13:30-17:30]); empty: off") },
        ignoringCase: true)

    static let holiday = MappingSpec(name: "holiday", summary: "a holiday: `date`, or both `from` and `to`", keys: [
        .key("name", .text, required: true, "the holiday's name"),
        .key("date", .written(.date), "the one day"),
        .key("from", .written(.date), "the first day of a range"),
        .key("to", .written(.date), "the last day of a range (included)"),
    ])

    static let makeUpDay = MappingSpec(name: "makeUpDay", summary: "a day off in the week that is worked; `hours` or `as`, not both", keys: [
        .key("name", .text, required: true, "the make-up day's name"),
        .key("date", .written(.date), required: true, "the day"),
        .key("hours", .list(.written(.interval)), "its working intervals"),
        .key("as", .word(Weekday.names, ignoringCase: true), "works this weekday's hours"),
    ])
}
