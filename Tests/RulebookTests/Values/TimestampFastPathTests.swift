import Testing
@testable import Rulebook

/// The common-form reader (`parseCommon`) is only a shortcut: wherever it answers, the general
/// reader must answer the same, and `parse` must agree with the general reader everywhere.
@Suite struct TimestampFastPathTests {
    static func general(_ text: String) -> TimestampParser.Parsed? {
        Array(text.utf8).withUnsafeBufferPointer { TimestampParser.parseGeneral($0) }
    }
    static func common(_ text: String) -> TimestampParser.Parsed? {
        Array(text.utf8).withUnsafeBufferPointer { TimestampParser.parseCommon($0) }
    }

    static let edges = [
        "", " ", "2026-11-03 09:15", "2026-11-03T09:15", "2026-11-03t09:15", "2026-11-03 09:15:30",
        "2026-11-03 9:15", "2026-11-03 09:1", "2026-11-03 09:15:3", "2026-11-03 24:00", "2026-11-03 23:60",
        "2026-11-03 23:59:60", "2026-11-03 23:59:59", "2023-02-29 10:00", "2024-02-29 10:00", "2026-04-31 10:00",
        "2026-00-10 10:00", "2026-13-10 10:00", "0000-01-01 00:00", "9999-12-31 23:59:59", "2026/11/03 09:15",
        "2026-11-03_09:15", "2026-11-03 09-15", "2026-11-03 09:15-30", "2026-11-03 09:15:30Z", "2026-11-03 09:15Z",
        "2026-11-03 09:15+08", "2026-11-03 09:15:30.5", "2026-11-0a 09:15", "2026-11-03 0a:15", "２０２６-11-03 09:15",
        "2026-11-03 09:15\u{0}", "2026-1１-03 09:15", "2026-11-03", "2026-11-03 09:15:30+08:00", "2026-11-03 09:15 ",
        "+026-11-03 09:15", "2026-11-03 09:15:+0", "2026-11-03 ０9:15", "2026-11-03 09:15:30" + String(repeating: "0", count: 300),
    ]

    @Test(arguments: edges)
    func agreesWithTheGeneralReader(_ text: String) {
        let general = Self.general(text)
        #expect(TimestampParser.parse(text) == general)
        if let c = Self.common(text) { #expect(c == general) }
    }

    @Test func takesTheCommonForms() {
        #expect(Self.common("2026-11-03 09:15") != nil)
        #expect(Self.common("2026-11-03T09:15:30") != nil)
        #expect(Self.common("2026/11/3 9:15") == nil)
    }

    /// Every byte in every place of the two common lengths, from a valid text: the cheap digit
    /// test (`b &- 0x30`) must refuse what is not a digit, at both ends of the byte range.
    @Test func everyByteInEveryPlace() {
        Self.eachByteInEachPlace(of: ["2026-11-03 09:15", "2024-02-29T23:59:59"]) { bytes in
            let (g, c) = bytes.withUnsafeBufferPointer { (TimestampParser.parseGeneral($0), TimestampParser.parseCommon($0)) }
            if let c, c != g { Issue.record("\(bytes): common \(c), general \(String(describing: g))") }
            #expect(bytes.withUnsafeBufferPointer { TimestampParser.parse($0) } == g)
        }
    }

    /// Calls `body` with each of `bases` with one byte replaced, by every value, in every place.
    static func eachByteInEachPlace(of bases: [String], _ body: ([UInt8]) -> Void) {
        for base in bases {
            var bytes = Array(base.utf8)
            for k in bytes.indices {
                let keep = bytes[k]
                for v in 0...255 {
                    bytes[k] = UInt8(v)
                    body(bytes)
                }
                bytes[k] = keep
            }
        }
    }
}
