import Foundation

/// Reads policy test files, reporting every problem with its location.
enum PolicyTestLoader {
    static func load(path: String) throws -> PolicyTestSuite {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("cannot read the file", at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return try load(bytes: [UInt8](data), file: path)
    }

    /// A test file's bytes; paths in it are resolved against `file`'s folder.
    static func load(bytes: [UInt8], file: String) throws -> PolicyTestSuite {
        let root = try YAMLReader.singleDocument(bytes, file: file)
        let sink = DiagnosticSink()
        let suite = read(root, file: file, sink: sink)
        if sink.hasErrors || suite == nil { throw DiagnosticError(sink.diagnostics) }
        return suite!
    }

    /// `dir/relative` for a path written relative to the test file.
    static func resolve(_ p: String, from file: String) -> String {
        if p.hasPrefix("/") { return p }
        let dir = (file as NSString).deletingLastPathComponent
        return CalendarPath.normalize(dir.isEmpty ? p : dir + "/" + p)
    }

    static func read(_ root: YAMLNode, file: String, sink: DiagnosticSink) -> PolicyTestSuite? {
        guard let m = MappingReader(root, "a test file", spec: PolicyTestKeys.suite, sink: sink) else { return nil }
        func path(_ key: String, _ m: MappingReader) -> String? {
            guard let l = m.located(key) else { return nil }
            let p = resolve(l.value, from: file)
            if !FileManager.default.fileExists(atPath: p) {
                sink.error("no file at \(p)", at: l.location)
            }
            return p
        }
        let asOf = m.located("as_of")
        checkInstant(asOf, sink: sink)
        var tests: [PolicyTest] = []
        for node in PolicyLoader.eachItem(m.value("tests"), "tests", sink: sink) {
            guard let tm = MappingReader(node, "a test", spec: PolicyTestKeys.test, sink: sink),
                  let name = tm.string("name") else { continue }
            var cases: PolicyTest.Cases?
            if let c = path("cases", tm) { cases = .file(c) }
            if let rows = tm.value("rows") {
                if cases != nil { sink.error("a test takes 'cases' or 'rows', not both", at: rows.location) }
                var parsed: [[(String, String)]] = []
                for r in PolicyLoader.eachItem(rows, "rows", sink: sink) {
                    guard let pairs = r.mapping else {
                        sink.error("a row must be a mapping of column headers to values", at: r.location)
                        continue
                    }
                    parsed.append(pairs.map { ($0.name, $0.value.isNull ? "" : ($0.value.scalar ?? "")) })
                }
                cases = .rows(parsed)
            }
            let testAsOf = tm.located("as_of")
            checkInstant(testAsOf, sink: sink)
            guard let expectNode = tm.value("expect"),
                  let em = MappingReader(expectNode, "'expect'", spec: PolicyTestKeys.expect, sink: sink) else { continue }
            var expect = Expectations()
            expect.findings = patterns(em.value("findings"), "findings", PolicyTestKeys.finding, sink: sink)
            expect.absent = patterns(em.value("absent"), "absent", PolicyTestKeys.finding, sink: sink)
            expect.ledger = patterns(em.value("ledger"), "ledger", PolicyTestKeys.ledger, sink: sink)
            expect.rejected = patterns(em.value("rejected"), "rejected", PolicyTestKeys.rejected, sink: sink)
            if let t = em.value("totals"), let tm2 = MappingReader(t, "'totals'", spec: PolicyTestKeys.totals, sink: sink) {
                expect.totals = tm2.node.mapping!.compactMap { field($0, sink: sink) }
            }
            tests.append(PolicyTest(name: name, cases: cases, asOf: testAsOf, expect: expect, location: node.location))
        }
        guard let policyPath = path("policy", m) else { return nil }
        return PolicyTestSuite(file: file, name: m.string("suite") ?? (file as NSString).lastPathComponent,
                               policyPath: policyPath, rosterPath: path("roster", m), casesPath: path("cases", m),
                               asOf: asOf, tests: tests, location: root.location)
    }

    static func checkInstant(_ l: Located<String>?, sink: DiagnosticSink) {
        guard let l else { return }
        guard let p = TimestampParser.parse(l.value), p.secondOfDay != nil else {
            sink.error("cannot read \(Excerpt.quoted(l.value)) as a timestamp (e.g. \"2026-11-30T18:00+08:00\")", at: l.location)
            return
        }
        // The ledger runs to the as-of month: a year 9999 would print 95 centuries of months.
        if !Timestamp.supportedYears.contains(p.date.year) {
            sink.error("'\(l.value)' is outside the years \(Timestamp.supportedYearsText) a policy handles", at: l.location)
        }
    }

    static func patterns(_ node: YAMLNode?, _ what: String, _ spec: MappingSpec, sink: DiagnosticSink) -> [Pattern] {
        PolicyLoader.eachItem(node, what, sink: sink).compactMap { item in
            guard let m = MappingReader(item, "an expected item in '\(what)'", spec: spec, sink: sink) else { return nil }
            var fields: [Pattern.Field] = []
            var count: Int?
            for p in m.node.mapping! {
                if p.name == "count" {
                    guard let s = p.value.scalar, let n = Int(s), n >= 0 else {
                        sink.error("'count' must be a whole number", at: p.value.location)
                        continue
                    }
                    count = n
                } else if let f = field(p, sink: sink) {
                    fields.append(f)
                }
            }
            return Pattern(fields: fields, count: count, location: item.location)
        }
    }

    static func field(_ p: YAMLPair, sink: DiagnosticSink) -> Pattern.Field? {
        guard let s = p.value.scalar, !p.value.isNull else {
            sink.error("'\(p.name)' needs a value", at: p.value.location)
            return nil
        }
        let value: ExpectedValue
        if PolicyTestKeys.moneyKeys.contains(p.name) {
            var t = s.trimmingCharacters(in: .whitespaces)
            for suffix in ["CNY", "元"] where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces) }
            guard let m = Money(parsing: t) else {
                sink.error("cannot read '\(s)' as an amount of money (e.g. 20 CNY)", at: p.value.location)
                return nil
            }
            value = .money(m)
        } else if PolicyTestKeys.integerKeys.contains(p.name) {
            guard let n = Int(s) else {
                sink.error("'\(p.name)' must be a whole number", at: p.value.location)
                return nil
            }
            value = .integer(n)
        } else if PolicyTestKeys.durationKeys.contains(p.name) {
            // One or more parts on one clock, as reports write them: `3d 7h`, `8h 30m working time`.
            let text = s.hasSuffix(" working time") ? String(s.dropLast(" working time".count)) : s
            var spans: [TimeSpan] = []
            var why = ""
            do {
                for t in try Lexer.tokens(text) {
                    if case .span(let span) = t.kind { spans.append(span) } else if t.kind != .end { spans = []; break }
                }
            } catch let f as Lexer.Failure {
                why = ": \(f.message)"  // e.g. a part longer than a policy's durations may be
            } catch {}
            // `… working time` counts its parts in plain units (`8h 30m working time`, as reports
            // write it): a part on a working clock of its own (`2 working days working time`)
            // says two things at once.
            let inWorkingTime = s.hasSuffix(" working time")
            let clock: TimeSpan.Clock? = inWorkingTime ? .workingTime : spans.first?.clock
            guard let clock, !spans.isEmpty, spans.allSatisfy({ $0.clock == (inWorkingTime ? .calendar : spans[0].clock) }) else {
                sink.error("cannot read '\(s)' as a duration (e.g. 30m, 3d 7h, 8 working hours)\(why)", at: p.value.location)
                return nil
            }
            // Each part is within a policy's limit; their sum only has to fit.
            var total = TimeSpan(clock, 0)
            for part in spans {
                guard let t = total.adding(TimeSpan(clock, part.amount)) else {
                    sink.error("cannot read '\(s)' as a duration: it does not fit in 64 bits", at: p.value.location)
                    return nil
                }
                total = t
            }
            value = .span(total)
        } else if PolicyTestKeys.instantKeys.contains(p.name) {
            // `2026-09-21 24:00`: the end of the day, as a report writes an end-of-day deadline
            // (the next day's 00:00).
            var text = s, endOfDay = false
            if let r = s.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]24:00(:00)?"#, options: .regularExpression) {
                let head = s[r.lowerBound...].prefix(11)
                text = String(head) + "00:00" + String(s[r.upperBound...])
                endOfDay = true
            }
            guard let parsed = TimestampParser.parse(text), let sod = parsed.secondOfDay else {
                sink.error("cannot read '\(s)' as a timestamp", at: p.value.location)
                return nil
            }
            let date = endOfDay ? parsed.date.adding(days: 1) : parsed.date
            if let o = parsed.offsetSeconds {
                value = .instant(Timestamp(date: date, secondOfDay: sod, offsetSeconds: o))
            } else {
                value = .localTime(date, sod)  // in the policy's zone, resolved when matching
            }
        } else {
            value = .text(s)
        }
        return Pattern.Field(key: p.name, value: value, location: p.value.location)
    }
}
