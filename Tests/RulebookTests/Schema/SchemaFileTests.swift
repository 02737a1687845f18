import Foundation
import Testing
@testable import Rulebook

/// The schemas as files: committed under `schemas/` exactly as `rulebook schema` prints them
/// (regenerate with RULEBOOK_UPDATE_GOLDEN=1 after a reviewed change), named by the shipped
/// files' header line, and well-formed draft 2020-12 that a draft-07 editor reads alike.
@Suite struct SchemaFileTests {
    @Test(arguments: FileSchema.Kind.allCases)
    func committedSchemaIsWhatTheLibraryGenerates(kind: FileSchema.Kind) throws {
        _ = Paths.root
        let path = "schemas/\(kind.rawValue).schema.json"
        let text = FileSchema.text(for: kind)
        if ProcessInfo.processInfo.environment["RULEBOOK_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == text, "\(path) differs from `rulebook schema \(kind.rawValue)`; review and regenerate with RULEBOOK_UPDATE_GOLDEN=1")
    }

    @Test(arguments: FileSchema.Kind.allCases)
    func generationIsDeterministic(kind: FileSchema.Kind) {
        #expect(FileSchema.text(for: kind) == FileSchema.text(for: kind))
    }

    /// Keywords that mean the same in draft-07 and 2020-12: the YAML extension most editors use
    /// validates as draft-07 whatever `$schema` says.
    static let portableKeywords: Set<String> = [
        "$schema", "$defs", "$ref", "title", "description", "examples", "type", "properties", "patternProperties",
        "additionalProperties", "required", "minProperties", "enum", "const", "pattern", "minimum", "maximum",
        "items", "anyOf", "oneOf", "allOf", "not",
    ]

    @Test(arguments: FileSchema.Kind.allCases)
    func schemaIsDraft202012WithEveryReferenceDefined(kind: FileSchema.Kind) throws {
        let schema = try SchemaJSONObject.parse(kind)
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let defs = (schema["$defs"] as? [String: Any]) ?? [:]
        var keywords = Set<String>()
        var references = Set<String>()
        var problems: [String] = []
        func walk(_ s: Any, at path: String) {
            guard let object = s as? [String: Any] else {
                if !(s is Bool) { problems.append("\(path) is not a schema") }
                return
            }
            keywords.formUnion(object.keys)
            if let ref = object["$ref"] as? String {
                references.insert(ref)
                // Draft-07 ignores a $ref's siblings: only a description may stand beside it.
                let siblings = Set(object.keys).subtracting(["$ref", "description"])
                if !siblings.isEmpty { problems.append("\(path): \(siblings.sorted()) beside $ref") }
            }
            for key in ["properties", "patternProperties", "$defs"] {
                for (name, sub) in (object[key] as? [String: Any]) ?? [:] { walk(sub, at: "\(path)/\(key)/\(name)") }
            }
            for key in ["items", "additionalProperties", "not"] where object[key] != nil { walk(object[key]!, at: "\(path)/\(key)") }
            for key in ["anyOf", "oneOf", "allOf"] {
                for (i, sub) in ((object[key] as? [Any]) ?? []).enumerated() { walk(sub, at: "\(path)/\(key)/\(i)") }
            }
            if let pattern = object["pattern"] as? String, (try? NSRegularExpression(pattern: pattern)) == nil {
                problems.append("\(path): pattern does not compile")
            }
        }
        walk(schema, at: "#")
        #expect(problems.isEmpty, "\(problems)")
        #expect(keywords.isSubset(of: Self.portableKeywords), "\(keywords.subtracting(Self.portableKeywords).sorted())")
        #expect(references == Set(defs.keys.map { "#/$defs/\($0)" }), "every reference is defined and every definition referred to")
    }

    @Test func shippedFilesNameTheirSchemaOnTheFirstLine() throws {
        _ = Paths.root
        let folders: [(String, FileSchema.Kind)] = [("rules", .policy), ("rules/calendars", .calendar), ("rules/tests", .test), ("rules/company", .shared)]
        var checked = 0
        for (folder, kind) in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
            #expect(!files.isEmpty)
            for f in files {
                let text = try String(contentsOfFile: "\(folder)/\(f)", encoding: .utf8)
                let first = text.prefix { $0 != "\n" }
                let prefix = "# yaml-language-server: $schema="
                #expect(first.hasPrefix(prefix), "\(folder)/\(f)")
                let here = FileManager.default.currentDirectoryPath
                let target = ("\(here)/\(folder)/\(first.dropFirst(prefix.count))" as NSString).standardizingPath
                #expect(target == "\(here)/schemas/\(kind.rawValue).schema.json", "\(folder)/\(f) names \(target)")
                #expect(FileManager.default.fileExists(atPath: target))
                checked += 1
            }
        }
        #expect(checked >= 25)
    }

    /// The fingerprint hashes the canonical form, which has no comments: the header line
    /// changes no report.
    @Test func theHeaderLineLeavesThePolicyFingerprintAlone() throws {
        _ = Paths.root
        for f in try FileManager.default.contentsOfDirectory(atPath: "rules").filter({ $0.hasSuffix(".yaml") }) {
            let path = "rules/\(f)"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let withoutHeader = String(text.drop { $0 != "\n" }.dropFirst())
            #expect(withoutHeader.count < text.count)
            let a = try PolicyLoader.load(bytes: Array(text.utf8), file: path)
            let b = try PolicyLoader.load(bytes: Array(withoutHeader.utf8), file: path)
            #expect(a.canonicalForm == b.canonicalForm, "\(path)")
            #expect(!a.canonicalForm.contains("yaml-language-server"))
        }
    }
}

/// `rulebook schema KIND` on the command line.
@Suite(.serialized) struct SchemaCLITests {
    @Test(arguments: FileSchema.Kind.allCases)
    func printsTheSchema(kind: FileSchema.Kind) throws {
        let r = try runRulebook(["schema", kind.rawValue])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == FileSchema.text(for: kind))
        #expect(r.stderr.isEmpty)
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let r = try runRulebook(["schema", "polcy"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'policy', 'calendar', 'test', 'shared' or 'roster'"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
