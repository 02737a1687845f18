import Foundation

/// `--format table`: what a person reads on a terminal or prints for a manager.
enum TableReport {
    /// Display width: CJK characters take two columns.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1.value) ? 2 : 1) }
    }

    /// East Asian wide and fullwidth ranges (Hangul Jamo, CJK, Hangul, fullwidth forms).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v)
    }

    static func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - width(s))) }

    /// One table: the header, a rule, the rows; cells padded to the widest, trailing blanks cut.
    struct Table {
        var header: [String]
        var rightAligned: Set<Int> = []
        var widths: [Int]

        init(_ header: [String], rightAligned: Set<Int> = []) {
            self.header = header
            self.rightAligned = rightAligned
            widths = header.map(TableReport.width)
        }

        mutating func measure(_ row: [String]) {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], TableReport.width(c)) }
        }

        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, c) in cells.enumerated() {
                if i > 0 { text += "  " }
                let padding = String(repeating: " ", count: max(0, widths[i] - TableReport.width(c)))
                text += rightAligned.contains(i) ? padding + c : c + padding
            }
            // Trailing blanks cut in one step (removing them one at a time copies the line each time).
            guard let last = text.unicodeScalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "\n" }
            return String(text.unicodeScalars[...last]) + "\n"
        }

        func head() -> String { line(header) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }

    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var t = Table(header, rightAligned: rightAligned)
        for r in rows { t.measure(r) }
        var out = t.head()
        for r in rows { out += t.line(r) }
        return out
    }

    /// The finding lists: title, columns, which findings, their cells.
    struct Section: Sendable {
        var title: String
        var header: [String]
        var rightAligned: Set<Int> = []
        var filter: @Sendable (Finding) -> Bool
        var cells: @Sendable (Finding) -> [String]
    }

    /// The case cell: a group short of rejected rows says so where its finding is listed.
    static func subject(_ f: Finding, _ t: ReportText) -> String {
        guard let n = f.rowsLost else { return f.subject }
        if t.zh { return f.subject + "（不完整：\(n) 行被剔除）" }
        return f.subject + " (incomplete: \(n) row\(n == 1 ? "" : "s") rejected)"
    }

    /// Which findings each list holds, whatever the language (what a run keeps for the table).
    static let filters: [@Sendable (Finding) -> Bool] = [
        { $0.kind != .penalty && ($0.status == .breached || $0.status == .overdue) },
        { $0.kind == .escalation },
        { $0.kind == .penalty && ($0.status == .fined || $0.status == .sanctioned) },
        { $0.kind == .penalty && ($0.status == .provisional || $0.status == .notFined) },
        { $0.kind == .ratio },
    ]

    /// Whether any list holds `f`.
    static func lists(_ f: Finding) -> Bool { filters.contains { $0(f) } }

    static func sections(_ language: ReportLanguage) -> [Section] {
        let t = ReportText(language)
        let w = TableWords.of(language)
        @Sendable func due(_ f: Finding) -> String { f.due.map { t.time($0, due: true) } ?? "" }
        @Sendable func late(_ f: Finding) -> String { f.lateBy.map(t.duration) ?? "" }
        @Sendable func month(_ f: Finding) -> String { f.month.map(t.month) ?? "" }
        return [
            Section(title: w.breached, header: [w.case, w.title, w.rule, w.clause, w.status, w.due, w.lateBy], filter: filters[0],
                    cells: { [subject($0, t), $0.title ?? "", $0.rule, $0.clause ?? "", t.status($0.status), due($0), late($0)] }),
            Section(title: w.escalations, header: [w.case, w.title, w.rule, w.clause, w.status, w.action, w.due], filter: filters[1],
                    cells: { [subject($0, t), $0.title ?? "", $0.rule, $0.clause ?? "", t.status($0.status),
                              ($0.action ?? "") + ($0.note.map { (t.zh ? "：" : ": ") + $0 } ?? ""), due($0)] }),
            Section(title: w.penalties, header: [w.case, w.title, w.rule, w.clause, w.party, w.month, w.amount, w.sanction], rightAligned: [6],
                    filter: filters[2],
                    cells: { [subject($0, t), $0.title ?? "", $0.rule, $0.clause ?? "", $0.party ?? "", month($0), $0.amount?.description ?? "", $0.sanction ?? ""] }),
            // Apart from the fines, so that nobody adds them in: provisional fines of a period
            // still running and amounts that came to 0.00, each with its reason.
            Section(title: w.notBooked, header: [w.case, w.title, w.rule, w.status, w.party, w.month, w.amount, w.why], rightAligned: [6],
                    filter: filters[3],
                    cells: { [subject($0, t), $0.title ?? "", $0.rule, t.status($0.status), $0.party ?? "", month($0), $0.amount?.description ?? "", $0.note ?? ""] }),
            // The rules that read these ratios decided nothing for the case or group.
            Section(title: w.ratios, header: [w.case, w.rule, w.clause, w.ratio, w.why], filter: filters[4],
                    cells: { [subject($0, t), $0.rule, $0.clause ?? "", String(($0.title ?? "").dropFirst(Evaluator.undefinedRatioTitle.count)), $0.note ?? ""] }),
        ]
    }

    /// `--format table` findings, rendered where they are evaluated: a finding's rows in the
    /// lists it belongs to (section, then its cells), nothing for the others (most findings:
    /// the table only counts them), so that only listed findings are kept and sorted.
    static func rowRenderer(_ language: ReportLanguage) -> FindingRenderer {
        let sections = sections(language)
        return FindingRenderer(form: .tableRow(language)) { f, out in
            for (i, s) in sections.enumerated() where s.filter(f) {
                let cells = s.cells(f)
                out.append(UInt8(i))
                out.append(UInt8(cells.count))
                RunCodec.put(severity(f), &out)
                for c in cells {
                    var c = c
                    c.withUTF8 { u in
                        RunCodec.put(UInt32(u.count), &out)
                        out.append(contentsOf: u)
                    }
                }
            }
        }
    }

    /// How bad a listed finding is, for the worst-first order of a bounded table (larger is
    /// worse): open and overdue above every step done late, then the longer late (a working
    /// day counted as 86,400 seconds, so that clocks can be set side by side), then the
    /// larger amount. Ties keep report order (case id, rule).
    static func severity(_ f: Finding) -> UInt64 {
        var v: UInt64 = f.status == .overdue ? 1 << 62 : 0
        if let late = f.lateBy, late.amount > 0 {
            let (s, o) = late.clock == .workingDays ? late.amount.multipliedReportingOverflow(by: 86_400) : (late.amount, false)
            v += o ? (1 << 61) : UInt64(min(s, 1 << 61))
        }
        if let a = f.amount, a.minorUnits > 0 { v += UInt64(min(a.minorUnits, 1 << 60)) }
        return v
    }

    /// Calls `body` with each row a rendered finding holds: its section, severity and cells.
    /// Rows of other sections than `only` (when given) are stepped over without reading their cells.
    static func forEachRow(_ rendered: UnsafeRawBufferPointer, only: Int?, _ body: (Int, UInt64, [String]) -> Void) {
        var i = 0
        while i < rendered.count {
            let section = Int(rendered[i]), count = Int(rendered[i + 1])
            let wanted = only == nil || only == section
            let severity = UInt64(littleEndian: rendered.loadUnaligned(fromByteOffset: i + 2, as: UInt64.self))
            i += 10
            var cells: [String] = []
            for _ in 0..<count {
                let n = Int(UInt32(littleEndian: rendered.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                if wanted { cells.append(String(decoding: UnsafeRawBufferPointer(rebasing: rendered[(i + 4)..<(i + 4 + n)]), as: UTF8.self)) }
                i += 4 + n
            }
            if wanted { body(section, severity, cells) }
        }
    }

    /// The rows a bounded list shows: the `limit` worst, worst first (ties in report order).
    struct Worst {
        let limit: Int
        private(set) var rows: [(severity: UInt64, seq: Int, cells: [String])] = []
        private(set) var seen = 0

        init(limit: Int) { self.limit = limit }

        mutating func add(_ severity: UInt64, _ cells: [String]) {
            rows.append((severity, seen, cells))
            seen += 1
            // Trimmed now and then, so that memory stays about twice the limit.
            if rows.count >= max(64, 2 * limit) { trim() }
        }

        mutating func trim() {
            rows.sort { $0.severity != $1.severity ? $0.severity > $1.severity : $0.seq < $1.seq }
            if rows.count > limit { rows.removeSubrange(limit...) }
        }
    }

    /// Writes the table in `language`. `limit`: at most this many rows per list, the worst
    /// first, each bounded list saying how many it leaves out and how to see them; nil: every
    /// row, in report order (case id, then rule).
    static func write(_ r: EvaluationReport, to out: ByteOutput, language: ReportLanguage, limit: Int? = nil) throws {
        let t = ReportText(language)
        let w = TableWords.of(language)
        let sections = sections(language)
        let z = t.zh
        out.write(w.policy + r.policyID + (r.policyVersion.map { z ? " 版本 \($0)" : " version \($0)" } ?? "") + (r.policyTitle.map { " — \($0)" } ?? "") + "\n")
        out.write(w.fingerprint + "sha256:\(r.policyFingerprint.prefix(16))… (\(z ? "制度" : "policy"))  sha256:\(r.inputFingerprint.prefix(16))… (\(r.inputFile))\n")
        out.write(w.asOf + t.time(r.asOf) + (r.asOfGiven ? "" : (z ? "（未给出 --as-of：使用当前时间）" : " (the current time: no --as-of was given)")) + "\n")
        let incomplete = r.incomplete.count
        out.write(w.rows + (z ? "读取 \(r.rowsRead)，已评估 \(r.rowsEvaluated)，已剔除 \(r.rowsRejected)" + (incomplete == 0 ? "" : "；\(incomplete) 个组不完整")
                            : "\(r.rowsRead) read, \(r.rowsEvaluated) evaluated, \(r.rowsRejected) rejected"
                                + (incomplete == 0 ? "" : "; \(incomplete) group\(incomplete == 1 ? "" : "s") incomplete")) + "\n")
        if let o = r.openedFrom {
            let owing = o.balances.filter { $0.outstanding > .zero }.count
            out.write(z ? "期初        \(t.month(o.closedMonth))已结账：\(owing) 人结转待扣 \(t.money(o.outstanding))；已结账月份的罚款 \(t.money(r.closedFines))，"
                          + "其中补记（结账后才确定）\(t.money(r.lateFines))" + (r.policyChanged ? "；按另一版本的制度结账" : "") + "\n"
                        : "Opening     \(o.closedMonth) closed: \(o.outstanding) carried in from \(owing) \(owing == 1 ? "person" : "people"); "
                          + "fines found in closed months \(r.closedFines), of them booked late (decided since): \(r.lateFines)"
                          + (r.policyChanged ? "; closed under another policy version" : "") + "\n")
        }
        out.write("\n")

        out.write(w.outcomes + "\n")
        if r.findingCount == 0 { out.write(z ? "  无：没有规则适用于任何案件\n" : "  none: no rule applied to any case\n") }
        else { out.write(table([w.kind, w.status, w.count], r.statusCounts.map { [t.kind($0.0), t.status($0.1), String($0.2)] }, rightAligned: [2])) }

        // Rows rendered on the evaluating threads, or else made from every finding.
        let rendered = r.findingStore.renderer != nil
        /// The rows of every section, or of section `only`.
        func forEachRow(only: Int? = nil, _ body: (Int, UInt64, [String]) -> Void) throws {
            if rendered {
                try r.findingStore.forEachRendered(as: .tableRow(language)) { TableReport.forEachRow($0, only: only, body) }
            } else {
                try r.forEachFinding { f in
                    for (i, s) in sections.enumerated() where (only == nil || only == i) && s.filter(f) { body(i, severity(f), s.cells(f)) }
                }
            }
        }
        var tables = sections.map { Table($0.header, rightAligned: $0.rightAligned) }
        if let limit {
            // One pass keeps each list's worst rows; they alone are measured and written.
            var worst = sections.map { _ in Worst(limit: max(0, limit)) }
            try forEachRow { i, v, cells in worst[i].add(v, cells) }
            for (i, s) in sections.enumerated() where worst[i].seen > 0 {
                worst[i].trim()
                for row in worst[i].rows { tables[i].measure(row.cells) }
                let more = worst[i].seen - worst[i].rows.count
                out.write("\n" + s.title + (more > 0 ? w.worstFirst(worst[i].rows.count, worst[i].seen) : "") + "\n")
                if !worst[i].rows.isEmpty { out.write(tables[i].head()) }
                for row in worst[i].rows { out.write(tables[i].line(row.cells)) }
                if more > 0 { out.write(w.more(more)) }
            }
        } else {
            // One pass for the column widths, then one per list.
            var rows = sections.map { _ in 0 }
            try forEachRow { i, _, cells in
                tables[i].measure(cells)
                rows[i] += 1
            }
            for (i, s) in sections.enumerated() where rows[i] > 0 {
                out.write("\n\(s.title)\n")
                out.write(tables[i].head())
                try forEachRow(only: i) { _, _, cells in out.write(tables[i].line(cells)) }
            }
        }
        if !r.ledger.isEmpty {
            out.write("\n" + w.ledger + "\n")
            out.write(table(w.ledgerHeader,
                            r.ledger.map { [$0.person, t.month($0.month), $0.bonus?.description ?? "", $0.cap?.description ?? "", $0.incurred.description,
                                         $0.carriedIn.description, $0.deducted.description, $0.carriedOut.description] },
                            rightAligned: [2, 3, 4, 5, 6, 7]))
            out.write(w.totals(r.totalFined.description, r.totalDeducted.description, r.outstanding.description) + "\n")
        }
        if !r.incomplete.isEmpty {
            out.write("\n" + w.incomplete + "\n")
            out.write(table(w.incompleteHeader,
                            r.incomplete.map { [$0.aggregate, $0.clause ?? "", $0.group ?? w.anyGroup, String($0.rowsLost)] },
                            rightAligned: [3]))
        }
        if !r.rejections.isEmpty {
            out.write("\n" + w.rejected + "\n")
            for x in r.rejections { out.write("  \(x.description)\n") }
        }
    }
}
