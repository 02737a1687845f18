import Foundation
import Testing
@testable import Rulebook

/// `--format html`: every text from the inputs escaped (fixtures/html holds markup, `&` and
/// quotes in the policy, the export and the roster), the page bounded however many cases,
/// anchors per case, and the policy's language. The S1 page is a golden file
/// (GoldenReportTests); scripts/check-html renders the shipped fixtures' pages in Chromium.
@Suite struct HTMLReportTests {
    static func hostile() throws -> String {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "fixtures/html/policy.yaml")
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
        let report = try EvaluationRun(casesPath: "fixtures/html/cases.csv", roster: try RosterReader.load(path: "fixtures/html/roster.csv"),
                                       asOf: asOf).run(policy)
        return try ReportFormat.html.render(report)
    }

    /// Every tag of a page: `<name attr="value" …>` or `</name>`; comments and the doctype apart.
    static func tags(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { out.append(String(rest[open...])); break }
            out.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// The contents of the page's `<script>` and `<style>` elements (written by us, not escaped).
    static func withoutOwnCode(_ html: String) -> String {
        var s = html
        for (open, close) in [("<script>", "</script>"), ("<style>", "</style>")] {
            while let a = s.range(of: open), let b = s.range(of: close, range: a.upperBound..<s.endIndex) {
                s.replaceSubrange(a.lowerBound..<b.upperBound, with: "")
            }
        }
        return s
    }

    @Test func inputTextIsEscapedEverywhere() throws {
        let html = try Self.hostile()
        // One script: ours, at the end; no markup from the inputs became an element.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(html.hasSuffix("</script>\n</body>\n</html>\n"))
        let page = Self.withoutOwnCode(html)
        for raw in ["<script", "<img", "<i>", "<u>", "<b>bold"] {
            let inTags = Self.tags(page).filter { $0.localizedCaseInsensitiveContains(raw) }
            #expect(inTags.isEmpty, "\(raw) in \(inTags)")
        }
        // The texts are there, escaped.
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(3)&gt;"))
        #expect(page.contains("a&amp;b &quot;q&quot; &#39;x&#39;"))
        #expect(page.contains("Reply &lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quickly&quot;"))
        #expect(page.contains("1&lt;2&gt;&amp;3"))
        #expect(page.contains("O&#39;Brien &lt;b&gt;"))
        #expect(page.contains("id=\"case-_20_onmouseover_3d_alert_28_4_29__20_x_3d_\""))
        #expect(page.contains("R&amp;D &lt;script&gt;alert(5)&lt;/script&gt;"))
        #expect(page.contains("Escaping &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &#39;policy&#39;"))
        // Every tag is well formed: a known name, then attributes that are bare words or
        // double-quoted values holding no quote or angle bracket.
        let tag = try Regex(#"^</?[a-z][a-z0-9]*(\s+[a-zA-Z][a-zA-Z0-9:-]*(="[^"<>]*")?)*\s*/?>$"#)
        let allowed: Set<String> = ["lang", "charset", "name", "content", "http-equiv", "id", "class", "href", "type", "hidden", "placeholder",
                                    "aria-label", "datetime", "xmlns", "width", "height", "viewBox", "role", "x", "y", "x1", "y1", "x2", "y2",
                                    "text-anchor", "data-filter"]
        let attribute = try Regex(#"\s([a-zA-Z][a-zA-Z0-9:-]*)(?:="[^"]*")?"#)
        for t in Self.tags(page) where !t.hasPrefix("<!DOCTYPE") {
            #expect(t.wholeMatch(of: tag) != nil, "malformed tag \(t)")
            for m in t.matches(of: attribute) {
                let name = String(t[m.range].dropFirst().prefix { $0 != "=" })
                #expect(allowed.contains(name), "attribute \(name) in \(t)")
            }
        }
        // English policy texts: English fixed texts.
        #expect(html.contains("<html lang=\"en\">") && html.contains(">Overdue and violations</h2>"))
    }

    @Test func anchorsAreDistinctAndHoldNoMarkup() {
        let ids = ["2609-01", "a b", "a_b", "a_20_b", "<x>", "\" onclick=\"x", "周敏", "week=2026-W38 qa_owner=周敏"]
        let anchors = ids.map(HTMLText.caseAnchor)
        #expect(anchors[0] == "case-2609-01")
        #expect(anchors[6] == "case-周敏")
        #expect(Set(anchors).count == ids.count)
        for a in anchors { #expect(!a.contains(where: { " \"'<>&\t\n".contains($0) }), "\(a)") }
        #expect(HTMLText.escape("a\u{0}b\u{7F}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    }

    @Test func s1CasesHaveAnchorsAndChineseTexts() throws {
        let html = try ReportFormat.html.render(try S1EvaluationTests.report())
        #expect(html.contains("<html lang=\"zh-CN\">"))
        for c in ["2609-01", "2609-06", "2611-01", "2611-02"] {
            #expect(html.contains("<section class=\"case\" id=\"case-\(c)\" data-filter>"), "\(c)")
        }
        #expect(html.contains("<a href=\"#case-2611-01\">2611-01</a>"))
        // The overdue come first in the list of violations and of cases.
        let list = try #require(html.range(of: "<table class=\"violations\">"))
        let firstRow = try #require(html.range(of: "<tr data-filter>", range: list.upperBound..<html.endIndex))
        #expect(html[firstRow.upperBound...].hasPrefix("<td><a href=\"#case-2611-01\">"))
        let cases = try #require(html.range(of: "<section id=\"cases\">"))
        let firstCase = try #require(html.range(of: "<section class=\"case\"", range: cases.upperBound..<html.endIndex))
        #expect(html[firstCase.upperBound...].hasPrefix(" id=\"case-2611-01\""))
        // Rules by their titles, with id and clause.
        #expect(html.contains("一般投诉3个工作日内回复<br><small><code>qa-reply-general</code> · 条款 8.2</small>"))
        // Amounts exactly as the ledger has them, and the totals.
        #expect(html.contains("<td class=\"num\">70.00</td>"))
        #expect(html.contains("罚款合计 320.00 元，已扣除 290.00 元，待扣除 30.00 元。"))
    }

    /// However many cases, the page lists at most `limit` of them (overdue first) and says how
    /// many it leaves out, while the charts count them all.
    @Test func thePageIsBoundedAndTheChartsCountEverything() throws {
        let report = try S1EvaluationTests.report()
        let full = try ReportFormat.html.render(report)
        let out = ByteOutput.memory()
        try HTMLReport.write(report, to: out, language: .zh, limit: 2)
        let small = out.text
        #expect(small.components(separatedBy: "<section class=\"case\"").count == 3)
        #expect(small.contains("id=\"case-2611-01\"") && small.contains("id=\"case-weekly-complaints"))
        #expect(small.contains("此处列出 2 个"))
        #expect(small.contains("另有 12 条未列出"), "\(small.components(separatedBy: "另有").dropFirst().map { $0.prefix(12) })")
        func charts(_ html: String) -> String {
            let a = html.range(of: "<section id=\"charts\">")!, b = html.range(of: "</section>", range: a.upperBound..<html.endIndex)!
            return String(html[a.lowerBound..<b.upperBound])
        }
        #expect(charts(small) == charts(full))
        // No link to a case left out.
        #expect(!small.contains("href=\"#case-2609-01\""))
    }

    @Test func englishAndChineseTablesHaveTheSameShape() {
        for s in [HTMLStrings.zh, HTMLStrings.en] {
            #expect(Finding.Status.allCases.allSatisfy { !s.name($0).isEmpty })
        }
        #expect(Finding.Status.allCases.allSatisfy { HTMLStrings.zh.statuses[$0] != nil })
        #expect(Finding.Kind.allCases.allSatisfy { HTMLStrings.zh.kinds[$0] != nil })
    }
}
