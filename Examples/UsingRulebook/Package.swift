// swift-tools-version:6.1
// How a Swift package uses the Rulebook library (README, "Using the library"). Built and run by
// scripts/test, so the example in the README keeps compiling. Elsewhere, depend on it by URL:
//   .package(url: "https://github.com/<owner>/rulebook", from: "0.1.0")
import PackageDescription

let package = Package(
    name: "UsingRulebook",
    dependencies: [
        .package(name: "rulebook", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "UsingRulebook", dependencies: [.product(name: "Rulebook", package: "rulebook")]),
    ]
)
