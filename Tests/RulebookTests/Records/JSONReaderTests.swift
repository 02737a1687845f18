import Testing
@testable import Rulebook

func jsonl(_ text: String, chunkSize: Int = 1 << 20) throws -> JSONLinesReader {
    try JSONLinesReader(file: "t.jsonl", input: MemoryInput(Array(text.utf8), maxRead: chunkSize), chunkSize: chunkSize)
}

func jsonArray(_ text: String) throws -> JSONArrayReader {
    try JSONArrayReader(file: "t.json", input: MemoryInput(Array(text.utf8)))
}

func jsonlErrors(_ text: String) -> [String] {
    errorMessages { var r = try jsonl(text); _ = try readAll(&r, includeHeader: false) }
}

func jsonArrayErrors(_ text: String) -> [String] {
    errorMessages { var r = try jsonArray(text); _ = try readAll(&r, includeHeader: false) }
}

@Suite struct JSONReaderTests {
    @Test func jsonLinesHappyPath() throws {
        var r = try jsonl("""
        {"投诉编号": "C1", "金额": 120.50, "vip": true, "备注": null, "tags": ["a", {"b": 1}], "extra": {"x": [1, 2]}}

        \t
        {"金额": -0.5e+3, "投诉编号": "C\\"2\\" \\u6295\\ud83d\\ude00", "vip": false}
        """)
        let first = try #require(try r.next())
        #expect(first.row == 1 && first.line == 1)
        #expect(r.columnNames == ["投诉编号", "金额", "vip", "备注", "tags", "extra"])
        #expect(first.string(0) == "C1")
        #expect(first.kind(1) == .number && first.string(1) == "120.50")  // as written, exact
        #expect(first.kind(2) == .bool && first.string(2) == "true")
        #expect(first.kind(3) == .null)
        #expect(first.kind(4) == .array && first.kind(5) == .object)
        #expect(first.location(ofColumn: 1) == SourceLocation(file: "t.jsonl", line: 1, column: 22))

        let second = try #require(try r.next())
        #expect(second.row == 4 && second.line == 4)
        #expect(second.string(0) == "C\"2\" 投😀")
        #expect(second.kind(0) == .text)
        #expect(second.string(1) == "-0.5e+3")
        #expect(second.kind(2) == .bool && second.string(2) == "false")
        #expect(second.kind(3) == nil && second.kind(4) == nil)  // keys absent from this object
        #expect(try r.next() == nil)
    }

    @Test func jsonArrayHappyPath() throws {
        var r = try jsonArray("""
        [
          {"投诉编号": "C1", "金额": "12.00"},
          {
            "金额": 3, "投诉编号": "C2"
          }
        ]

        """)
        let got = try readAll(&r, includeHeader: false)
        #expect(got == [
            ReadRecord(fields: ["C1", "12.00"], row: 1, line: 2),
            ReadRecord(fields: ["C2", "3"], row: 2, line: 3),
        ])
        var empty = try jsonArray(" [ ] ")
        #expect(try empty.next() == nil)
    }

    @Test func jsonArrayRecordLocations() throws {
        var r = try jsonArray("[{\"a\": 1},\n {\"b\":\n   \"x\"}]")
        _ = try r.next()
        let second = try #require(try r.next())
        #expect(second.location == SourceLocation(file: "t.json", line: 2, column: 1))
        #expect(second.location(ofColumn: 1) == SourceLocation(file: "t.json", line: 3, column: 4))
    }

    @Test func jsonLinesErrorMessages() {
        #expect(jsonlErrors("{\"a\": 1}\n[1]\n") == ["t.jsonl:2:1: error: expected '{': each line of a JSON Lines file must be one object"])
        #expect(jsonlErrors("{\"a\": 1} x\n") == ["t.jsonl:1:10: error: unexpected text after the object"])
        #expect(jsonlErrors("{\"a\":\n 1}") == ["t.jsonl:1:6: error: line ends inside the object (JSON Lines needs one object per line)"])
        #expect(jsonlErrors("{\"a\": 1, \"a\": 2}") == ["t.jsonl:1:10: error: duplicate key 'a' in the object"])
        #expect(jsonlErrors("{\"a\" 1}") == ["t.jsonl:1:6: error: expected ':' after the key"])
        #expect(jsonlErrors("{\"a\": 1 \"b\": 2}") == ["t.jsonl:1:9: error: expected ',' or '}' in the object"])
        #expect(jsonlErrors("{\"a\": 1,}") == ["t.jsonl:1:9: error: expected a string key"])
        #expect(jsonlErrors("{a: 1}") == ["t.jsonl:1:2: error: expected a string key"])
        #expect(jsonlErrors("{\"a\": ") == ["t.jsonl:1:7: error: unexpected end of input; expected a value"])
        #expect(jsonlErrors("{\"a\": tru}") == ["t.jsonl:1:7: error: invalid literal (expected true, false or null)"])
        #expect(jsonlErrors("{\"a\": +1}") == ["t.jsonl:1:7: error: expected a value"])
        #expect(jsonlErrors("{\"a\": 01}") == ["t.jsonl:1:7: error: invalid number"])
        #expect(jsonlErrors("{\"a\": 1.}") == ["t.jsonl:1:7: error: invalid number"])
        #expect(jsonlErrors("{\"a\": -}") == ["t.jsonl:1:7: error: invalid number"])
        #expect(jsonlErrors("{\"a\": 1e}") == ["t.jsonl:1:7: error: invalid number"])
        #expect(jsonlErrors("{\"金额\": \"x") == ["t.jsonl:1:8: error: unterminated string"])
        #expect(jsonlErrors("{\"a\": \"x\ty\"}") == ["t.jsonl:1:9: error: control character U+0009 in a string must be escaped"])
        #expect(jsonlErrors("{\"a\": \"\\q\"}") == ["t.jsonl:1:8: error: invalid escape '\\q' in a string"])
        #expect(jsonlErrors("{\"a\": \"\\u12G4\"}") == ["t.jsonl:1:8: error: \\u needs four hex digits"])
        #expect(jsonlErrors("{\"a\": \"\\ud83d x\"}") == ["t.jsonl:1:8: error: unpaired surrogate \\uD83D"])
        #expect(jsonlErrors("{\"a\": \"\\ude00\"}") == ["t.jsonl:1:8: error: unpaired surrogate \\uDE00"])
        #expect(jsonlErrors("{\"a\": [1, 2}") == ["t.jsonl:1:12: error: expected ',' or ']' in the array"])
        #expect(jsonlErrors("{\"a\": {\"b\" 1}}") == ["t.jsonl:1:12: error: expected ':' after the key"])
        #expect(jsonlErrors(String(repeating: "{\"a\":", count: 1) + String(repeating: "[", count: 600)) ==
            ["t.jsonl:1:518: error: nesting deeper than 512 levels"])
    }

    @Test func invalidUTF8InAString() {
        let bytes = Array("{\"名\": \"ab".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect(errorMessages {
            var r = try JSONLinesReader(file: "t.jsonl", input: MemoryInput(bytes))
            _ = try r.next()
        } == ["t.jsonl:1:10: error: invalid UTF-8 in a string"])
    }

    @Test func jsonArrayErrorMessages() {
        #expect(jsonArrayErrors("{\"a\": 1}") == ["t.json:1:1: error: expected '[': the file must hold one JSON array of objects"])
        #expect(jsonArrayErrors("") == ["t.json:1:1: error: unexpected end of input; expected '[': the file must hold one JSON array of objects"])
        #expect(jsonArrayErrors("[{\"a\": 1}\n {\"a\": 2}]") == ["t.json:2:2: error: expected ',' or ']' after an array element"])
        #expect(jsonArrayErrors("[{\"a\": 1},\n 2]") == ["t.json:2:2: error: expected '{': each array element must be an object"])
        #expect(jsonArrayErrors("[{\"a\": 1},]") == ["t.json:1:11: error: expected '{': each array element must be an object"])
        #expect(jsonArrayErrors("[{\"a\": 1}] x") == ["t.json:1:12: error: unexpected text after the array"])
        #expect(jsonArrayErrors("[{\"a\": 1}") == ["t.json:1:10: error: unexpected end of input; expected ',' or ']' after an array element"])
        #expect(jsonArrayErrors("[\n  {\"a\": 1,\n   \"b\": [}\n]") == ["t.json:3:10: error: expected a value"])
    }
}

@Suite struct JSONLinesStreamingTests {
    static let text = "\u{FEFF}{\"投诉编号\": \"C1\", \"n\": 1}\r\n\n  \n{\"n\": 2.50, \"投诉编号\": \"C\\u0032\"}\n{\"n\": null}"

    /// Lines straddling reads of every size give the same records as one big read.
    @Test(arguments: [1, 2, 3, 7, 64])
    func sameRecordsWhateverTheReadSize(_ chunkSize: Int) throws {
        var small = try jsonl(Self.text, chunkSize: chunkSize)
        var big = try jsonl(Self.text)
        let expected = try readAll(&big, includeHeader: false)
        #expect(expected == [
            ReadRecord(fields: ["C1", "1"], row: 1, line: 1),
            ReadRecord(fields: ["C2", "2.50"], row: 4, line: 4),
            ReadRecord(fields: ["", "null"], row: 5, line: 5),
        ])
        #expect(try readAll(&small, includeHeader: false) == expected)
    }

    @Test func errorAfterAStraddledLine() {
        #expect(errorMessages {
            var r = try jsonl("{\"a\": 1}\n{\"a\": 2,}\n", chunkSize: 3)
            _ = try readAll(&r, includeHeader: false)
        } == ["t.jsonl:2:9: error: expected a string key"])
    }
}

@Suite struct JSONKeyTableTests {
    @Test func emptyAndReorderedKeys() throws {
        var r = try jsonl("{\"\": 1, \"a\": 2}\n{\"a\": 3, \"\": 4}\n{\"\": 5}\n")
        let got = try readAll(&r, includeHeader: false).map(\.fields)
        #expect(r.columnNames == ["", "a"])
        #expect(got == [["1", "2"], ["4", "3"], ["5", ""]])
    }

    @Test func readAllUsesTheFileSize() throws {
        var input = try FileInput(path: Fixtures.directory.appendingPathComponent("csv_expected.json").path)
        let size = try #require(input.sizeHint)
        #expect(try input.readAll(chunkSize: 7)?.count == size)
        var memory = MemoryInput(Array(repeating: 65, count: 100), maxRead: 3)
        #expect(try memory.readAll(chunkSize: 7)?.count == 100)
        var capped = MemoryInput(Array(repeating: 65, count: 100), maxRead: 3)
        #expect(try capped.readAll(limit: 99, chunkSize: 7) == nil)
        var exact = MemoryInput(Array(repeating: 65, count: 100), maxRead: 3)
        #expect(try exact.readAll(limit: 100, chunkSize: 7)?.count == 100)
    }
}
