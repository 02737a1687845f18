import Foundation
import Testing
@testable import Rulebook

/// The bytes a report writes for an instant (`[UInt8].timestamp`, dates from `DayTexts`)
/// are its `description`, inside the table's years, at its edges and outside it.
struct TimestampTextTests {
    static func bytes(_ t: Timestamp) -> String {
        var out: [UInt8] = []
        out.timestamp(t)
        return String(decoding: out, as: UTF8.self)
    }

    static let offsets: [Int32] = [0, 28_800, -18_000, 19_800, -3_600 * 12 - 2_700, 14 * 3_600, 99 * 3_600 + 3_540, 100 * 3_600]

    @Test(arguments: offsets)
    func sameAsDescription(offset: Int32) {
        let edges: [Int64] = [
            DayTexts.firstDay * 86_400, DayTexts.endDay * 86_400, (DayTexts.firstDay - 1) * 86_400 - 1, DayTexts.endDay * 86_400 - 1,
            -2_208_988_800, 7_258_118_400, 0, -1, 1, 1_764_547_200, 1_764_547_199, 951_782_400,  // 2000-02-29
            -30_610_224_000, 253_402_300_799, -62_135_596_800 + 86_400 * 400, 253_402_300_800,
        ]
        var seconds = edges
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            seconds.append(Int64(x % 10_000_000_000) - 3_000_000_000)
        }
        for s in seconds {
            let t = Timestamp(seconds: s, offsetSeconds: offset)
            #expect(Self.bytes(t) == t.description, "\(s) at \(offset)")
        }
    }

    @Test func tableEdgesAndMinutes() {
        #expect(DayTexts.firstDay == CivilDate(year: 1899, month: 12, day: 30)!.daysSinceEpoch)
        #expect(DayTexts.endDay == CivilDate(year: 2200, month: 1, day: 3)!.daysSinceEpoch)
        #expect(DayTexts.minutes.count == 1440)
        for (m, word) in DayTexts.minutes.enumerated() {
            let text = withUnsafeBytes(of: word.littleEndian) { String(decoding: $0, as: UTF8.self) }
            #expect(text == "T" + String(format: "%02d:%02d:0", m / 60, m % 60), "\(m)")
        }
    }

    @Test func tableHoldsEveryDay() {
        #expect(DayTexts.table.count == Int(DayTexts.endDay - DayTexts.firstDay) * DayTexts.width)
        let first = String(decoding: DayTexts.table[0..<10], as: UTF8.self)
        let last = String(decoding: DayTexts.table[(DayTexts.table.count - 10)...], as: UTF8.self)
        #expect(first == "1899-12-30")
        #expect(last == "2200-01-02")
        // Every day's text is the date's description.
        var wrong: [String] = []
        for day in DayTexts.firstDay..<DayTexts.endDay {
            let at = Int(day - DayTexts.firstDay) * DayTexts.width
            let text = String(decoding: DayTexts.table[at..<(at + DayTexts.width)], as: UTF8.self)
            let expected = CivilDate(daysSinceEpoch: day).description
            if text != expected && wrong.count < 5 { wrong.append("\(text) for \(expected)") }
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }
}
