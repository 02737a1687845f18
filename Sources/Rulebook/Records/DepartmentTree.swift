/// The parents declared in a roster as it is read, to refuse the declarations that would not
/// make a tree: a second, different parent for a department, and a cycle (including a
/// department under itself). Each declaration is checked as it comes, so the error names the
/// row that breaks the tree.
struct DepartmentTree {
    private var parent: [String: (name: String, row: Int)] = [:]
    /// Each department's link towards the top of its tree, shortened as it is followed (a
    /// union-find), so that a check costs almost nothing however deep the tree: walking the
    /// parents on every row made a 30,000-row chain take over a minute.
    private var top: [String: String] = [:]

    /// The top of `department`'s tree, shortening the links on the way.
    private mutating func findTop(_ department: String) -> String {
        var d = department
        var walked: [String] = []
        while let up = top[d] {
            walked.append(d)
            d = up
        }
        for w in walked.dropLast() { top[w] = d }
        return d
    }

    /// Records `department` under `parent`; the problem, if it breaks the tree.
    mutating func declare(_ department: String, under parent: String, row: Int) -> String? {
        if let first = self.parent[department] {
            guard first.name == parent else {
                return "\(Excerpt.quoted(department)) is under \(Excerpt.quoted(first.name)) (row \(first.row)), not \(Excerpt.quoted(parent)): a department has one parent"
            }
            return nil
        }
        // `department` has no parent yet, so it is the top of its own tree; the new edge closes
        // a cycle exactly when `parent` is in that tree. Only then are the parents walked, for
        // the message (the tree so far has no cycle, so the walk ends).
        if findTop(parent) == department {
            var path = [department, parent]
            var up = parent
            while up != department, let next = self.parent[up]?.name {
                path.append(next)
                up = next
            }
            return "the departments would form a cycle: \(path.map { Excerpt.quoted($0) }.joined(separator: " → "))"
        }
        self.parent[department] = (parent, row)
        top[department] = parent
        return nil
    }
}
