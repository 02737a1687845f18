import Testing
@testable import Rulebook

/// A timestamp read from a date noted is the instant the full reading gives, or none
/// (the full reading then decides): for every edge text on the same date, and for every byte in
/// every place, in a settled zone, a fixed offset, and a zone that changes offset that week.
@Suite struct RecentDaysTests {
    static func full(_ text: String, _ zone: Zone) -> Timestamp? {
        guard let p = TimestampParser.parse(text), let sod = p.secondOfDay, p.offsetSeconds == nil else { return nil }
        return zone.timestamp(date: p.date, secondOfDay: sod)
    }

    static func afterNoting(_ noted: String, _ text: String, _ zone: Zone) -> Timestamp? {
        var day = RecentDays()
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

/// Days and names remembered across rows: many at once, slots taken by newer ones, and always
/// the answer the full reading gives.
@Suite struct RecentMemoTests {
    @Test func manyDaysEachAnsweredAsTheFullReadingOrNotAtAll() {
        let zone = Zone(identifier: "Asia/Shanghai")!
        var days = RecentDays()
        var dates: [String] = []
        var d = CivilDate(year: 2025, month: 1, day: 1)!
        for _ in 0..<2000 {
            dates.append(d.description)
            d = d.adding(days: 1)
        }
        var answered = 0
        for round in 0..<2 {
            for date in dates {
                let noted = date + " 08:00", asked = date + " 17:45:10"
                if round == 0 {
                    let p = TimestampParser.parse(noted)!
                    Array(noted.utf8).withUnsafeBufferPointer { days.note($0, date: p.date, zone: zone) }
                    // Just noted: answered, as the full reading.
                    let now = Array(asked.utf8).withUnsafeBufferPointer { days.timestamp($0) }
                    #expect(now != nil && now == RecentDaysTests.full(asked, zone), "\(asked)")
                } else if let t = Array(asked.utf8).withUnsafeBufferPointer({ days.timestamp($0) }) {
                    // Still held (not taken by a later day): the same instant.
                    #expect(t == RecentDaysTests.full(asked, zone), "\(asked)")
                    answered += 1
                }
            }
        }
        // 512 slots for 2,000 days: the last days noted are mostly still there, never all.
        #expect(answered > 200 && answered <= 512, "\(answered)")
    }

    @Test func namesAreTheTextTheirBytesDecodeTo() {
        var names = RecentNames()
        var texts = ["张伟", "李明", "王芳", "品质管理部", "生产部", "A", "0123456789abcdef", "0123456789abcdefg", "刘洋 ", "刘洋"]
        texts += (0..<600).map { "员工\($0)" }  // more names than slots
        for round in 0..<3 {
            for t in texts {
                let got = Array(t.utf8).withUnsafeBufferPointer { names.text($0) }
                #expect(got == t && Array(got.utf8) == Array(t.utf8), "round \(round): \(t)")
            }
        }
        // Bytes that are not UTF-8 come back repaired, as String(decoding:as:) does, every time.
        let bad: [UInt8] = [0xE5, 0xBC, 0x20, 0xFF]
        for _ in 0..<2 {
            #expect(bad.withUnsafeBufferPointer { names.text($0) } == String(decoding: bad, as: UTF8.self))
        }
        #expect([UInt8]().withUnsafeBufferPointer { names.text($0) } == "")
    }
}
