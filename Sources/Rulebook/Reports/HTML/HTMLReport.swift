/// `--format html`: one self-contained page for a manager — the summary and fingerprints, the
/// overdue cases and other violations, charts drawn as inline SVG (violations per rule and
/// clause, per month, fines per department, per person and month with the cap and
/// carry-forward), the ledger, and each case's findings at its anchor (`#case-2609-01`).
///
/// Nothing is loaded from elsewhere and no script is needed to read it. Every text from the
/// inputs is escaped (`HTMLText`). The page is bounded: the charts count every finding, the
/// lists show at most `limit` rows and cases (overdue first) and say how many they leave out.
/// The same inputs give the same bytes: nothing of the time of writing, everything sorted.
enum HTMLReport {
    /// Rows and cases listed at most; people charted at most.
    static let defaultLimit = 300
    static let peopleCharted = 24
    static let monthsCharted = 36

    static func write(_ r: EvaluationReport, to out: ByteOutput, language: ReportLanguage, limit: Int = defaultLimit) throws {
        let d = try HTMLDigest.make(r, limit: limit)
        let s = language == .zh ? HTMLStrings.zh : HTMLStrings.en
        let page = Page(report: r, digest: d, strings: s, out: out)
        page.write()
    }

    /// One page being written.
    struct Page {
        let report: EvaluationReport
        let digest: HTMLDigest
        let strings: HTMLStrings
        let out: ByteOutput
        /// The subjects whose findings are listed (their anchors exist).
        let listed: Set<String>
        let cases: [[Finding]]

        init(report: EvaluationReport, digest: HTMLDigest, strings: HTMLStrings, out: ByteOutput) {
            self.report = report
            self.digest = digest
            self.strings = strings
            self.out = out
            cases = digest.listedCases
            listed = Set(cases.compactMap { $0.first?.subject })
        }

        func e(_ s: String) -> String { HTMLText.escape(s) }
        var text: ReportText { ReportText(strings.lang.hasPrefix("zh") ? .zh : .en) }

        func write() {
            let s = strings
            let name = report.policyTitle ?? report.policyID
            out.write("<!DOCTYPE html>\n<html \(HTMLText.attribute("lang", s.lang))>\n<head>\n<meta charset=\"utf-8\">\n")
            out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            out.write("<meta http-equiv=\"Content-Security-Policy\" \(HTMLText.attribute("content", HTMLScript.contentSecurityPolicy))>\n")
            out.write("<title>\(e(s.reportTitle)) · \(e(name))</title>\n<style>\(HTMLStyle.css)</style>\n</head>\n<body>\n")
            out.write("<header id=\"top\">\n<h1>\(e(name))</h1>\n")
            out.write("<p class=\"sub\">\(e(s.reportTitle)) · <code>\(e(report.policyID))</code>"
                      + (report.policyVersion.map { " · \(e(s.version)) \(e($0))" } ?? "") + " · \(e(s.asOf)) \(e(report.asOf.description))</p>\n")
            out.write("<nav><a href=\"#summary\">\(e(s.summary))</a><a href=\"#charts\">\(e(s.charts))</a><a href=\"#violations\">\(e(s.violations))</a>"
                      + "<a href=\"#ledger\">\(e(s.ledger))</a><a href=\"#cases\">\(e(s.cases))</a></nav>\n</header>\n<main>\n")
            summary()
            charts()
            violations()
            ledger()
            caseDetails()
            incompleteAndRejected()
            out.write("</main>\n<footer>\(e(s.footer))</footer>\n<script>\(HTMLScript.filter)</script>\n</body>\n</html>\n")
        }

        // MARK: Sections

        func summary() {
            let s = strings, r = report
            // Deadlines and escalations with a deadline of their own.
            func count(_ st: Finding.Status) -> Int { r.findingStore.counts.values.reduce(0) { $0 + ($1[st] ?? 0) } }
            out.write("<section id=\"summary\">\n<h2>\(e(s.summary))</h2>\n<div class=\"cards\">\n")
            func card(_ label: String, _ value: String, alert: Bool = false) {
                out.write("<div class=\"card\(alert ? " alert" : "")\">\(e(label))<b>\(e(value))</b></div>\n")
            }
            card(s.rows, "\(r.rowsEvaluated) / \(r.rowsRead)")
            let overdue = count(.overdue)
            card(s.overdue, String(overdue), alert: overdue > 0)
            card(s.breached, String(count(.breached)))
            card(s.violationCount, String(r.violationCount))
            card(s.inCurrency(s.fined), r.totalFined.description)
            card(s.inCurrency(s.deducted), r.totalDeducted.description)
            card(s.inCurrency(s.outstanding), r.outstanding.description)
            out.write("</div>\n<div class=\"columns\">\n<dl class=\"facts\">\n")
            func fact(_ label: String, _ html: String) { out.write("<dt>\(e(label))</dt><dd>\(html)</dd>\n") }
            fact(s.policy, "<code>\(e(r.policyID))</code>" + (r.policyVersion.map { " \(e(s.version)) \(e($0))" } ?? "")
                 + (r.policyTitle.map { " — \(e($0))" } ?? ""))
            fact(s.policyFingerprint, "<code>sha256:\(e(r.policyFingerprint))</code>")
            fact(s.input, "<code>\(e(r.inputFile))</code>")
            if !r.inputFingerprint.isEmpty { fact(s.inputFingerprint, "<code>sha256:\(e(r.inputFingerprint))</code>") }
            fact(s.asOf, e(r.asOf.description) + (r.asOfGiven ? "" : e(s.asOfNow)))
            fact(s.rows, ["\(r.rowsRead) \(e(s.rowsRead))", "\(r.rowsEvaluated) \(e(s.rowsEvaluated))", "\(r.rowsRejected) \(e(s.rowsRejected))"]
                 .joined(separator: e(s.comma)) + (r.incomplete.isEmpty ? "" : e(s.comma) + "\(r.incomplete.count) \(e(s.groupsIncomplete))"))
            if let o = r.openedFrom {
                let owing = o.balances.filter { $0.outstanding > .zero }.count
                fact(s.opening, e(s.openingText(o.closedMonth, o.outstanding.description, owing, r.closedFines.description, r.lateFines.description)
                                  + (r.policyChanged ? s.openingPolicyChanged : "")))
            }
            out.write("</dl>\n<div>\n<h3>\(e(s.outcomes))</h3>\n")
            if r.findingCount == 0 {
                out.write("<p class=\"note\">\(e(s.noFindings))</p>\n")
            } else {
                out.write("<table class=\"outcomes\"><thead><tr><th>\(e(s.kind))</th><th>\(e(s.status))</th><th class=\"num\">\(e(s.count))</th></tr></thead><tbody>\n")
                for (k, st, n) in r.statusCounts {
                    out.write("<tr><td>\(e(s.name(k)))</td><td>\(status(st))</td><td class=\"num\">\(n)</td></tr>\n")
                }
                out.write("</tbody></table>\n")
            }
            out.write("</div>\n</div>\n</section>\n")
        }

        func violations() {
            let s = strings
            out.write("<section id=\"violations\">\n<h2>\(e(s.violations))</h2>\n<p class=\"note\">\(e(s.violationsNote))</p>\n")
            out.write("<input id=\"filter\" type=\"search\" hidden \(HTMLText.attribute("placeholder", s.filter)) \(HTMLText.attribute("aria-label", s.filter))>\n")
            let (rows, more) = digest.listedRows
            if rows.isEmpty {
                out.write("<p>\(e(s.noViolations))</p>\n</section>\n")
                return
            }
            out.write("<table class=\"violations\"><thead><tr><th>\(e(s.caseColumn))</th><th>\(e(s.rule))</th><th>\(e(s.status))</th><th>\(e(s.due))</th>"
                      + "<th>\(e(s.lateBy))</th><th>\(e(s.party))</th><th class=\"num\">\(e(s.amount))</th></tr></thead><tbody>\n")
            for f in rows {
                out.write("<tr data-filter><td>\(caseLink(f.subject))</td><td class=\"rule\">\(rule(f))</td><td>\(status(f.status))</td>"
                          + "<td class=\"time\">\(time(f.due, due: true))</td><td>\(e(f.lateBy.map(text.duration) ?? ""))</td><td>\(e(f.party ?? ""))</td>"
                          + "<td class=\"num\">\(e(f.amount?.description ?? ""))</td></tr>\n")
            }
            out.write("</tbody></table>\n")
            if more > 0 { out.write("<p class=\"note\">\(e(s.moreRows(more)))</p>\n") }
            out.write("</section>\n")
        }

        func charts() {
            let s = strings
            out.write("<section id=\"charts\">\n<h2>\(e(s.charts))</h2>\n<p class=\"note\">\(e(s.chartsNote))</p>\n")
            let segments = HTMLDigest.Segment.allCases.map(segmentClass)
            let legend = "<div class=\"legend\">" + HTMLDigest.Segment.allCases.map { "<span><i class=\"\(segmentClass($0))\"></i>\(e(segmentName($0)))</span>" }.joined() + "</div>\n"

            // Violations per rule and clause.
            out.write("<figure id=\"chart-rules\">\n<figcaption>\(e(s.byRule))</figcaption>\n")
            let rules = digest.ordered(digest.byRule.keys)
            if rules.isEmpty {
                out.write("<p class=\"note\">\(e(s.noBreaches))</p>\n")
            } else {
                out.write(legend)
                let bars = rules.map { id in
                    let counts = digest.byRule[id]!
                    return SVGChart.Bar(label: ruleLabel(id), segments: counts.map(Double.init), value: String(counts.reduce(0, +)))
                }
                out.write(SVGChart.bars(bars, classes: segments, title: s.byRule) + "\n")
            }
            out.write("</figure>\n")

            // Per month.
            out.write("<figure id=\"chart-months\">\n<figcaption>\(e(s.byMonth))</figcaption>\n")
            var months = digest.byMonth.keys.sorted()
            if months.isEmpty {
                if digest.undated == 0 { out.write("<p class=\"note\">\(e(s.noBreaches))</p>\n") }
            } else {
                months = filledMonths(months)
                let dropped = max(0, months.count - monthsCharted)
                months = Array(months.suffix(monthsCharted))
                out.write(legend)
                let cols = months.map { m in
                    let counts = digest.byMonth[m] ?? [0, 0, 0, 0]
                    return SVGChart.Column(label: m, segments: counts.map(Double.init), value: String(counts.reduce(0, +)))
                }
                out.write(SVGChart.columns(cols, classes: segments, title: s.byMonth) + "\n")
                if dropped > 0 { out.write("<p class=\"note\">\(e(s.moreMonths(dropped)))</p>\n") }
            }
            if digest.undated > 0 { out.write("<p class=\"note\">\(e(s.undated(digest.undated)))</p>\n") }
            out.write("</figure>\n")

            departmentChart()
            personCharts()
            out.write("</section>\n")
        }

        /// The ledger's months of a person: deducted, carried out and what the cap let go.
        struct PersonMonth {
            var line: LedgerLine
            var waived: Money
        }

        static func waived(_ l: LedgerLine) -> Money {
            // What was owed (carried in and incurred) and neither deducted nor carried on:
            // an excess the cap dropped. Checked arithmetic; nothing when it cannot be told.
            guard let owed = l.carriedIn.adding(l.incurred), let rest = owed.subtracting(l.deducted),
                  let waived = rest.subtracting(l.carriedOut), waived > .zero else { return .zero }
            return waived
        }

        func moneyLegend(cap: Bool) -> String {
            let s = strings
            return "<div class=\"legend\"><span><i class=\"deducted\"></i>\(e(s.segmentDeducted))</span><span><i class=\"carried\"></i>\(e(s.segmentCarried))</span>"
                + "<span><i class=\"waived\"></i>\(e(s.segmentWaived))</span>" + (cap ? "<span><i class=\"cap\"></i>\(e(s.capLine))</span>" : "") + "</div>\n"
        }

        func departmentChart() {
            let s = strings
            out.write("<figure id=\"chart-departments\">\n<figcaption>\(e(s.inCurrency(s.byDepartment)))</figcaption>\n")
            var departmentOf: [String: String] = [:]
            var totals: [String: (incurred: Money, deducted: Money, waived: Money, outstanding: Money, fines: Int)] = [:]
            var lastCarried: [String: Money] = [:]
            for l in report.ledger {
                guard let dept = l.department else { continue }
                departmentOf[l.person] = dept
                var t = totals[dept] ?? (.zero, .zero, .zero, .zero, 0)
                t.incurred = FindingStore.addFined(t.incurred, l.incurred)
                t.deducted = FindingStore.addFined(t.deducted, l.deducted)
                t.waived = FindingStore.addFined(t.waived, Page.waived(l))
                totals[dept] = t
                lastCarried[l.person] = l.carriedOut
            }
            for (person, carried) in lastCarried {
                if let dept = departmentOf[person] { totals[dept]!.outstanding = FindingStore.addFined(totals[dept]!.outstanding, carried) }
            }
            for (person, n) in digest.finesByParty {
                if let dept = departmentOf[person] { totals[dept]?.fines += n }
            }
            if totals.isEmpty {
                out.write("<p class=\"note\">\(e(report.ledger.isEmpty ? s.noLedger : s.noDepartments))</p>\n</figure>\n")
                return
            }
            out.write(moneyLegend(cap: false))
            let names = HumanOrder.NameRanks(totals.keys)
            let depts = totals.keys.sorted { a, b in
                totals[a]!.incurred != totals[b]!.incurred ? totals[a]!.incurred > totals[b]!.incurred : names.precedes(a, b)
            }
            let bars = depts.map { d in
                let t = totals[d]!
                return SVGChart.Bar(label: d, segments: [t.deducted, t.outstanding, t.waived].map { Double($0.minorUnits) },
                                    value: "\(t.incurred.description) · \(s.fineCount(t.fines))")
            }
            out.write(SVGChart.bars(bars, classes: ["deducted", "carried", "waived"], title: s.byDepartment) + "\n</figure>\n")
        }

        func personCharts() {
            let s = strings
            out.write("<figure id=\"chart-people\">\n<figcaption>\(e(s.inCurrency(s.byPerson)))</figcaption>\n")
            guard !report.ledger.isEmpty else {
                out.write("<p class=\"note\">\(e(s.noLedger))</p>\n</figure>\n")
                return
            }
            out.write(moneyLegend(cap: true))
            var byPerson: [String: [LedgerLine]] = [:]
            var order: [String] = []
            for l in report.ledger {
                if byPerson[l.person] == nil { order.append(l.person) }
                byPerson[l.person, default: []].append(l)
            }
            let incurred = byPerson.mapValues { $0.reduce(Money.zero) { FindingStore.addFined($0, $1.incurred) } }
            // The most fined first; the ledger's order (by name) between equals.
            let place = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let people = order.sorted { a, b in incurred[a]! != incurred[b]! ? incurred[a]! > incurred[b]! : place[a]! < place[b]! }
            out.write("<div class=\"people\">\n")
            for person in people.prefix(peopleCharted) {
                let lines = byPerson[person]!
                let shown = lines.suffix(12)
                let title = person + (lines.first?.department.map { " · \($0)" } ?? "")
                let cols = shown.map { l in
                    SVGChart.Column(label: l.month, segments: [l.deducted, l.carriedOut, Page.waived(l)].map { Double($0.minorUnits) },
                                    value: s.deductedValue(l.deducted.description), marker: l.cap.map { Double($0.minorUnits) },
                                    markerText: l.cap.map { "\(s.cap) \($0.description)" },
                                    tooltip: "\(l.month): " + [(s.incurred, l.incurred), (s.carriedIn, l.carriedIn), (s.deducted, l.deducted), (s.carriedOut, l.carriedOut)]
                                        .map { "\($0.0) \($0.1.description)" }.joined(separator: ", ") + (l.cap.map { ", \(s.cap) \($0.description)" } ?? ""))
                }
                out.write("<figure class=\"person\"><figcaption>\(e(title))</figcaption>\n")
                out.write(SVGChart.columns(Array(cols), classes: ["deducted", "carried", "waived"], title: "\(s.byPerson): \(title)", plotHeight: 110, minWidth: 160, colWidth: 84) + "\n")
                if lines.count > shown.count { out.write("<p class=\"note\">\(e(s.moreMonths(lines.count - shown.count)))</p>\n") }
                out.write("</figure>\n")
            }
            out.write("</div>\n")
            if people.count > peopleCharted { out.write("<p class=\"note\">\(e(s.morePeople(people.count - peopleCharted)))</p>\n") }
            out.write("</figure>\n")
        }

        func ledger() {
            let s = strings, r = report
            out.write("<section id=\"ledger\">\n<h2>\(e(s.inCurrency(s.ledger)))</h2>\n")
            guard !r.ledger.isEmpty else {
                out.write("<p>\(e(s.noLedger))</p>\n</section>\n")
                return
            }
            out.write("<table class=\"ledger\"><thead><tr><th>\(e(s.person))</th><th>\(e(s.department))</th><th>\(e(s.month))</th>"
                      + [s.bonus, s.cap, s.incurred, s.carriedIn, s.deducted, s.carriedOut].map { "<th class=\"num\">\(e($0))</th>" }.joined()
                      + "</tr></thead><tbody>\n")
            for l in r.ledger.prefix(digest.limit) {
                out.write("<tr data-filter><td>\(e(l.person))</td><td>\(e(l.department ?? ""))</td><td>\(e(l.month))</td>"
                          + [l.bonus, l.cap, l.incurred, l.carriedIn, l.deducted, l.carriedOut].map { "<td class=\"num\">\(e($0?.description ?? ""))</td>" }.joined()
                          + "</tr>\n")
            }
            out.write("</tbody></table>\n")
            if r.ledger.count > digest.limit { out.write("<p class=\"note\">\(e(s.moreRows(r.ledger.count - digest.limit)))</p>\n") }
            out.write("<p>\(e(s.totals(r.totalFined.description, r.totalDeducted.description, r.outstanding.description)))</p>\n</section>\n")
        }

        func caseDetails() {
            let s = strings
            out.write("<section id=\"cases\">\n<h2>\(e(s.cases))</h2>\n<p class=\"note\">\(e(s.casesNote(cases.count, digest.caseTotal)))</p>\n")
            for findings in cases {
                guard let first = findings.first else { continue }
                out.write("<section class=\"case\" \(HTMLText.attribute("id", HTMLText.caseAnchor(first.subject))) data-filter>\n")
                out.write("<h3>\(e(first.subject))" + (findings.compactMap(\.rowsLost).max().map { " <span class=\"note\">(\(e(s.rowsLost)) \($0))</span>" } ?? "")
                          + "<a class=\"top\" href=\"#top\">\(e(s.backToTop))</a></h3>\n")
                out.write("<table><thead><tr><th>\(e(s.rule))</th><th>\(e(s.kind))</th><th>\(e(s.status))</th><th>\(e(s.start))</th><th>\(e(s.due))</th>"
                          + "<th>\(e(s.done))</th><th>\(e(s.lateBy))</th><th>\(e(s.party))</th><th class=\"num\">\(e(s.amount))</th><th>\(e(s.month))</th>"
                          + "<th>\(e(s.note))</th></tr></thead><tbody>\n")
                for f in findings {
                    let note = [f.sanction, f.action, f.note].compactMap { $0 }.joined(separator: "; ")
                    out.write("<tr><td class=\"rule\">\(rule(f))</td><td>\(e(s.name(f.kind)))</td><td>\(status(f.status))</td>"
                              + "<td class=\"time\">\(time(f.start))</td><td class=\"time\">\(time(f.due, due: true))</td><td class=\"time\">\(time(f.done))</td>"
                              + "<td>\(e(f.lateBy.map(text.duration) ?? ""))</td><td>\(e(f.party ?? ""))</td><td class=\"num\">\(e(f.amount?.description ?? ""))</td>"
                              + "<td>\(e(f.month ?? ""))</td><td>\(e(note))</td></tr>\n")
                }
                out.write("</tbody></table>\n</section>\n")
            }
            out.write("</section>\n")
        }

        func incompleteAndRejected() {
            let s = strings, r = report
            if !r.incomplete.isEmpty {
                out.write("<section id=\"incomplete\">\n<h2>\(e(s.incompleteGroups))</h2>\n<p class=\"note\">\(e(s.incompleteNote))</p>\n")
                out.write("<table><thead><tr><th>\(e(s.aggregate))</th><th>\(e(s.clause))</th><th>\(e(s.group))</th><th class=\"num\">\(e(s.rowsLost))</th></tr></thead><tbody>\n")
                for g in r.incomplete.prefix(digest.limit) {
                    out.write("<tr><td>\(e(g.aggregate))</td><td>\(e(g.clause ?? ""))</td><td>\(g.group.map { caseLink(g.subject, text: $0) } ?? e(s.groupUnknown))</td>"
                              + "<td class=\"num\">\(g.rowsLost)</td></tr>\n")
                }
                out.write("</tbody></table>\n</section>\n")
            }
            if !r.rejections.isEmpty {
                out.write("<section id=\"rejected\">\n<h2>\(e(s.rejectedRows))</h2>\n<ul>\n")
                for x in r.rejections.prefix(digest.limit) { out.write("<li><code>\(e(x.description))</code></li>\n") }
                out.write("</ul>\n")
                if r.rejections.count > digest.limit { out.write("<p class=\"note\">\(e(s.moreRows(r.rejections.count - digest.limit)))</p>\n") }
                out.write("</section>\n")
            }
        }

        // MARK: Cells

        func segmentClass(_ seg: HTMLDigest.Segment) -> String {
            switch seg {
            case .overdue: return "overdue"
            case .breached: return "breached"
            case .penalised: return "penalised"
            case .raised: return "raised"
            }
        }

        func segmentName(_ seg: HTMLDigest.Segment) -> String {
            switch seg {
            case .overdue: return strings.segmentOverdue
            case .breached: return strings.segmentBreached
            case .penalised: return strings.segmentPenalised
            case .raised: return strings.segmentRaised
            }
        }

        /// `title · id · clause 8.2` for a chart.
        func ruleLabel(_ id: String) -> String {
            [digest.title(of: id), id, digest.rules[id]?.clause.map { "\(strings.clause) \($0)" }].compactMap { $0 }.joined(separator: " · ")
        }

        /// A rule in a table: its title, then its id and clause, smaller.
        func rule(_ f: Finding) -> String {
            let meta = "<small><code>\(e(f.rule))</code>" + (f.clause.map { " · \(e(strings.clause)) \(e($0))" } ?? "") + "</small>"
            guard let title = digest.title(of: f.rule) else { return meta }
            return "\(e(title))<br>" + meta
        }

        func status(_ st: Finding.Status) -> String {
            "<span class=\"status \(st.rawValue)\">\(e(strings.name(st)))</span>"
        }

        /// A case id linking to its findings when they are listed.
        func caseLink(_ subject: String, text: String? = nil) -> String {
            guard listed.contains(subject) else { return e(text ?? subject) }
            return "<a \(HTMLText.attribute("href", "#" + HTMLText.caseAnchor(subject)))>\(e(text ?? subject))</a>"
        }

        /// `2026-09-10 10:00` (seconds when not zero), the full instant in `datetime`.
        /// An instant as `ReportText` writes it (a deadline at midnight as the day before's 24:00).
        func time(_ t: Timestamp?, due: Bool = false) -> String {
            guard let t else { return "" }
            return "<time \(HTMLText.attribute("datetime", t.description))>\(e(text.time(t, due: due)))</time>"
        }

        /// The months from the first to the last, the empty ones between included (when fewer
        /// than `monthsCharted` would be added in all).
        func filledMonths(_ months: [String]) -> [String] {
            guard let first = months.first, let last = months.last else { return months }
            var all = [first]
            while let m = all.last, m < last, all.count <= monthsCharted * 2, let next = Ledger.nextMonth(m) { all.append(next) }
            return all.last == last ? all : months
        }
    }
}
