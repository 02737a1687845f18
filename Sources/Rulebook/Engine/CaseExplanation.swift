/// `rulebook explain`: one case's decision, step by step, for someone who knows the policy but
/// not the code. Built from the same evaluator and compiled plan as `eval`, then read back.
package struct CaseExplanation: Sendable {
    struct Step: Sendable {
        /// fields, derived, tables, deadlines, penalties, escalations, ledger
        var section: String
        var title: String
        var lines: [String]
    }

    var caseID: String
    var file: String
    var row: Int
    var policyID: String
    var policyVersion: String?
    var asOf: Timestamp
    var steps: [Step]
    /// Written in Chinese (`explain --lang zh`): headings, outcomes, calendar notes, durations.
    var zh = false

    /// Finds the case in the export, evaluates it with tracing, and looks up its ledger lines
    /// in a full evaluation (the cap depends on the person's other fines that month).
    package static func explain(caseID: String, policy: CompiledPolicy, run: EvaluationRun, chinese zh: Bool = false) throws -> CaseExplanation {
        func span(_ s: TimeSpan?) -> String { s.map { zh ? $0.zhDescription : $0.description } ?? "" }
        func status(_ s: Finding.Status) -> String { zh ? s.zhName : s.rawValue }
        func show(_ v: Value, _ zone: Zone) -> String { CaseExplanation.show(v, zone, zh: zh) }
        let full = try run.run(policy)
        let asOf = full.asOf
        let decoder = FieldDecoder(policy: policy)
        let evaluator = try Evaluator(policy: policy, roster: run.roster, asOf: asOf)
        var found: (values: [Value], row: Int, columns: [Int?], headers: [String], location: SourceLocation)?
        let caseSlot = evaluator.caseIDSlot
        func scan<S: RecordSource>(_ source: S) throws {
            var bound = try BoundRecords(source, wanted: decoder.wanted)
            while let record = try bound.next() {
                let values: [Value]
                do {
                    values = try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames)
                } catch let e as DecodeError {
                    // Reached only when the full run set bad rows aside (--rejects): skip them.
                    if run.collectRejects { continue }
                    throw DiagnosticError(.error((e.column.map { "column \($0): " } ?? "") + e.message, at: record.location))
                }
                if values[caseSlot].description == caseID {
                    found = (values, record.row, bound.columns, bound.source.columnNames, record.location)
                    return
                }
            }
        }
        try scan(RecordFile.open(path: run.casesPath, format: run.format, encoding: run.encoding, limits: run.limits))
        guard let found else {
            throw DiagnosticError(.error("no case '\(caseID)' in the export", at: SourceLocation(file: run.casesPath, line: 1, column: 1)))
        }
        do {
            try evaluator.evaluate(fields: found.values, row: found.row)
        } catch let e as Evaluator.RowError {
            // Reached only when the full run set the case's row aside (--rejects).
            throw DiagnosticError([.error((e.column.map { "column \($0): " } ?? "") + e.message, at: found.location)] + [e.ruleNote].compactMap { $0 })
        }
        let caseFindings = evaluator.findings.pending
        let allFindings = full.findings
        let ctx = evaluator.context
        var steps: [Step] = []

        // Fields, with the column each came from.
        var fieldLines: [String] = []
        for (i, f) in policy.fields.enumerated() {
            let column = found.columns[i].map { "\(found.headers[$0].trimmedHeader)\(zh ? "，第 \($0 + 1) 列" : ", column \($0 + 1)")" } ?? (zh ? "无对应列" : "no column")
            fieldLines.append("\(f.decl.name) = \(show(found.values[i], policy.zone))  (\(column))")
        }
        steps.append(Step(section: "fields", title: zh ? "从第 \(found.row) 行读取的字段" : "Fields read from row \(found.row)", lines: fieldLines))

        for step in policy.steps {
            switch step {
            case .derive(let d):
                let slot = d.slot
                let decl = policy.policy.derived.first { $0.name == policy.slotNames[slot] }
                steps.append(Step(section: "derived", title: policy.slotNames[slot],
                                  lines: ["\(policy.slotNames[slot]) = \(decl?.expression.text ?? "") → \(show(ctx.slots[slot], policy.zone))"]))
            case .table(let t):
                var lines: [String] = []
                var hit = false
                for (n, row) in t.rows.enumerated() {
                    let text = t.decl.rows[n].when?.text ?? (zh ? "（总是）" : "(always)")
                    let v = row.when.map { (try? $0.evaluate(ctx)) ?? .null } ?? .bool(true)
                    if v == .bool(true) {
                        lines.append(zh ? "第 \(n + 1) 行：\(text) → 是：命中" : "row \(n + 1): \(text) → yes: hit")
                        hit = true
                        break
                    }
                    lines.append(zh ? "第 \(n + 1) 行：\(text) → \(v == .bool(false) ? "否" : "未知（有值未填）")"
                                    : "row \(n + 1): \(text) → \(v == .bool(false) ? "no" : "unknown (a value is unset)")")
                }
                if !hit { lines.append(zh ? "没有命中的行：输出未设定" : "no row hit: the outputs are unset") }
                for s in t.outputSlots { lines.append("\(policy.slotNames[s]) = \(show(ctx.slots[s], policy.zone))") }
                steps.append(Step(section: "tables", title: "\(t.decl.id)" + (t.decl.clause.map { " (§ \($0))" } ?? ""), lines: lines))
            case .deadline(let d):
                steps.append(Step(section: "deadlines", title: ruleTitle(d.decl.id, d.decl.clause, d.decl.title),
                                  lines: explainDeadline(d, evaluator: evaluator, policy: policy, zh: zh)))
            case .penalty(let p):
                let mine = caseFindings.filter { $0.rule == p.decl.id }
                if mine.isEmpty { continue }
                steps.append(Step(section: "penalties", title: ruleTitle(p.decl.id, p.decl.clause, p.decl.title), lines: mine.map { f in
                    if zh {
                        var text = f.amount.map { "罚款 \($0) 元" } ?? (f.sanction ?? "处分")
                        text += "，责任人 \(f.party ?? "?")"
                        if let on = p.decl.on { text += "，因为“\(on.value)”\(Evaluator.findingStatus(ctx.outcomes[p.on!].status).zhName)" }
                        if let w = p.decl.when { text += "，因为 \(w.text)" }
                        return text + "；计入 \(f.month ?? "?")（发生于 \(f.incurredAt?.description ?? "?")）"
                    }
                    var text = f.amount.map { "\($0) CNY" } ?? (f.sanction ?? "sanction")
                    text += " to \(f.party ?? "?")"
                    if let on = p.decl.on { text += ", because '\(on.value)' was \(ctx.outcomes[p.on!].status.rawValue)" }
                    if let w = p.decl.when { text += ", because \(w.text)" }
                    return text + "; booked to \(f.month ?? "?") (incurred \(f.incurredAt?.description ?? "?"))"
                }))
            case .escalation(let e):
                let mine = caseFindings.filter { $0.rule == e.decl.id }
                guard let f = mine.first else { continue }
                var lines = [zh ? "\(e.decl.when.text) → 是：\(e.decl.action ?? "升级")" : "\(e.decl.when.text) → true: \(e.decl.action ?? "escalate")"]
                if let due = f.due {
                    lines.append(zh ? "须于 \(due) 前：\(status(f.status))" + (f.lateBy.map { "，超时 \(span($0))" } ?? "")
                                    : "required by \(due): \(f.status.rawValue)" + (f.lateBy.map { ", \($0) late" } ?? ""))
                }
                steps.append(Step(section: "escalations", title: ruleTitle(e.decl.id, e.decl.clause, e.decl.title), lines: lines))
            }
        }

        // The groups this case counts toward, and what their rules found.
        for agg in policy.aggregates {
            if let f = agg.filter, (try? f.evaluate(ctx)) != .bool(true) { continue }
            let key = agg.keys.map { evaluator.keyValue((try? $0.evaluate(ctx)) ?? .null) }
            if key.contains(where: \.isNull) { continue }
            let subject = "\(agg.decl.id): " + zip(agg.decl.by.map(\.name), key).map { "\($0)=\($1)" }.joined(separator: " ")
            let groupFindings = allFindings.filter { $0.subject == subject }
            var lines = [zh ? "本案件计入 \(subject)" : "this case counts toward \(subject)"]
            for f in groupFindings {
                if zh {
                    var text = "\(f.rule)" + (f.clause.map { "（§ \($0)）" } ?? "") + "：\(status(f.status))"
                    if let due = f.due { text += "，期限 \(due)" }
                    if let late = f.lateBy { text += "，超时 \(span(late))" }
                    if let a = f.amount { text += "，\(a) 元，责任人 \(f.party ?? "?")" }
                    lines.append(text)
                    continue
                }
                var text = "\(f.rule)" + (f.clause.map { " (§ \($0))" } ?? "") + ": \(f.status.rawValue)"
                if let due = f.due { text += ", due \(due)" }
                if let late = f.lateBy { text += ", \(late) late" }
                if let a = f.amount { text += ", \(a) CNY to \(f.party ?? "?")" }
                lines.append(text)
            }
            steps.append(Step(section: "groups", title: agg.decl.id + (agg.decl.clause.map { " (§ \($0))" } ?? ""), lines: lines))
        }

        // Ledger lines of the people this case fined, in the months it booked to.
        let booked = Set(caseFindings.compactMap { f in f.party.flatMap { p in f.month.map { "\(p)|\($0)" } } })
        var ledgerLines: [String] = []
        for l in full.ledger where booked.contains("\(l.person)|\(l.month)") {
            let thisCase = caseFindings.filter { $0.party == l.person && $0.month == l.month }.reduce(Money.zero) { $0 + ($1.amount ?? .zero) }
            if zh {
                var text = "\(l.person) \(l.month)：本月罚款 \(l.incurred)（本案件 \(thisCase)），上月结转 \(l.carriedIn)"
                if let cap = l.cap { text += "，上限 \(cap)" + (l.bonus.map { "（月度奖金 \($0)）" } ?? "") }
                text += "，已扣除 \(l.deducted)，结转下月 \(l.carriedOut)"
                if l.carriedOut > .zero { text += "：上限留下 \(l.carriedOut) 在以后月份扣除" }
                ledgerLines.append(text)
                continue
            }
            var text = "\(l.person) \(l.month): incurred \(l.incurred) (this case \(thisCase)), carried in \(l.carriedIn)"
            if let cap = l.cap { text += ", cap \(cap)" + (l.bonus.map { " (bonus \($0))" } ?? "") }
            text += ", deducted \(l.deducted), carried out \(l.carriedOut)"
            if l.carriedOut > .zero { text += ": the cap held back \(l.carriedOut) for later months" }
            ledgerLines.append(text)
        }
        if !ledgerLines.isEmpty { steps.append(Step(section: "ledger", title: zh ? "罚扣台账" : "Ledger", lines: ledgerLines)) }
        return CaseExplanation(caseID: caseID, file: run.casesPath, row: found.row, policyID: policy.policy.id,
                               policyVersion: policy.policy.version, asOf: asOf, steps: steps, zh: zh)
    }

    static func ruleTitle(_ id: String, _ clause: String?, _ title: String?) -> String {
        id + (clause.map { " (§ \($0))" } ?? "") + (title.map { " \($0)" } ?? "")
    }

    /// A value as the explanation shows it; an instant at the policy's zone, as reports show it.
    static func show(_ v: Value, _ zone: Zone, zh: Bool = false) -> String {
        switch v {
        case .null: return zh ? "（未填）" : "(unset)"
        case .string(let s): return "\"\(s)\""
        case .timestamp(let t): return zone.localize(t).description
        default: return v.description
        }
    }

    static func explainDeadline(_ d: CompiledDeadline, evaluator: Evaluator, policy: CompiledPolicy, zh: Bool = false) -> [String] {
        let ctx = evaluator.context
        func show(_ v: Value) -> String { CaseExplanation.show(v, policy.zone, zh: zh) }
        func late(_ s: TimeSpan?) -> String { s.map { zh ? $0.zhDescription : $0.description } ?? "" }
        var lines: [String] = []
        if let w = d.timed.when {
            let v = (try? w.evaluate(ctx)) ?? .null
            let answer = v == .bool(true) ? (zh ? "是" : "true") : v == .bool(false) ? (zh ? "否" : "false") : (zh ? "未知" : "unknown")
            lines.append((zh ? "条件 " : "when ") + "\(d.decl.when!.text) → \(answer)")
            if v != .bool(true) {
                lines.append(zh ? "不适用" : "does not apply")
                return lines
            }
        }
        let start = (try? d.timed.from?.evaluate(ctx)) ?? .null
        lines.append((zh ? "起算 " : "from ") + "\(d.decl.from.text) = \(show(start))")
        guard case .timestamp(let s) = start else {
            lines.append(zh ? "不适用：起算时间未填" : "does not apply: its start is unset")
            return lines
        }
        let outcome = ctx.outcomes[d.index]
        if let w = d.timed.within, case .span(let span) = (try? w.evaluate(ctx)) ?? .null {
            if span.clock == .calendar {
                lines.append(zh ? "时限 \(d.decl.within!.text)：日历时间，周末与节假日照算" : "within \(d.decl.within!.text): calendar time, weekends and holidays count")
            } else if span.clock == .months {
                lines.append(zh ? "时限 \(d.decl.within!.text)：按日历月计，到对应月份的同一天（该月没有这一天则为月末），周末与节假日照算"
                             : "within \(d.decl.within!.text): calendar months, to the same day of the month (its last day when it has none), weekends and holidays count")
            } else if let cal = policy.calendar {
                let rule = span.clock == .workingDays
                    ? (zh ? "（\(d.decl.workingDays == .endOfDay ? "到当日下班" : "同一时刻")）" : " (\(d.decl.workingDays.rawValue))") : ""
                lines.append(zh ? "时限 \(d.decl.within!.text)，按日历 \(cal.id)\(rule)：" : "within \(d.decl.within!.text) on calendar \(cal.id)\(rule):")
                for note in (try? cal.explainDeadline(from: s, span: span, rule: d.decl.workingDays)) ?? [] {
                    lines.append("  \(note.text(zh: zh))")
                }
            }
        } else if let due = d.decl.due {
            lines.append((zh ? "期限 " : "due ") + due.text)
        }
        if let due = outcome.due { lines.append((zh ? "→ 期限 " : "→ due ") + "\(due)") }
        let end = (try? d.timed.to?.evaluate(ctx)) ?? .null
        lines.append((zh ? "完成 " : "to ") + "\(d.decl.to.text) = \(show(end))")
        let asOf = evaluator.asOf
        switch outcome.status {
        case .met:
            // Judged on the lateness clock (see `Evaluator.howLate`): say why a step done after
            // its due instant is not late.
            if case .timestamp(let done) = end, let due = outcome.due, done > due {
                lines.append(zh ? "→ 按时：在期限之后完成，但期限后没有经过工作时间" : "→ met: done after the due instant, but with no working time past it")
            } else {
                lines.append(zh ? "→ 按时" : "→ met")
            }
        case .breached: lines.append(zh ? "→ 超时完成，超时 \(late(outcome.lateBy))" : "→ breached, \(late(outcome.lateBy)) late")
        case .overdue:
            lines.append(zh ? "→ 截至 \(asOf) 仍未完成，逾期未办，超时 \(late(outcome.lateBy))"
                            : "→ open and overdue as of \(asOf), \(late(outcome.lateBy)) late")
        case .pending:
            if let due = outcome.due, asOf > due {
                lines.append(zh ? "→ 截至 \(asOf) 未完成，尚未逾期：期限后还没有经过工作时间"
                                : "→ open, not yet overdue as of \(asOf): no working time has passed since it was due")
            } else {
                lines.append(zh ? "→ 截至 \(asOf) 未完成，尚未到期" : "→ open, not yet due as of \(asOf)")
            }
        case .notApplicable: lines.append(zh ? "→ 不适用" : "→ does not apply")
        }
        return lines
    }

    /// Human text.
    package var text: String {
        var out = zh ? "案件 \(caseID)，\(file) 第 \(row) 行\n" : "Case \(caseID), row \(row) of \(file)\n"
        out += zh ? "制度 \(policyID)" + (policyVersion.map { " 版本 \($0)" } ?? "") + "，评估时点 \(asOf)\n"
            : "Policy \(policyID)" + (policyVersion.map { " version \($0)" } ?? "") + ", as of \(asOf)\n"
        var section = ""
        for s in steps {
            if s.section != section {
                section = s.section
                let heading = (zh ? ["fields": "", "derived": "派生值", "tables": "决策表", "deadlines": "时限",
                                     "penalties": "处罚", "escalations": "升级", "groups": "组（按全部案件评估）", "ledger": "罚扣台账"]
                               : ["fields": "", "derived": "Derived values", "tables": "Decision tables", "deadlines": "Deadlines",
                                  "penalties": "Penalties", "escalations": "Escalations", "groups": "Groups (evaluated over all cases)",
                                  "ledger": "Ledger"])[section] ?? section
                out += "\n" + (heading.isEmpty ? "" : heading + "\n")
            }
            if s.section == "fields" { out += s.title + "\n" } else if s.section != "ledger" && s.section != "derived" { out += "  \(s.title)\n" }
            let indent = ["fields", "ledger", "derived"].contains(s.section) ? "  " : "    "
            for l in s.lines { out += indent + l + "\n" }
        }
        return out
    }

    /// `--format json`.
    package var json: String {
        var out = "{\n  \"case\": \(JSONText.string(caseID)),\n  \"file\": \(JSONText.string(file)),\n  \"row\": \(row),\n"
        out += "  \"policy\": \(JSONText.string(policyID)),\n  \"as_of\": \(JSONText.string(asOf.description)),\n  \"steps\": [\n"
        out += steps.map { s in
            "    {\"section\":\(JSONText.string(s.section)),\"title\":\(JSONText.string(s.title)),\"lines\":[" +
                s.lines.map(JSONText.string).joined(separator: ",") + "]}"
        }.joined(separator: ",\n")
        return out + "\n  ]\n}\n"
    }
}
