import Synchronization

/// What a finding is about: the kind of rule that made it, which decides the statuses it can
/// have. (Declared with the compiled plan's rule templates; ``Finding/Kind`` names it too.)
public enum FindingKind: String, Sendable, CaseIterable {
    /// A time limit: met, breached, open or overdue.
    case deadline
    /// A fine or sanction: fined, sanctioned, provisional or not fined.
    case penalty
    /// An escalation: raised when its condition holds.
    case escalation
    /// A `ratio(…)` a rule read could not be taken (status `undefined`).
    case ratio
}

/// What every finding of one rule has in common: kind, rule id, clause, title, and a
/// penalty's sanction or an escalation's action. Made once when the rule is compiled, so a
/// finding carries one reference instead of five strings, and writers can prepare a rule's
/// constant text once instead of once per finding.
final class FindingTemplate: Sendable, Equatable {
    /// What a rule's findings are about (`FindingKind`, which `Finding.Kind` names too).
    typealias Kind = FindingKind

    let kind: Kind
    let rule: String
    let clause: String?
    let title: String?
    let sanction: String?
    let action: String?
    /// The template's place in `CompiledPolicy.findingTemplates`, set once while the policy
    /// is built (before any thread sees it); -1 for a template made on its own.
    var id: Int {
        get { place.load(ordering: .relaxed) }
        set { place.store(newValue, ordering: .relaxed) }
    }
    /// An atomic only so that the class is Sendable: the policy is handed to other threads
    /// after `id` is set (which orders the accesses), and a relaxed load is a plain load.
    private let place = Atomic<Int>(-1)

    init(kind: Kind, rule: String, clause: String?, title: String?, sanction: String? = nil, action: String? = nil) {
        self.kind = kind
        self.rule = rule
        self.clause = clause
        self.title = title
        self.sanction = sanction
        self.action = action
    }

    /// Equal text, whichever rule object it came from.
    static func == (a: FindingTemplate, b: FindingTemplate) -> Bool {
        a === b || (a.kind == b.kind && a.rule == b.rule && a.clause == b.clause && a.title == b.title
            && a.sanction == b.sanction && a.action == b.action)
    }
}
