/// The frame of a SARIF 2.1.0 log as `check` and `test` write it: one run, the tool
/// `rulebook` with its rules, the run's properties, then the results as they stream past.
/// Columns are counted in Unicode scalars, as every location of the tool is
/// (`columnKind: unicodeCodePoints`). The log validates against the official schema
/// (`schemas/sarif-schema-2.1.0.json`, checked by `scripts/test`).
enum SARIFLog {
    /// The OASIS schema (2.1.0 with its errata) the log follows.
    static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// A `location` in `file` at `line` (and `column`), with `message` and the `id` a related
    /// location carries.
    static func location(_ file: ArtifactPath, line: Int, column: Int? = nil, message: String? = nil, id: Int? = nil) -> JSONTree {
        let (uri, base) = file.sarifURI
        return .members([
            ("id", id.map(JSONTree.integer)),
            ("physicalLocation", .members([
                ("artifactLocation", .members([("uri", .string(uri)), ("uriBaseId", base.map(JSONTree.string))])),
                ("region", .members([("startLine", .integer(max(1, line))), ("startColumn", column.map { .integer(max(1, $0)) })])),
            ])),
            ("message", message.map(JSONTree.text)),
        ])
    }

    /// Writes the log: `rules` (reporting descriptors), the run's `properties`, and each
    /// result `results` hands to its sink, in that order. Returns the number of results.
    static func write(rules: [JSONTree], properties: JSONTree, to out: ByteOutput,
                      results: ((JSONTree) throws -> Void) throws -> Void) throws -> Int {
        let tool = JSONTree.object([("driver", .members([
            ("name", .string("rulebook")),
            ("version", .string(Rulebook.version)),
            ("semanticVersion", .string(Rulebook.version)),
            ("rules", .array(rules)),
        ]))])
        out.write("{\n  \"$schema\": \(JSONText.string(schema)),\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n")
        out.write("      \"tool\": " + tool.rendered(indent: 6) + ",\n")
        out.write("      \"columnKind\": \"unicodeCodePoints\",\n")
        out.write("      \"properties\": " + properties.rendered(indent: 6) + ",\n")
        out.write("      \"results\": [")
        var count = 0
        try results { result in
            out.write((count == 0 ? "\n" : ",\n") + "        " + result.rendered(indent: 8))
            count += 1
        }
        out.write(count == 0 ? "]\n" : "\n      ]\n")
        out.write("    }\n  ]\n}\n")
        return count
    }
}
