/// Bounds that keep hostile YAML cheap: they are checked before anything is expanded.
public struct YAMLLimits: Sendable {
    /// Nesting depth of collections.
    public var maxDepth: Int
    /// Nodes in a document counting every alias as the nodes it stands for, so an alias
    /// bomb (`a: [*b, *b, …]` nested) is refused after a few thousand steps, not expanded.
    public var maxNodes: Int
    /// Alias references in a document.
    public var maxAliases: Int

    public init(maxDepth: Int = 64, maxNodes: Int = 250_000, maxAliases: Int = 1_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }

    public static let `default` = YAMLLimits()
}
