/// The fixed texts of the HTML report, in one table per language (`ReportLanguage`); the
/// statuses and kinds are the table's too (`ReportText`). Texts from the policy, the export
/// and the engine (titles, names, notes) are shown as they are; durations as `ReportText`
/// writes them.
struct HTMLStrings: Sendable {
    var lang: String
    var reportTitle: String
    // Navigation and sections.
    var summary: String
    var violations: String
    var charts: String
    var ledger: String
    var cases: String
    // Summary.
    var rows: String
    var rowsRead: String
    var rowsEvaluated: String
    var rowsRejected: String
    var violationCount: String
    var overdue: String
    var breached: String
    var fined: String
    var deducted: String
    var outstanding: String
    var policy: String
    var version: String
    var policyFingerprint: String
    var input: String
    var inputFingerprint: String
    var asOf: String
    var asOfNow: String
    var groupsIncomplete: String
    var outcomes: String
    var kind: String
    var status: String
    var count: String
    var noFindings: String
    // Lists.
    var violationsNote: String
    var filter: String
    var caseColumn: String
    var rule: String
    var clause: String
    var start: String
    var due: String
    var done: String
    var lateBy: String
    var party: String
    var amount: String
    var month: String
    var note: String
    var noViolations: String
    /// `n` more rows not listed.
    var moreRows: @Sendable (Int) -> String
    // Charts.
    var chartsNote: String
    var byRule: String
    var byMonth: String
    var byDepartment: String
    var byPerson: String
    var segmentBreached: String
    var segmentOverdue: String
    var segmentPenalised: String
    var segmentRaised: String
    var segmentDeducted: String
    /// A column's deducted amount.
    var deductedValue: @Sendable (String) -> String
    var segmentCarried: String
    var segmentWaived: String
    var capLine: String
    var noBreaches: String
    var noDepartments: String
    var noLedger: String
    /// `n` people with fines not charted (the most fined are).
    var morePeople: @Sendable (Int) -> String
    /// `n` months left out of a chart (the latest are shown).
    var moreMonths: @Sendable (Int) -> String
    /// `n` fines in a department.
    var fineCount: @Sendable (Int) -> String
    var undated: @Sendable (Int) -> String
    // Ledger.
    var currency: String
    /// A heading with the currency: `罚款合计（元）`.
    var inCurrency: @Sendable (String) -> String
    /// Between the items of a list in a sentence.
    var comma: String
    var person: String
    var department: String
    var bonus: String
    var cap: String
    var incurred: String
    var carriedIn: String
    var carriedOut: String
    var totals: @Sendable (String, String, String) -> String
    /// The opening state's line (``EvaluationReport/openedFrom``): its label, and the closed
    /// month, the amount carried in, the people owing it, the fines found in the closed months
    /// and the part of them booked late.
    var opening: String
    var openingText: @Sendable (_ month: String, _ carried: String, _ people: Int, _ closed: String, _ late: String) -> String
    var openingPolicyChanged: String
    // Cases.
    /// Listed cases of all, and how the page chose them.
    var casesNote: @Sendable (_ listed: Int, _ total: Int) -> String
    var backToTop: String
    var incompleteGroups: String
    var incompleteNote: String
    var aggregate: String
    var group: String
    var groupUnknown: String
    var rowsLost: String
    var rejectedRows: String
    var footer: String
    var kinds: [Finding.Kind: String]
    var statuses: [Finding.Status: String]

    func name(_ k: Finding.Kind) -> String { kinds[k] ?? k.rawValue }
    func name(_ s: Finding.Status) -> String { statuses[s] ?? s.rawValue }

    static let zh = HTMLStrings(
        lang: "zh-CN", reportTitle: "投诉处理评估报告",
        summary: "概要", violations: "逾期与违规", charts: "图表", ledger: "罚扣台账", cases: "案件明细",
        rows: "记录", rowsRead: "读取", rowsEvaluated: "已评估", rowsRejected: "已剔除",
        violationCount: "违规", overdue: "逾期未办", breached: "超时完成", fined: "罚款合计", deducted: "已扣除", outstanding: "待扣除",
        policy: "制度", version: "版本", policyFingerprint: "制度指纹", input: "案件数据", inputFingerprint: "数据指纹",
        asOf: "评估时点", asOfNow: "（未给出 --as-of：使用运行时的当前时间）", groupsIncomplete: "不完整的组",
        outcomes: "结果统计", kind: "类别", status: "状态", count: "数量", noFindings: "没有适用于任何案件的规则",
        violationsNote: "逾期未办的排在最前，其后是超时完成、独立条款的处罚和升级；点击案件查看其全部结果。",
        filter: "筛选（案件、规则、责任人…）",
        caseColumn: "案件", rule: "规则", clause: "条款", start: "起算", due: "期限", done: "完成", lateBy: "超时",
        party: "责任人", amount: "金额", month: "月份", note: "说明", noViolations: "没有违规。",
        moreRows: { "另有 \($0) 条未列出（完整清单见 --format csv 或 json）。" },
        chartsNote: "图表统计全部结果（不受下方明细条数限制）。",
        byRule: "按规则与条款的违规", byMonth: "按月违规趋势（按期限所在月份；升级按案件起算月份）",
        byDepartment: "各部门罚款，按名册中被罚人员的部门", byPerson: "个人月度罚扣：扣除、结转与上限",
        segmentBreached: "超时完成", segmentOverdue: "逾期未办", segmentPenalised: "处罚", segmentRaised: "升级",
        segmentDeducted: "已扣除", deductedValue: { "扣 \($0)" }, segmentCarried: "结转", segmentWaived: "超出上限不再扣除", capLine: "月度上限",
        noBreaches: "没有违规。", noDepartments: "名册未给出被罚人员的部门（或没有名册）：无法按部门统计。",
        noLedger: "没有罚款。",
        morePeople: { "另有 \($0) 人未绘出（只绘出罚款最多的人员；台账列出全部）。" },
        moreMonths: { "较早的 \($0) 个月未绘出。" },
        fineCount: { "\($0) 笔" },
        undated: { "\($0) 项违规（如升级）及其案件都没有日期，未计入趋势。" },
        currency: "元", inCurrency: { "\($0)（元）" }, comma: "，", person: "人员", department: "部门", bonus: "月度奖金", cap: "上限", incurred: "本月罚款",
        carriedIn: "上月结转", carriedOut: "结转下月",
        totals: { "罚款合计 \($0) 元，已扣除 \($1) 元，待扣除 \($2) 元。" },
        opening: "期初",
        openingText: { month, carried, people, closed, late in
            "\(month)已结账：\(people) 人结转待扣 \(carried) 元；已结账月份的罚款 \(closed) 元，其中补记（结账后才确定，记入下一个月）\(late) 元"
        },
        openingPolicyChanged: "；按另一版本的制度结账",
        casesNote: { listed, total in
            listed == total ? "共 \(total) 个案件（含汇总组），逾期未办的在前，其次是有违规的。"
                : "共 \(total) 个案件（含汇总组），此处列出 \(listed) 个：逾期未办的在前，其次是有违规的；其余 \(total - listed) 个未列出（完整结果见 --format csv 或 json）。"
        },
        backToTop: "回到顶部", incompleteGroups: "不完整的组",
        incompleteNote: "这些组的计数与合计缺少用 --rejects 剔除的行。",
        aggregate: "汇总", group: "组", groupUnknown: "（无法判断：任一组）", rowsLost: "缺少行数",
        rejectedRows: "剔除的行",
        footer: "由 rulebook 生成。本页不需要网络，也不需要脚本即可阅读；筛选框需要脚本。",
        kinds: Dictionary(uniqueKeysWithValues: Finding.Kind.allCases.map { ($0, $0.zhName) }),
        statuses: Dictionary(uniqueKeysWithValues: Finding.Status.allCases.map { ($0, $0.zhName) }))

    static let en = HTMLStrings(
        lang: "en", reportTitle: "Complaint handling report",
        summary: "Summary", violations: "Overdue and violations", charts: "Charts", ledger: "Penalty ledger", cases: "Cases",
        rows: "Rows", rowsRead: "read", rowsEvaluated: "evaluated", rowsRejected: "rejected",
        violationCount: "Violations", overdue: "Overdue", breached: "Breached", fined: "Fined", deducted: "Deducted", outstanding: "Outstanding",
        policy: "Policy", version: "version", policyFingerprint: "Policy fingerprint", input: "Cases", inputFingerprint: "Input fingerprint",
        asOf: "As of", asOfNow: " (the current time: no --as-of was given)", groupsIncomplete: "groups incomplete",
        outcomes: "Outcomes", kind: "kind", status: "status", count: "count", noFindings: "No rule applied to any case.",
        violationsNote: "Overdue first, then breached deadlines, penalties of their own clauses and escalations; a case links to all its findings.",
        filter: "Filter (case, rule, person…)",
        caseColumn: "case", rule: "rule", clause: "clause", start: "start", due: "due", done: "done", lateBy: "late by",
        party: "party", amount: "amount", month: "month", note: "note", noViolations: "No violations.",
        moreRows: { "\($0) more not listed (see --format csv or json for all)." },
        chartsNote: "The charts count every finding, however many are listed below.",
        byRule: "Violations per rule and clause", byMonth: "Violations per month (the month each was due; an escalation its case's start)",
        byDepartment: "Fines per department, by the roster's department of the person fined", byPerson: "Fines per person and month: deducted, carried forward, cap",
        segmentBreached: "breached", segmentOverdue: "overdue", segmentPenalised: "penalty", segmentRaised: "escalation",
        segmentDeducted: "deducted", deductedValue: { "−\($0)" }, segmentCarried: "carried forward", segmentWaived: "over the cap, not deducted", capLine: "monthly cap",
        noBreaches: "No violations.", noDepartments: "The roster gives no department for the people fined (or there is no roster).",
        noLedger: "No fines.",
        morePeople: { "\($0) more people not charted (the most fined are; the ledger lists everyone)." },
        moreMonths: { "\($0) earlier months not charted." },
        fineCount: { "\($0) fine\($0 == 1 ? "" : "s")" },
        undated: { "\($0) violation\($0 == 1 ? "" : "s") (escalations) without a date, nor one in \($0 == 1 ? "its case" : "their cases"), not in the trend." },
        currency: "CNY", inCurrency: { "\($0) (CNY)" }, comma: ", ", person: "person", department: "department", bonus: "bonus", cap: "cap", incurred: "incurred",
        carriedIn: "carried in", carriedOut: "carried out",
        totals: { "Fined \($0) CNY, deducted \($1) CNY, outstanding \($2) CNY." },
        opening: "Opening",
        openingText: { month, carried, people, closed, late in
            "\(month) closed: \(carried) CNY carried in from \(people) \(people == 1 ? "person" : "people"); fines found in closed months "
                + "\(closed) CNY, of them booked late (decided since, booked to the next month) \(late) CNY"
        },
        openingPolicyChanged: "; closed under another policy version",
        casesNote: { listed, total in
            listed == total ? "\(total) cases (groups included), overdue first, then those with violations."
                : "\(total) cases (groups included), \(listed) listed: overdue first, then those with violations; \(total - listed) more not listed (see --format csv or json)."
        },
        backToTop: "top", incompleteGroups: "Incomplete groups",
        incompleteNote: "Their counts and sums are short of rows set aside with --rejects.",
        aggregate: "aggregate", group: "group", groupUnknown: "(could not be told: any group)", rowsLost: "rows lost",
        rejectedRows: "Rejected rows",
        footer: "Made by rulebook. The page needs no network, and no script to be read; the filter box needs one.",
        kinds: [:], statuses: [:])
}
