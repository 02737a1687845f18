/// Whether a run whose bad rows were set aside (`--rejects`) can stand as a result: a report
/// or a `check` verdict over no row at all would pass garbage as compliant.
package enum EvaluationGate {
    /// For a report (`eval`): throws `DiagnosticError` when rows were read but none could be
    /// evaluated (exit 2: the export is unusable); returns a note to print when some were set
    /// aside, else nil.
    package static func check(_ report: EvaluationReport, rejectsPath: String) throws -> String? {
        guard report.rowsRejected > 0 else { return nil }
        if report.rowsEvaluated == 0 {
            let rows = report.rowsRejected == 1 ? "the only row was" : "all \(report.rowsRejected) rows were"
            throw DiagnosticError(.error("no row could be evaluated: \(rows) set aside in \(rejectsPath)",
                                         at: SourceLocation(file: report.inputFile, line: 1, column: 1)))
        }
        return note(report, rejectsPath: rejectsPath)
    }

    /// For a verdict (`check`): rejected rows count against it unless `allowance` covers them
    /// (`--max-rejects`). Whether it stands, and what to print on standard error.
    static func verdict(_ report: EvaluationReport, rejectsPath: String, allowance: RejectAllowance) -> (stands: Bool, message: String?) {
        guard report.rowsRejected > 0 else { return (true, nil) }
        guard allowance.allows(rejected: report.rowsRejected, of: report.rowsRead) else {
            let error = Diagnostic(.error, at: SourceLocation(file: report.inputFile, line: 1, column: 1),
                                   "\(report.rowsRejected) of \(report.rowsRead) rows were set aside in \(rejectsPath), more than --max-rejects allows "
                                   + "(\(allowance.description)): the verdict does not cover the export")
            return (false, error.description + incompleteNote(report))
        }
        return (true, note(report, rejectsPath: rejectsPath))
    }

    static func note(_ report: EvaluationReport, rejectsPath: String) -> String {
        "note: \(report.rowsRejected) of \(report.rowsRead) rows set aside in \(rejectsPath); the verdict covers the rest" + incompleteNote(report)
    }

    /// The groups short of rejected rows, on a line of their own (empty when none).
    static func incompleteNote(_ report: EvaluationReport) -> String {
        guard !report.incomplete.isEmpty else { return "" }
        let listed = report.incomplete.prefix(5).map { "\($0.subject) (\($0.rowsLost) lost)" }.joined(separator: ", ")
        let more = report.incomplete.count > 5 ? " and \(report.incomplete.count - 5) more" : ""
        return "\nnote: \(report.incomplete.count) group\(report.incomplete.count == 1 ? " is" : "s are") short of rejected rows, so counts over "
            + "\(report.incomplete.count == 1 ? "it" : "them") may be too low: \(listed)\(more)"
    }
}
