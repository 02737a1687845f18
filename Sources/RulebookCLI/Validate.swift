import ArgumentParser
import Rulebook

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check policy and calendar files; exit 0 when valid, 2 with file:line:col errors."
    )

    @Argument(help: "Policy or calendar files, or folders to search for *.yaml.")
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print nothing when every file is valid.")
    var quiet = false

    func run() throws {
        let result = Validator.validate(paths: paths)
        report(result.diagnostics)
        guard result.isValid else {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            print("\(errors) error\(errors == 1 ? "" : "s") in \(result.files.count) file\(result.files.count == 1 ? "" : "s")")
            throw Exit.badInput
        }
        if !quiet {
            let policies = result.files.filter { $0.kind == .policy }.count
            let calendars = result.files.filter { $0.kind == .calendar }.count
            let tests = result.files.filter { $0.kind == .tests }.count
            print("\(result.files.count) files valid (\(policies) policies, \(calendars) calendars, \(tests) test files)")
        }
    }
}
