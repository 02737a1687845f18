import Foundation
import Testing
@testable import Rulebook
import RulebookBench

/// Case ids in natural order, names in pinyin order: total orders, functions of the texts alone.
@Suite struct HumanOrderTests {
    @Test func caseIDsCompareTheirNumbersByValue() {
        let ids = ["2501-100271", "2501-1001", "A10", "A9", "A09", "2501-999", "B", "2501-1001a", "007", "7", "2609-01", "2609-1"]
        let sorted = ids.sorted(by: HumanOrder.naturallyPrecedes)
        #expect(sorted == ["007", "7", "2501-999", "2501-1001", "2501-1001a", "2501-100271", "2609-01", "2609-1", "A09", "A9", "A10", "B"],
                "\(sorted)")
        // Equal by value, then by bytes: "007" < "7" ('0' < '7'), "2609-01" < "2609-1".
        #expect(HumanOrder.compareNatural("007", "7") < 0)
        #expect(HumanOrder.compareNatural("2609-01", "2609-1") < 0)
        #expect(HumanOrder.compareNatural("2501-1001", "2501-100271") < 0)
        #expect(HumanOrder.compareNatural("x", "x") == 0)
        // A number longer than 255 digits still compares by value.
        let long = String(repeating: "9", count: 300)
        #expect(HumanOrder.compareNatural("n" + long, "n1" + long) < 0)
    }

    /// The store's sort keys agree with the full comparison on every pair: the 16-byte head and
    /// the lengths decide only what the whole comparison would.
    @Test func sortKeysAgreeWithTheComparison() {
        var r = SeededRandom(seed: 7)
        let alphabet = Array("0012-9aZ客".unicodeScalars)
        var ids: [String] = ["", "0", "00", "2501-1001", "2501-100271", String(repeating: "1", count: 20), String(repeating: "0", count: 17) + "1"]
        for _ in 0..<400 {
            var s = ""
            for _ in 0..<r.below(22) { s.unicodeScalars.append(alphabet[r.below(alphabet.count)]) }
            ids.append(s)
        }
        for a in ids {
            for b in ids {
                let ka = RunCodec.SortKey(subject: a, order: 0, index: 0), kb = RunCodec.SortKey(subject: b, order: 0, index: 1)
                let full = HumanOrder.compareNatural(a, b)
                let byKey = ka.precedes(kb, subjects: { full }, parties: { 0 })
                #expect(byKey == (full < 0 || (full == 0)), "\(a.debugDescription) \(b.debugDescription)")
            }
        }
    }

    /// The store's keys, made in one loop over the subject, are the natural key's first 16
    /// bytes, its length and whether it dropped zeros, as `HumanOrder.NaturalKey` hands them.
    @Test func sortKeysAreTheNaturalKeysHead() {
        var r = SeededRandom(seed: 11)
        let alphabet = Array("000123456789-aZ客".unicodeScalars)
        var ids = ["", "0", "00", "7", "007", "2501-17", String(repeating: "9", count: 254), String(repeating: "9", count: 255),
                   "x" + String(repeating: "0", count: 300) + "5", String(repeating: "1", count: 300) + "-2", "a0b00c000"]
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<r.below(30) { s.unicodeScalars.append(alphabet[r.below(alphabet.count)]) }
            ids.append(s)
        }
        for id in ids {
            var text = id
            text.withUTF8 { u in
                let bytes = UnsafeRawBufferPointer(u)
                var key = HumanOrder.NaturalKey(bytes)
                var all: [UInt8] = []
                while let b = key.next() { all.append(b) }
                let padded = Array(all.prefix(16)) + Array(repeating: 0, count: max(0, 16 - all.count))
                let high = padded[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let low = padded[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let made = RunCodec.SortKey(bytes, order: 3, index: 4)
                #expect(made.head == (high, low) && made.length == all.count && made.droppedZeros == key.droppedZeros,
                        "\(id.debugDescription)")
            }
        }
    }

    @Test func namesInPinyinOrder() {
        let names = ["王芳", "刘洋", "周敏", "李明", "陈静", "赵强", "张伟", "吴磊"]
        #expect(HumanOrder.sortedNames(names) == ["陈静", "李明", "刘洋", "王芳", "吴磊", "张伟", "赵强", "周敏"])
        // Whatever the order given, each name once.
        #expect(HumanOrder.sortedNames(names.reversed() + names) == HumanOrder.sortedNames(names))
        let ranks = HumanOrder.NameRanks(["王芳", "陈静"])
        #expect(ranks.precedes("陈静", "王芳") && !ranks.precedes("王芳", "陈静") && ranks.precedes("王芳", "unknown"))
    }

    /// The characters' ranks give the order the collation gives to whole names (Han names).
    @Test func characterRanksAgreeWithWholeNameCollation() {
        var r = SeededRandom(seed: 3)
        let chars = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹芳敏静强伟磊丽洋娜军")
        var names: [String] = []
        for _ in 0..<300 { names.append(String((0..<(2 + r.below(2))).map { _ in chars[r.below(chars.count)] })) }
        let locale = HumanOrder.collationLocale
        let collated = Array(Set(names)).sorted { a, b in
            let c = a.compare(b, options: [], range: nil, locale: locale)
            return c != .orderedSame ? c == .orderedAscending : a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        #expect(HumanOrder.sortedNames(names) == collated)
    }
}

/// The report lists cases in natural order whatever the order of the rows, however the
/// findings were split into runs (spilled and merged) and across threads.
@Suite struct NaturalReportOrderTests {
    @Test(arguments: [(1_000_000, 1), (2, 1), (3, 2), (1, 2)])
    func casesAreListedInNaturalOrder(runSize: Int, threads: Int) throws {
        let ids = ["2501-100271", "2501-1001", "A10", "A9", "A09", "2501-999", "B", "2501-1001a", "007", "7", "2609-01", "2609-1",
                   String(repeating: "1", count: 20) + "x", String(repeating: "1", count: 19) + "2x"]
        let yaml = """
        policy: order
        fields: { case_id: string, at: timestamp, done: { type: timestamp, optional: true } }
        deadlines:
          - { id: reply, from: at, to: done, within: 1h }
          - { id: close, from: at, to: done, within: 2h }
        """
        let policy = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(yaml.utf8), file: "inline.yaml"))
        let asOf = TimestampParser.timestamp(Array("2026-11-30T18:00+08:00".utf8)[...], zone: policy.zone)
        var r = SeededRandom(seed: UInt64(runSize * 7 + threads))
        var reports: [[String]] = []
        for _ in 0..<3 {
            var shuffled = ids
            for i in shuffled.indices.reversed() { shuffled.swapAt(i, r.below(i + 1)) }
            let csv = "case_id,at,done\n" + shuffled.map { "\($0),2026-11-02 09:00,2026-11-02 12:00" }.joined(separator: "\n") + "\n"
            var run = EvaluationRun(casesPath: "inline.csv", asOf: asOf)
            run.findingRunSize = runSize
            run.threads = threads
            let report = try run.run(policy, source: try CSVReader(file: "inline.csv", input: MemoryInput(Array(csv.utf8))))
            reports.append(report.findings.map { "\($0.subject) \($0.rule)" })
        }
        let expected = ids.sorted(by: HumanOrder.naturallyPrecedes).flatMap { ["\($0) reply", "\($0) close"] }
        #expect(reports.allSatisfy { $0 == expected }, "\(reports[0])")
        #expect(expected.prefix(4) == ["007 reply", "007 close", "7 reply", "7 close"])
    }
}
