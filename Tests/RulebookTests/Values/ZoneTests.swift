import Foundation
import Testing
@testable import Rulebook

/// Named zones answer from a table read once from the tz database; it must agree with the
/// database everywhere, including around each change and in zones with odd offsets.
@Suite struct ZoneTests {
    static let zones = ["Asia/Shanghai", "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "America/New_York",
                        "Asia/Kolkata", "Pacific/Apia"]

    @Test(arguments: zones)
    func tableAgreesWithTheDatabase(_ id: String) throws {
        let zone = try #require(Zone(identifier: id))
        let tz = try #require(TimeZone(identifier: id))
        func database(_ s: Int64) -> Int32 { Int32(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(s)))) }
        var random = SplitMix64(seed: 7)
        // 1890–2210: inside the table and beyond both of its ends.
        for _ in 0..<20_000 {
            let s = Int64(random.next() % 10_098_000_000) - 2_524_000_000
            #expect(zone.offset(at: s) == database(s), "\(id) at \(s)")
        }
        // Each side of every change this century.
        var at = Date(timeIntervalSince1970: 946_684_800)
        while let next = tz.nextDaylightSavingTimeTransition(after: at), next.timeIntervalSince1970 < 4_102_444_800 {
            let s = Int64(next.timeIntervalSince1970)
            for probe in [s - 1, s, s + 1] { #expect(zone.offset(at: probe) == database(probe), "\(id) at \(probe)") }
            at = next
        }
    }

    /// A fixed offset is in force at every instant, the extremes included; a named zone's
    /// last span ends with its table (2200), where the database answers again.
    @Test func settledSpansHoldToTheirEnds() throws {
        let fixed = try #require(Zone(identifier: "+08:00"))
        for s: Int64 in [.min, -1, 0, 1_780_000_000, .max] { #expect(fixed.offset(at: s) == 28_800) }
        let shanghai = try #require(Zone(identifier: "Asia/Shanghai"))
        for s: Int64 in [7_258_118_399, 7_258_118_400, 7_300_000_000] { #expect(shanghai.offset(at: s) == 28_800) }
    }

    @Test func berlinChangesOnTheLastSundaysOfMarchAndOctober2026() throws {
        let berlin = try #require(Zone(identifier: "Europe/Berlin"))
        let spring: Int64 = 1_774_746_000  // 2026-03-29T01:00:00Z
        let autumn: Int64 = 1_792_890_000  // 2026-10-25T01:00:00Z
        #expect(berlin.offset(at: spring - 1) == 3600)
        #expect(berlin.offset(at: spring) == 7200)
        #expect(berlin.offset(at: autumn - 1) == 7200)
        #expect(berlin.offset(at: autumn) == 3600)
        // 02:30 on the spring day does not exist: it is read at the later offset, +02:00.
        let gap = berlin.timestamp(date: CivilDate(year: 2026, month: 3, day: 29)!, secondOfDay: 9_000)
        #expect(gap.offsetSeconds == 7200)
        #expect(gap.seconds == spring - 1_800)
        // An hour either side of the change, the offsets in force.
        let early = berlin.timestamp(date: CivilDate(year: 2026, month: 3, day: 29)!, secondOfDay: 5_400)
        #expect(early.offsetSeconds == 3600 && early.seconds == spring - 1_800)
        let late = berlin.timestamp(date: CivilDate(year: 2026, month: 3, day: 29)!, secondOfDay: 12_600)
        #expect(late.offsetSeconds == 7200 && late.seconds == spring + 1_800)
        // 02:30 on the autumn day happens twice: the earlier instant.
        let twice = berlin.timestamp(date: CivilDate(year: 2026, month: 10, day: 25)!, secondOfDay: 9_000)
        #expect(twice.offsetSeconds == 7200)
        #expect(twice.seconds == autumn - 1_800)
    }

    @Test func shanghaiKeptSummerTimeFrom1986To1991Only() throws {
        let shanghai = try #require(Zone(identifier: "Asia/Shanghai"))
        #expect(shanghai.offset(at: 521_000_000) == 32_400)  // 1986-07-06: +09:00
        #expect(shanghai.offset(at: 1_783_000_000) == 28_800)  // 2026-07: +08:00
    }

    /// The public way to read an instant: the text's own offset when it has one, else the zone's
    /// at that local time; a date alone is refused.
    @Test func timestampsParseInTheZone() throws {
        let shanghai = try #require(Zone(identifier: "Asia/Shanghai"))
        let local = try #require(Timestamp(parsing: "2026-12-05T09:00", zone: shanghai))
        #expect(local.description == "2026-12-05T09:00:00+08:00")
        #expect(Timestamp(parsing: "2026-12-05 01:00Z", zone: shanghai) == local)
        #expect(Timestamp(parsing: "2026-12-05", zone: shanghai) == nil)
        #expect(Timestamp(parsing: "tomorrow", zone: shanghai) == nil)
    }
}
