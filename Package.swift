// swift-tools-version:6.1
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
        // libmathcurate.so: the C ABI of include/mathcurate.h, loaded by the Python package.
        .library(name: "mathcurate", type: .dynamic, targets: ["MathCurateC"]),
        // libmathcurate_embed.so: the encoder of include/mathcurate_embed.h, for engines that embed on workers.
        .library(name: "mathcurate_embed", type: .dynamic, targets: ["MathCurateEmbedC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        // The reward server (`curate serve`): HTTP/1.1 on SwiftNIO, so no HTTP parsing of our own. Its optional
        // traits (swift-configuration support, full Foundation) are left out: the server needs neither.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Named for its event-loop group (the server's --threads); hummingbird already builds on it.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Graceful shutdown of the server (SIGTERM, or a caller's request), which hummingbird runs on.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "MathSyntax"),
        .target(name: "MathAlgebra", dependencies: ["MathSyntax", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "MathVerify", dependencies: ["MathSyntax", "MathAlgebra"]),
        .target(name: "CurateCore", dependencies: ["Parallelism"]),
        .target(
            name: "CurateServe",
            dependencies: [
                "MathVerify", "CurateCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),
        .target(name: "CMathCurate"),
        .target(name: "MathCurateC", dependencies: ["MathVerify", "CMathCurate", "Parallelism"]),
        .target(name: "MathCurateEmbedC", dependencies: ["CurateEmbed", "CMathCurate"]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "Parallelism"),
        // cpuid and the kernels beyond the x86-64 baseline, each behind a per-function target attribute.
        .target(name: "CEmbedKernels"),
        .target(name: "CurateEmbed", dependencies: ["CurateCore", "COpenBLAS", "CEmbedKernels"]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurateLLM", dependencies: ["CurateCore", "CurateStore", "CCurl"]),
        .target(name: "LLMTestServer", dependencies: ["CurateCore"]),
        .executableTarget(
            name: "llm-test-server",
            dependencies: ["LLMTestServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CurateExport", dependencies: ["CurateCore", "CZlib", "Parallelism"]),
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
                "MathVerify", "CurateServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "curate", dependencies: ["CurateCLI"]),
        .testTarget(name: "CurateCoreTests", dependencies: ["CurateCore"]),
        .testTarget(name: "MathSyntaxTests", dependencies: ["MathSyntax"]),
        .testTarget(name: "MathAlgebraTests", dependencies: ["MathAlgebra"]),
        .testTarget(name: "MathVerifyTests", dependencies: ["MathVerify"]),
        .testTarget(name: "CurateServeTests", dependencies: ["CurateServe", "MathVerify", "CurateCore", "CurateLLM"]),
        .testTarget(name: "MathCurateCTests", dependencies: ["MathCurateC", "MathVerify", "MathCurateEmbedC", "CurateCore"]),
        .testTarget(name: "CurateEmbedTests", dependencies: ["CurateCore", "CurateEmbed"]),
        .testTarget(name: "CurateExportTests", dependencies: ["CurateExport", "CurateCore"]),
        .testTarget(
            name: "CuratePipelineTests",
            dependencies: ["CuratePipeline", "CurateEmbed", "CurateExport", "CurateLLM", "CurateStore", "CurateTestSupport", "LLMTestServer"]),
        .target(name: "CurateTestSupport", dependencies: ["CurateStore"], path: "Tests/CurateTestSupport"),
        .testTarget(name: "CurateLLMTests", dependencies: ["CurateLLM", "CurateStore", "LLMTestServer", "CurateTestSupport"]),
        .testTarget(name: "CurateStoreTests", dependencies: ["CurateStore", "CurateCore", "CurateTestSupport"]),
        .testTarget(name: "CurateIngestTests", dependencies: ["CurateIngest", "CurateStore", "CurateCore", "CurateTestSupport"]),
        .testTarget(
            name: "CurateCLITests",
            dependencies: ["CurateCLI", "CurateCore", "CurateStore", "CuratePipeline", "MathVerify", "CurateTestSupport", "LLMTestServer"]),
    ]
)
