extension EvaluationRun {
    /// Refuses an opening state this run cannot continue: one closed under another policy or
    /// version of it (unless `allowPolicyChange`), or one whose closed month is not before the
    /// as-of instant's month (nothing would be left to book). Reported at the state file.
    func checkOpening(_ policy: CompiledPolicy, asOf: Timestamp) throws {
        guard let opening else { return }
        let at = SourceLocation(file: opening.source ?? "<opening state>", line: 1, column: 1)
        let fingerprint = try Fingerprint.ofPolicy(policy)
        if !allowPolicyChange && (opening.policyID != policy.policy.id || opening.policyFingerprint != fingerprint) {
            func name(_ id: String, _ version: String?, _ f: String) -> String {
                "'\(id)'" + (version.map { " version \($0)" } ?? "") + " (sha256:\(f.prefix(16))…)"
            }
            throw PolicyChangeRefused(diagnostic: .error(
                "the state was closed under policy \(name(opening.policyID, opening.policyVersion, opening.policyFingerprint)); "
                    + "this run's is \(name(policy.policy.id, policy.policy.version, fingerprint))", at: at))
        }
        let month = String(asOf.localDate.description.prefix(7))
        guard month > opening.closedMonth else {
            throw DiagnosticError(.error(
                "the state closed \(opening.closedMonth); this run's as-of instant \(asOf) must fall after that month", at: at))
        }
    }
}

/// An opening state closed under another policy, or another version of it, without
/// ``EvaluationRun/allowPolicyChange``: its balances were figured by other rules.
public struct PolicyChangeRefused: Error, CustomStringConvertible, Sendable {
    /// The error, at the state file.
    public var diagnostic: Diagnostic
    /// The error's text, located.
    public var description: String { diagnostic.description }
}
