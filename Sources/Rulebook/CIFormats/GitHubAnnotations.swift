/// `check --format github`: one GitHub Actions workflow command per violation the gate
/// counts, in report order, which the runner shows as an annotation:
///
///     ::error file=fixtures/s1/cases.csv,line=8,title=notify-departments (§ 8.1)::2609-05 notify-departments 8.1: breached, …
///
/// The command is the level (`Violation.level`: `error`, `warning`, `notice`); a case's
/// violation is placed at the line its row starts on in the export, a group's (or any, for an
/// export read from standard input) at the rule's declaration with its column. The message is
/// the `check` line. Values are escaped as GitHub's toolkit escapes them: `%`, CR and LF in
/// the message; those and `:` and `,` in a property.
enum GitHubAnnotations {
    /// Returns the number of violations written.
    static func write(_ s: CheckSubject, to out: ByteOutput) throws -> Int {
        var count = 0
        try s.forEachViolation { v, i in
            let rule = s.rules[i]
            var properties: [(String, String)]
            if let line = v.exportLine, let export = s.export {
                properties = [("file", export.path), ("line", String(line))]
            } else {
                properties = [("file", ArtifactPath(rule.location.file).path), ("line", String(rule.location.line)),
                              ("col", String(rule.location.column))]
            }
            properties.append(("title", rule.id + (rule.clauseText.map { " (\($0))" } ?? "")))
            out.write(command(v.level.githubCommand, properties, message: v.message) + "\n")
            count += 1
        }
        return count
    }

    /// `::name key=value,…::message`, escaped.
    static func command(_ name: String, _ properties: [(String, String)], message: String) -> String {
        "::\(name) " + properties.map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",") + "::" + escapeData(message)
    }

    static func escapeData(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func escapeProperty(_ s: String) -> String {
        var out = ""
        for u in escapeData(s).unicodeScalars {
            switch u {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
