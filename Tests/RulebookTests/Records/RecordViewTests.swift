import Testing
@testable import Rulebook

/// `RecordView` (the decoder's access to a row) reads the same bytes as `RawRecord.bytes`, and
/// the CSV reader's record-wide UTF-8 check reports what the field-by-field one did.
@Suite struct RecordViewTests {
    static func viewMatchesBytes(_ record: RawRecord, columns: Int) {
        record.withView { view in
            for c in 0..<columns {
                #expect(view.kind(c) == record.kind(c))
                #expect(Array(view.bytes(c)) == Array(record.bytes(c)))
            }
        }
    }

    @Test func csvFieldsQuotedEscapedEmptyAndLong() throws {
        let long = String(repeating: "长", count: 5000)
        var r = try csv("a,b,c,d\n\"x\"\"y\",,\"\(long)\",\"多\n行\"\n", chunkSize: 7)
        let rec = try #require(try r.next())
        Self.viewMatchesBytes(rec, columns: 6)  // two past the end: absent
        rec.withView { #expect(Array($0.bytes(0)) == Array("x\"y".utf8)) }
    }

    @Test func jsonDecodedStringsAndMissingKeys() throws {
        let text = "{\"a\":\"x\\u00e9\\\"y\",\"b\":12.50,\"c\":null}\n{\"b\":true}\n"
        var r = try JSONLinesReader(file: "t.jsonl", input: MemoryInput(Array(text.utf8)))
        while let rec = try r.next() { Self.viewMatchesBytes(rec, columns: 4) }
    }

    @Test func invalidUTF8InAnUnusedColumnIsNoError() throws {
        let bytes: [UInt8] = Array("a,b,c\nok,".utf8) + [0xFF] + Array(",fine\n".utf8)
        var r = try CSVReader(file: "t.csv", input: MemoryInput(bytes))
        r.decodeOnly([true, false, true])
        let rec = try #require(try r.next())
        #expect(rec.string(2) == "fine")
    }

    @Test func invalidUTF8IsFoundInTheFirstUsedColumnHoldingIt() {
        // Bad bytes in an unused column (b), then in a used one (c, escaped): c is named.
        let bytes: [UInt8] = Array("a,b,c\nok,".utf8) + [0xFF] + Array(",\"q\"\"".utf8) + [0xE4, 0xB8] + Array("\"\n".utf8)
        let messages = errorMessages {
            var r = try CSVReader(file: "t.csv", input: MemoryInput(bytes))
            r.decodeOnly([true, false, true])
            _ = try readAll(&r, includeHeader: false)
        }
        #expect(messages == ["t.csv:2:9: error: row 2, column 3 (c): invalid UTF-8 (byte 0xE4); if the file is GB18030 or GBK, pass --encoding gb18030"])
    }
}
