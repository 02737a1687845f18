/// Bounds that keep hostile YAML cheap: they are checked before anything is expanded.
package struct YAMLLimits: Sendable {
    /// Nesting depth of collections.
    package var maxDepth: Int
    /// Nodes in a document counting every alias as the nodes it stands for, so an alias
    /// bomb (`a: [*b, *b, …]` nested) is refused after a few thousand steps, not expanded.
    package var maxNodes: Int
    /// Alias references in a document.
    package var maxAliases: Int

    package init(maxDepth: Int = 64, maxNodes: Int = 250_000, maxAliases: Int = 1_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }

    package static let `default` = YAMLLimits()
}
