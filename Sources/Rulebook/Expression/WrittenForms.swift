/// The textual forms the loaders parse, as patterns for the schema (see `WrittenForm`). Each
/// accepts every text its parser accepts; `WrittenFormTests` checks that against the parsers.
extension WrittenForm {
    /// An instant with a time of day, as `TimestampParser` reads it: `2026-11-30T18:00+08:00`,
    /// `2026-11-03 09:15`, `2026/11/3 9:15:00`; an offset `Z`, `+08:00`, `+0800` or `+08`.
    static let instant = WrittenForm(
        name: "a timestamp",
        pattern: "^[0-9]{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])|/(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01]))"
            + "[Tt ]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.,][0-9]{1,9})?)?([Zz]|[+-](0[0-9]|1[0-8])(:?[0-5][0-9])?)?$",
        examples: ["2026-11-30T18:00+08:00", "2026-11-03 09:15"])

    /// An instant in a policy test (`PolicyTestLoader`): an `instant`, or the end of a day as a
    /// report writes an end-of-day deadline, `2026-09-21 24:00` (the next day's 00:00).
    static let testInstant = WrittenForm(
        name: "a timestamp",
        pattern: "^([0-9]{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])|/(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01]))"
            + "[Tt ]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.,][0-9]{1,9})?)?"
            + "|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]24:00(:00)?)([Zz]|[+-](0[0-9]|1[0-8])(:?[0-5][0-9])?)?$",
        examples: ["2026-11-30T18:00+08:00", "2026-09-21 24:00"])

    /// A calendar date, as `CalendarSyntax.date` reads it: `2025-01-28`.
    static let date = WrittenForm(
        name: "a date",
        pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        examples: ["2025-01-28"])

    /// Working hours of a day, as `CalendarSyntax.interval` reads them: `08:30-12:00`; `24:00`
    /// may end an interval.
    static let interval: WrittenForm = {
        let time = "([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"
        return WrittenForm(
            name: "working hours",
            pattern: "^ *\(time) *- *(\(time)|24:00(:00)?) *$",
            examples: ["08:30-12:00", "13:30-17:30"])
    }()

    /// A month in a roster, `2026-11`; empty is no month.
    static let month = WrittenForm(
        name: "a month",
        pattern: "^\\s*([0-9]{4}-(0[1-9]|1[0-2]))?\\s*$",
        examples: ["2026-11"])

    /// An amount in a policy test (`PolicyTestLoader.field`): `20 CNY`, `20.00`, `20元`.
    static let testAmount = WrittenForm(
        name: "an amount of money",
        pattern: "^\\s*[+-]?[0-9]+(\\.[0-9]{1,2})?\\s*(元\\s*)?(CNY)?\\s*$",
        examples: ["20 CNY", "20.50"])

    /// A roster's bonus (`Money(parsing:)` after trimming): `1000`, `1000.50`; empty is none.
    static let rosterAmount = WrittenForm(
        name: "an amount of money",
        pattern: "^\\s*([+-]?[0-9]+(\\.[0-9]{1,2})?)?\\s*$",
        examples: ["1000", "1000.50"])

    /// A roster's base points (`Fraction(parsing:)` after trimming): `10`, `0.8`; empty is none.
    static let rosterNumber = WrittenForm(
        name: "a number",
        pattern: "^\\s*([+-]?[0-9]+(\\.[0-9]+)?)?\\s*$",
        examples: ["10", "0.8"])

    /// A field's `min` or `max`: a number, a ratio or an amount as the field's type reads it
    /// (`0`, `100%`, `3‰`, `1000元`, `¥20`; `Money(parsingWritten:)` takes `¥` then `￥` off the
    /// front, `元` then `CNY` off the end). Which applies depends on the field's type, so the
    /// pattern is their union.
    static let bound = WrittenForm(
        name: "a number, ratio or amount",
        pattern: "^\\s*(¥?￥?\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*(CNY)?元?|[+-]?[0-9]+(\\.[0-9]+)?[%‰]?)\\s*$",
        examples: ["0", "100%", "1000元"])

    /// A lateness in a policy test (`late_by`): parts on one clock, as reports write them —
    /// `30m`, `3d 7h`, `8 working hours`, `1 working day`, `8h 30m working time`. Built from
    /// the lexer's unit words, so a unit the lexer learns is a unit the schema accepts.
    static let duration: WrittenForm = {
        func alternatives(_ words: some Sequence<String>) -> String {
            "(" + words.sorted { ($0.count, $0) > ($1.count, $1) }.joined(separator: "|") + ")"
        }
        let number = "[0-9][0-9_]*(\\.[0-9]+)?"
        let wall = "\(number)\\s*\(alternatives(Lexer.unitSeconds.keys))"
        let workingUnits = Lexer.workingUnits.filter { !$0.hasPrefix("day") }
        let workingTime = "\(number)\\s*working\\s+\(alternatives(workingUnits))"
        // Working days are whole: `1.0` is, `1.5` is not.
        let workingDays = "[0-9][0-9_]*(\\.0+)?\\s*working\\s+\(alternatives(Lexer.workingUnits.filter { $0.hasPrefix("day") }))"
        let parts = [wall, workingTime, workingDays].map { "\($0)(\\s+\($0))*" }
        // `… working time` follows plain units only (`8h 30m working time`).
        return WrittenForm(
            name: "a duration",
            pattern: "^\\s*((\(parts.joined(separator: "|")))\\s*|\(parts[0])\\s* working time)$",
            examples: ["30m", "3d 7h", "8 working hours", "8h 30m working time"])
    }()
}
