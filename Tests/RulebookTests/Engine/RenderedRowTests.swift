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

    @Test func tableLineCutsTrailingBlanksOnly() {
        var t = TableReport.Table(["a", "b", "c"], rightAligned: [1])
        t.measure(["宽字符", "12", "x"])
        #expect(t.line(["x", "1", ""]) == "x        1\n")
        #expect(t.line(["宽字符", "12", "x "]) == "宽字符  12  x\n")
        #expect(t.line(["", "", ""]) == "\n")
        #expect(t.head() == "a        b  c\n------  --  -\n")
    }

    @Test func ordinalsAreThePlacesInAllCases() {
        #expect(Finding.Kind.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
        #expect(Finding.Status.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    }
}
