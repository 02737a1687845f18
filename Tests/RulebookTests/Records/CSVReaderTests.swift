import Foundation
import Testing
@testable import Rulebook

/// Expected records, as Python's csv module reads them (see make_csv_cases.py).
struct CSVCase: Decodable, CustomTestStringConvertible {
    var name: String
    var file: String
    var encoding: String
    var rows: [[String]]
    var lines: [Int]
    var rowNumbers: [Int]
    var testDescription: String { name }

    static func all() throws -> [CSVCase] {
        try JSONDecoder().decode([CSVCase].self, from: Data(Fixtures.bytes("csv_expected.json")))
    }
}

@Suite struct CSVReaderTests {
    static let cases = (try? CSVCase.all()) ?? []

    @Test func fixturesWereFound() { #expect(Self.cases.count >= 14) }

    /// Field for field against Python, with reads of every size from 1 byte (every record
    /// straddles reads) to 7 bytes to the default 1 MiB.
    @Test(arguments: cases, [1, 7, 1 << 20])
    func matchesPythonCSV(_ c: CSVCase, chunkSize: Int) throws {
        let bytes = try Fixtures.bytes("csv/" + c.file)
        let encoding = try #require(InputEncoding(name: c.encoding))
        let input = encoding.utf8Input(MemoryInput(bytes, maxRead: chunkSize), file: c.file)
        var reader = try CSVReader(file: c.file, input: input, chunkSize: chunkSize, encodingGiven: encoding != .utf8)
        let got = try readAll(&reader, includeHeader: true)
        #expect(got.map(\.fields) == c.rows)
        #expect(got.map(\.row) == c.rowNumbers)
        #expect(got.map(\.line) == c.lines)
    }

    @Test func headerAndFieldsWithChineseText() throws {
        var r = try csv("投诉编号,接收时间\nC1,2026-01-05 09:15\n")
        #expect(r.columnNames == ["投诉编号", "接收时间"])
        let rec = try #require(try r.next())
        #expect(rec.row == 2)
        #expect(rec.string(1) == "2026-01-05 09:15")
        #expect(TimestampParser.parse(rec.bytes(1)) != nil)
        #expect(rec.kind(0) == .text)
        #expect(rec.location(ofColumn: 1) == SourceLocation(file: "t.csv", line: 2, column: 4))
        #expect(try r.next() == nil)
    }

    @Test func unusedColumnsAreNotUnescapedOrValidated() throws {
        var r = try csv("a,b\n\"x\"\"y\",\u{FF}\n".replacingOccurrences(of: "\u{FF}", with: "z"))
        r.decodeOnly([true, false])
        let rec = try #require(try r.next())
        #expect(rec.string(0) == "x\"y")
    }

    @Test func unterminatedQuoteAtEndOfFile() {
        #expect(csvErrors("投诉编号,接收时间\nC1,\"2026-01-05\nC2,x\n") == [
            "t.csv:2:4: error: row 2, column 2 (接收时间): quoted field is not closed before the end of the file",
        ])
    }

    @Test func quoteInsideUnquotedField() {
        #expect(csvErrors("a,b\n1,2\nab,c\"d\n", chunkSize: 3) == [
            "t.csv:3:5: error: row 3, column 2 (b): quote inside an unquoted field (quote the whole field and double the quote: \"\")",
        ])
    }

    @Test func textAfterClosingQuote() {
        #expect(csvErrors("a,b\n\"x\ny\"z,1\n") == [
            "t.csv:3:3: error: row 2, column 1 (a): text after a closing quote (expected ',' or the end of the line)",
        ])
    }

    @Test func tooManyAndTooFewFields() {
        #expect(csvErrors("a,b,c\n1,2,3,4\n") == ["t.csv:2:7: error: row 2 has 4 fields but the header has 3"])
        #expect(csvErrors("a,b,c\n1,2,3\n\n\"x\",y\n") == [
            "t.csv:4:6: error: row 4 has 2 fields but the header has 3 (no value for 'c')",
        ])
        #expect(csvErrors("a,b,c\n1,\"x\ny\"\n") == [
            "t.csv:3:3: error: row 2 has 2 fields but the header has 3 (no value for 'c')",
        ])
    }

    @Test func invalidUTF8NamesRowAndColumn() {
        let bytes: [UInt8] = Array("编号,说明\nC1,ok\nC2,".utf8) + [0xB2, 0xE2] + Array("\n".utf8)
        let messages = errorMessages {
            var r = try CSVReader(file: "t.csv", input: MemoryInput(bytes))
            _ = try readAll(&r, includeHeader: false)
        }
        #expect(messages == [
            "t.csv:3:4: error: row 3, column 2 (说明): invalid UTF-8 (byte 0xB2); if the file is GB18030 or GBK, pass --encoding gb18030",
        ])
    }

    @Test func emptyFileHasNoHeader() {
        #expect(csvErrors("") == ["t.csv:1:1: error: empty file: expected a header row"])
        #expect(csvErrors("\u{FEFF}") == ["t.csv:1:1: error: empty file: expected a header row"])
    }

    @Test func gb18030RoundTripAndBadBytes() throws {
        let text = "投诉编号,描述\nC1,“客户”😀䶮\n"
        let gb = try #require(text.data(using: GB18030Input.encoding))
        let input = InputEncoding.gb18030.utf8Input(MemoryInput(Array(gb), maxRead: 5), file: "g.csv")
        var r = try CSVReader(file: "g.csv", input: input, chunkSize: 5, encodingGiven: true)
        #expect(try readAll(&r, includeHeader: true).map(\.fields) == [["投诉编号", "描述"], ["C1", "“客户”😀䶮"]])

        // 0x81 0x20 is not a GB18030 sequence: the error names the line and the byte offset.
        let bad = Array("a,b\n1,2\n3,".utf8) + [0x81, 0x20] + [0x0A] + Array("4,5\n".utf8)
        func messages(useIconv: Bool, chunkSize: Int) -> [String] {
            errorMessages {
                let input = GB18030Input(MemoryInput(bad, maxRead: chunkSize), file: "g.csv", chunkSize: chunkSize, useIconv: useIconv)
                var r = try CSVReader(file: "g.csv", input: input, chunkSize: chunkSize, encodingGiven: true)
                _ = try readAll(&r, includeHeader: false)
            }
        }
        // iconv knows the bad byte; the Foundation fallback only the line (so its start).
        #expect(messages(useIconv: true, chunkSize: 1 << 20) == ["g.csv:3:1: error: invalid GB18030 bytes in line 3 (near byte offset 10)"])
        #expect(messages(useIconv: true, chunkSize: 3) == ["g.csv:3:1: error: invalid GB18030 bytes in line 3 (near byte offset 10)"])
        #expect(messages(useIconv: false, chunkSize: 1 << 20) == ["g.csv:3:1: error: invalid GB18030 bytes in line 3 (near byte offset 8)"])
    }

    @Test func gb18030FoundationFallbackDecodesTheSame() throws {
        let bytes = try Fixtures.bytes("csv/gb18030_basic.csv")
        func read(useIconv: Bool) throws -> [[String]] {
            var r = try CSVReader(file: "g.csv", input: GB18030Input(MemoryInput(bytes), file: "g.csv", useIconv: useIconv))
            return try readAll(&r, includeHeader: true).map(\.fields)
        }
        #expect(try read(useIconv: false) == read(useIconv: true))
        #expect(try read(useIconv: false)[2][2] == "😀䶮€")
    }

    @Test func encodingNames() {
        #expect(InputEncoding(name: "GBK") == .gb18030)
        #expect(InputEncoding(name: "gb18030") == .gb18030)
        #expect(InputEncoding(name: "UTF-8") == .utf8)
        #expect(InputEncoding(name: "latin1") == nil)
    }

    @Test func readsFromAFile() throws {
        let path = Fixtures.directory.appendingPathComponent("csv/bom_crlf.csv").path
        var r = try CSVReader(file: "bom_crlf.csv", input: FileInput(path: path))
        #expect(r.columnNames == ["投诉编号", "接收时间"])
        #expect(try readAll(&r, includeHeader: false).count == 2)
        #expect(errorMessages { _ = try FileInput(path: "/nonexistent/x.csv") }
            == ["/nonexistent/x.csv:1:1: error: cannot open: No such file or directory"])
    }
}

@Suite struct UTF8CheckTests {
    func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Check.firstInvalid($0, from: 0, to: bytes.count) }
    }

    @Test func agreesWithTheStandardLibrary() {
        let samples: [[UInt8]] = [
            Array("plain ascii text longer than eight".utf8), Array("投诉编号😀䶮é€".utf8),
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE6, 0x8A],
            Array("abcdefgh".utf8) + [0xFF], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xEF, 0xBF, 0xBF],
        ]
        for s in samples {
            #expect((firstInvalid(s) == nil) == (String(validating: s, as: UTF8.self) != nil), "\(s)")
        }
        #expect(firstInvalid(Array("abcdefgh".utf8) + [0xFF]) == 8)
    }
}
