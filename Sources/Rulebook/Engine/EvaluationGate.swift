/// Whether a run whose bad rows were set aside (`--rejects`) can stand as a result: a report
/// or a `check` verdict over no row at all would pass garbage as compliant.
public enum EvaluationGate {
    /// Throws `DiagnosticError` when rows were read but none could be evaluated (exit 2: the
    /// export is unusable); returns a note to print when some were set aside, else nil.
    public static func check(_ report: EvaluationReport, rejectsPath: String) throws -> String? {
        guard report.rowsRejected > 0 else { return nil }
        if report.rowsEvaluated == 0 {
            let rows = report.rowsRejected == 1 ? "the only row was" : "all \(report.rowsRejected) rows were"
            throw DiagnosticError(.error("no row could be evaluated: \(rows) set aside in \(rejectsPath)",
                                         at: SourceLocation(file: report.inputFile, line: 1, column: 1)))
        }
        var note = "note: \(report.rowsRejected) of \(report.rowsRead) rows set aside in \(rejectsPath); the verdict covers the rest"
        if !report.incomplete.isEmpty {
            let listed = report.incomplete.prefix(5).map { "\($0.subject) (\($0.rowsLost) lost)" }.joined(separator: ", ")
            let more = report.incomplete.count > 5 ? " and \(report.incomplete.count - 5) more" : ""
            note += "\nnote: \(report.incomplete.count) group\(report.incomplete.count == 1 ? " is" : "s are") short of rejected rows, so counts over "
                + "\(report.incomplete.count == 1 ? "it" : "them") may be too low: \(listed)\(more)"
        }
        return note
    }
}
