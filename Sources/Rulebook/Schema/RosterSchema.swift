extension SchemaGenerator {
    /// One record of a roster in JSON Lines: every header `RosterReader` binds, English and
    /// Chinese, as a property. A record gives the person under exactly one name (an empty one
    /// on a department's own row) and every other column under at most one; other keys are
    /// ignored by the reader, so they are allowed.
    static func rosterRecord() -> SchemaJSON {
        var g = SchemaGenerator()
        var properties: [(String, SchemaJSON)] = []
        var rules: [SchemaJSON] = []
        for column in RosterReader.columns {
            let names = column.field.allNames
            for name in names {
                let what = name == column.field.name ? column.summary : "\(column.field.name): \(column.summary)"
                properties.append((name, g.value(.orEmpty(column.value), summary: what)))
            }
            let one = names.map { SchemaJSON.object([("required", .strings([$0]))]) }
            if column.field.required {
                rules.append(.object([("oneOf", .array(one))]))
            } else if names.count > 1 {
                var pairs: [SchemaJSON] = []
                for i in names.indices { for j in names.indices where j > i { pairs.append(.object([("required", .strings([names[i], names[j]]))])) } }
                rules.append(.object([("not", .object([("anyOf", .array(pairs))]))]))
            }
        }
        return .object([
            ("$schema", .string(draft)),
            ("title", .string("rulebook roster record")),
            ("description", .string("One line of a roster in JSON Lines (--roster): a person, or a person and month; a CSV roster has the same headers. Keys are column headers, under any alias; other keys are ignored. See docs/policy-language.md, The roster.")),
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("allOf", .array(rules)),
        ])
    }
}
