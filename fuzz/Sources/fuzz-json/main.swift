import FuzzSupport
@testable import Rulebook

// The JSON array reader: every record, then the input evaluated as an export for the shipped
// S1 policy (header binding per object, field decoding with rejects, the engine, every report
// format).
let file = "cases.json"
let (policy, roster) = Fuzz.shippedPolicy("rules/s1-complaint-handling.yaml", roster: "fixtures/s1/roster.csv")

Fuzz.main { bytes in
    var reader = try JSONArrayReader(file: file, input: MemoryInput(bytes))
    _ = RecordFuzz.drain(&reader)
    try RecordFuzz.evaluate(JSONArrayReader(file: file, input: MemoryInput(bytes)), file: file, policy: policy, roster: roster)
}
