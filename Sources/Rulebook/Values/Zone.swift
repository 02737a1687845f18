import Foundation

/// A time zone: a fixed offset, or an IANA zone read from the system's tz database.
/// Named zones cache their offset per day, so repeated lookups stay cheap.
public final class Zone: @unchecked Sendable, CustomStringConvertible {
    public let identifier: String
    private let fixedOffset: Int32?
    private let timeZone: TimeZone?
    private let lock = NSLock()
    private var cache: [Int64: Int32] = [:]

    /// `Asia/Shanghai`, `UTC`, or a fixed offset such as `+08:00`; nil when unknown.
    public init?(identifier: String) {
        self.identifier = identifier
        if identifier == "UTC" || identifier == "Z" {
            fixedOffset = 0
            timeZone = nil
        } else if let o = TimestampParser.parseOffset(Array(identifier.utf8)[...]) {
            fixedOffset = o
            timeZone = nil
        } else if let tz = TimeZone(identifier: identifier) {
            fixedOffset = nil
            timeZone = tz
        } else {
            return nil
        }
    }

    public var description: String { identifier }

    /// The offset in force at an instant.
    public func offset(at seconds: Int64) -> Int32 {
        if let fixedOffset { return fixedOffset }
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        lock.lock()
        let cached = cache[day]
        lock.unlock()
        if let cached { return cached }
        // Only days without a transition are cached; the rare others are looked up each time.
        let first = offsetUncached(day * 86_400), last = offsetUncached(day * 86_400 + 86_399)
        guard first == last else { return offsetUncached(seconds) }
        lock.lock()
        cache[day] = first
        lock.unlock()
        return first
    }

    private func offsetUncached(_ seconds: Int64) -> Int32 {
        Int32(timeZone!.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The instant of a local wall-clock time. In a gap (spring forward) the later offset is
    /// used; in an overlap, the earlier instant.
    public func timestamp(date: CivilDate, secondOfDay: Int64) -> Timestamp {
        let local = date.daysSinceEpoch * 86_400 + secondOfDay
        if let fixedOffset { return Timestamp(seconds: local - Int64(fixedOffset), offsetSeconds: fixedOffset) }
        var guess = offset(at: local)
        for _ in 0..<2 {
            let o = offset(at: local - Int64(guess))
            if o == guess { break }
            guess = o
        }
        return Timestamp(seconds: local - Int64(guess), offsetSeconds: guess)
    }

    /// The same instant with this zone's offset.
    public func localize(_ t: Timestamp) -> Timestamp { t.at(offset: offset(at: t.seconds)) }
}
