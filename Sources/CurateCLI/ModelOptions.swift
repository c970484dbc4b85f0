import ArgumentParser
import CurateEmbed
import CuratePipeline
import CurateStore
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

    /// The store's embedding cache over this model; `screening` off embeds every compared text exactly.
    func cache(for store: Store, screening: Bool) throws -> EmbeddingCache {
        var cache = EmbeddingCache(store: store, encoder: try encoder(), model: cacheName)
        cache.screening = screening
        return cache
    }
}

/// `--no-screen` of the commands that compare texts (dedup, overlap, build).
struct ScreenOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Embed every compared text exactly, without the fast int8 screen.",
            discussion: """
                On a CPU with AVX-512 VNNI or AVX-VNNI, texts are first embedded by a fast int8 pass, and only the rows of pairs \
                above the threshold minus a measured margin get exact vectors; the exact cosines decide, so the \
                decisions are the same either way. This flag skips the screen (slower; `curate --version` says \
                whether this CPU has it).
                """))
    var noScreen = false
}
