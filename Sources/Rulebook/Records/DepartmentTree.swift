/// The parents declared in a roster as it is read, to refuse the declarations that would not
/// make a tree: a second, different parent for a department, and a cycle (including a
/// department under itself). Each declaration is checked as it comes, so the error names the
/// row that breaks the tree.
struct DepartmentTree {
    private var parent: [String: (name: String, row: Int)] = [:]

    /// Records `department` under `parent`; the problem, if it breaks the tree.
    mutating func declare(_ department: String, under parent: String, row: Int) -> String? {
        if let first = self.parent[department] {
            guard first.name == parent else {
                return "\(Excerpt.quoted(department)) is under \(Excerpt.quoted(first.name)) (row \(first.row)), not \(Excerpt.quoted(parent)): a department has one parent"
            }
            return nil
        }
        // The tree so far has no cycle, so this walk ends; it meets `department` only if the
        // new edge would close one.
        var path = [department, parent]
        var up = parent
        while up != department, let next = self.parent[up]?.name {
            path.append(next)
            up = next
        }
        if up == department {
            return "the departments would form a cycle: \(path.map { Excerpt.quoted($0) }.joined(separator: " → "))"
        }
        self.parent[department] = (parent, row)
        return nil
    }
}
