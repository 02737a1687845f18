import Testing
@testable import Rulebook

@Suite struct YAMLReaderTests {
    func read(_ text: String, limits: YAMLLimits = .default) throws -> [YAMLNode] {
        try YAMLReader.documents(Array(text.utf8), file: "t.yaml", limits: limits)
    }

    func errors(_ text: String, limits: YAMLLimits = .default) -> [String] {
        do {
            _ = try read(text, limits: limits)
            return []
        } catch let e as DiagnosticError {
            return e.diagnostics.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func scalarsCarryLineAndColumn() throws {
        let doc = try read("policy: s1\nfields:\n  case_id: { type: string }\n")[0]
        let fields = try #require(doc["fields"])
        #expect(fields.location == SourceLocation(file: "t.yaml", line: 3, column: 3))
        let caseID = try #require(fields.mapping?.first)
        #expect(caseID.key.location.line == 3)
        #expect(caseID.key.location.column == 3)
        #expect(caseID.value["type"]?.scalar == "string")
        #expect(caseID.value["type"]?.location == SourceLocation(file: "t.yaml", line: 3, column: 20))
    }

    @Test func chineseTextKeepsColumnsInScalars() throws {
        let doc = try read("column: [投诉编号, 接收时间]\ntitle: 客户投诉处理流程\n")[0]
        let cols = try #require(doc["column"]?.sequence)
        #expect(cols.map { $0.scalar } == ["投诉编号", "接收时间"])
        // Columns count Unicode scalars: 投诉编号 is four wide, then ", ".
        #expect(cols[1].location.column == 16)
        #expect(doc["title"]?.scalar == "客户投诉处理流程")
    }

    @Test func duplicateKeyIsReportedAtTheSecondKey() {
        #expect(errors("a: 1\nb: 2\na: 3\n") == ["t.yaml:3:1: error: duplicate key 'a' (first defined at 1:1)"])
    }

    @Test func everyDuplicateIsReported() {
        let e = errors("a: 1\na: 2\nm:\n  x: 1\n  x: 2\n")
        #expect(e == ["t.yaml:2:1: error: duplicate key 'a' (first defined at 1:1)",
                      "t.yaml:5:3: error: duplicate key 'x' (first defined at 4:3)"])
    }

    @Test func malformedYAMLNamesTheSpot() {
        let e = errors("a: [1, 2\nb: 3\n")
        #expect(e.count == 1)
        #expect(e[0].hasPrefix("t.yaml:2:2: error: invalid YAML: did not find expected ',' or ']'"))
    }

    @Test func tabIndentationGetsAHint() {
        let e = errors("a:\n\tb: 1\n")
        #expect(e.count == 1)
        #expect(e[0].hasPrefix("t.yaml:2:1: error: invalid YAML:"))
        #expect(e[0].hasSuffix("tabs cannot indent YAML, use spaces"))
    }

    @Test func anchorsAndAliasesResolveToTheAnchoredValue() throws {
        let doc = try read("base: &b { amount: 20 CNY }\nother: *b\n")[0]
        #expect(doc["other"]?["amount"]?.scalar == "20 CNY")
        // The alias node sits where the alias was written.
        #expect(doc["other"]?.location.line == 2)
        #expect(doc["other"]?.location.column == 8)
    }

    @Test func unknownAliasIsAnError() {
        #expect(errors("a: *nope\n") == ["t.yaml:1:4: error: unknown alias '*nope'"])
    }

    @Test func aliasBombIsRefusedQuickly() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        var e: [String] = []
        let elapsed = clock.measure { e = errors(text) }
        #expect(e.count == 1)
        #expect(e.first?.contains("refusing to expand") == true)
        #expect(elapsed < .seconds(2))
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let e = errors(text)
        #expect(e.count == 1)
        #expect(e.first?.contains("nesting deeper than 64 levels") == true)
    }

    @Test func multiDocumentFilesYieldEveryDocument() throws {
        let docs = try read("a: 1\n---\nb: 2\n---\nc: 3\n")
        #expect(docs.count == 3)
        #expect(docs[2]["c"]?.location.line == 5)
    }

    @Test func singleDocumentRefusesASecondOne() {
        #expect(throws: DiagnosticError.self) {
            _ = try YAMLReader.singleDocument(Array("a: 1\n---\nb: 2\n".utf8), file: "t.yaml")
        }
        do {
            _ = try YAMLReader.singleDocument(Array("a: 1\n---\nb: 2\n".utf8), file: "t.yaml")
        } catch let e as DiagnosticError {
            #expect(e.description == "t.yaml:2:1: error: expected one YAML document, found 2; remove the '---' separators")
        } catch {}
    }

    @Test func emptyFileIsAnError() {
        do {
            _ = try YAMLReader.singleDocument([], file: "t.yaml")
            Issue.record("expected an error")
        } catch let e as DiagnosticError {
            #expect(e.description == "t.yaml:1:1: error: the file is empty; expected a YAML mapping")
        } catch {}
    }

    @Test func scalarsStayStringsWithTheirStyle() throws {
        let doc = try read("a: no\nb: 'no'\nc: ~\nd:\ne: \"x\"\n")[0]
        #expect(doc["a"]?.scalar == "no")
        #expect(doc["a"]?.style == .plain)
        #expect(doc["b"]?.style == .singleQuoted)
        #expect(doc["c"]?.isNull == true)
        #expect(doc["d"]?.isNull == true)
        #expect(doc["e"]?.isNull == false)
    }

    @Test func complexKeysAreRefused() {
        let e = errors("? [a, b]\n: 1\n")
        #expect(e.first?.contains("a mapping key must be a plain value") == true)
    }

    @Test func contentOffsetsPointInsideScalars() throws {
        let doc = try read("when: severity == \"major\"\nq: 'a == b'\nblock: |\n  first line\n  x > 1\n")[0]
        let when = try #require(doc["when"])
        #expect(when.location(ofContentOffset: 12) == SourceLocation(file: "t.yaml", line: 1, column: 19))
        let q = try #require(doc["q"])
        #expect(q.location(ofContentOffset: 2) == SourceLocation(file: "t.yaml", line: 2, column: 7))
        let block = try #require(doc["block"])
        // "first line\n" is 11 scalars; offset 13 is the '>' of line 5.
        #expect(block.location(ofContentOffset: 13) == SourceLocation(file: "t.yaml", line: 5, column: 5))
    }
}
