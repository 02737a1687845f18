/// Bounds that keep hostile YAML cheap: they are checked before anything is expanded.
struct YAMLLimits: Sendable {
    /// Nesting depth of collections.
    var maxDepth: Int
    /// Nodes in a document counting every alias as the nodes it stands for, so an alias
    /// bomb (`a: [*b, *b, …]` nested) is refused after a few thousand steps, not expanded.
    var maxNodes: Int
    /// Alias references in a document.
    var maxAliases: Int

    init(maxDepth: Int = 64, maxNodes: Int = 250_000, maxAliases: Int = 1_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }

    static let `default` = YAMLLimits()
}
