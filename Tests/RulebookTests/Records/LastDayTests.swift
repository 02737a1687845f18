import Testing
@testable import Rulebook

/// A timestamp read from the last date noted is the instant the full reading gives, or none
/// (the full reading then decides): for every edge text on the same date, and for every byte in
/// every place, in a settled zone, a fixed offset, and a zone that changes offset that week.
@Suite struct LastDayTests {
    static func full(_ text: String, _ zone: Zone) -> Timestamp? {
        guard let p = TimestampParser.parse(text), let sod = p.secondOfDay, p.offsetSeconds == nil else { return nil }
        return zone.timestamp(date: p.date, secondOfDay: sod)
    }

    static func afterNoting(_ noted: String, _ text: String, _ zone: Zone) -> Timestamp? {
        var day = LastDay()
        let p = TimestampParser.parse(noted)!
        Array(noted.utf8).withUnsafeBufferPointer { day.note($0, date: p.date, zone: zone) }
        return Array(text.utf8).withUnsafeBufferPointer { day.timestamp($0) }
    }

    static let zones = [Zone(identifier: "Asia/Shanghai")!, Zone(identifier: "+05:30")!, Zone(identifier: "America/New_York")!]

    @Test(arguments: zones)
    func agreesWithTheFullReading(_ zone: Zone) {
        for date in ["2026-11-03", "2026-03-08", "2026-11-01", "2024-02-29"] {
            let noted = date + " 09:15"
            let texts = TimestampFastPathTests.edges + [
                date + " 00:00", date + " 23:59:59", date + "T12:30", date + "t12:30:01", date + " 24:00",
                date + " 23:60", date + " 02:30", date + " 01:30", date + " 9:15", date + " 09:15Z", date + "  9:15",
            ]
            for text in texts {
                guard let fast = Self.afterNoting(noted, text, zone) else { continue }
                #expect(fast == Self.full(text, zone), "\(zone) \(text)")
                #expect(fast.offsetSeconds == Self.full(text, zone)?.offsetSeconds, "\(zone) \(text)")
            }
        }
        // A day the zone changes offset near is left to the full reading.
        if zone.identifier == "America/New_York" {
            #expect(Self.afterNoting("2026-03-08 09:15", "2026-03-08 10:00", zone) == nil)
        } else {
            #expect(Self.afterNoting("2026-03-08 09:15", "2026-03-08 10:00", zone) == Self.full("2026-03-08 10:00", zone))
        }
    }

    /// Every byte value in every place of a text of each common length, after its date was
    /// noted: an answer only where the full reading gives the same instant.
    @Test func everyByteInEveryPlace() {
        let zone = Zone(identifier: "Asia/Shanghai")!
        TimestampFastPathTests.eachByteInEachPlace(of: ["2026-11-03 09:15", "2026-11-03T09:15:30"]) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard Array(text.utf8) == bytes else { return }  // not valid UTF-8 alone
            let noted = String(decoding: bytes.prefix(10), as: UTF8.self) == "2026-11-03" ? "2026-11-03 09:15" : nil
            if let noted, let fast = Self.afterNoting(noted, text, zone) {
                #expect(fast == Self.full(text, zone), "\(text)")
            }
        }
    }
}
