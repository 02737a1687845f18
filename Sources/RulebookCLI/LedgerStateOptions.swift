import ArgumentParser
import Rulebook

/// `eval`'s monthly-run options: the ledger state it opens from and the one it closes with.
struct LedgerStateOptions: ParsableArguments {
    @Option(name: .customLong("opening"), help: "Start the ledger from the balances in this state file (written by --closing of the run that closed the previous month); fines of the months it closed are not booked again.")
    var openingPath: String?

    @Option(name: .customLong("closing"), help: "Write the balances carried out of the last month that ended before --as-of to this state file (JSON Lines), for the next month's --opening.")
    var closingPath: String?

    @Flag(help: "Open from a state closed under another policy or version of it; the report records it.")
    var allowPolicyChange = false

    func validate() throws {
        try requirePath(openingPath, "--opening")
        try requirePath(closingPath, "--closing")
        if allowPolicyChange && openingPath == nil { throw ValidationError("--allow-policy-change needs --opening") }
    }

    var inputs: [PathOption] { openingPath.map { [PathOption("--opening", $0)] } ?? [] }
    var outputs: [PathOption] { closingPath.map { [PathOption("--closing", $0)] } ?? [] }

    /// Reads the opening state into the run.
    func configure(_ run: inout EvaluationRun) throws {
        guard let openingPath else { return }
        run.opening = try LedgerState.load(path: openingPath)
        run.allowPolicyChange = allowPolicyChange
    }

    /// The closing state of `report`, written to a pending file the caller commits with the
    /// report; nil without --closing.
    func closing(_ report: EvaluationReport) throws -> OutputFile? {
        guard let closingPath else { return nil }
        let state = try report.closingState()
        let file = try OutputFile(path: closingPath)
        file.output.write(state.jsonLines)
        try file.output.finish()
        return file
    }
}
