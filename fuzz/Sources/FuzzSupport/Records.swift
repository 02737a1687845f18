@testable import Rulebook

/// The record-reader harnesses: read every record raw, compare reads at different chunk sizes,
/// then evaluate the input through a shipped policy (header binding, field decoding, the
/// engine, every report format).
public enum RecordFuzz {
    /// What a reader made of an input: each record (row, line, fields with their kinds) and
    /// the error that stopped it, if any. Two reads of one input must agree on all of it.
    public struct Outcome: Equatable {
        public var records: [[String]] = []
        public var error: String?
        public init(records: [[String]] = [], error: String? = nil) {
            self.records = records
            self.error = error
        }
    }

    /// Reads `source` to its end or its first error.
    public static func drain<S: RecordSource>(_ source: inout S) -> Outcome {
        var out = Outcome()
        do {
            while let r = try source.next() {
                var fields = ["\(r.row):\(r.line):\(r.location)"]
                for c in 0..<r.columnCount {
                    fields.append("\(r.kind(c).map { "\($0.rawValue)" } ?? "-"):\(Array(r.bytes(c)))")
                }
                out.records.append(fields)
            }
        } catch {
            out.error = "\(error)"
        }
        return out
    }

    /// Reads what `open` makes to its end or its first error (an error opening it included).
    public static func read<S: RecordSource>(_ open: () throws -> S) -> Outcome {
        do {
            var reader = try open()
            return drain(&reader)
        } catch {
            return Outcome(error: "\(error)")
        }
    }

    /// Reads `bytes` whole and again in 7-byte reads through the reader `make` builds (from an
    /// input and a chunk size): records straddling reads are the tricky part, and the two
    /// must agree.
    public static func requireSameInPieces<S: RecordSource>(_ bytes: [UInt8], _ what: String,
                                                            _ make: (MemoryInput, Int) throws -> S) {
        let whole = read { try make(MemoryInput(bytes), 1 << 20) }
        let pieces = read { try make(MemoryInput(bytes, maxRead: 7), 7) }
        requireSame(whole, pieces, "\(what) read whole and in 7-byte reads")
    }

    /// Stops the run (a finding) when two reads of the same bytes differ.
    public static func requireSame(_ a: Outcome, _ b: Outcome, _ what: String) {
        guard a != b else { return }
        let i = zip(a.records, b.records).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(a.records.count, b.records.count)
        let show = { (o: Outcome) in i < o.records.count ? o.records[i].joined(separator: " ") : "end, error: \(o.error ?? "none")" }
        fatalError("\(what): reads differ at record \(i):\n  \(show(a))\n  \(show(b))")
    }

    /// Evaluates `source` through `policy` as `eval --rejects` would (bad rows set aside, so
    /// every row is decoded), then renders the report in every format and the rejects file.
    public static func evaluate(_ source: any RecordSource, file: String, policy: CompiledPolicy, roster: Roster?) throws {
        var run = EvaluationRun(casesPath: file, roster: roster, asOf: Fuzz.asOf, collectRejects: true)
        run.threads = 1
        let report = try run.run(policy, source: source)
        for format in ReportFormat.allCases { _ = try format.render(report) }
        _ = CSVReport.rejects(report.rejections)
    }
}
