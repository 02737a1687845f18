import Testing
@testable import Rulebook

/// Size must cost time in proportion: lists, mappings and rule lists of 100,000 entries read
/// and compile (each of these took minutes or hours when a step was quadratic), and deep
/// chains of rules do not recurse.
@Suite struct LargeInputTests {
    static let n = 100_000

    @Test func blockAndFlowListsOfAHundredThousandItems() throws {
        var block = "items:\n"
        for i in 0..<Self.n { block += "  - v\(i)\n" }
        let a = try YAMLReader.singleDocument(Array(block.utf8), file: "b.yaml")
        let items = try #require(a["items"]?.sequence)
        #expect(items.count == Self.n)
        #expect(items.last?.scalar == "v\(Self.n - 1)")
        #expect(items.last?.location.line == Self.n + 1)

        let flow = "items: [" + (0..<Self.n).map { "v\($0)" }.joined(separator: ", ") + "]\n"
        let b = try YAMLReader.singleDocument(Array(flow.utf8), file: "f.yaml")
        #expect(b["items"]?.sequence?.count == Self.n)
    }

    @Test func mappingOfAHundredThousandKeysStillFindsDuplicates() throws {
        var text = ""
        for i in 0..<Self.n { text += "k\(i): \(i)\n" }
        let doc = try YAMLReader.singleDocument(Array(text.utf8), file: "m.yaml")
        #expect(doc.mapping?.count == Self.n)
        do {
            _ = try YAMLReader.singleDocument(Array((text + "k7: again\n").utf8), file: "m.yaml")
            Issue.record("a duplicate key was accepted")
        } catch let e as DiagnosticError {
            #expect(e.diagnostics.map(\.description) == ["m.yaml:\(Self.n + 1):1: error: duplicate key 'k7' (first defined at 8:1)"])
        }
    }

    static func policy(derive: String = "", deadlines: String = "") -> String {
        """
        policy: big
        timezone: Asia/Shanghai
        fields:
          case_id: { type: string }
          received_at: { type: timestamp }
          replied_at: { type: timestamp, optional: true }
        derive:
        \(derive)  last: received_at
        deadlines:
        \(deadlines)  - id: reply
            from: received_at
            to: replied_at
            within: 1h

        """
    }

    @Test func aHundredThousandChainedDerivedValuesCompileInOrder() throws {
        var derive = "  d0: received_at\n"
        for i in 1..<Self.n { derive += "  d\(i): d\(i - 1)\n" }
        let compiled = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(Self.policy(derive: derive).utf8), file: "p.yaml"))
        // Every derived value is computed after the one it reads.
        var slotOf: [String: Int] = [:]
        for (i, name) in compiled.slotNames.enumerated() { slotOf[name] = i }
        #expect(slotOf["d\(Self.n - 1)"]! > slotOf["d0"]!)
        #expect(compiled.slotNames.filter { $0.hasPrefix("d") }.count == Self.n)
    }

    @Test func aCycleThroughAHundredThousandValuesIsReportedNotRecursed() throws {
        var derive = "  d0: d\(Self.n - 1)\n"
        for i in 1..<Self.n { derive += "  d\(i): d\(i - 1)\n" }
        do {
            _ = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(Self.policy(derive: derive).utf8), file: "p.yaml"))
            Issue.record("a cycle compiled")
        } catch let e as DiagnosticError {
            let cycle = try #require(e.diagnostics.first { $0.message.hasPrefix("cycle in the rules") })
            #expect(cycle.location.line == 8)
            #expect(cycle.message.count <= Excerpt.maxMessageCharacters + 100, "a cycle's message stays one readable line")
        }
    }

    @Test func twentyThousandDeadlinesCompile() throws {
        var deadlines = ""
        for i in 0..<20_000 { deadlines += "  - id: dl\(i)\n    from: received_at\n    to: replied_at\n    within: \(i % 48 + 1)h\n" }
        let compiled = try PolicyCompiler.compile(PolicyLoader.load(bytes: Array(Self.policy(deadlines: deadlines).utf8), file: "p.yaml"))
        #expect(compiled.graph.nodes.filter { $0.kind == .deadline }.count == 20_001)
    }
}

/// `RuleGraph.order` against the plain algorithm it replaced (sort the ready nodes, take the
/// first), on random graphs: the heap must give the same order, cycles left out alike.
@Suite struct RuleGraphOrderTests {
    static func reference(_ g: RuleGraph) -> [Int] {
        var remaining = g.dependencies.map { Set($0) }
        var users = Array(repeating: [Int](), count: g.nodes.count)
        for (n, deps) in g.dependencies.enumerated() { for d in deps { users[d].append(n) } }
        var ready = g.nodes.indices.filter { remaining[$0].isEmpty }
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

    @Test func heapOrderEqualsTheReferenceOnRandomGraphs() {
        var rng = SplitMix64(seed: 12)
        for round in 0..<300 {
            var g = RuleGraph()
            let count = Int(rng.next() % 60) + 1
            for i in 0..<count {
                g.add(.init(kind: .derived, id: "n\(i)", clause: nil, location: SourceLocation(file: "g", line: i + 1, column: 1)))
            }
            for _ in 0..<Int(rng.next() % UInt64(count * 3 + 1)) {
                let a = Int(rng.next() % UInt64(count)), b = Int(rng.next() % UInt64(count))
                // Mostly forward edges; every 7th round allows backward ones, hence cycles.
                if a < b || round % 7 == 0, a != b { g.addEdge(from: a, to: b) }
            }
            // Wide nodes too, each dependency added twice: listed once.
            if count > 20, round % 3 == 0 {
                for d in 0..<(count - 1) { g.addEdge(from: d, to: count - 1); g.addEdge(from: d, to: count - 1) }
            }
            #expect(g.order() == Self.reference(g), "round \(round)")
            for deps in g.dependencies { #expect(Set(deps).count == deps.count, "round \(round): a dependency listed twice") }
        }
    }
}
