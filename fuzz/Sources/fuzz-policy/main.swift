import Foundation
import FuzzSupport
@testable import Rulebook

// The policy loader and compiler: YAML text → `Policy` → `CompiledPolicy`, as `validate`
// does, and what `graph` and the report header derive from it; then the compiled policy run
// on a small export made up from its own fields (`SyntheticExport`), as `eval --rejects`
// would, with the S1 roster. The input is named as a file in `rules/`, so
// `calendar: calendars/cn-office.yaml` loads the shipped calendars (from disk, each run) and
// real policies compile. `RULEBOOK_FUZZ_SHOW_EXPORT=1` prints the made-up export (to replay a
// finding with the CLI).
let file = Fuzz.path("rules/fuzz-input.yaml")
let showExport = ProcessInfo.processInfo.environment["RULEBOOK_FUZZ_SHOW_EXPORT"] == "1"
let roster = Fuzz.setUp("fixtures/s1/roster.csv") { try RosterReader.load(path: Fuzz.path("fixtures/s1/roster.csv")) }

Fuzz.main { bytes in
    let policy = try PolicyLoader.load(bytes: bytes, file: file)
    let compiled = try PolicyCompiler.compile(policy)
    for format in GraphRenderer.Format.allCases {
        _ = GraphRenderer.render(compiled.graph, title: policy.id, format: format)
    }
    _ = try Fingerprint.ofPolicy(compiled)
    let export = "synthetic.csv", csv = SyntheticExport.csv(for: policy)
    if showExport { FileHandle.standardError.write(Data(csv)) }
    try RecordFuzz.evaluate(CSVReader(file: export, input: MemoryInput(csv)),
                            file: export, policy: compiled, roster: roster)
}
