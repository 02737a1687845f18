import Foundation
import Rulebook

// Compile a policy, evaluate an export against it, and read the result: the fines booked,
// the ledger, each violation. Paths are relative to the repository's root.
let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../.."
do {
    let policy = try PolicyCompiler.compile(path: root + "/rules/s9-pharmacy-counts.yaml")
    let roster = try RosterReader.load(path: root + "/fixtures/s9/roster.csv")
    // Judged as of an instant, read in the policy's zone; November has ended.
    let asOf = Timestamp(parsing: "2026-12-05T09:00", zone: policy.zone)
    let run = EvaluationRun(casesPath: root + "/fixtures/s9/cases.csv", roster: roster, asOf: asOf)
    let report = try run.run(policy)
    print("\(report.policyID): \(report.rowsEvaluated) cases, \(report.violationCount) violations, fined \(report.totalFined) CNY")
    for line in report.ledger {
        print("  \(line.person) \(line.month): incurred \(line.incurred), deducted \(line.deducted)")
    }
    // Findings stream in report order (a large run keeps them in temporary files).
    try report.forEachFinding { f in
        guard f.isViolation, f.kind == .penalty else { return }
        print("  \(f.subject): \(f.amount.map { "\($0) CNY" } ?? "") to \(f.party ?? "?") — \(f.title ?? f.rule)")
    }
} catch let e as DiagnosticError {
    // Bad policies and bad rows come with file:line:col.
    for d in e.diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
    exit(2)
}
