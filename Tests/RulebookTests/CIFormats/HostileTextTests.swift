import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Rulebook

/// Case ids, titles and clauses come from the export and the policy: markup, quotes, line
/// breaks, `%`, `,` and `:`, control characters. Every CI format must carry them so that its
/// reader gets back what was written (or U+FFFD where XML 1.0 cannot carry a character), and
/// nothing in them may end an element, a property or an annotation.
@Suite struct HostileTextTests {
    static let policy = #"""
        policy: hostile
        timezone: Asia/Shanghai
        fields:
          case_id: string
          at: timestamp
          done: { type: timestamp, optional: true }
        deadlines:
          - id: reply
            clause: "1.1 <&>"
            title: "<b>reply</b> & \"quoted\" ]]> 100% a,b:c \x01 end"
            from: at
            to: done
            within: 1h
        """#
    /// The first case id holds a line break, so its record spans lines 2 and 3 and the second
    /// case starts on line 4, row 3.
    static let hostileID = "<script>alert(1)</script> & ]]> \"q\" 50%,x:y\nsecond line\u{1}\u{1B}"
    static let csv = "case_id,at,done\r\n\"" + hostileID.replacingOccurrences(of: "\"", with: "\"\"") + "\",2026-11-02 09:00,2026-11-02 11:00\r\n"
        + "plain,2026-11-03 09:00,\r\n"

    static func run() throws -> (EvaluationReport, CompiledPolicy) {
        let p = try RunTimeErrorTests.compile(policy)
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: p.zone)
        let r = try EvaluationRun(casesPath: "exports/cases.csv", asOf: asOf).run(p, source: try CSVReader(file: "exports/cases.csv", input: MemoryInput(Array(csv.utf8))))
        return (r, p)
    }

    /// The two violations' check lines: the hostile case breached, `plain` overdue.
    static func expectedLines(_ r: EvaluationReport) throws -> [String] {
        let v = r.findings.filter(CheckGate().counts)
        #expect(v.map(\.subject) == [hostileID, "plain"])
        #expect(v.map(\.status) == [.breached, .overdue])
        return v.map { CheckLine.render($0, .en) }
    }

    /// What XML 1.0 can carry of `s`.
    static func xmlSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { XMLText.isAllowed($0) ? $0 : "\u{FFFD}" }))
    }

    @Test func junitCarriesHostileTextIntact() throws {
        let (r, p) = try Self.run()
        let lines = try Self.expectedLines(r)
        let text = try CheckFormat.junit.render(r, policy: p, gate: CheckGate())
        #expect(!text.contains("<script>") && !text.contains("]]>") && !text.contains("\u{1}") && !text.contains("\u{1B}"))
        let doc = try CIRead.xml(text)
        let failures = try CIRead.elements(doc, "//failure")
        #expect(failures.count == 2)
        // Attributes keep their line breaks (written as references); controls become U+FFFD.
        #expect(failures.compactMap { CIRead.string($0, "message") } == lines.map(Self.xmlSafe))
        #expect(failures[0].stringValue?.hasPrefix(Self.xmlSafe(lines[0]) + "\n") == true)
        let title = try #require(try CIRead.elements(doc, "//testcase/properties/property[@name='title']").first)
        #expect(CIRead.string(title, "value") == "<b>reply</b> & \"quoted\" ]]> 100% a,b:c \u{FFFD} end")
        #expect(try CIRead.elements(doc, "//testcase[@name='reply']").count == 1)
    }

    @Test func sarifCarriesHostileTextAndTheShiftedLine() throws {
        let (r, p) = try Self.run()
        let lines = try Self.expectedLines(r)
        let log = try CIRead.json(try CheckFormat.sarif.render(r, policy: p, gate: CheckGate()))
        let results = try CIRead.results(log)
        #expect(results.compactMap { ($0["message"] as? [String: Any])?["text"] as? String } == lines)
        let places = try results.map { try CIRead.place(try #require(($0["locations"] as? [[String: Any]])?.first)) }
        #expect(places.map(\.line) == [2, 4])
        #expect(places.allSatisfy { $0.uri == "exports/cases.csv" })
        let title = try #require((try CIRead.rules(log).first?["properties"] as? [String: Any])?["title"] as? String)
        #expect(title == "<b>reply</b> & \"quoted\" ]]> 100% a,b:c \u{1} end")
    }

    @Test func githubKeepsEachAnnotationOnOneLine() throws {
        let (r, p) = try Self.run()
        let lines = try Self.expectedLines(r)
        let text = try CheckFormat.github.render(r, policy: p, gate: CheckGate())
        let annotations = text.split(separator: "\n").map(String.init)
        #expect(annotations.count == 2)
        // The title property escapes `:` and `,`; the message only `%`, CR and LF.
        #expect(annotations[0].hasPrefix("::error file=exports/cases.csv,line=2,title=reply (§ 1.1 <&>)::"))
        #expect(annotations[1].hasPrefix("::error file=exports/cases.csv,line=4,title=reply (§ 1.1 <&>)::plain reply"))
        let message = String(annotations[0].dropFirst(annotations[0].range(of: ")::")!.upperBound.utf16Offset(in: annotations[0])))
        #expect(!message.contains("\n") && message.contains("50%25,x:y%0Asecond line"))
        #expect(Self.unescape(message) == lines[0])
    }

    /// GitHub's runner's unescaping of a command's data.
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%25", with: "%")
    }

    @Test func githubEscapesProperties() {
        #expect(GitHubAnnotations.escapeProperty("a,b:c%d\r\ne") == "a%2Cb%3Ac%25d%0D%0Ae")
        #expect(GitHubAnnotations.escapeData("a,b:c%d\r\ne") == "a,b:c%25d%0D%0Ae")
        #expect(GitHubAnnotations.command("warning", [("file", "x,y.csv"), ("line", "3"), ("title", "r (§ 1:2)")], message: "100% done\n")
                == "::warning file=x%2Cy.csv,line=3,title=r (§ 1%3A2)::100%25 done%0A")
    }

    @Test func xmlTextEscapesWhatEndsMarkupAndDropsWhatXMLCannotHold() throws {
        #expect(XMLText.content("a<b>&c]]>d\"e'\r\n\tf") == "a&lt;b&gt;&amp;c]]&gt;d\"e'&#13;\n\tf")
        #expect(XMLText.attribute("a<b>&c\"d'\r\n\te") == "a&lt;b&gt;&amp;c&quot;d'&#13;&#10;&#9;e")
        #expect(XMLText.content("x\u{0}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}y\u{7F}\u{10FFFF}") == "x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}y\u{7F}\u{10FFFF}")
        // Round trip through a parser, every character XML 1.0 allows kept.
        let hostile = "<![CDATA[ ]]> &amp; \"'\r\n\t\u{85}\u{2028}汉字😀"
        let doc = try CIRead.xml("<r a=\"\(XMLText.attribute(hostile))\">\(XMLText.content(hostile))</r>")
        #expect(CIRead.string(try #require(doc.rootElement()), "a") == hostile)
        #expect(doc.rootElement()?.stringValue == hostile)
    }
}
