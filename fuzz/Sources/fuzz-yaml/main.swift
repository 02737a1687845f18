import FuzzSupport
@testable import Rulebook

// The YAML reader: every document, with the limits on aliases and depth, and the
// single-document entry that policies and calendars use.
Fuzz.main { bytes in
    _ = try? YAMLReader.documents(bytes, file: "fuzz.yaml")
    _ = try YAMLReader.singleDocument(bytes, file: "fuzz.yaml")
}
