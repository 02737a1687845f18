import Foundation
import Testing
@testable import Rulebook

/// A small valid file written from one template per mapping, so that one mapping at a time can
/// gain, lose or change a key and be loaded again.
struct MappingTemplates {
    /// The template's name of the root mapping.
    var root: String
    /// Per mapping (named as in the schema's `$defs`), its pairs; a value may hold another
    /// mapping's slot, `%name%`.
    var parts: [String: [(key: String, value: String)]]
    /// The loader's messages for a file's text.
    var load: @Sendable (String) -> [String]

    func text(_ name: String, _ pairs: [(key: String, value: String)]) -> String {
        render(root, override: (name, pairs))
    }

    var base: String { render(root, override: nil) }

    private func render(_ name: String, override: (String, [(key: String, value: String)])?) -> String {
        let pairs = override?.0 == name ? override!.1 : parts[name]!
        var s = "{ " + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + " }"
        for other in parts.keys.sorted() where s.contains("%\(other)%") {
            s = s.replacingOccurrences(of: "%\(other)%", with: render(other, override: override))
        }
        return s
    }

    func messages(_ name: String, _ pairs: [(key: String, value: String)]) -> [String] { load(text(name, pairs)) }

    /// The keys the loader takes in `name` among `candidates`: those it reports no unknown key
    /// (or weekday) for when added, with those the template already has.
    func acceptedKeys(_ name: String, among candidates: Set<String>) -> Set<String> {
        let pairs = parts[name]!
        var accepted = Set(pairs.map(\.key))
        for c in candidates.sorted() where !accepted.contains(c) {
            let ms = messages(name, pairs + [(c, "x")])
            if !ms.contains(where: { $0.hasPrefix("unknown key '\(c)'") || $0.hasPrefix("unknown weekday '\(c)'") }) {
                accepted.insert(c)
            }
        }
        return accepted
    }

    /// The keys of the template's `name` whose absence the loader reports as a missing key.
    func requiredKeys(_ name: String) -> Set<String> {
        let pairs = parts[name]!
        var required = Set<String>()
        for (i, p) in pairs.enumerated() {
            var fewer = pairs
            fewer.remove(at: i)
            let ms = messages(name, fewer)
            if ms.contains(where: { $0.hasSuffix("needs '\(p.key)'") || $0.contains("needs a '\(p.key)'") || $0.hasPrefix("missing '\(p.key)'") }) {
                required.insert(p.key)
            }
        }
        return required
    }

    /// The pairs of `name` with `key` set to `value`.
    func setting(_ name: String, _ key: String, _ value: String) -> [(key: String, value: String)] {
        var pairs = parts[name]!
        if let i = pairs.firstIndex(where: { $0.key == key }) { pairs[i].value = value } else { pairs.append((key, value)) }
        return pairs
    }
}

enum Templates {
    static func messages(_ body: () throws -> Void, _ sink: DiagnosticSink? = nil) -> [String] {
        do {
            try body()
            return sink?.diagnostics.map(\.message) ?? []
        } catch let e as DiagnosticError {
            return e.diagnostics.map(\.message)
        } catch {
            return ["\(error)"]
        }
    }

    static let policy = MappingTemplates(root: "policy", parts: [
        "policy": [("policy", "p"), ("fields", "{ case_id: %field%, at: timestamp, done: { type: timestamp, optional: true }, who: person }"),
                   ("tables", "[ %table% ]"), ("aggregates", "[ %aggregate% ]"), ("deadlines", "[ %deadline%, { id: d2, within: 2h, rounds: [ %round% ] } ]"),
                   ("penalties", "[ %penalty%, { id: p2, per: g, measure: n, tiers: [ %tier% ], to: who } ]"),
                   ("caps", "[ %cap% ]"), ("escalations", "[ %escalation% ]")],
        "field": [("type", "string")],
        "table": [("id", "t"), ("outputs", "{ o: %tableOutput% }"), ("rows", "[ %tableRow% ]")],
        "tableOutput": [("type", "string")],
        "tableRow": [("o", "'\"x\"'")],
        "aggregate": [("id", "g"), ("by", "{ who: who }"), ("values", "{ n: 'count()' }")],
        "deadline": [("id", "d"), ("from", "at"), ("to", "done"), ("within", "2h"), ("penalty", "%deadlinePenalty%")],
        "round": [("from", "at"), ("to", "done")],
        "deadlinePenalty": [("to", "who"), ("amount", "20 CNY")],
        "penalty": [("id", "p1"), ("when", "'true'"), ("to", "[ %party% ]"), ("amount", "20 CNY")],
        "party": [("party", "who"), ("share", "100%")],
        "tier": [("at_least", "3"), ("amount", "200 CNY")],
        "cap": [("id", "c"), ("per", "[person, month]"), ("limit", "'50% of bonus'")],
        "escalation": [("id", "e"), ("when", "'true'"), ("action", "x")],
    ]) { text in
        messages { _ = try PolicyLoader.load(bytes: Array(text.utf8), file: "p.yaml") }
    }

    static let calendar = MappingTemplates(root: "calendar", parts: [
        "calendar": [("calendar", "c"), ("years", "[2026]"), ("week", "%week%"), ("holidays", "[ %holiday% ]"),
                     ("makeup_days", "[ %makeUpDay% ]")],
        "week": [("monday", "[08:30-12:00]")],
        "holiday": [("name", "h"), ("date", "2026-01-01")],
        "makeUpDay": [("name", "m"), ("date", "2026-01-04")],
    ]) { text in
        messages {
            let root = try YAMLReader.singleDocument(Array(text.utf8), file: "c.yaml")
            var bag = DiagnosticBag()
            _ = CalendarFileParser.parse(root, path: "c.yaml", into: &bag)
            try bag.check()
        }
    }

    static let test = MappingTemplates(root: "testFile", parts: [
        "testFile": [("suite", "s"), ("policy", "../s1-complaint-handling.yaml"), ("tests", "[ %test% ]")],
        "test": [("name", "n"), ("expect", "%expect%")],
        "expect": [("findings", "[ %finding% ]"), ("absent", "[ { rule: r } ]"), ("ledger", "[ %ledgerLine% ]"),
                   ("totals", "%totals%"), ("rejected", "[ %rejectedRow% ]")],
        "finding": [("rule", "r")],
        "ledgerLine": [("person", "a")],
        "totals": [("fined", "0")],
        "rejectedRow": [("row", "1")],
    ]) { text in
        _ = Paths.root
        let sink = DiagnosticSink()
        return messages({
            let root = try YAMLReader.singleDocument(Array(text.utf8), file: "rules/tests/probe.test.yaml")
            _ = PolicyTestLoader.read(root, file: "rules/tests/probe.test.yaml", sink: sink)
        }, sink)
    }

    static let shared = MappingTemplates(root: "shared", parts: [
        "shared": [("shared", "s"), ("fields", "{ who: %field% }"), ("caps", "[ %cap% ]")],
        "field": [("type", "person")],
        "cap": [("id", "c"), ("per", "[person, month]"), ("limit", "'50% of bonus'")],
    ]) { text in
        let sink = DiagnosticSink()
        return messages({
            let root = try YAMLReader.singleDocument(Array(text.utf8), file: "s.yaml")
            PolicyIncludes.validate(root, file: "s.yaml", sink: sink)
        }, sink)
    }

    static let all: [(FileSchema.Kind, MappingTemplates)] = [(.policy, policy), (.calendar, calendar), (.test, test), (.shared, shared)]
}

/// The generated schemas say what the loaders do: each mapping's properties are exactly the
/// keys the loader accepts there, its `required` the keys whose absence the loader reports, and
/// each choice's words the loader's. The loader is probed (a key added, removed, a word set),
/// not its tables read, so a loader that stopped using the tables would fail here.
@Suite struct SchemaLoaderAgreementTests {
    /// Every key name any schema mentions, and a few that none does.
    static let candidates: Set<String> = {
        var names: Set<String> = ["zzz", "withn", "Within", "feilds", "Monday"]
        for kind in [FileSchema.Kind.policy, .calendar, .test, .shared] {
            let schema = try! SchemaJSONObject.parse(kind)
            names.formUnion(SchemaJSONObject.properties(schema))
            for (_, def) in (schema["$defs"] as? [String: Any]) ?? [:] {
                names.formUnion(SchemaJSONObject.properties(def as! [String: Any]))
            }
        }
        return names
    }()

    static var mappings: [(FileSchema.Kind, String)] {
        Templates.all.flatMap { kind, t in t.parts.keys.sorted().map { (kind, $0) } }
    }

    static func template(_ kind: FileSchema.Kind) -> MappingTemplates { Templates.all.first { $0.0 == kind }!.1 }

    static func schemaMapping(_ kind: FileSchema.Kind, _ name: String) throws -> [String: Any] {
        let schema = try SchemaJSONObject.parse(kind)
        let t = template(kind)
        return try #require(SchemaJSONObject.mapping(schema, name == t.root ? nil : name), "no schema for \(name)")
    }

    @Test(arguments: [FileSchema.Kind.policy, .calendar, .test, .shared])
    func templatesLoadWithoutAProblem(kind: FileSchema.Kind) {
        let t = Self.template(kind)
        #expect(t.load(t.base) == [], "\(t.base)")
    }

    @Test func everyMappingOfTheSchemasHasATemplate() throws {
        for kind in [FileSchema.Kind.policy, .calendar, .test, .shared] {
            let defs = Set(((try SchemaJSONObject.parse(kind))["$defs"] as? [String: Any] ?? [:]).keys)
            let t = Self.template(kind)
            #expect(defs.union([t.root]) == Set(t.parts.keys), "\(kind)")
        }
    }

    @Test(arguments: mappings)
    func propertiesAreTheKeysTheLoaderAccepts(kind: FileSchema.Kind, name: String) throws {
        let t = Self.template(kind)
        let mapping = try Self.schemaMapping(kind, name)
        let properties = SchemaJSONObject.properties(mapping)
        var accepted = t.acceptedKeys(name, among: Self.candidates)
        switch name {
        case "tableRow":
            // The row's other keys are the outputs the table declares (`o`), which the schema
            // cannot see: it takes any other key as a cell.
            #expect(accepted.contains("o"))
            accepted.remove("o")
            #expect(mapping["additionalProperties"] is [String: Any])
        case "week":
            // Weekdays in any case: `Monday` is `monday`.
            #expect(accepted.contains("Monday"))
            accepted = Set(accepted.map { $0.lowercased() })
            let patterns = (mapping["patternProperties"] as? [String: Any])?.keys.map { try! NSRegularExpression(pattern: $0) } ?? []
            #expect(patterns.count == 1 && patterns[0].matchesWhole("Monday") && patterns[0].matchesWhole("SUNDAY") && !patterns[0].matchesWhole("mon"))
            #expect(mapping["additionalProperties"] as? Bool == false)
        default:
            #expect(mapping["additionalProperties"] as? Bool == false, "\(name) refuses unknown keys in the loader; the schema must too")
        }
        #expect(accepted == properties, "\(name): the loader accepts \(accepted.subtracting(properties).sorted()) beyond the schema; the schema lists \(properties.subtracting(accepted).sorted()) the loader refuses")
    }

    @Test(arguments: mappings)
    func requiredAreTheKeysTheLoaderMisses(kind: FileSchema.Kind, name: String) throws {
        let t = Self.template(kind)
        let required = SchemaJSONObject.required(try Self.schemaMapping(kind, name))
        #expect(required.isSubset(of: Set(t.parts[name]!.map(\.key))), "the template of \(name) lacks a required key")
        #expect(t.requiredKeys(name) == required, "\(name)")
    }

    /// Each word of a choice loads, a word outside it is refused, and where the loader's
    /// message lists the words they are the schema's, in order.
    @Test(arguments: mappings)
    func choicesAreTheLoadersWords(kind: FileSchema.Kind, name: String) throws {
        let t = Self.template(kind)
        let mapping = try Self.schemaMapping(kind, name)
        for key in SchemaJSONObject.properties(mapping).sorted() {
            guard let words = SchemaJSONObject.words(mapping, key), !words.allSatisfy({ ["true", "false", "yes", "no"].contains($0) }) else { continue }
            for w in words {
                let ms = t.messages(name, t.setting(name, key, w))
                #expect(!ms.contains { $0.contains("is not a valid '\(key)'") || $0.contains("'\(w)'") }, "\(name).\(key): \(w): \(ms)")
            }
            let ms = t.messages(name, t.setting(name, key, "zzzz"))
            #expect(ms.contains { $0.contains("zzzz") || $0.contains("only CNY") }, "\(name).\(key) takes any word: \(ms)")
            if let listed = ms.compactMap({ m in m.range(of: "expected one of: ").map { String(m[$0.upperBound...]) } }).first {
                #expect(listed.components(separatedBy: ", ") == words, "\(name).\(key)")
            }
        }
    }

    @Test func choicesCoverEveryEnumOfTheModel() throws {
        let policy = try SchemaJSONObject.parse(.policy)
        func words(_ def: String, _ key: String) -> [String]? { SchemaJSONObject.words(SchemaJSONObject.mapping(policy, def)!, key) }
        #expect(words("cap", "excess") == ["carry-forward", "waive"])
        #expect(words("cap", "rounding") == ["down", "half-up"])
        #expect(words("penalty", "fires") == ["at-period-end", "at-once"])
        #expect(words("deadlinePenalty", "fires") == words("penalty", "fires"))
        #expect(words("penalty", "members") == ["direct", "with-subunits"])
        #expect(words("deadline", "lateness") == ["working-time", "calendar"])
        #expect(words("deadline", "working_days") == ["same-time", "end-of-day"])
        #expect(words("field", "type") == FieldDecl.Kind.allCases.map(\.rawValue))
        #expect(words("tableOutput", "type") == FieldDecl.Kind.allCases.map(\.rawValue))
    }

    /// `owner: person`: any type but enum, which needs its values.
    @Test func fieldShorthandIsEveryTypeButEnum() throws {
        let policy = try SchemaJSONObject.parse(.policy)
        let fields = try #require((policy["properties"] as? [String: Any])?["fields"] as? [String: Any])
        let options = try #require((fields["additionalProperties"] as? [String: Any])?["anyOf"] as? [[String: Any]])
        let shorthand = try #require(options.compactMap { $0["enum"] as? [String] }.first)
        let t = Templates.policy
        #expect(t.base.contains("case_id: { type: string }"))
        for kind in FieldDecl.Kind.allCases {
            let loaded = t.load(t.base.replacingOccurrences(of: "case_id: { type: string }", with: "case_id: \(kind.rawValue)"))
            #expect(loaded.isEmpty == shorthand.contains(kind.rawValue), "\(kind): \(loaded)")
        }
    }

    @Test func booleansAreTheLoadersWords() throws {
        let policy = try SchemaJSONObject.parse(.policy)
        let optional = try #require((SchemaJSONObject.mapping(policy, "field")?["properties"] as? [String: Any])?["optional"] as? [String: Any])
        let values = try #require(optional["enum"] as? [Any])
        let words = values.compactMap { $0 as? String }
        #expect(words == MappingReader.booleanWords.map(\.word))
        #expect(values.contains { ($0 as? Bool) == true } && values.contains { ($0 as? Bool) == false })
        let t = Templates.policy
        for w in words + ["maybe", "1"] {
            let ms = t.messages("field", t.setting("field", "optional", w))
            #expect(ms.isEmpty == words.contains(w), "\(w): \(ms)")
        }
    }

    /// `PolicyTestLoader.field` reads a key by what it holds, whatever mapping it is in.
    @Test func anExpectedKeyHasOneMeaningInEveryMapping() {
        var seen: [String: String] = [:]
        for m in PolicyTestKeys.expectedValueMappings {
            for k in m.keys {
                var g = SchemaGenerator()
                let shape = g.value(k.value, summary: nil).text()
                if let earlier = seen[k.name] { #expect(earlier == shape, "\(k.name)") }
                seen[k.name] = shape
            }
        }
        #expect(PolicyTestKeys.moneyKeys.isSuperset(of: ["amount", "bonus", "deducted", "fined"]))
        #expect(PolicyTestKeys.integerKeys == ["row", "rows_read", "rows_evaluated", "rows_rejected", "violations"])
        #expect(PolicyTestKeys.durationKeys == ["late_by"] && PolicyTestKeys.instantKeys == ["due", "done"])
    }
}
