import Foundation
import Testing
@testable import Rulebook

/// A row's fields copied out of the reader (`FieldTexts`) and decoded later, on another
/// thread, give what decoding the record where it was read gives: the same values, the same
/// error, the same salvage, for CSV (quoted, escaped, multi-line) and JSON (escaped strings,
/// missing keys) alike, whatever else the batch holds.
@Suite struct FieldTextsTests {
    /// Per record: its values or its error's message and column, and what salvage reads.
    struct Decoded: Equatable {
        var values: [Value]?
        var error: String?
        var salvaged: [Value]
        var unreadable: Set<String>
    }

    static func describe(_ body: () throws -> [Value]) -> (values: [Value]?, error: String?) {
        do {
            return (try body(), nil)
        } catch let e as DecodeError {
            return (nil, "\(e.column ?? "-"): \(e.message)")
        } catch {
            return (nil, "unexpected \(error)")
        }
    }

    /// Every record of `file`, decoded where read and from a batch copied as read.
    /// `rollingBack`: every record is copied a second time and that copy rolled back (a
    /// repeated case id found once its row was copied), which must leave nothing behind.
    static func both(_ file: String, text: [UInt8]? = nil, rollingBack: Bool = false) throws -> (direct: [Decoded], copied: [Decoded]) {
        _ = Paths.root
        let policy = try PolicyCompiler.compile(path: "rules/s1-complaint-handling.yaml")
        let decoder = FieldDecoder(policy: policy)
        let bytes = try text ?? Array(Data(contentsOf: URL(fileURLWithPath: file)))
        let source: any RecordSource
        if file.hasSuffix(".jsonl") {
            source = try JSONLinesReader(file: file, input: MemoryInput(bytes, maxRead: 300), chunkSize: 300)
        } else if file.hasSuffix(".json") {
            source = try JSONArrayReader(file: file, input: MemoryInput(bytes, maxRead: 300))
        } else {
            source = try CSVReader(file: file, input: MemoryInput(bytes, maxRead: 300), chunkSize: 300)
        }
        var direct: [Decoded] = []
        var texts = FieldTexts(width: policy.fields.count, rows: 4)
        var headers: [String] = []
        func read<S: RecordSource>(_ source: S) throws {
            var bound = try BoundRecords(source, wanted: decoder.wanted)
            while let record = try bound.next() {
                let d = describe { try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames) }
                let s = decoder.salvage(record, columns: bound.columns, headers: bound.source.columnNames)
                direct.append(Decoded(values: d.values, error: d.error, salvaged: s.values, unreadable: s.unreadable))
                texts.append(record, columns: bound.columns)
                if rollingBack {
                    let mark = texts.mark
                    texts.append(record, columns: bound.columns)
                    texts.rollback(to: mark)
                }
                headers = bound.source.columnNames
            }
        }
        try read(source)
        let copied = (0..<texts.count).map { r in
            let d = describe {
                var row = [Value](repeating: .string("left over"), count: policy.fields.count)
                try row.withUnsafeMutableBufferPointer { try decoder.decode(texts, row: r, headers: headers, replacing: $0) }
                return row
            }
            let s = decoder.salvage(texts, row: r, headers: headers)
            return Decoded(values: d.values, error: d.error, salvaged: s.values, unreadable: s.unreadable)
        }
        return (direct, copied)
    }

    @Test(arguments: ["cases.csv", "cases.jsonl", "bad/bad-date.csv", "bad/bad-boolean.csv", "bad/unknown-enum.csv",
                      "bad/missing-required.csv", "bad/mixed.csv", "bad/backwards.csv"])
    func copiedRowsDecodeAsReadRows(_ name: String) throws {
        let (direct, copied) = try Self.both("fixtures/s1/" + name)
        #expect(direct.count >= 3 && direct.count == copied.count)
        #expect(direct == copied)
        let (_, rolled) = try Self.both("fixtures/s1/" + name, rollingBack: true)
        #expect(rolled == copied)
        if name.hasPrefix("bad/bad") || name.hasPrefix("bad/unknown") || name.hasPrefix("bad/missing") {
            #expect(direct.contains { $0.error != nil }, "the fixture has a row that fails to decode")
        }
    }

    /// A file's lines (CRLF or LF).
    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Escaped quotes, a line break in a quoted cell, a blank-padded value, an unused quoted
    /// column; JSON escapes and a key left out.
    @Test func escapesAndAbsentFieldsSurviveTheCopy() throws {
        _ = Paths.root
        let lines = try Self.lines("fixtures/s1/cases.csv")
        let header = lines[0]
        let row = lines[1].replacingOccurrences(of: "2609-01,", with: "\"26\"\"09-01\",")
            .replacingOccurrences(of: ",生产部,", with: ",\"生产\n部\",")
            .replacingOccurrences(of: ",张伟,", with: ", 张伟 ,")
        #expect(row != lines[1])
        let csv = [header, row, lines[2], row.replacingOccurrences(of: "09-01", with: "09-99")].joined(separator: "\n") + "\n"
        let (direct, copied) = try Self.both("escaped.csv", text: Array(csv.utf8))
        #expect(direct.count == 3 && direct == copied)
        #expect(direct[0].values?.first == .string("26\"09-01") && direct[0].values?.contains(.department("生产\n部")) == true)
        #expect(direct[0].values?.contains(.person("张伟")) == true)

        let json = try Self.lines("fixtures/s1/cases.jsonl")
        let escaped = json[0].replacingOccurrences(of: "\"投诉编号\": \"2609-01\"", with: "\"投诉编号\": \"\\u0032609-\\\"01\"")
            .replacingOccurrences(of: "\"通知相关部门时间\": \"2026-09-07 10:00\", ", with: "")
        #expect(escaped != json[0] && !escaped.contains("通知相关部门时间"))
        let (jd, jc) = try Self.both("escaped.jsonl", text: Array(([escaped] + json.dropFirst()).joined(separator: "\n").utf8))
        #expect(jd.count > 3 && jd == jc)
        #expect(jd[0].values?.first == .string("2609-\"01"))
    }

    /// A JSON array on one line, longer than the text a row holds from its line's start
    /// (`FieldTexts.lineTextLimit`): later rows hold only their fields' stretch, an escaped
    /// value among them.
    @Test func rowsFarIntoALongLineHoldTheirFieldsOnly() throws {
        _ = Paths.root
        let json = try Self.lines("fixtures/s1/cases.jsonl")
        var objects: [String] = []
        var n = 0
        while objects.map(\.utf8.count).reduce(0, +) < 3 * FieldTexts.lineTextLimit {
            for line in json {
                n += 1
                objects.append(line.replacingOccurrences(of: "\"投诉编号\": \"", with: "\"投诉编号\": \"\\u0032\(n)-"))
            }
        }
        let text = "[" + objects.joined(separator: ", ") + "]\n"
        #expect(!text.dropLast().contains("\n"))
        let (direct, copied) = try Self.both("long.json", text: Array(text.utf8))
        #expect(direct.count == objects.count && direct == copied)
        if case .string(let id)? = direct.last?.values?.first {
            #expect(id.hasPrefix("2\(n)-"), "\(id)")
        } else {
            Issue.record("the last row's id: \(String(describing: direct.last))")
        }
    }
}
