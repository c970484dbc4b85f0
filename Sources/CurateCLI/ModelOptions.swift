import ArgumentParser
import CurateEmbed
import Foundation

/// The `--embedding-model` option of the commands that embed text (dedup, overlap, embed, build). It is not called
/// `--model`: that is the LLM's name in `curate extract`.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .customLong("embedding-model"),
        help: ArgumentHelp(
            "A sentence-transformers BERT model folder (config.json, vocab.txt, model.safetensors).",
            discussion: "Default: $CURATE_MODEL_DIR, else ./models/all-MiniLM-L6-v2 (fetch it with scripts/fetch-model.sh).",
            valueName: "dir"))
    var model: String?

    /// The old name, refused with a message that names the new one.
    @Option(name: .customLong("model"), help: .hidden)
    var oldModelOption: String?

    func validate() throws {
        if oldModelOption != nil {
            throw ValidationError("--model names the LLM in `curate extract`; the embedding model folder is --embedding-model DIR")
        }
    }

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
