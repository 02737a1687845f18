// swift-tools-version:6.1
// The fuzz harnesses: a package of its own so that the root package's `swift build` and
// `swift test` never see them (they only link with `-sanitize=fuzzer`, which supplies libFuzzer).
// They depend on the library by path and use its internals (`@testable import Rulebook`, so
// `scripts/fuzz` builds with `-enable-testing`). Build and run them with `scripts/fuzz` (see
// docs/fuzzing.md).
import PackageDescription

/// Each harness: an executable named `fuzz-<target>` from `Sources/fuzz-<target>/main.swift`.
let harnesses = ["yaml", "policy", "expression", "calendar", "policy-test", "csv", "jsonl", "json"]

let package = Package(
    name: "rulebook-fuzz",
    dependencies: [
        // Named, because a path dependency's identity is otherwise its folder's name, which
        // differs between checkouts and worktrees.
        .package(name: "rulebook", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzer", .product(name: "Rulebook", package: "rulebook")]
        ),
    ] + harnesses.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: ["FuzzSupport", .product(name: "Rulebook", package: "rulebook")]
        )
    },
    swiftLanguageModes: [.v5]
)
