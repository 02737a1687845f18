import Foundation

/// One batch evaluation: a case export streams through a compiled policy into a report.
public struct EvaluationRun {
    public var casesPath: String
    public var format: RecordFormat?
    public var encoding: InputEncoding?
    public var roster: Roster?
    /// The instant open steps are judged at; nil means now (and the report says so).
    public var asOf: Timestamp?
    /// Set bad rows aside with their reasons instead of stopping at the first.
    public var collectRejects: Bool
    /// Findings held in memory before a sorted run goes to a temporary file (bounds memory).
    public var findingRunSize = 100_000

    public init(casesPath: String, format: RecordFormat? = nil, encoding: InputEncoding? = nil, roster: Roster? = nil,
                asOf: Timestamp? = nil, collectRejects: Bool = false) {
        self.casesPath = casesPath
        self.format = format
        self.encoding = encoding
        self.roster = roster
        self.asOf = asOf
        self.collectRejects = collectRejects
    }

    /// Evaluates every row. A bad row stops the run with a `DiagnosticError` naming file, row
    /// and column, unless `collectRejects` is set; then read = evaluated + rejected.
    public func run(_ policy: CompiledPolicy) throws -> EvaluationReport {
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0)
        let asOf = policy.zone.localize(self.asOf ?? now)
        let evaluator = try Evaluator(policy: policy, roster: roster, asOf: asOf, findingRunSize: findingRunSize)
        let decoder = FieldDecoder(policy: policy)
        var read = 0
        var rejections: [Rejection] = []
        var rows = Fingerprint.RowSet()

        func stream<S: RecordSource>(_ source: S) throws {
            var bound = try BoundRecords(source, wanted: decoder.wanted)
            while let record = try bound.next() {
                read += 1
                rows.add(record, names: bound.source.columnNames)
                do {
                    let values = try decoder.decode(record, columns: bound.columns, headers: bound.source.columnNames)
                    try evaluator.evaluate(fields: values, row: record.row)
                } catch var e as Evaluator.RowError {
                    // The engine names fields; the reader names columns: point at the column.
                    var column = e.column.flatMap { name in bound.source.columnNames.firstIndex { $0.trimmingCharacters(in: .whitespaces) == name } }
                    if column == nil, let name = e.column, let f = decoder.wanted.firstIndex(where: { $0.name == name }),
                       let c = bound.columns[f] {
                        column = c
                        e.column = bound.source.columnNames[c].trimmingCharacters(in: .whitespaces)
                    }
                    let rejection = Rejection(file: casesPath, row: record.row, column: e.column, message: e.message)
                    guard collectRejects else {
                        let at = column.map { record.location(ofColumn: $0) } ?? record.location
                        let where_ = record.row != at.line ? "row \(record.row): " : ""
                        throw DiagnosticError(.error(where_ + (e.column.map { "column \($0): " } ?? "") + e.message, at: at))
                    }
                    rejections.append(rejection)
                }
            }
        }
        try stream(RecordFile.open(path: casesPath, format: format, encoding: encoding))
        let result = try evaluator.finish()
        return EvaluationReport(
            policyID: policy.policy.id, policyTitle: policy.policy.title, policyVersion: policy.policy.version,
            policyFingerprint: try Fingerprint.ofPolicy(policy), inputFile: casesPath,
            inputFingerprint: rows.finalize(), asOf: asOf, asOfGiven: self.asOf != nil,
            rowsRead: read, rowsEvaluated: result.casesEvaluated, rowsRejected: rejections.count,
            findingStore: result.findings, ledger: result.ledger, rejections: rejections)
    }
}
