import Foundation
import Rulebook

/// How evaluating runs are tuned from the environment — read here, not in the library:
/// - `RULEBOOK_THREADS`: evaluating threads (1 or less: one thread does everything; more than
///   the library's limit are not started);
/// - `RULEBOOK_FINDING_RUN_SIZE`: findings held in memory before a sorted run is spilled, at
///   least 1 (tests set it small so that runs spill).
/// - `RULEBOOK_PROGRESS_AFTER`: seconds before a run shows its progress line on a terminal
///   (default 1; tests set 0).
/// A value that is not a whole number, or does not fit one, is ignored: the default stands.
struct RunTuning {
    var threads: Int?
    var findingRunSize: Int?
    var progressAfter: Double?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        threads = environment["RULEBOOK_THREADS"].flatMap { Int($0) }
        findingRunSize = environment["RULEBOOK_FINDING_RUN_SIZE"].flatMap { Int($0) }.map { max(1, $0) }
        progressAfter = environment["RULEBOOK_PROGRESS_AFTER"].flatMap { Double($0) }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
    }

    /// A progress line for a run, when standard error is a terminal: rows read, rate and time,
    /// from a second into the run; nil (nothing shown) when standard error is a file or a pipe.
    func progressLine() -> ProgressLine? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return ProgressLine(delay: progressAfter ?? 1) { StandardError.write($0) }
    }

    func apply(to run: inout EvaluationRun) {
        if let threads { run.threads = threads }
        if let findingRunSize { run.findingRunSize = findingRunSize }
    }
}
