import ArgumentParser
import CurateEmbed
import Foundation

/// The `--model` flag of the commands that embed text.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A sentence-transformers BERT model folder (config.json, vocab.txt, model.safetensors).",
        discussion: "Default: $CURATE_MODEL_DIR, else ./models/all-MiniLM-L6-v2 (fetch it with scripts/fetch-model.sh)."))
    var model: String?

    /// The folder in use.
    var directory: URL {
        if let model { return URL(fileURLWithPath: model) }
        if let env = ProcessInfo.processInfo.environment["CURATE_MODEL_DIR"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: "models/all-MiniLM-L6-v2")
    }

    /// Loads the encoder, turning a missing model into an error that says how to fetch it.
    func encoder() throws -> SentenceEncoder {
        do {
            return try SentenceEncoder(modelDirectory: directory)
        } catch let error as EmbedError {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// The name vectors are cached under: the model folder's name.
    var cacheName: String { directory.standardizedFileURL.lastPathComponent }
}

/// Draws `label: done/total (rate/s, time left)` on standard error while a long step runs, only on a terminal.
final class RateProgress {
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1

    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 || done == total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        FileHandle.standardError.write(Data("\r\u{1B}[K  \(label): \(done)/\(total) (\(Int(rate))/s, \(Int(left)) s left)".utf8))
        if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
