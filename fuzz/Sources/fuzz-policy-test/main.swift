import FuzzSupport
@testable import Rulebook

// The policy-test loader (`rulebook test`, `validate`): the input is named as a file in
// `rules/tests/`, so the shipped policies, rosters and exports it names are found. The tests
// are loaded, not run (running evaluates whole exports: too slow per input).
let file = Fuzz.path("rules/tests/fuzz-input.test.yaml")

Fuzz.main { bytes in
    _ = try PolicyTestLoader.load(bytes: bytes, file: file)
}
