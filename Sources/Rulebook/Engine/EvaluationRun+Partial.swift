import Foundation

extension EvaluationRun {
    /// Evaluates this run's export as one slice of a larger one and writes the partial result
    /// (`PartialResult`) to `out`: every row is evaluated, but no group rule runs and no ledger
    /// is built, as other slices may add to the same groups and months. On one thread: the
    /// parallelism of a split export is its slices. Bad rows fail the run or, with
    /// `collectRejects`, are kept with the slice. Returns the rows read and those set aside.
    package func writePartial(_ policy: CompiledPolicy, to out: ByteOutput) throws -> (read: Int, rejections: [Rejection]) {
        try atTheExport {
            let asOf = resolvedAsOf(policy)
            let source = try RecordFile.open(path: casesPath, format: format, encoding: encoding, limits: limits)
            var run = self
            run.renderer = nil
            run.retention = .all
            let done = try run.evaluateSequential(policy, asOf: asOf, source: source)
            try done.evaluator.findings.finish()
            try PartialResult.write(done, run: run, policy: policy, asOf: asOf, to: out)
            return (done.read, done.rejections)
        }
    }

    /// Combines the partial results at `parts` (any split of an export, in any order) into the
    /// report one run over the whole export makes, byte for byte in every format: folds the
    /// groups' states, runs the group rules, builds the ledger with the cap (from `opening`,
    /// if set), counts and fingerprints the rows of all. This run gives the roster, the
    /// opening state and the findings' form; `casesPath` is the name the report gives the
    /// input (empty: the parts' inputs, sorted, joined by ` + `). The parts must share the
    /// policy version and the as-of instant; a case id in two parts is an error at the second.
    package func merge(_ policy: CompiledPolicy, parts: [String]) throws -> EvaluationReport {
        guard !parts.isEmpty else { throw DiagnosticError(.error("nothing to merge", at: SourceLocation(file: "<merge>", line: 1, column: 1))) }
        var run = self
        run.findingRunSize = max(1, findingRunSize)
        var results: [PartialResult] = []
        for path in parts {
            let first = results.first
            // A part's evaluator only holds state: nothing in it reads its as-of.
            let result = try PartialResult.read(path: path, policy: policy) {
                try run.makeEvaluator(policy, asOf: Timestamp(seconds: 0, offsetSeconds: 0), runSize: run.findingRunSize)
            }
            if let first {
                let at = SourceLocation(file: path, line: 1, column: 1)
                guard result.asOf == first.asOf, result.asOf.offsetSeconds == first.asOf.offsetSeconds, result.asOfGiven == first.asOfGiven else {
                    throw DiagnosticError(.error("this part was evaluated as of \(result.asOf)\(result.asOfGiven ? "" : " (the time it ran)"); "
                                                 + "\(parts[0]) as of \(first.asOf): merge parts evaluated as of one instant", at: at))
                }
                guard result.fingerprintsInput == first.fingerprintsInput else {
                    throw DiagnosticError(.error("this part took no input fingerprint and \(parts[0]) did, or the other way round", at: at))
                }
            }
            results.append(result)
        }
        let asOf = results[0].asOf
        run.asOf = results[0].asOfGiven ? asOf : nil
        run.fingerprintsInput = results[0].fingerprintsInput
        if run.casesPath.isEmpty { run.casesPath = Set(results.map(\.input)).sorted().joined(separator: " + ") }
        try run.checkOpening(policy, asOf: asOf)
        var seen: [String: (part: Int, row: Int)] = [:]
        for (p, result) in results.enumerated() {
            for (id, row) in result.caseIDs {
                if let first = seen.updateValue((p, row), forKey: id) {
                    throw DiagnosticError(.error(
                        "duplicate case id '\(id)': row \(row) of \(result.input) (part \(parts[p])) repeats row \(first.row) of "
                            + "\(results[first.part].input) (part \(parts[first.part]))",
                        at: SourceLocation(file: result.input, line: row, column: 1)))
                }
            }
        }
        let main = try run.makeEvaluator(policy, asOf: asOf, runSize: run.findingRunSize)
        var rows = Fingerprint.RowSet()
        var read = 0
        var rejections: [Rejection] = []
        do {
            for result in results {
                try main.absorb(result.state)
                rows.add(result.rows)
                read += result.rowsRead
                rejections += result.rejections
            }
        } catch let e as Evaluator.RowError {
            throw DiagnosticError([.error(e.message, at: e.rule?.location ?? policy.policy.location)])
        }
        rejections.sort { ($0.file, $0.row) < ($1.file, $1.row) }
        return try run.atTheExport {
            try run.report(policy, main, asOf: asOf, read: read, rows: rows, lines: RowLines(), rejections: rejections)
        }
    }
}
