// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "rulebook",
    products: [
        .library(name: "Rulebook", targets: ["Rulebook"]),
        .executable(name: "rulebook", targets: ["RulebookCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // The system's libyaml (Debian libyaml-dev); see README "Dependencies".
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // One processor hint Swift cannot write: a cache prefetch (see CPrefetch.h).
        .target(name: "CPrefetch"),
        // The CSV scanner's 64-byte masks: SSE2 compares gathered into bits (see CByteScan.h).
        .target(name: "CByteScan"),
        // Freeing a spilled run's storage as the merge reads it: fallocate's hole punching, a
        // GNU extension Swift's Glibc module leaves out (see CFileSpace.h).
        .target(name: "CFileSpace"),
        .target(
            name: "Rulebook",
            dependencies: [
                "CYAML",
                "CPrefetch",
                "CByteScan",
                "CFileSpace",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
            // No unsafe flags: they would keep other packages from depending on the library. The
            // hot buffers opt out of exclusivity checks with `@exclusivity(unchecked)` instead.
        ),
        // Synthetic exports for the benchmark (`rulebook generate`) and the tests: not part of
        // the library.
        .target(
            name: "RulebookBench",
            dependencies: ["Rulebook"]
        ),
        .executableTarget(
            name: "RulebookCLI",
            dependencies: [
                "Rulebook",
                "RulebookBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RulebookTests",
            dependencies: ["Rulebook", "RulebookBench"],
            exclude: ["Records/Fixtures", "Records/make_csv_cases.py"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
