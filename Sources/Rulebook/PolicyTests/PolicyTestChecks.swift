/// A test naming what its policy can never produce checks nothing: `absent: [{ rule:
/// notify-departmnts }]` passes because no finding has that misspelt rule. So before a suite
/// runs (and in `validate`), every rule, kind and status an expectation names is checked
/// against the policy, and a wrong one is an error at its place with a did-you-mean.
extension PolicyTestSuite {
    func problems(against policy: CompiledPolicy) -> [Diagnostic] {
        // The rules findings are made under: deadlines, penalties (also `deadline/penalty`),
        // escalations — and, for undefined ratios, derived values and aggregates.
        var rules = Set(policy.findingTemplates.map(\.rule))
        for n in policy.graph.nodes where [.derived, .aggregate, .table].contains(n.kind) { rules.insert(n.id) }
        let known: [String: [String]] = [
            "rule": rules.sorted(),
            "kind": Finding.Kind.allCases.map(\.rawValue),
            "status": Finding.Status.allCases.map(\.rawValue),
        ]
        var out: [Diagnostic] = []
        for test in tests {
            for p in test.expect.findings + test.expect.absent {
                for f in p.fields {
                    guard let candidates = known[f.key], case .text(let v) = f.value, !candidates.contains(v) else { continue }
                    out.append(.error("\(f.key) '\(v)' is not one policy \(policy.policy.id) can report\(Suggestion.hint(for: v, in: candidates)); "
                                      + "an expectation naming it \(test.expect.absent.contains { $0.location == p.location } ? "would pass without checking anything" : "could never match")",
                                      at: f.location))
                }
            }
        }
        return out.sorted { $0.location < $1.location }
    }
}
