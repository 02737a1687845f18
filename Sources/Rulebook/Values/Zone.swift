import Foundation

/// A time zone: a fixed offset, or an IANA zone read from the system's tz database.
/// A named zone reads its offset changes from 1900 to 2200 once, when it is made, so a
/// lookup is a search in an immutable table: no lock, however many threads share the zone.
public final class Zone: Sendable, CustomStringConvertible {
    /// The name the zone was made from: `Asia/Shanghai`, `UTC`, `+08:00`.
    public let identifier: String
    private let fixedOffset: Int32?
    private let timeZone: TimeZone?
    /// Instants at which the offset changes, ascending, and the offset from each on;
    /// `offsets[0]` is the offset before the first change.
    private let changes: [Int64]
    private let offsets: [Int32]
    /// False when the table disagreed with the tz database: every lookup asks it.
    private let tableHolds: Bool
    /// The span from the last change on (all time for a fixed offset), and its offset: nearly
    /// every instant a run reads falls in it, and is answered by two comparisons.
    private let settledFrom: Int64
    private let settledUntil: Int64
    private let settledOffset: Int32
    private static let tableRange: Range<Int64> = -2_208_988_800 ..< 7_258_118_400  // 1900 ..< 2200

    /// `Asia/Shanghai`, `UTC`, or a fixed offset such as `+08:00`; nil when unknown.
    public init?(identifier: String) {
        self.identifier = identifier
        var changes: [Int64] = [], offsets: [Int32] = []
        if identifier == "UTC" || identifier == "Z" {
            fixedOffset = 0
            timeZone = nil
        } else if let o = TimestampParser.parseOffset(Array(identifier.utf8)[...]) {
            fixedOffset = o
            timeZone = nil
        } else if let tz = TimeZone(identifier: identifier) {
            fixedOffset = nil
            timeZone = tz
            offsets.append(Zone.offset(tz, Zone.tableRange.lowerBound))
            var at = Date(timeIntervalSince1970: TimeInterval(Zone.tableRange.lowerBound))
            while let next = tz.nextDaylightSavingTimeTransition(after: at),
                  next.timeIntervalSince1970 < TimeInterval(Zone.tableRange.upperBound) {
                let instant = Int64(next.timeIntervalSince1970.rounded(.down))
                changes.append(instant)
                offsets.append(Zone.offset(tz, instant))
                at = next
            }
        } else {
            return nil
        }
        self.changes = changes
        self.offsets = offsets
        var holds = true
        if let tz = timeZone {
            // The table must agree with the database at every change and twice a year.
            let probes = changes.flatMap { [$0 - 1, $0] }
                + stride(from: Zone.tableRange.lowerBound, to: Zone.tableRange.upperBound, by: 15_778_800)
            holds = probes.allSatisfy { Zone.lookUp($0, changes: changes, offsets: offsets) == Zone.offset(tz, $0) }
        }
        tableHolds = holds
        if let fixedOffset {
            (settledFrom, settledUntil, settledOffset) = (.min, .max, fixedOffset)
        } else if holds {
            (settledFrom, settledUntil, settledOffset) = (changes.last ?? Zone.tableRange.lowerBound, Zone.tableRange.upperBound, offsets[changes.count])
        } else {
            (settledFrom, settledUntil, settledOffset) = (.max, .max, 0)  // never: ask the database
        }
    }

    /// The zone's ``identifier``.
    public var description: String { identifier }

    /// The offset in force at an instant.
    func offset(at seconds: Int64) -> Int32 {
        if seconds >= settledFrom && seconds < settledUntil { return settledOffset }
        if let fixedOffset { return fixedOffset }
        guard tableHolds, Zone.tableRange.contains(seconds) else { return Zone.offset(timeZone!, seconds) }
        return Zone.lookUp(seconds, changes: changes, offsets: offsets)
    }

    private static func offset(_ tz: TimeZone, _ seconds: Int64) -> Int32 {
        Int32(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    private static func lookUp(_ seconds: Int64, changes: [Int64], offsets: [Int32]) -> Int32 {
        // Most instants fall after the last change (or, in zones without DST, there is none).
        guard let last = changes.last else { return offsets[0] }
        if seconds >= last { return offsets[changes.count] }
        var lo = 0, hi = changes.count  // the first change after `seconds`
        while lo < hi {
            let mid = (lo + hi) / 2
            if changes[mid] <= seconds { lo = mid + 1 } else { hi = mid }
        }
        return offsets[lo]
    }

    /// The instant of a local wall-clock time. In a gap (spring forward) the later offset is
    /// used; in an overlap (fall back), the earlier instant.
    func timestamp(date: CivilDate, secondOfDay: Int64) -> Timestamp {
        let local = date.daysSinceEpoch * 86_400 + secondOfDay
        if let fixedOffset { return Timestamp(seconds: local - Int64(fixedOffset), offsetSeconds: fixedOffset) }
        // Offsets change at most once within a day of any wall-clock time.
        let before = offset(at: local - 86_400), after = offset(at: local + 86_400)
        if before == after { return Timestamp(seconds: local - Int64(before), offsetSeconds: before) }
        // An offset fits when the instant it gives is one at which it is in force; when both
        // fit, the larger offset gives the earlier instant; when neither does, a gap.
        let fitting = [before, after].filter { offset(at: local - Int64($0)) == $0 }
        let chosen = fitting.max() ?? after
        return Timestamp(seconds: local - Int64(chosen), offsetSeconds: chosen)
    }

    /// The offset `timestamp(date:secondOfDay:)` gives every time of the local day that starts
    /// at `start` (local seconds since 1970), when the zone keeps one offset from a day before
    /// it to a day after it (the instants it asks about); nil when it may not.
    func settledOffset(forLocalDay start: Int64) -> Int32? {
        guard start - 86_400 >= settledFrom, start + 2 * 86_400 <= settledUntil else { return nil }
        return settledOffset
    }

    /// The same instant with this zone's offset.
    func localize(_ t: Timestamp) -> Timestamp { t.at(offset: offset(at: t.seconds)) }
}
