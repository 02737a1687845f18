import HeapModule

/// The policy's rules and values as a dependency graph: an edge runs from what is read to
/// what reads it. The compiler rejects cycles and evaluates in `order`.
package struct RuleGraph: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case field, derived, table, aggregate, deadline, penalty, cap, escalation

        /// "a deadline", "an aggregate": for messages.
        var withArticle: String {
            let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
            return (vowels.contains(rawValue.first!) ? "an " : "a ") + rawValue
        }
    }

    struct Node: Hashable, Sendable {
        var kind: Kind
        var id: String
        var clause: String?
        var location: SourceLocation
    }

    private(set) var nodes: [Node] = []
    /// `dependencies[i]`: the nodes node i reads, each once, in the order first read.
    private(set) var dependencies: [[Int]] = []
    private var index: [String: Int] = [:]
    /// `dependencies` as sets, for `addEdge`.
    private var dependencySets: [Set<Int>] = []

    init() {}

    /// Names are unique across kinds (the loader reports clashes); on a clash the first
    /// node keeps the name, so a duplicate cannot turn into a false cycle.
    @discardableResult
    mutating func add(_ node: Node) -> Int {
        nodes.append(node)
        dependencies.append([])
        dependencySets.append([])
        if index[node.id] == nil { index[node.id] = nodes.count - 1 }
        return nodes.count - 1
    }

    func lookup(_ id: String) -> Int? { index[id] }

    mutating func addEdge(from dependency: Int, to node: Int) {
        // A set per node keeps a long expression's names from making this quadratic.
        if dependencySets[node].insert(dependency).inserted { dependencies[node].append(dependency) }
    }

    /// Every cycle's path, `a → b → a`, found by depth-first search in declaration order so the
    /// report is the same on every run. Iterative: a chain of 100,000 derived values is as deep.
    func cycles() -> [[Int]] {
        var state = Array(repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        var stack: [(node: Int, next: Int)] = []
        var found: [[Int]] = []
        var reported = Set<Set<Int>>()
        for root in nodes.indices where state[root] == 0 {
            state[root] = 1
            stack.append((root, 0))
            while let (n, i) = stack.last {
                guard i < dependencies[n].count else {
                    stack.removeLast()
                    state[n] = 2
                    continue
                }
                stack[stack.count - 1].next = i + 1
                let d = dependencies[n][i]
                if state[d] == 1 {
                    let start = stack.lastIndex { $0.node == d }!
                    let cycle = stack[start...].map(\.node)
                    if reported.insert(Set(cycle)).inserted {
                        // Read in the direction of use: d is read by the next node, and so on.
                        found.append(cycle + [d])
                    }
                } else if state[d] == 0 {
                    state[d] = 1
                    stack.append((d, 0))
                }
            }
        }
        return found
    }

    /// A topological order (dependencies first); among ready nodes, declaration order wins,
    /// so the order is stable. Nodes on cycles are left out.
    func order() -> [Int] {
        var waiting = dependencies.map(\.count)
        var users = Array(repeating: [Int](), count: nodes.count)
        for (n, deps) in dependencies.enumerated() { for d in deps { users[d].append(n) } }
        // A heap: sorting the ready list again for every node made ordering a large policy quadratic.
        var ready = Heap(nodes.indices.filter { waiting[$0] == 0 })
        var out: [Int] = []
        out.reserveCapacity(nodes.count)
        while let n = ready.popMin() {
            out.append(n)
            for u in users[n] {
                waiting[u] -= 1
                if waiting[u] == 0 { ready.insert(u) }
            }
        }
        return out
    }

    func node(named id: String) -> Node? { index[id].map { nodes[$0] } }
}
