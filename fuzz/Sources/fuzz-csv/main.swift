import FuzzSupport
@testable import Rulebook

// The CSV reader: every record read at once and again in 7-byte reads (the two must agree:
// records straddling reads are the tricky part), the same bytes as GB18030, then the input
// evaluated as an export for the shipped S1 policy (header binding, field decoding with
// rejects, the engine, every report format).
let file = "cases.csv"
let (policy, roster) = Fuzz.shippedPolicy("rules/s1-complaint-handling.yaml", roster: "fixtures/s1/roster.csv")

Fuzz.main { bytes in
    RecordFuzz.requireSameInPieces(bytes, "CSV") { try CSVReader(file: file, input: $0, chunkSize: $1) }
    _ = RecordFuzz.read {
        // Whole reads: the transcoder zero-fills a megabyte per read of its input, so 5-byte
        // reads would cost a gigabyte of memset per input (reported; see docs/fuzzing.md).
        try CSVReader(file: file, input: InputEncoding.gb18030.utf8Input(MemoryInput(bytes), file: file),
                      chunkSize: 5, encodingGiven: true)
    }
    try RecordFuzz.evaluate(CSVReader(file: file, input: MemoryInput(bytes)), file: file, policy: policy, roster: roster)
}
