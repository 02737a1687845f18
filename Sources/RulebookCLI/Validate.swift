import ArgumentParser
import Rulebook

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check policy and calendar files; exit 0 when valid, 2 with file:line:col errors."
    )

    @Argument(help: "Policy or calendar files, or folders to search for *.yaml.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print nothing when every file is valid.")
    var quiet = false

    @Flag(help: "Treat warnings (a zero fine, a share that can leave 0–100%, a decision table's shadowed row, gap or overlap) as errors.")
    var strict = false

    func validate() throws {
        for p in paths { try requirePath(p, "a file or folder argument") }
    }

    func run() throws {
        try reportingFailures {
            let result = Validator.validate(paths: paths)
            report(result.diagnostics)
            guard result.isValid(strict: strict) else {
                let errors = result.diagnostics.filter { $0.severity == .error }.count
                let warnings = result.diagnostics.count - errors
                let counted = errors > 0 || !strict ? "\(errors) error\(errors == 1 ? "" : "s")" : "\(warnings) warning\(warnings == 1 ? "" : "s") (--strict)"
                try writeStandardOutput("\(counted) in \(result.files.count) file\(result.files.count == 1 ? "" : "s")\n")
                throw Exit.badInput
            }
            if !quiet {
                let policies = result.files.filter { $0.kind == .policy }.count
                let calendars = result.files.filter { $0.kind == .calendar }.count
                let tests = result.files.filter { $0.kind == .tests }.count
                let shared = result.files.filter { $0.kind == .shared }.count
                let sharedText = shared == 0 ? "" : ", \(shared) shared rules file\(shared == 1 ? "" : "s")"
                try writeStandardOutput("\(result.files.count) files valid (\(policies) policies, \(calendars) calendars, \(tests) test files\(sharedText))\n")
            }
        }
    }
}
