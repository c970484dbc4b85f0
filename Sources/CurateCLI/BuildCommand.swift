import ArgumentParser
import CurateCore
import CuratePipeline
import Foundation

/// `curate build`: the whole pipeline from one config file, redoing only what changed.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Rebuild the dataset from curate.toml: ingest, gradable, dedup, overlap, export.",
        discussion: """
            Each step prints rows in, kept and dropped by reason, and the build is recorded in the store \
            (table build_steps). Files whose content did not change since their last ingest are skipped, answers \
            already classified are not classified again, and embeddings come from the store's cache, so a rebuild \
            with nothing changed does almost no work. Rows without an answer go to the model when the file has an [extract] table (model, base_url, api); \
            without one they are reported as pending. See BuildConfig in the README for the file's format.
            """)

    @Option(help: "The build config (TOML).")
    var config: String = "curate.toml"

    @OptionGroup var model: ModelOptions

    @OptionGroup var screen: ScreenOptions

    func run() async throws {
        var parsed: BuildConfig
        do { parsed = try BuildConfig.load(path: config) } catch let error as CurateError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if screen.noScreen { parsed.screen = false }
        let started = Date()
        FileHandle.standardOutput.write(Data("building \(parsed.store) from \(config)\n".utf8))
        let progress = RateProgress("embedding")
        let apiKey = parsed.extract.flatMap { ProcessInfo.processInfo.environment[$0.apiKeyEnv] }
        _ = try await BuildPipeline(config: parsed, defaultModel: model.directory, apiKey: apiKey, progress: progress.update) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }.run()
        print(String(format: "build finished in %.2f s", Date().timeIntervalSince(started)))
    }
}
