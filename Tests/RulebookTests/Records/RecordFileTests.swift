import Foundation
import Testing
@testable import Rulebook

@Suite struct RecordFileTests {
    func columnNames<S: RecordSource>(_ source: S, _ wanted: [WantedField]) throws -> [String?] {
        var bound = try BoundRecords(source, wanted: wanted)
        var out: [String?] = []
        while let r = try bound.next() { out.append(bound.columns[0].map { r.string($0) }) }
        return out
    }

    @Test func formatFromExtension() {
        #expect(RecordFormat(path: "a/cases.CSV") == .csv)
        #expect(RecordFormat(path: "cases.ndjson") == .jsonLines)
        #expect(RecordFormat(path: "cases.json") == .jsonArray)
        #expect(RecordFormat(path: "dir.v2/cases") == nil)
    }

    @Test func opensEachFormatFromAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rulebook-records-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let wanted = [WantedField((name: "case_id", aliases: ["投诉编号"], required: true))]
        let files = [
            "a.csv": "投诉编号\nC1\n",
            "a.jsonl": "{\"投诉编号\": \"C1\"}\n",
            "a.json": "[{\"case_id\": \"C1\"}]",
        ]
        for (name, text) in files {
            let path = dir.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(try columnNames(RecordFile.open(path: path), wanted) == ["C1"], "\(name)")
        }
        let gb = dir.appendingPathComponent("gb.csv").path
        try #require("投诉编号\n客户一\n".data(using: GB18030Input.encoding)).write(to: URL(fileURLWithPath: gb))
        #expect(try columnNames(RecordFile.open(path: gb, encoding: InputEncoding(name: "gbk")), wanted) == ["客户一"])
    }
}
