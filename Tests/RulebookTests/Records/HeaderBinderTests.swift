import Testing
@testable import Rulebook

@Suite struct HeaderBinderTests {
    let wanted = [
        WantedField(name: "case_id", aliases: ["投诉编号"]),
        WantedField(name: "received_at", aliases: ["接收时间"]),
        WantedField(name: "amount", aliases: ["金额"], required: false),
    ]

    @Test func bindsByNameOrAliasAfterTrimming() throws {
        var bound = try BoundRecords(try csv("\u{FEFF}\u{FEFF} 投诉编号 ,备注,接收时间\nC1,\"a\"\"b\",2026-01-05\n"), wanted: wanted)
        #expect(bound.columns == [0, 2, nil])
        #expect(bound.unusedColumns == [1])
        let r = try #require(try bound.next())
        #expect(r.string(bound.columns[0]!) == "C1")
        // The unused column was neither unescaped nor validated: its raw bytes are left as read.
        #expect(r.string(1) == "a\"\"b")
    }

    @Test func missingRequiredColumnListsHeadersWithSuggestion() {
        #expect(errorMessages { _ = try BoundRecords(try csv("投诉编号,接受时间,金额\n"), wanted: wanted) } == [
            "t.csv:1:1: error: missing required column 'received_at' (or: 接收时间); found: 投诉编号, 接受时间, 金额 (did you mean '接受时间'?)",
        ])
        #expect(errorMessages { _ = try BoundRecords(try csv("id,x\n"), wanted: [WantedField(name: "case_id")]) } == [
            "t.csv:1:1: error: missing required column 'case_id'; found: id, x",
        ])
    }

    @Test func headerMatchingTwoFieldsAndFieldMatchingTwoHeaders() {
        let clash = [WantedField(name: "case_id", aliases: ["编号"]), WantedField(name: "ticket", aliases: ["编号"])]
        #expect(errorMessages { _ = try BoundRecords(try csv("编号\n"), wanted: clash) } == [
            "t.csv:1:1: error: column 1 '编号' matches both 'case_id' and 'ticket'; give each field its own names",
        ])
        #expect(errorMessages { _ = try BoundRecords(try csv("case_id,接收时间,投诉编号\n"), wanted: wanted) } == [
            "t.csv:1:1: error: columns 1 'case_id' and 3 '投诉编号' both match field 'case_id'; remove or rename one",
        ])
    }

    @Test func jsonBindsPerObject() throws {
        var bound = try BoundRecords(try jsonl("""
        {"投诉编号": "C1", "接收时间": "2026-01-05", "x": 1}
        {"received_at": "2026-01-06", "case_id": "C2", "金额": "3.50"}
        {"case_id": "C3"}
        """), wanted: wanted)
        let first = try #require(try bound.next())
        #expect(bound.columns == [0, 1, nil])
        #expect(first.string(bound.columns[1]!) == "2026-01-05")
        let second = try #require(try bound.next())
        #expect(second.string(bound.columns[0]!) == "C2")
        #expect(second.string(bound.columns[2]!) == "3.50")
        #expect(bound.unusedColumns == [2])
        #expect(errorMessages { _ = try bound.next() } == [
            "t.jsonl:3:1: error: row 3: missing required key 'received_at' (or: 接收时间); found: case_id",
        ])
    }

    @Test func jsonObjectGivingOneFieldTwice() throws {
        var bound = try BoundRecords(try jsonl("{\"case_id\": \"C1\", \"接收时间\": \"t\", \"投诉编号\": \"C1\"}"), wanted: wanted)
        #expect(errorMessages { _ = try bound.next() } == [
            "t.jsonl:1:40: error: row 1: keys 'case_id' and '投诉编号' both give field 'case_id'",
        ])
    }
}
