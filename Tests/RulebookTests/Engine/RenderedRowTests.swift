import Foundation
import Testing
@testable import Rulebook

/// The byte-level row writers agree with the String-based cell rules they replaced.
@Suite struct RenderedRowTests {
    static func finding(note: String?, party: String?) -> Finding {
        let template = FindingTemplate(kind: .penalty, rule: "r-1", clause: "8.2", title: "标题, \"引号\"", sanction: "警告")
        var f = Finding(subject: "2611-07", row: 3, template: template, status: .fined)
        f.party = party
        f.amount = Money(minorUnits: 2_000)
        f.month = "2026-11"
        f.incurredAt = Timestamp(seconds: 1_790_000_000, offsetSeconds: 28_800)
        f.note = note
        return f
    }

    @Test(arguments: [nil, "plain", "a, b", "say \"no\"", "two\nlines", "cr\r", "，全角逗号"])
    func csvRowQuotesLikeField(_ note: String?) {
        let f = Self.finding(note: note, party: "张三")
        var bytes: [UInt8] = []
        CSVReport.findingRow(f, to: &bytes)
        let cells: [String?] = [f.subject, f.kind.rawValue, f.rule, f.clause, f.status.rawValue, f.start?.description, f.due?.description,
                                f.done?.description, f.lateBy?.description, f.incurredAt?.description, f.party, f.amount?.description,
                                f.month, f.sanction, f.action, f.note, f.title, f.rowsLost.map(String.init)]
        #expect(String(decoding: bytes, as: UTF8.self) == cells.map(CSVReport.field).joined(separator: ",") + "\r\n")
    }

    /// A finding's run record and JSON, written into room worked out beforehand (`ByteWriter`),
    /// for every combination of the values a finding may leave unset, with texts to escape and
    /// a template without constant members (the least room to spare): the record reads back as
    /// the finding, and the JSON is what `JSONText` makes of each member.
    @Test func jsonMembersFitTheirRoomInEveryCombination() {
        let template = FindingTemplate(kind: .deadline, rule: "r", clause: nil, title: nil)
        let line = JSONReport.lineRenderer.make()
        // What a report's merge renders: the line from the record, read in place.
        let recordLine = JSONReport.lineRenderer.makeRecordRenderer()
        let elementFromRecord = JSONReport.elementRenderer.makeRecordRenderer(), element = JSONReport.elementRenderer.make()
        for mask in 0..<(1 << 10) {
            func has(_ bit: Int) -> Bool { mask & (1 << bit) != 0 }
            var f = Finding(subject: "2611-\"07\"", row: 3, template: template, status: .notFined)
            let t = Timestamp(seconds: 1_790_000_000, offsetSeconds: 28_800)
            if has(0) { f.start = t }
            if has(1) { f.due = t }
            if has(2) { f.done = Timestamp(seconds: -2_000_000_000, offsetSeconds: -3_600) }
            if has(3) { f.lateBy = TimeSpan(.workingTime, 5_400) }
            if has(4) { f.incurredAt = t }
            if has(5) { f.party = "张\u{1}三" }
            if has(6) { f.amount = Money(minorUnits: -Int64.max) }
            if has(7) { f.month = "2026-11" }
            if has(8) { f.note = "a \"b\"\n\\" }
            if has(9) { f.rowsLost = Int.max }
            var members = ["\"case\":" + JSONText.string(f.subject), "\"kind\":\"deadline\"", "\"rule\":\"r\"", "\"status\":\"not-fined\""]
            if let t = f.start { members.append("\"start\":\"\(t)\"") }
            if let t = f.due { members.append("\"due\":\"\(t)\"") }
            if let t = f.done { members.append("\"done\":\"\(t)\"") }
            if let l = f.lateBy { members += ["\"late_by\":\"\(l)\"", "\"late_seconds\":\(l.amount)"] }
            if let t = f.incurredAt { members.append("\"incurred_at\":\"\(t)\"") }
            if let p = f.party { members.append("\"party\":" + JSONText.string(p)) }
            if let a = f.amount { members.append("\"amount\":\"\(a)\"") }
            if let m = f.month { members.append("\"month\":" + JSONText.string(m)) }
            if let n = f.note { members.append("\"note\":" + JSONText.string(n)) }
            if let n = f.rowsLost { members.append("\"rows_lost\":\(n)") }
            // The run record (what a store keeps), written after other bytes, reads back as
            // the finding; its length word counts the rest, and its keys are `begin`'s.
            var whole: [UInt8] = [1, 2, 3]
            #expect(RunCodec.record(f, template: 0, into: &whole) == 3)
            let record = Array(whole.dropFirst(3))
            #expect(RunCodec.length(record, at: 0) == record.count - 4, "\(mask)")
            var keys: [UInt8] = []
            _ = RunCodec.begin(f, template: 0, into: &keys)
            #expect(Array(record.prefix(keys.count).dropFirst(4)) == Array(keys.dropFirst(4)), "\(mask)")
            let back = record.withUnsafeBytes { r in
                RunCodec.decode(UnsafeRawBufferPointer(rebasing: r[4...]), templates: [template])
            }
            #expect(back == f, "\(mask)")
            #expect(record.withUnsafeBytes { RunCodec.isWellFormed(UnsafeRawBufferPointer(rebasing: $0[4...]), templates: 1) })
            var bytes: [UInt8] = []
            line(f, &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "{\"type\":\"finding\"," + members.joined(separator: ",") + "}\n", "\(mask)")
            #expect(JSONReport.finding(f) == "{" + members.joined(separator: ",") + "}", "\(mask)")
            var fromRecord: [UInt8] = [], elements: ([UInt8], [UInt8]) = ([], [])
            [template].withUnsafeBufferPointer { templates in
                record.withUnsafeBytes { r in
                    // Each says it rendered: every finding has a JSON line.
                    #expect(recordLine(UnsafeRawBufferPointer(rebasing: r[4...]), templates, &fromRecord))
                    #expect(elementFromRecord(UnsafeRawBufferPointer(rebasing: r[4...]), templates, &elements.0))
                }
            }
            element(f, &elements.1)
            #expect(fromRecord == bytes, "\(mask)")
            #expect(elements.0 == elements.1, "\(mask)")
        }
    }

    @Test func tableLineCutsTrailingBlanksOnly() {
        var t = TableReport.Table(["a", "b", "c"], rightAligned: [1])
        t.measure(["宽字符", "12", "x"])
        #expect(t.line(["x", "1", ""]) == "x        1\n")
        #expect(t.line(["宽字符", "12", "x "]) == "宽字符  12  x\n")
        #expect(t.line(["", "", ""]) == "\n")
        #expect(t.head() == "a        b  c\n------  --  -\n")
    }

    /// The JSON writers' status literals are the raw values the other reports print.
    @Test func statusTextsAreTheRawValues() {
        for s in Finding.Status.allCases {
            #expect(JSONReport.RuleText.statusText(s).description == s.rawValue + "\"")
        }
    }

    @Test func ordinalsAreThePlacesInAllCases() {
        #expect(Finding.Kind.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
        #expect(Finding.Status.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    }
}
