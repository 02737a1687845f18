/// The library itself: its version.
///
/// Data flows one way inside it: YAML → policy model → rule graph and compiled plan
/// (``PolicyCompiler``) → records stream through the plan (``EvaluationRun``) → findings →
/// ledger → report writers (``ReportFormat``).
public enum Rulebook {
    /// The library's version (what `rulebook --version` prints).
    public static let version = "0.1.0"
}
