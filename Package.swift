// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Paiwei",
    products: [
        // MARK: Public API
        .library(name: "PaiweiKit", targets: ["PaiweiKit"]),
        .executable(name: "paiwei", targets: ["PaiweiCLI"]),
        // MARK: Benchmarks
        .executable(name: "paiwei-benchmarks", targets: ["PaiweiBenchmarks"]),
    ],
    targets: [
        // MARK: Engine (library, usable on its own)
        .target(
            name: "PaiweiKit",
            path: "Sources/PaiweiKit"
        ),

        // MARK: Command line (thin: parses arguments, calls the library, prints)
        .executableTarget(
            name: "PaiweiCLI",
            dependencies: ["PaiweiKit"],
            path: "Sources/PaiweiCLI"
        ),

        // MARK: Benchmarks (writes Benchmarks/results/*.json)
        .executableTarget(
            name: "PaiweiBenchmarks",
            dependencies: ["PaiweiKit"],
            path: "Benchmarks/Sources/PaiweiBenchmarks"
        ),

        // MARK: Tests
        .testTarget(
            name: "PaiweiKitTests",
            dependencies: ["PaiweiKit"],
            path: "Tests/PaiweiKitTests",
            // Workbooks, zips and deflate streams, read through #filePath by the Workbook tests.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PaiweiCLITests",
            // Runs the built `paiwei` binary, so it must be built first.
            dependencies: ["PaiweiKit", "PaiweiCLI"],
            path: "Tests/PaiweiCLITests",
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
