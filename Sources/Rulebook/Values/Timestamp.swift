/// An instant with a UTC offset: the local wall-clock time it is read at (its date, its time of
/// day). Two timestamps are equal when they name the same instant, whatever their offsets; so
/// what prints one must choose the offset (reports use the policy's zone), or one instant would
/// print two ways.
/// Resolution is one second: fractional seconds in input are truncated.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Offset from UTC in seconds, e.g. 28800 for +08:00.
    public var offsetSeconds: Int32

    /// The instant `seconds` after the epoch, shown at `offsetSeconds` from UTC.
    public init(seconds: Int64, offsetSeconds: Int32) {
        self.seconds = seconds
        self.offsetSeconds = offsetSeconds
    }

    /// The instant at `date` and `secondOfDay` local time with the given offset.
    init(date: CivilDate, secondOfDay: Int64, offsetSeconds: Int32) {
        self.seconds = date.daysSinceEpoch * 86_400 + secondOfDay - Int64(offsetSeconds)
        self.offsetSeconds = offsetSeconds
    }

    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.seconds == b.seconds }
    public func hash(into h: inout Hasher) { h.combine(seconds) }
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// Seconds since the epoch in local wall-clock terms.
    var localSeconds: Int64 { seconds + Int64(offsetSeconds) }

    /// The local calendar date.
    var localDate: CivilDate {
        let s = localSeconds
        return CivilDate(daysSinceEpoch: s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
    }

    /// Seconds since local midnight.
    var localSecondOfDay: Int64 {
        let r = localSeconds % 86_400
        return r >= 0 ? r : r + 86_400
    }

    /// The same instant shown at another offset.
    func at(offset: Int32) -> Timestamp { Timestamp(seconds: seconds, offsetSeconds: offset) }

    func adding(seconds delta: Int64) -> Timestamp {
        Timestamp(seconds: seconds + delta, offsetSeconds: offsetSeconds)
    }

    /// The years a timestamp or date may fall in, in data and in results: the years the zone
    /// tables cover (1900–2199), and four-digit years, so months and weeks print as
    /// `2026-11` and sort as text.
    static let supportedYears: ClosedRange<Int> = 1900...2199
    package static let supportedYearsText = "1900–2199"
    /// The instants of those years, a day wider on each side for the zone offset.
    static let supportedSeconds: ClosedRange<Int64> = (-2_208_988_800 - 86_400)...(7_258_118_400 + 86_400)

    package var isSupported: Bool { Timestamp.supportedSeconds.contains(seconds) }

    /// `adding(seconds:)`, nil when the result overflows or leaves the supported years.
    func addingChecked(seconds delta: Int64) -> Timestamp? {
        let (v, overflow) = seconds.addingReportingOverflow(delta)
        guard !overflow, Timestamp.supportedSeconds.contains(v) else { return nil }
        return Timestamp(seconds: v, offsetSeconds: offsetSeconds)
    }

    /// The day a deadline at this instant closes, in local time: its date, or the day before
    /// at 00:00:00 (a deadline at midnight is the end of the day before, `end_of_day`'s 24:00).
    var closingDate: CivilDate {
        localSecondOfDay == 0 ? localDate.adding(days: -1) : localDate
    }

    /// RFC 3339: `2026-11-30T18:00:00+08:00` (`Z` for UTC).
    public var description: String {
        let s = localSecondOfDay
        func p2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(localDate)T\(p2(s / 3600)):\(p2(s / 60 % 60)):\(p2(s % 60))"
        if offsetSeconds == 0 {
            text += "Z"
        } else {
            let o = Int64(offsetSeconds.magnitude)
            text += (offsetSeconds < 0 ? "-" : "+") + "\(p2(o / 3600)):\(p2(o / 60 % 60))"
        }
        return text
    }
}
