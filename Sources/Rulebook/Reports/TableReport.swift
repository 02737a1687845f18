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
    static func subject(_ f: Finding) -> String {
        guard let n = f.rowsLost else { return f.subject }
        return f.subject + " (incomplete: \(n) row\(n == 1 ? "" : "s") rejected)"
    }

    static let sections = [
        Section(title: "Breached and overdue", header: ["case", "rule", "clause", "status", "due", "late by"],
                filter: { $0.kind != .penalty && ($0.status == .breached || $0.status == .overdue) },
                cells: { [subject($0), $0.rule, $0.clause ?? "", $0.status.rawValue, $0.due?.description ?? "", $0.lateBy?.description ?? ""] }),
        Section(title: "Escalations", header: ["case", "rule", "clause", "status", "action", "due"],
                filter: { $0.kind == .escalation },
                cells: { [subject($0), $0.rule, $0.clause ?? "", $0.status.rawValue,
                          ($0.action ?? "") + ($0.note.map { ": \($0)" } ?? ""), $0.due?.description ?? ""] }),
        Section(title: "Penalties", header: ["case", "rule", "clause", "party", "month", "amount", "sanction"], rightAligned: [5],
                filter: { $0.kind == .penalty && ($0.status == .fined || $0.status == .sanctioned) },
                cells: { [subject($0), $0.rule, $0.clause ?? "", $0.party ?? "", $0.month ?? "", $0.amount?.description ?? "", $0.sanction ?? ""] }),
        // Apart from the fines, so that nobody adds them in: provisional fines of a period
        // still running and amounts that came to 0.00, each with its reason.
        Section(title: "Penalties not booked", header: ["case", "rule", "status", "party", "month", "amount", "why"], rightAligned: [5],
                filter: { $0.kind == .penalty && ($0.status == .provisional || $0.status == .notFined) },
                cells: { [subject($0), $0.rule, $0.status.rawValue, $0.party ?? "", $0.month ?? "", $0.amount?.description ?? "", $0.note ?? ""] }),
        // The rules that read these ratios decided nothing for the case or group.
        Section(title: "Ratios undefined", header: ["case", "rule", "clause", "ratio", "why"],
                filter: { $0.kind == .ratio },
                cells: { [subject($0), $0.rule, $0.clause ?? "", String(($0.title ?? "").dropFirst(Evaluator.undefinedRatioTitle.count)), $0.note ?? ""] }),
    ]

    /// `--format table` findings, rendered where they are evaluated: a finding's rows in the
    /// lists it belongs to (section, then its cells), nothing for the others (most findings:
    /// the table only counts them), so that only listed findings are kept and sorted.
    static let rowRenderer = FindingRenderer(form: .tableRow) { f, out in
        for (i, s) in sections.enumerated() where s.filter(f) {
            let cells = s.cells(f)
            out.append(UInt8(i))
            out.append(UInt8(cells.count))
            for c in cells {
                var c = c
                c.withUTF8 { u in
                    RunCodec.put(UInt32(u.count), &out)
                    out.append(contentsOf: u)
                }
            }
        }
    }

    /// Calls `body` with each row a rendered finding holds: its section and cells. Rows of
    /// other sections than `only` (when given) are stepped over without reading their cells.
    static func forEachRow(_ rendered: UnsafeRawBufferPointer, only: Int?, _ body: (Int, [String]) -> Void) {
        var i = 0
        while i < rendered.count {
            let section = Int(rendered[i]), count = Int(rendered[i + 1])
            let wanted = only == nil || only == section
            i += 2
            var cells: [String] = []
            for _ in 0..<count {
                let n = Int(UInt32(littleEndian: rendered.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                if wanted { cells.append(String(decoding: UnsafeRawBufferPointer(rebasing: rendered[(i + 4)..<(i + 4 + n)]), as: UTF8.self)) }
                i += 4 + n
            }
            if wanted { body(section, cells) }
        }
    }

    static func write(_ r: EvaluationReport, to out: ByteOutput) throws {
        out.write("Policy      \(r.policyID)" + (r.policyVersion.map { " version \($0)" } ?? "") + (r.policyTitle.map { " — \($0)" } ?? "") + "\n")
        out.write("Fingerprint sha256:\(r.policyFingerprint.prefix(16))… (policy)  sha256:\(r.inputFingerprint.prefix(16))… (\(r.inputFile))\n")
        out.write("As of       \(r.asOf)" + (r.asOfGiven ? "" : " (the current time: no --as-of was given)") + "\n")
        out.write("Rows        \(r.rowsRead) read, \(r.rowsEvaluated) evaluated, \(r.rowsRejected) rejected"
                  + (r.incomplete.isEmpty ? "" : "; \(r.incomplete.count) group\(r.incomplete.count == 1 ? "" : "s") incomplete") + "\n")
        if let o = r.openedFrom {
            out.write("Opening     \(o.closedMonth) closed: \(o.outstanding) carried in from \(o.balances.filter { $0.outstanding > .zero }.count) "
                      + (o.balances.filter { $0.outstanding > .zero }.count == 1 ? "person" : "people") + "; fines found in closed months \(r.closedFines), of them booked late "
                      + "(decided since): \(r.lateFines)"
                      + (r.policyChanged ? "; closed under another policy version" : "") + "\n")
        }
        out.write("\n")

        out.write("Outcomes\n")
        if r.findingCount == 0 { out.write("  none: no rule applied to any case\n") }
        else { out.write(table(["kind", "status", "count"], r.statusCounts.map { [$0.0.rawValue, $0.1.rawValue, String($0.2)] }, rightAligned: [2])) }

        // One pass for the column widths, then one per list: over rows rendered on the
        // evaluating threads, or else over every finding.
        let rendered = r.findingStore.renderer != nil
        /// The rows of every section, or of section `only`.
        func forEachRow(only: Int? = nil, _ body: (Int, [String]) -> Void) throws {
            if rendered {
                try r.findingStore.forEachRendered(as: .tableRow) { TableReport.forEachRow($0, only: only, body) }
            } else {
                try r.forEachFinding { f in
                    for (i, s) in sections.enumerated() where (only == nil || only == i) && s.filter(f) { body(i, s.cells(f)) }
                }
            }
        }
        var tables = sections.map { Table($0.header, rightAligned: $0.rightAligned) }
        var rows = sections.map { _ in 0 }
        try forEachRow { i, cells in
            tables[i].measure(cells)
            rows[i] += 1
        }
        for (i, s) in sections.enumerated() where rows[i] > 0 {
            out.write("\n\(s.title)\n")
            out.write(tables[i].head())
            try forEachRow(only: i) { _, cells in out.write(tables[i].line(cells)) }
        }
        if !r.ledger.isEmpty {
            out.write("\nLedger (CNY)\n")
            out.write(table(["person", "month", "bonus", "cap", "incurred", "carried in", "deducted", "carried out"],
                            r.ledger.map { [$0.person, $0.month, $0.bonus?.description ?? "", $0.cap?.description ?? "", $0.incurred.description,
                                            $0.carriedIn.description, $0.deducted.description, $0.carriedOut.description] },
                            rightAligned: [2, 3, 4, 5, 6, 7]))
            out.write("Fined \(r.totalFined), deducted \(r.totalDeducted), outstanding \(r.outstanding)\n")
        }
        if !r.incomplete.isEmpty {
            out.write("\nIncomplete groups (their rules saw counts and sums short of rows set aside with --rejects)\n")
            out.write(table(["aggregate", "clause", "group", "rows lost"],
                            r.incomplete.map { [$0.aggregate, $0.clause ?? "", $0.group ?? "(could not be told: any group)", String($0.rowsLost)] },
                            rightAligned: [3]))
        }
        if !r.rejections.isEmpty {
            out.write("\nRejected rows\n")
            for x in r.rejections { out.write("  \(x.description)\n") }
        }
    }
}
