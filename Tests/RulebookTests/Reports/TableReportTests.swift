import Foundation
import Testing
@testable import Rulebook

/// `--format table` for people: columns aligned by display width, lists bounded worst first.
@Suite struct TableReportTests {
    /// CJK characters take two columns: every line of a table with Chinese cells puts the
    /// next column at the same display column, which counting characters would not.
    @Test func chineseTextKeepsColumnsAligned() {
        let text = TableReport.table(["案件", "责任人", "金额"], [["2609-01", "王芳", "30.00"], ["x", "欧阳娜娜", "120.00"], ["长长的案件号", "Li", "5.00"]],
                                     rightAligned: [2])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        /// The display column where the cell holding `cell` starts.
        func column(_ line: String, _ cell: String) -> Int {
            TableReport.width(String(line[..<line.range(of: cell)!.lowerBound]))
        }
        #expect(column(lines[0], "责任人") == column(lines[2], "王芳"))
        #expect(column(lines[2], "王芳") == column(lines[3], "欧阳娜娜"))
        #expect(column(lines[3], "欧阳娜娜") == column(lines[4], "Li"))
        // Right-aligned amounts end at the same display column, the rule line's width.
        #expect(Set(lines.map(TableReport.width)) == [TableReport.width(lines[1])])
        #expect(column(lines[2], "王芳") == 14)  // "长长的案件号" is 12 columns wide, then two spaces
        #expect(TableReport.width("王芳") == 4 && TableReport.width("Li") == 2 && TableReport.width("（元）") == 6)
    }

    /// A bounded list shows the worst rows first — overdue before breached, longer late first —
    /// and says how many it leaves out and how to see them; unbounded, every row in case order.
    @Test func aBoundedTableShowsTheWorstFirst() throws {
        let r = try S1EvaluationTests.report()
        let out = ByteOutput.memory()
        try TableReport.write(r, to: out, language: .en, limit: 3)
        let text = out.text
        let breached = try #require(text.components(separatedBy: "\nBreached and overdue").dropFirst().first)
        let rows = breached.split(separator: "\n").dropFirst(3).prefix(4).map(String.init)
        // S1 as of 11-30: 2 overdue, 8 breached. The worst: QA's week-38 statistics (69d 18h
        // overdue), 2611-01 (21h 30m working time overdue), then marketing's week 38 (9h late,
        // more than 2609-01's 8h 30m of working time).
        #expect(breached.hasPrefix(" (the 3 worst of 10, worst first)"), "\(breached.prefix(60))")
        #expect(rows[0].contains("overdue") && rows[0].contains("qa_head=陈静") && rows[0].contains("69d 18h"), "\(rows)")
        #expect(rows[1].contains("overdue") && rows[1].hasPrefix("2611-01 "), "\(rows)")
        #expect(rows[2].contains("breached") && rows[2].contains("marketing-weekly-statistics"), "\(rows)")
        #expect(rows[3] == "… 7 more rows not shown: --all lists every row, --limit N the N worst")
        #expect(text.contains("Penalties (CNY) (the 3 worst of 13, worst first)"))
        // The ledger and the summary are whole whatever the limit.
        let full = try ReportFormat.table.render(r, language: .en)
        #expect(text.components(separatedBy: "\nLedger (CNY)\n").last == full.components(separatedBy: "\nLedger (CNY)\n").last)
        #expect(!full.contains("worst first") && !full.contains("more rows not shown"))
        #expect(full.components(separatedBy: "\n").filter { $0.contains(" qa-reply-general ") && $0.contains("breached") }.count == 3)  // 2609-01, 2609-02, 2611-03
        // Chinese says the same.
        let zh = ByteOutput.memory()
        try TableReport.write(r, to: zh, language: .zh, limit: 3)
        #expect(zh.text.contains("超时与逾期（共 10 条，按严重程度列出前 3 条）"))
        #expect(zh.text.contains("…… 另有 7 条未列出：--all 列出全部，--limit N 列出最严重的 N 条"))
    }

    @Test func severityOrdersOverdueThenLatenessThenAmount() {
        var a = Finding(subject: "a", row: 1, kind: .deadline, rule: "r", clause: nil, title: nil, status: .breached)
        a.lateBy = TimeSpan(.calendar, 3600)
        var b = a
        b.status = .overdue
        b.lateBy = TimeSpan(.calendar, 60)
        var c = a
        c.lateBy = TimeSpan(.workingDays, 1)
        #expect(TableReport.severity(b) > TableReport.severity(c) && TableReport.severity(c) > TableReport.severity(a))
        var fine = Finding(subject: "a", row: 1, kind: .penalty, rule: "r", clause: nil, title: nil, status: .fined)
        fine.amount = Money(minorUnits: 3000)
        var smaller = fine
        smaller.amount = Money(minorUnits: 2000)
        #expect(TableReport.severity(fine) > TableReport.severity(smaller))
    }

    @Test func theDefaultLimitIsForATerminal() {
        #expect(TableLimit.rows(limit: nil, all: false, terminal: true) == TableLimit.terminalDefault)
        #expect(TableLimit.rows(limit: nil, all: false, terminal: false) == nil)
        #expect(TableLimit.rows(limit: nil, all: true, terminal: true) == nil)
        #expect(TableLimit.rows(limit: 7, all: false, terminal: false) == 7)
    }
}
