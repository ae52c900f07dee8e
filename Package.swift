// swift-tools-version: 6.0
import PackageDescription

// The map of Paiwei. Layers, each importing only those above it in this file:
//
//   PaiweiCore       support, CSV, SHA-256, dataset, policy, lottery, engine, stages, certificate
//   PaiweiGenerator  synthetic districts shaped like the policy documents' districts
//   PaiweiRuns       loading a session, the replication runner, final placement, simulation, forecast,
//                    re-running a placement from its audit record
//   PaiweiReports    every file a person reads: CSV, JSON, HTML, SVG; the output folder and its verification
//   PaiweiCLI        the `paiwei` command: parses arguments, calls one entry point, prints
//
// docs/engine.md draws the same picture with the types in each layer.
let package = Package(
    name: "Paiwei",
    products: [
        // MARK: Public API
        // The library, usable from another package as `.product(name: "PaiweiKit", package: "Paiwei")`.
        .library(name: "PaiweiKit", targets: ["PaiweiCore", "PaiweiGenerator", "PaiweiRuns", "PaiweiReports"]),
        .executable(name: "paiwei", targets: ["PaiweiCLI"]),
        // MARK: Benchmarks
        .executable(name: "paiwei-benchmarks", targets: ["PaiweiBenchmarks"]),
    ],
    targets: [
        // MARK: Core: the engine and everything it stands on
        .target(
            name: "PaiweiCore",
            path: "Sources/PaiweiCore"
        ),
        .target(
            name: "PaiweiGenerator",
            dependencies: ["PaiweiCore"],
            path: "Sources/PaiweiGenerator"
        ),

        // MARK: Runs: sessions, placements, simulations, forecasts
        .target(
            name: "PaiweiRuns",
            dependencies: ["PaiweiCore"],
            path: "Sources/PaiweiRuns"
        ),

        // MARK: Reports: every file a run writes
        .target(
            name: "PaiweiReports",
            dependencies: ["PaiweiCore", "PaiweiRuns"],
            path: "Sources/PaiweiReports"
        ),

        // MARK: Command line (thin: parses arguments, calls the library, prints)
        .executableTarget(
            name: "PaiweiCLI",
            dependencies: ["PaiweiCore", "PaiweiGenerator", "PaiweiRuns", "PaiweiReports"],
            path: "Sources/PaiweiCLI"
        ),

        // MARK: Benchmarks (writes Benchmarks/results/*.json)
        .executableTarget(
            name: "PaiweiBenchmarks",
            dependencies: ["PaiweiCore", "PaiweiGenerator", "PaiweiRuns", "PaiweiReports", "PaiweiTestSupport"],
            path: "Benchmarks/Sources/PaiweiBenchmarks"
        ),

        // MARK: Tests
        // Instances, generators and assertion helpers the test targets and the benchmarks share.
        .target(
            name: "PaiweiTestSupport",
            dependencies: ["PaiweiCore"],
            path: "Tests/PaiweiTestSupport"
        ),
        .testTarget(
            name: "PaiweiKitTests",
            dependencies: ["PaiweiCore", "PaiweiGenerator", "PaiweiRuns", "PaiweiReports", "PaiweiTestSupport"],
            path: "Tests/PaiweiKitTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PaiweiCLITests",
            // Runs the built `paiwei` binary, so it must be built first.
            dependencies: ["PaiweiCLI", "PaiweiTestSupport"],
            path: "Tests/PaiweiCLITests",
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
