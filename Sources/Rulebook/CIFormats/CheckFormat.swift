/// The output formats of `rulebook check`: one line per violation, or a report a CI system
/// reads (see docs/ci.md). The violations and the exit code are the same in every format.
package enum CheckFormat: String, CaseIterable, Sendable {
    /// `case rule clause: message`, one line per violation (the default; `lines` too).
    case text
    /// JUnit XML (GitLab, Jenkins): a test case per rule, a failure per violation.
    case junit
    /// SARIF 2.1.0 (GitHub code scanning): a result per violation, at the case's row in the
    /// export and at the rule in the policy.
    case sarif
    /// GitHub Actions workflow commands: an annotation per violation.
    case github

    /// The format named `argument` (`lines` is `text`); nil for an unknown name.
    /// (Package, not internal: it is what the command's `ExpressibleByArgument` conformance
    /// finds; without it, the raw values alone would be read and `lines` refused.)
    package init?(argument: String) {
        if argument == "lines" { self = .text } else { self.init(rawValue: argument) }
    }

    /// The lines of the violations `gate` counts, one a finding (a finding it does not count
    /// renders nothing), each thread with its rules' constant parts made once. Findings are
    /// kept as values while the export is evaluated (a `check` keeps only its violations) and
    /// rendered while the merge reads them back, from their run records in place
    /// (`FindingStore.forEachRendered(by:_:)`): as text they were three times the size, and at
    /// 1M cases spilled 126 MB to write and read back instead of 49 MB.
    static func lineRenderer(_ gate: CheckGate, language: ReportLanguage) -> FindingRenderer {
        FindingRenderer(form: .checkLine(language), perThread: {
            let parts = CheckLine.Parts(language)
            return { f, out in
                guard gate.counts(f) else { return }
                CheckLine.render(f, language, parts: parts, into: &out)
                out.appendByte(0x0A)
            }
        }, forRecords: {
            let parts = CheckLine.Parts(language)
            return { r, out in
                guard gate.counts(r) else { return }
                CheckLine.render(r, language, parts: parts, into: &out)
                out.appendByte(0x0A)
            }
        })
    }

    /// Whether the format prints the input's fingerprint: the text lines and GitHub
    /// annotations do not, so a run for them need not take it (`EvaluationRun.fingerprintsInput`).
    public var printsInputFingerprint: Bool {
        switch self {
        case .junit, .sarif: return true
        case .text, .github: return false
        }
    }

    /// Writes the violations `gate` counts in `report` (its findings kept as values, as a
    /// `check` keeps them: `gate.retention`, or every finding) to `out` (buffered: call `out.finish()`). `policy`: the policy evaluated, for its
    /// rules and where they are declared. `language`: of the messages (the policy's when nil).
    /// Returns the number of violations: 0 means compliant. The same report is the same bytes.
    package func write(_ report: EvaluationReport, policy: CompiledPolicy, gate: CheckGate, language: ReportLanguage? = nil, to out: ByteOutput) throws -> Int {
        let language = language ?? ReportLanguage.default(for: report)
        switch self {
        case .text:
            var lines = try report.findingStore.forEachRendered(by: CheckFormat.lineRenderer(gate, language: language)) {
                out.write(block: &$0)
            }
            for (_, line) in gate.ledgerViolations(report) {
                out.write(line + "\n")
                lines += 1
            }
            return lines
        case .junit: return try JUnitCheckReport.write(CheckSubject(report: report, policy: policy, gate: gate, language: language), to: out)
        case .sarif: return try SARIFCheckReport.write(CheckSubject(report: report, policy: policy, gate: gate, language: language), to: out)
        case .github: return try GitHubAnnotations.write(CheckSubject(report: report, policy: policy, gate: gate, language: language), to: out)
        }
    }

    /// The whole output as text (tests, small reports).
    func render(_ report: EvaluationReport, policy: CompiledPolicy, gate: CheckGate, language: ReportLanguage? = nil) throws -> String {
        let out = ByteOutput.memory()
        _ = try write(report, policy: policy, gate: gate, language: language, to: out)
        return out.text
    }
}

extension FindingRenderer.Form {
    /// A violation's line of `check --format text`, those the gate counts only (rendered as
    /// the report is written).
    static func checkLine(_ language: ReportLanguage) -> Self { Self("check lines (\(language.rawValue))") }
}
