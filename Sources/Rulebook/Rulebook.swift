/// rulebook: evaluates complaint-handling policies declared in YAML against case exports.
///
/// Data flows one way: YAML (`YAMLReader`) → policy model (`PolicyLoader`) → rule graph and
/// compiled plan (`PolicyCompiler`) → records stream through the plan → findings → ledger →
/// report writers.
public enum Rulebook {
    public static let version = "0.1.0"
}
