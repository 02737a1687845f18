import Foundation
import Rulebook

/// Synthetic case exports for the benchmark (`rulebook generate`, hidden from help): S1 or S2
/// cases with a realistic mix — about 30% breached steps, open steps, dates across 2025–2026
/// clustered around the official holidays, Chinese free text with commas, quotes and line
/// breaks (quoted CSV fields). The same seed always gives the same bytes.
package struct CaseGenerator {
    package enum Policy: String, CaseIterable, Sendable { case s1, s2 }
    package enum Format: String, CaseIterable, Sendable { case csv, jsonl }

    package let policy: Policy
    package let seed: UInt64

    package init(policy: Policy, seed: UInt64) {
        self.policy = policy
        self.seed = seed
    }

    // MARK: People

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
    static let givenNames = Array("伟芳娜敏静强磊洋艳勇军杰娟涛明超秀霞平刚")

    /// Departments and how many people each has; the first member of each is its head.
    static func departments(_ policy: Policy) -> [(String, Int)] {
        switch policy {
        case .s1: return [("营销部", 40), ("品管部", 30), ("生产部", 30), ("研发部", 12), ("采购部", 10)]
        case .s2: return [("业务部", 40), ("服务部", 20), ("生产部", 10), ("生产一组", 12), ("生产二组", 12),
                          ("生产三组", 12), ("质量管理部", 10), ("研发部", 10)]
        }
    }

    /// People by department, names unique (surname + one or two given characters).
    static func people(_ policy: Policy) -> [(department: String, names: [String])] {
        var n = 0
        func name() -> String {
            defer { n += 1 }
            let s = surnames[n % surnames.count], g1 = givenNames[(n / surnames.count) % givenNames.count]
            let round = n / (surnames.count * givenNames.count)
            return round == 0 ? "\(s)\(g1)" : "\(s)\(g1)\(givenNames[(round - 1) % givenNames.count])"
        }
        return departments(policy).map { d, count in (d, (0..<count).map { _ in name() }) }
    }

    /// The roster CSV for the people the cases name: department, head as manager, base points,
    /// monthly bonus (a few small bonuses so the cap and its carry-forward are exercised).
    package func roster() -> String {
        var out = "姓名,部门,主管,基点数,月度奖金\n"
        for p in rosterRows() { out += "\(p.name),\(p.department),\(p.manager ?? ""),\(p.basePoints),\(p.bonus)\n" }
        return out
    }

    /// The roster's people, in roster order; bonuses in yuan.
    func rosterRows() -> [(name: String, department: String, manager: String?, basePoints: Int, bonus: Int)] {
        var r = SeededRandom(seed: seed ^ 0x524F_5354_4552)
        var out: [(name: String, department: String, manager: String?, basePoints: Int, bonus: Int)] = []
        for (dept, names) in CaseGenerator.people(policy) {
            for (i, n) in names.enumerated() {
                let bonus = r.chance(10) ? r.int(1...3) * 100 : r.int(10...60) * 100
                out.append((n, dept, i == 0 ? nil : names[0], r.int(8...25), bonus))
            }
        }
        return out
    }

    // MARK: Cases

    package func write(count: Int, format: Format, to out: ByteOutput) {
        var r = SeededRandom(seed: seed)
        let columns = policy == .s1 ? CaseGenerator.s1Columns : CaseGenerator.s2Columns
        // Cases name the members, not the heads: a fine "to X.manager" needs X to have one.
        let staff = Dictionary(uniqueKeysWithValues: CaseGenerator.people(policy).map { ($0.department, Array($0.names.dropFirst())) })
        if format == .csv {
            out.write(bytes: [0xEF, 0xBB, 0xBF])
            out.write(columns.map(\.name).joined(separator: ",") + "\n")
        }
        // The export's bonus column agrees with the roster, as a payroll export would.
        let bonuses = Dictionary(rosterRows().map { ($0.name, $0.bonus) }, uniquingKeysWith: { a, _ in a })
        var row = [Cell](repeating: .none, count: columns.count)
        for i in 0..<count {
            for c in row.indices { row[c] = .none }
            switch policy {
            case .s1: s1Case(i, &r, staff, &row)
            case .s2: s2Case(i, &r, staff, bonuses, &row)
            }
            if format == .csv { CaseGenerator.writeCSV(row, to: out) } else { CaseGenerator.writeJSON(row, columns, &r, to: out) }
        }
    }

    /// A generated field.
    enum Cell {
        case none
        case text(String)
        case time(Int, slashes: Bool)  // local minutes since 1970-01-01
        case flag(Bool)
        case amount(Int)  // fen
    }

    static let s1Columns: [(name: String, key: String)] = [
        ("投诉编号", "case_id"), ("接收时间", "received_at"), ("投诉等级", "severity"), ("营销业务员", "salesperson"),
        ("处理单发出时间", "form_issued_at"), ("营销副总审批时间", "vp_approved_at"), ("营销责任人", "marketing_owner"),
        ("通知相关部门时间", "departments_notified_at"), ("登记时间", "registered_at"), ("品管QE", "qa_engineer"),
        ("品管部接到通知时间", "qa_notified_at"), ("品管回复时间", "qa_replied_at"), ("临时对策时间", "temporary_measure_at"),
        ("永久对策时间", "permanent_measure_at"), ("品管已登记", "qa_registered"), ("重新处理时间", "reopened_at"),
        ("责任部门", "responsible_department"), ("责任部门责任人", "department_owner"),
        ("责任部门接到通知时间", "department_notified_at"), ("纠正计划回复时间", "plan_replied_at"),
        ("纠正措施已实施", "corrective_implemented"), ("同样异常重复发生", "recurred"), ("周统计完成时间", "weekly_stats_at"),
        ("营销周统计完成时间", "marketing_weekly_stats_at"), ("投诉内容", "description"),
        // 5.3.9.2 QA's answers after a reopening: the second round of 8.2's clocks.
        ("重新处理后品管回复时间", "reopened_qa_replied_at"), ("重新处理后临时对策时间", "reopened_temporary_measure_at"),
        ("重新处理后永久对策时间", "reopened_permanent_measure_at"),
    ]

    static let s2Columns: [(name: String, key: String)] = [
        ("客诉编号", "case_id"), ("国内国外", "region"), ("总经理室受理时间", "accepted_at"), ("送质量管理部时间", "sent_to_qa_at"),
        ("送制造单位时间", "sent_to_manufacturing_at"), ("送研发部时间", "sent_to_rnd_at"), ("送回业务部门时间", "returned_to_sales_at"),
        ("交涉结果送回总经理室时间", "negotiation_returned_at"), ("综合意见完成时间", "combined_opinion_at"), ("结案时间", "closed_at"),
        ("调查处理完成时间", "investigated_at"), ("报告呈总经理时间", "quality_report_at"), ("月度统计汇总时间", "monthly_summary_at"),
        ("行政处分公布时间", "sanctions_published_at"), ("责任归属部门类别", "responsible_function"), ("责任人", "responsible"),
        ("责任比例", "responsible_ratio"), ("共同责任人", "co_responsible"), ("责任组单元", "group_unit"), ("责任部门", "responsible_department"),
        ("实际损失金额", "actual_loss"), ("退货入库时间", "returned_at"), ("转售时间", "resold_at"), ("A级售价损失金额", "a_grade_price_loss"),
        ("行政处分判定项目", "offence"), ("行政处分", "administrative_sanction"), ("核定罚扣金额", "sanction_amount"),
        ("责任人当月效益奖金", "responsible_monthly_bonus"), ("客诉内容", "description"),
    ]

    static let complaints = [
        "外壳划伤, 客户要求更换", "包装破损", "批量性能不良，\n客户停线", "标签与实物不符", "客户反映\"异响\"，要求上门检修",
        "交货延迟三天", "说明书缺页", "颜色与样品不一致, 已拍照", "螺丝松动", "尺寸超差0.2mm", "数量短少2箱",
        "客户投诉服务态度", "发票信息错误", "运输途中受潮", "电源适配器发热, \"存在安全隐患\"",
    ]

    /// Days around which complaints cluster: the official holidays of 2025 and 2026.
    static let holidays: [CivilDate] = [
        (2025, 1, 28), (2025, 4, 4), (2025, 5, 1), (2025, 5, 31), (2025, 10, 1),
        (2026, 1, 1), (2026, 2, 15), (2026, 4, 4), (2026, 5, 1), (2026, 6, 19), (2026, 10, 1),
    ].map { CivilDate(year: $0.0, month: $0.1, day: $0.2)! }

    static let firstDay = CivilDate(year: 2025, month: 1, day: 2)!.daysSinceEpoch
    static let lastDay = CivilDate(year: 2026, month: 11, day: 20)!.daysSinceEpoch

    /// A receipt instant (local minutes): mostly office hours, a quarter near a holiday.
    func receipt(_ r: inout SeededRandom) -> Int {
        var day = Int64(r.int(Int(CaseGenerator.firstDay)...Int(CaseGenerator.lastDay)))
        if r.chance(25) { day = r.pick(CaseGenerator.holidays).daysSinceEpoch + Int64(r.int(-4...9)) }
        let minute = r.chance(85) ? r.int(8 * 60 ... 17 * 60 + 30) : r.int(0...(24 * 60 - 1))
        return Int(day) * 1440 + minute
    }

    static let hour = 60, day = 1440

    func caseID(_ i: Int, _ at: Int) -> String {
        let d = CivilDate(daysSinceEpoch: Int64(at / CaseGenerator.day))
        let yymm = (d.year % 100) * 100 + d.month
        return (yymm < 1000 ? "0" : "") + "\(yymm)-\(i + 1 < 10 ? "0" : "")\(i + 1)"
    }

    /// One S1 case: each step met, late (≈30% of cases have a breach) or still open.
    func s1Case(_ i: Int, _ r: inout SeededRandom, _ staff: [String: [String]], _ row: inout [Cell]) {
        let h = CaseGenerator.hour, d = CaseGenerator.day
        let slashes = r.chance(10)
        func t(_ m: Int) -> Cell { .time(m, slashes: slashes) }
        let late = r.chance(30)
        // Which step is late when the case has a breach.
        let lateStep = late ? r.below(6) : -1
        let received = receipt(&r)
        let major = r.chance(20)
        row[0] = .text(caseID(i, received))
        row[1] = t(received)
        row[2] = .text(major ? "重大" : "一般")
        row[3] = .text(r.pick(staff["营销部"]!))
        let form = received + (lateStep == 0 ? r.int(70...300) : r.int(5...55))
        row[4] = t(form)
        if major && r.chance(90) { row[5] = t(form + r.int(10...90)) }
        row[6] = .text(r.pick(staff["营销部"]!))
        let notified = received + (lateStep == 1 ? r.int(2 * h + 10 ... 6 * h) : r.int(10...100))
        row[7] = t(notified)
        row[8] = t(notified + r.int(0...15))
        row[9] = .text(r.pick(staff["品管部"]!))
        let qaStart = received + r.int(30...150)
        row[10] = t(qaStart)
        var start = qaStart
        if r.chance(3) {
            start = qaStart + r.int(1 * d ... 2 * d)
            row[15] = t(start)
        }
        // QA's answers on the clock from `start`: after a reopening (5.3.9.2) they are the second
        // round's, and the first round was answered on time before it (no draw, so every other
        // column keeps its seeded value).
        let reopened = start != qaStart
        let (reply, temporary, permanent) = reopened ? (25, 26, 27) : (11, 12, 13)
        if reopened {
            if !major { row[11] = t(start - 2 * h) } else { row[12] = t(qaStart + 1 * h); row[13] = t(start - 1 * h) }
        }
        let open = r.chance(8)
        if !major {
            if !open { row[reply] = t(start + (lateStep == 2 ? r.int(6 * d ... 9 * d) : r.int(2 * h ... 2 * d))) }
        } else {
            if !open || r.chance(50) { row[temporary] = t(start + (lateStep == 2 ? r.int(2 * d ... 4 * d) : r.int(1 * h ... 6 * h))) }
            if !open { row[permanent] = t(start + (lateStep == 3 ? r.int(5 * d ... 8 * d) : r.int(4 * h ... 1 * d))) }
        }
        row[14] = .flag(!r.chance(4))
        let dept = r.pick(["生产部", "生产部", "品管部", "采购部", "研发部"])
        row[16] = .text(dept)
        row[17] = .text(r.pick(staff[dept]!))
        let deptNotified = received + r.int(2 * h ... 5 * h)
        row[18] = t(deptNotified)
        if !open || r.chance(50) { row[19] = t(deptNotified + (lateStep == 4 ? r.int(3 * d ... 5 * d) : r.int(1 * h ... 5 * h))) }
        let recurred = r.chance(5)
        row[20] = .flag(!(recurred && r.chance(50)))
        row[21] = .flag(recurred)
        // Weekly statistics: the Monday after the week of receipt, 09:00 (sometimes missing).
        let receivedDay = CivilDate(daysSinceEpoch: Int64(received / d))
        let nextMonday = Int(receivedDay.daysSinceEpoch) + 8 - receivedDay.isoWeekday
        if !r.chance(3) { row[22] = t(nextMonday * d + (lateStep == 5 ? 2 * d : 9 * h)) }
        // Marketing's weekly statistics (8.6): the same Monday, 10:00; missing for one case in 31
        // (by index, so the seeded draws of every other column stay as they were).
        if i % 31 != 30 { row[23] = t(nextMonday * d + 10 * h) }
        row[24] = .text(r.pick(CaseGenerator.complaints))
    }

    /// One S2 case: the routing steps in order, some late, some cases still open.
    func s2Case(_ i: Int, _ r: inout SeededRandom, _ staff: [String: [String]], _ bonuses: [String: Int], _ row: inout [Cell]) {
        let h = CaseGenerator.hour, d = CaseGenerator.day
        let slashes = r.chance(10)
        func t(_ m: Int) -> Cell { .time(m, slashes: slashes) }
        let late = r.chance(30)
        let lateStep = late ? r.below(7) : -1
        let foreign = r.chance(25)
        let accepted = receipt(&r)
        row[0] = .text(caseID(i, accepted))
        row[1] = .text(foreign ? "国外" : "国内")
        row[2] = t(accepted)
        // Routing: GM office ½ day, QA 1 day, manufacturing 1 day, R&D 1 day, sales 5/12 days, GM ½ day.
        let limits = [12 * h, 1 * d, 1 * d, 1 * d, (foreign ? 12 : 5) * d, 12 * h]
        let openAt = r.chance(10) ? r.below(7) : 7
        var at = accepted
        for (s, limit) in limits.enumerated() where s < openAt {
            at += s == lateStep ? limit + r.int(1 * h ... 2 * d) : r.int(limit / 6 ... limit * 9 / 10)
            row[3 + s] = t(at)
        }
        if openAt == 7 {
            at += lateStep == 6 ? r.int(8 * d ... 10 * d) : r.int(1 * h ... 1 * d)
            row[9] = t(at)
        }
        if case .time(let qa, _) = row[3] {
            let investigated = qa + r.int(4 * h ... 20 * h)
            row[10] = t(investigated)
            if r.chance(90) { row[11] = t(investigated + (r.chance(8) ? r.int(4 * d ... 6 * d) : r.int(4 * h ... 2 * d))) }
        }
        let closed: Int? = { if case .time(let c, _) = row[9] { return c } else { return nil } }()
        if let closed {
            let closedDay = CivilDate(daysSinceEpoch: Int64(closed / d))
            let (y, m) = closedDay.month == 12 ? (closedDay.year + 1, 1) : (closedDay.year, closedDay.month + 1)
            let tenth = Int(CivilDate(year: y, month: m, day: r.chance(3) ? 12 : r.int(3...9))!.daysSinceEpoch) * d + 10 * h
            if !r.chance(1) { row[12] = t(tenth) }
        }
        // Responsibility.
        let function = r.below(10)
        var sanctioned = false
        if function < 4 {
            row[14] = .text(r.pick(["制造部门", "制造部"]))
            if r.chance(70) { row[18] = .text(r.pick(["生产一组", "生产二组", "生产三组"])) }
            row[19] = .text("生产部")
        } else if function < 8 {
            row[14] = .text(r.pick(["业务部门", "业务部"]))
            let sales = staff["业务部"]!
            let a = r.below(sales.count)
            row[15] = .text(sales[a])
            if r.chance(15) {
                row[17] = .text(sales[(a + 1 + r.below(sales.count - 1)) % sales.count])
                row[16] = .text(r.pick(["60%", "50%", "0.7", "30%"]))
            }
            row[19] = .text("业务部")
            sanctioned = true
        } else {
            row[14] = .text(r.pick(["服务部门", "服务部"]))
            if r.chance(50) { row[15] = .text(r.pick(staff["服务部"]!)); sanctioned = true }
            row[19] = .text("服务部")
        }
        // Losses and returned goods.
        if r.chance(60) { row[20] = .amount(r.int(1...500_000)) }
        if r.chance(20) {
            let returned = accepted + r.int(1 * d ... 10 * d)
            row[21] = t(returned)
            if r.chance(80) { row[22] = t(returned + r.int(2 * d ... 45 * d)) }
            row[23] = .amount(r.int(1...200_000))
        }
        // Administrative sanctions (only with a responsible person).
        if sanctioned && r.chance(15) {
            let s = r.below(10)
            row[25] = .text(s < 6 ? "警告" : s < 9 ? "小过" : "大过")
            if !r.chance(5) { row[24] = .text(r.pick(["交货延迟", "订单误记", "装运错误", "票据错误", "其他"])) }
            if r.chance(40) { row[26] = .amount(r.int(400...2000) * 100) }
            // A major demerit's bonus as exported: the roster's, but in 1 in 20 an old figure
            // (which `bonus-column-differs` reports).
            if s == 9 {
                let stale = r.int(2000...6000) * 100
                if r.chance(5) {
                    row[27] = .amount(stale)
                } else if case .text(let who) = row[15], let b = bonuses[who] {
                    row[27] = .amount(b * 100)
                }
            }
            if let closed, !r.chance(5) { row[13] = t(closed + r.int(5 * d ... 20 * d)) }
        } else if r.chance(30) {
            row[25] = .text("无")
        }
        row[28] = .text(r.pick(CaseGenerator.complaints))
    }

    // MARK: Writing

    static func appendTime(_ minutes: Int, slashes: Bool, to out: ByteOutput) {
        let date = CivilDate(daysSinceEpoch: Int64(minutes / day))
        let m = minutes % day
        func two(_ v: Int, pad: Bool) {
            if v >= 10 || pad { out.byte(UInt8(48 + v / 10)) }
            out.byte(UInt8(48 + v % 10))
        }
        out.write(String(date.year))
        out.byte(slashes ? 0x2F : 0x2D)
        two(date.month, pad: !slashes)
        out.byte(slashes ? 0x2F : 0x2D)
        two(date.day, pad: !slashes)
        out.byte(0x20)
        two(m / 60, pad: !slashes)
        out.byte(0x3A)
        two(m % 60, pad: true)
    }

    static func amountText(_ fen: Int) -> String {
        let cents = fen % 100
        return "\(fen / 100)" + (cents == 0 ? "" : ".\(cents < 10 ? "0" : "")\(cents)")
    }

    static func writeCSV(_ row: [Cell], to out: ByteOutput) {
        for (c, cell) in row.enumerated() {
            if c > 0 { out.byte(0x2C) }
            switch cell {
            case .none: break
            case .text(let s):
                if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "，" }) {
                    out.write("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    out.write(s)
                }
            case .time(let m, let slashes): appendTime(m, slashes: slashes, to: out)
            case .flag(let b): out.write(b ? "是" : "否")
            case .amount(let fen): out.write(amountText(fen))
            }
        }
        out.byte(0x0A)
        if out.buffer.count >= 1 << 20 { out.flush() }
    }

    /// JSON Lines with the English keys; open steps are sometimes null, sometimes left out.
    static func writeJSON(_ row: [Cell], _ columns: [(name: String, key: String)], _ r: inout SeededRandom, to out: ByteOutput) {
        out.byte(0x7B)
        var first = true
        for (c, cell) in row.enumerated() {
            if case .none = cell, r.chance(50) { continue }
            if !first { out.byte(0x2C) }
            first = false
            out.write("\"\(columns[c].key)\":")
            switch cell {
            case .none: out.write("null")
            case .text(let s): out.write(JSONText.string(s))
            case .time(let m, let slashes):
                out.byte(0x22)
                appendTime(m, slashes: slashes, to: out)
                out.byte(0x22)
            case .flag(let b): out.write(b ? "true" : "false")
            case .amount(let fen): out.write(amountText(fen))
            }
        }
        out.write("}\n")
    }
}
