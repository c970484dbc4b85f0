// swift-tools-version:6.0
// MathCurate: builds RL training data for math reasoning models and verifies their rewards.
import PackageDescription

let package = Package(
    name: "MathCurate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "curate", targets: ["curate"]),
        .library(name: "CurateStore", targets: ["CurateStore"]),
        .library(name: "CurateIngest", targets: ["CurateIngest"]),
        .library(name: "MathVerify", targets: ["MathVerify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "MathSyntax"),
        .target(name: "MathAlgebra", dependencies: ["MathSyntax", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "MathVerify", dependencies: ["MathSyntax", "MathAlgebra"]),
        .target(name: "CurateCore"),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CurateEmbed", dependencies: ["CurateCore", "COpenBLAS"]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurateLLM", dependencies: ["CurateCore", "CurateStore", "CCurl"]),
        .target(name: "LLMTestServer", dependencies: ["CurateCore"]),
        .executableTarget(
            name: "llm-test-server",
            dependencies: ["LLMTestServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CurateExport", dependencies: ["CurateCore", "CZlib"]),
        .target(
            name: "CuratePipeline",
            dependencies: ["CurateCore", "CurateStore", "CurateIngest", "CurateEmbed", "CurateExport", "CurateLLM", "MathVerify"],
            plugins: ["EmbedTextFiles"]),
        .executableTarget(name: "MathBench", dependencies: ["MathSyntax", "MathAlgebra", "MathVerify"]),
        .executableTarget(name: "EmbedBench", dependencies: ["CurateCore", "CurateEmbed"]),
        .executableTarget(name: "ExportBench", dependencies: ["CurateExport"]),
        .target(
            name: "CurateStore",
            dependencies: ["CurateCore", .product(name: "GRDB", package: "GRDB.swift")],
            plugins: ["EmbedTextFiles"]),
        .executableTarget(name: "embed-text"),
        .plugin(name: "EmbedTextFiles", capability: .buildTool(), dependencies: ["embed-text"]),
        .target(name: "CurateIngest", dependencies: ["CurateCore", "CurateStore", "CLibXML2"]),
        .target(
            name: "CurateCLI",
            dependencies: [
                "CurateCore", "CurateStore", "CurateIngest", "CurateEmbed", "CurateExport", "CurateLLM", "CuratePipeline", "MathSyntax",
                "MathVerify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "curate", dependencies: ["CurateCLI"]),
        .testTarget(name: "CurateCoreTests", dependencies: ["CurateCore"]),
        .testTarget(name: "MathSyntaxTests", dependencies: ["MathSyntax"]),
        .testTarget(name: "MathAlgebraTests", dependencies: ["MathAlgebra"]),
        .testTarget(name: "MathVerifyTests", dependencies: ["MathVerify"]),
        .testTarget(name: "CurateEmbedTests", dependencies: ["CurateCore", "CurateEmbed"]),
        .testTarget(name: "CurateExportTests", dependencies: ["CurateExport", "CurateCore"]),
        .testTarget(
            name: "CuratePipelineTests",
            dependencies: ["CuratePipeline", "CurateEmbed", "CurateLLM", "CurateStore", "CurateTestSupport", "LLMTestServer"]),
        .target(name: "CurateTestSupport", dependencies: ["CurateStore"], path: "Tests/CurateTestSupport"),
        .testTarget(name: "CurateLLMTests", dependencies: ["CurateLLM", "CurateStore", "LLMTestServer", "CurateTestSupport"]),
        .testTarget(name: "CurateStoreTests", dependencies: ["CurateStore", "CurateCore", "CurateTestSupport"]),
        .testTarget(name: "CurateIngestTests", dependencies: ["CurateIngest", "CurateStore", "CurateCore", "CurateTestSupport"]),
        .testTarget(
            name: "CurateCLITests",
            dependencies: ["CurateCLI", "CurateCore", "CurateStore", "CuratePipeline", "MathVerify", "CurateTestSupport", "LLMTestServer"]),
    ]
)
