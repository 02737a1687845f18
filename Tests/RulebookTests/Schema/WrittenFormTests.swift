import Foundation
import Testing
@testable import Rulebook

/// The schema's patterns against the parsers they describe, on random texts built from the
/// pieces those parsers read: whatever a parser accepts, the pattern accepts (an editor never
/// flags a value rulebook takes); whatever the pattern accepts, the parser accepts but for the
/// limits a pattern does not state (a 31st of a 30-day month, 100 years).
@Suite struct WrittenFormTests {
    /// `count` texts of one to `maxParts` pieces, the same on every run.
    static func texts(_ pieces: [String], count: Int = 4000, maxParts: Int = 6, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var out = Set<String>()
        for _ in 0..<count {
            let n = Int(rng.int(in: 1...Int64(maxParts)))
            out.insert((0..<n).map { _ in pieces[Int(rng.int(in: 0...Int64(pieces.count - 1)))] }.joined())
        }
        return out.sorted()
    }

    /// Checks the pattern against `parses` on `texts`; `limit` names texts the parser may refuse
    /// for a reason the pattern does not state.
    static func agree(_ form: WrittenForm, _ texts: [String], minimumAccepted: Int,
                      limit: (String) -> Bool = { _ in false }, parses: (String) -> Bool) throws {
        let regex = try SchemaJSONObject.pattern(form)
        var accepted = 0
        for t in texts {
            let parsed = parses(t), matched = regex.matchesWhole(t)
            if parsed {
                accepted += 1
                #expect(matched, "\(form.name): the parser reads '\(t)'; the pattern refuses it")
            } else if matched && !limit(t) {
                Issue.record("\(form.name): the pattern accepts '\(t)'; the parser refuses it")
            }
        }
        #expect(accepted >= minimumAccepted, "\(form.name): only \(accepted) texts parsed; the test says little")
        for e in form.examples { #expect(regex.matchesWhole(e) && parses(e), "\(form.name): example \(e)") }
    }

    /// `count` texts, each one choice from every slot in turn, the same on every run: texts
    /// near the form, so that many parse.
    static func texts(slots: [[String]], count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var out = Set<String>()
        for _ in 0..<count {
            out.insert(slots.map { $0[Int(rng.int(in: 0...Int64($0.count - 1)))] }.joined())
        }
        return out.sorted()
    }

    /// A text whose year, month and day (`2026-11-31`, `2026/2/30`) name no day: the parsers
    /// refuse it, a pattern does not know month lengths.
    static func namesNoDay(_ t: String) -> Bool {
        let regex = try! NSRegularExpression(pattern: "^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
        guard let m = regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) else { return false }
        let part = { (i: Int) in Int(t[Range(m.range(at: i), in: t)!])! }
        return CivilDate(year: part(1), month: part(2), day: part(3)) == nil
    }

    @Test func instant() throws {
        let slots = [["2026", "2026", "1999", "202"], ["-", "-", "/", "."], ["11", "1", "02", "12", "00", "13"], ["-", "/", "-"],
                     ["03", "3", "29", "31", "15", "00"], ["T", " ", "t", "T", "", "x"], ["9", "09", "23", "0", "24"],
                     [":", ":", ":", "."], ["15", "00", "59", "60", "5"], ["", ":00", ":59", ":30.5", ":30,123456789", ":60", ":30."],
                     ["", "Z", "z", "+08:00", "+0800", "+08", "-05:30", "+19:00", "+08:60", "+8", "+08:0", " Z"]]
        let texts = Self.texts(slots: slots, count: 20000, seed: 1)
            + ["2026-11-30T18:00+08:00", "2026-11-03 09:15", "2026/11/3 9:15", "2026-11-03T09:15:00.123Z", "2026-11-03"]
        try Self.agree(.instant, texts, minimumAccepted: 150, limit: Self.namesNoDay) {
            TimestampParser.parse($0)?.secondOfDay != nil
        }
    }

    @Test func date() throws {
        let slots = [["2025", "2025", "202"], ["-", "-", "/"], ["01", "02", "12", "04", "1", "13", "00"], ["-", "-", "."],
                     ["28", "30", "31", "29", "04", "1", "00"], ["", "", " ", "x"]]
        try Self.agree(.date, Self.texts(slots: slots, count: 8000, seed: 2), minimumAccepted: 15, limit: Self.namesNoDay) {
            if case .success = CalendarSyntax.date($0) { return true } else { return false }
        }
    }

    @Test func interval() throws {
        let pieces = ["08:30", "8:30", "12:00", "13:30", "17:30", "24:00", "24:00:00", "23:59:59", "12:60", "25:00", "1:5",
                      "-", " ", ":", "00:00"]
        try Self.agree(.interval, Self.texts(pieces, count: 8000, maxParts: 5, seed: 3), minimumAccepted: 20,
                       limit: { _ in true /* an interval that ends before it starts */ }) {
            if case .success = CalendarSyntax.interval($0) { return true } else { return false }
        }
        // Without the order limit, the pattern refuses what the parser refuses for its form.
        let regex = try SchemaJSONObject.pattern(.interval)
        for bad in ["08:30", "8-12", "08:30-12:60", "24:00-24:00", "08:30-25:00", "08.30-12.00"] {
            #expect(!regex.matchesWhole(bad), "\(bad)")
        }
    }

    /// A policy test's `late_by`, read by the test loader itself.
    @Test func duration() throws {
        let pieces = ["30", "8.5", "1.0", "1.5", "1_0", "0", "m", "h", "d", "w", "s", "sec", "min", "hour", "hours", "minute",
                      "minutes", "day", "days", "week", "weeks", "seconds", "working", " ", " ", "\t", "x", "mins",
                      " working time", "CNY", "%", ","]
        let texts = Self.texts(pieces, count: 6000, maxParts: 7, seed: 4)
            + ["30m", "3d 7h", "8 working hours", "1 working day", "8h 30m working time", "2 working days 3 working hours"]
        try Self.agree(.duration, texts, minimumAccepted: 50, limit: { _ in true /* limits and whole seconds */ }) { t in
            Self.testLoaderReads(key: "late_by", t)
        }
        let regex = try SchemaJSONObject.pattern(.duration)
        // `2 working days working time` was read as 2 seconds of working time.
        for bad in ["30", "3d7h", "2h 8 working hours", "1.5 working days", "30 mins", "8 workinghours", "30m working time ",
                    "2 working days working time", "8 working hours working time"] {
            #expect(!regex.matchesWhole(bad) && !Self.testLoaderReads(key: "late_by", bad), "\(bad)")
        }
        #expect(Self.testLoaderReads(key: "late_by", "8h 30m working time"))
        // What the pattern takes and the loader refuses is a limit, not a form.
        for t in texts where regex.matchesWhole(t) && !Self.testLoaderReads(key: "late_by", t) {
            let m = Self.testLoaderMessages(key: "late_by", t).joined()
            #expect(m.contains("too long") || m.contains("whole number of seconds") || m.contains("does not fit"), "\(t): \(m)")
        }
    }

    /// A policy test's amounts, read by the test loader itself.
    @Test func testAmount() throws {
        let pieces = ["20", "20.5", "20.50", "20.555", ".5", "-", "+", " ", "CNY", "元", "¥", "1e3", "20.", "x"]
        try Self.agree(.testAmount, Self.texts(pieces, count: 6000, maxParts: 5, seed: 5), minimumAccepted: 50,
                       limit: { $0.filter(\.isNumber).count > 15 }) { t in
            Self.testLoaderReads(key: "amount", t)
        }
    }

    @Test func rosterNumbers() throws {
        let pieces = ["10", "0.8", ".5", "1.", "-", "+", " ", "\t", "x", "1e3", "元"]
        let texts = Self.texts(pieces, count: 4000, maxParts: 4, seed: 6)
        func trimmed(_ t: String) -> String { t.trimmingCharacters(in: .whitespaces) }
        try Self.agree(.rosterAmount, texts, minimumAccepted: 20, limit: { $0.filter(\.isNumber).count > 15 }) {
            trimmed($0).isEmpty || Money(parsing: trimmed($0)) != nil
        }
        try Self.agree(.rosterNumber, texts, minimumAccepted: 20, limit: { $0.filter(\.isNumber).count > 18 }) {
            trimmed($0).isEmpty || Fraction(parsing: Substring(trimmed($0))) != nil
        }
    }

    /// A field's `min`: the loader reads it by the field's type; the pattern takes their union.
    @Test func bound() throws {
        let pieces = ["0", "100", "0.5", "%", "‰", "元", "CNY", "¥", "-", "+", " ", "x", "1e3", "."]
        let regex = try SchemaJSONObject.pattern(.bound)
        var accepted = 0
        for t in Self.texts(pieces, count: 3000, maxParts: 4, seed: 7) {
            let yaml = JSONText.string(t)
            let read = ["integer", "decimal", "money"].contains { type in
                let text = "{ policy: p, fields: { case_id: string, n: { type: \(type), min: \(yaml), signed: false } } }"
                let ms = Templates.messages { _ = try PolicyLoader.load(bytes: Array(text.utf8), file: "p.yaml") }
                return !ms.contains { $0.contains("'min' of a") }
            }
            if read {
                accepted += 1
                #expect(regex.matchesWhole(t), "a field's min '\(t)' is read; the pattern refuses it")
            }
        }
        #expect(accepted >= 20)
    }

    static func testLoaderMessages(key: String, _ value: String) -> [String] {
        _ = Paths.root
        let text = "{ suite: s, policy: ../s1-complaint-handling.yaml, tests: [ { name: n, expect: { findings: [ { \(key): \(JSONText.string(value)) } ] } } ] }"
        let sink = DiagnosticSink()
        return Templates.messages({
            let root = try YAMLReader.singleDocument(Array(text.utf8), file: "rules/tests/probe.test.yaml")
            _ = PolicyTestLoader.read(root, file: "rules/tests/probe.test.yaml", sink: sink)
        }, sink)
    }

    static func testLoaderReads(key: String, _ value: String) -> Bool { testLoaderMessages(key: key, value).isEmpty }
}

/// A policy test's instants: every instant, and the end of a day as reports write it.
@Suite struct TestInstantFormTests {
    @Test func endOfDayIsATestInstant() throws {
        let regex = try SchemaJSONObject.pattern(.testInstant)
        for good in ["2026-09-21 24:00", "2026-11-02T24:00+08:00", "2026-11-02T24:00:00", "2026-11-30T18:00+08:00", "2026/11/3 9:15"] {
            #expect(regex.matchesWhole(good), "\(good)")
        }
        for bad in ["2026-09-21 24:01", "2026-09-21 25:00", "2026/9/21 24:00", "2026-09-21 24:00:01", "2026-09-21"] {
            #expect(!regex.matchesWhole(bad), "\(bad)")
        }
    }
}
