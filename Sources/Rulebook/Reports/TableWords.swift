/// The fixed texts of `--format table`, per language. The statuses and kinds are the HTML
/// report's (`ReportText`), so both name a status alike.
struct TableWords: Sendable {
    // The head: labels padded to one width.
    var policy, fingerprint, asOf, rows: String
    var outcomes, kind, status, count: String
    // The lists.
    var breached, escalations, penalties, notBooked, ratios: String
    var `case`, title, rule, clause, due, lateBy, action, party, month, amount, sanction, why, ratio: String
    /// `(the 50 worst of 1,234, worst first)` after a bounded list's title.
    var worstFirst: @Sendable (_ shown: Int, _ of: Int) -> String
    /// The line under a bounded list.
    var more: @Sendable (Int) -> String
    // The ledger and the rest.
    var ledger: String
    var ledgerHeader: [String]
    var totals: @Sendable (String, String, String) -> String
    var incomplete: String
    var incompleteHeader: [String]
    var anyGroup: String
    var rejected: String

    static func of(_ l: ReportLanguage) -> TableWords { l == .zh ? zh : en }

    static let en = TableWords(
        policy: "Policy      ", fingerprint: "Fingerprint ", asOf: "As of       ", rows: "Rows        ",
        outcomes: "Outcomes", kind: "kind", status: "status", count: "count",
        breached: "Breached and overdue", escalations: "Escalations", penalties: "Penalties (CNY)", notBooked: "Penalties not booked (CNY)",
        ratios: "Ratios undefined",
        case: "case", title: "title", rule: "rule", clause: "clause", due: "due", lateBy: "late by", action: "action", party: "party",
        month: "month", amount: "amount", sanction: "sanction", why: "why", ratio: "ratio",
        worstFirst: { shown, of in " (the \(shown) worst of \(of), worst first)" },
        more: { "… \($0) more row\($0 == 1 ? "" : "s") not shown: --all lists every row, --limit N the N worst\n" },
        ledger: "Ledger (CNY)",
        ledgerHeader: ["person", "month", "bonus", "cap", "incurred", "carried in", "deducted", "carried out"],
        totals: { "Fined \($0), deducted \($1), outstanding \($2)" },
        incomplete: "Incomplete groups (their rules saw counts and sums short of rows set aside with --rejects)",
        incompleteHeader: ["aggregate", "clause", "group", "rows lost"], anyGroup: "(could not be told: any group)",
        rejected: "Rejected rows")

    static let zh = TableWords(
        policy: "制度        ", fingerprint: "指纹        ", asOf: "评估时点    ", rows: "记录        ",
        outcomes: "结果统计", kind: "类别", status: "状态", count: "数量",
        breached: "超时与逾期", escalations: "升级", penalties: "处罚（元）", notBooked: "未入账的处罚（元）",
        ratios: "无法计算的比率",
        case: "案件", title: "规则名称", rule: "规则", clause: "条款", due: "期限", lateBy: "超时", action: "措施", party: "责任人",
        month: "月份", amount: "金额", sanction: "处分", why: "原因", ratio: "比率",
        worstFirst: { shown, of in "（共 \(of) 条，按严重程度列出前 \(shown) 条）" },
        more: { "…… 另有 \($0) 条未列出：--all 列出全部，--limit N 列出最严重的 N 条\n" },
        ledger: "罚扣台账（元）",
        ledgerHeader: ["人员", "月份", "月度奖金", "上限", "本月罚款", "上月结转", "已扣除", "结转下月"],
        totals: { "罚款合计 \($0) 元，已扣除 \($1) 元，待扣除 \($2) 元" },
        incomplete: "不完整的组（其规则所见的计数与合计缺少用 --rejects 剔除的行）",
        incompleteHeader: ["汇总", "条款", "组", "缺少行数"], anyGroup: "（无法判断：任一组）",
        rejected: "剔除的行")
}
