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
