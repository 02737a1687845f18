/// The policy's rules and values as a dependency graph: an edge runs from what is read to
/// what reads it. The compiler rejects cycles and evaluates in `order`.
public struct RuleGraph: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case field, derived, table, aggregate, deadline, penalty, cap, escalation

        /// "a deadline", "an aggregate": for messages.
        public var withArticle: String {
            let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
            return (vowels.contains(rawValue.first!) ? "an " : "a ") + rawValue
        }
    }

    public struct Node: Hashable, Sendable {
        public var kind: Kind
        public var id: String
        public var clause: String?
        public var location: SourceLocation
    }

    public private(set) var nodes: [Node] = []
    /// `dependencies[i]`: the nodes node i reads, each once, in the order first read.
    public private(set) var dependencies: [[Int]] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// Names are unique across kinds (the loader reports clashes); on a clash the first
    /// node keeps the name, so a duplicate cannot turn into a false cycle.
    @discardableResult
    mutating func add(_ node: Node) -> Int {
        nodes.append(node)
        dependencies.append([])
        if index[node.id] == nil { index[node.id] = nodes.count - 1 }
        return nodes.count - 1
    }

    func lookup(_ id: String) -> Int? { index[id] }

    mutating func addEdge(from dependency: Int, to node: Int) {
        if !dependencies[node].contains(dependency) { dependencies[node].append(dependency) }
    }

    /// Every cycle's path, `a → b → a`, found by depth-first search in declaration order so the
    /// report is the same on every run.
    public func cycles() -> [[Int]] {
        var state = Array(repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        var found: [[Int]] = []
        var reported = Set<Set<Int>>()
        func visit(_ n: Int) {
            state[n] = 1
            stack.append(n)
            for d in dependencies[n] {
                if state[d] == 1 {
                    let start = stack.lastIndex(of: d)!
                    let cycle = Array(stack[start...])
                    if reported.insert(Set(cycle)).inserted {
                        // Read in the direction of use: d is read by the next node, and so on.
                        found.append(cycle + [d])
                    }
                } else if state[d] == 0 {
                    visit(d)
                }
            }
            stack.removeLast()
            state[n] = 2
        }
        for n in nodes.indices where state[n] == 0 { visit(n) }
        return found
    }

    /// A topological order (dependencies first); among ready nodes, declaration order wins,
    /// so the order is stable. Nodes on cycles are left out.
    public func order() -> [Int] {
        var remaining = dependencies.map { Set($0) }
        var users = Array(repeating: [Int](), count: nodes.count)
        for (n, deps) in dependencies.enumerated() { for d in deps { users[d].append(n) } }
        var ready = nodes.indices.filter { remaining[$0].isEmpty }
        var out: [Int] = []
        while !ready.isEmpty {
            ready.sort()
            let n = ready.removeFirst()
            out.append(n)
            for u in users[n] {
                remaining[u].remove(n)
                if remaining[u].isEmpty { ready.append(u) }
            }
        }
        return out
    }

    public func node(named id: String) -> Node? { index[id].map { nodes[$0] } }
}
