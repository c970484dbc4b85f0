import CurateCore
import Foundation

/// all-MiniLM-L6-v2 sentence embeddings in native Swift: WordPiece tokenization, the 6-layer BERT encoder in fp32,
/// mean pooling and L2 normalisation — the same vectors sentence-transformers' `encode` produces (cosine ≥ 0.99999).
///
/// Texts are tokenized in parallel, sorted by length, cut into batches of `batchSize` and the batches are shared by
/// `threadCount` workers (`DispatchQueue.concurrentPerform`), each running single-threaded OpenBLAS on a packed
/// (padding-free) batch.
///
/// Example:
/// ```swift
/// let encoder = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: "models/all-MiniLM-L6-v2"))
/// let vectors = try encoder.embed(["Find $x$ if $2x = 4$.", "Solve 2x = 4."])   // 2 × 384, unit length
/// ```
public final class SentenceEncoder: Sendable {
    /// The tokenizer (`vocab.txt`, truncation to 256 ids).
    public let tokenizer: WordPieceTokenizer
    /// The model's hyper-parameters.
    public let config: MiniLMConfig
    /// Texts per forward batch.
    public let batchSize: Int
    /// Worker threads used by `embed`.
    public let threadCount: Int
    let weights: MiniLMWeights
    /// The int8 layers of the fast pass, quantized on its first use.
    private let int8Layers = Locked<[MiniLMInt8Layer]?>(nil)

    /// The matrix-product library and the kernel it chose for this CPU at run time (OpenBLAS's DYNAMIC_ARCH reads
    /// cpuid), e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64`; `curate --version` prints it.
    public static var kernelDescription: String { Kernels.blasDescription }

    /// The OpenBLAS kernel set in use and why (see ``BLASCoreChoice``); made once per process.
    public static var blasCore: BLASCoreChoice { Kernels.blasCore }

    /// Loads `config.json`, `vocab.txt` and `model.safetensors` from `modelDirectory`.
    /// - Parameters:
    ///   - modelDirectory: a folder as written by `scripts/fetch-model.sh`.
    ///   - batchSize: texts per forward batch (default 32, as sentence-transformers).
    ///   - threadCount: worker threads (default: the number of active processors).
    ///   - maxLength: token truncation length including `[CLS]`/`[SEP]` (default 256).
    /// - Throws: `EmbedError(.modelMissing)` naming `scripts/fetch-model.sh` if the folder or a file is absent;
    ///   `.invalidConfig`, `.invalidSafeTensors`, `.tensorMismatch`, `.invalidVocabulary` for malformed files.
    public init(modelDirectory: URL, batchSize: Int = 32, threadCount: Int? = nil, maxLength: Int = 256) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelDirectory.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw EmbedError(
                .modelMissing,
                "model directory not found; run scripts/fetch-model.sh to download all-MiniLM-L6-v2",
                file: modelDirectory.path)
        }
        for name in ["config.json", "vocab.txt", "model.safetensors"] {
            let file = modelDirectory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: file) else {
                throw EmbedError(.modelMissing, "\(name) missing; run scripts/fetch-model.sh", file: file)
            }
        }
        guard batchSize > 0 else { throw EmbedError(.invalidArgument, "batchSize must be positive") }
        let config = try MiniLMConfig(contentsOf: modelDirectory.appendingPathComponent("config.json"))
        guard config.hiddenSize % 16 == 0 else {
            throw EmbedError(.invalidConfig, "hidden_size \(config.hiddenSize) is not a multiple of 16")
        }
        guard maxLength <= config.maxPositions else {
            throw EmbedError(.invalidArgument, "maxLength \(maxLength) exceeds max_position_embeddings \(config.maxPositions)")
        }
        self.config = config
        self.tokenizer = try WordPieceTokenizer(
            vocabularyURL: modelDirectory.appendingPathComponent("vocab.txt"),
            maxLength: maxLength)
        let file = try SafeTensorsFile(url: modelDirectory.appendingPathComponent("model.safetensors"))
        self.weights = try MiniLMWeights(file: file, config: config)
        guard tokenizer.tokens.count <= config.vocabularySize else {
            throw EmbedError(.invalidVocabulary, "vocab.txt has \(tokenizer.tokens.count) entries, model has \(config.vocabularySize)")
        }
        self.batchSize = batchSize
        self.threadCount = Swift.max(1, threadCount ?? ProcessInfo.processInfo.activeProcessorCount)
        Kernels.useSingleThreadedBLAS()
    }

    /// Unit-length embeddings for `texts`, in input order.
    /// - Throws: never for valid UTF-8 strings (kept `throws` for future model checks).
    /// - Complexity: O(Σ tokens · layers · hidden²) work, spread over `threadCount` threads.
    public func embed(_ texts: [String], precision: EmbeddingPrecision = .exact) throws -> [[Float]] {
        let ids = tokenizeAll(texts)
        return try embed(tokenIDs: ids, precision: precision)
    }

    /// The fast pass this encoder can run on this CPU (``EmbeddingPrecision/fast``).
    public var fastPass: FastPass { FastPass.current }

    /// Embeddings for `texts` as one row-major matrix, ready for `NearDuplicateSearch`.
    /// - Throws: as `embed(_:)`.
    /// - Complexity: as `embed(_:)`.
    public func embedMatrix(_ texts: [String]) throws -> EmbeddingMatrix {
        try EmbeddingMatrix(rows: embed(texts), dimension: config.hiddenSize)
    }

    /// Token ids of every text (parallel over `threadCount` workers).
    /// - Complexity: O(total scalars).
    public func tokenizeAll(_ texts: [String]) -> [[Int32]] {
        let box = Locked([[Int32]](repeating: [], count: texts.count))
        let workers = Swift.max(1, Swift.min(threadCount, texts.count / 64))
        let tokenizer = self.tokenizer
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var local: [(Int, [Int32])] = []
            for i in stride(from: w, to: texts.count, by: workers) { local.append((i, tokenizer.encode(texts[i]))) }
            box.update { all in for (i, ids) in local { all[i] = ids } }
        }
        return box.update { $0 }
    }

    /// Embeddings for pre-tokenized sequences (each with `[CLS]`/`[SEP]`, at most `maxPositions` ids).
    /// - Throws: `EmbedError(.invalidArgument)` for an empty or too long sequence or an out-of-range id, or for
    ///   `.fast` when ``fastPass`` is unavailable.
    /// - Complexity: as `embed(_:)`.
    public func embed(tokenIDs: [[Int32]], precision: EmbeddingPrecision = .exact) throws -> [[Float]] {
        if precision == .fast, fastPass == .unavailable {
            throw EmbedError(.invalidArgument, "the fast pass needs AVX-512 VNNI or AVX-VNNI, which this CPU (\(CPUFeatures.current)) lacks")
        }
        for (i, seq) in tokenIDs.enumerated() {
            guard !seq.isEmpty, seq.count <= config.maxPositions else {
                throw EmbedError(.invalidArgument, "sequence \(i) has \(seq.count) ids (allowed 1...\(config.maxPositions))")
            }
            guard seq.allSatisfy({ $0 >= 0 && Int($0) < config.vocabularySize }) else {
                throw EmbedError(.invalidArgument, "sequence \(i) has an id outside 0..<\(config.vocabularySize)")
            }
        }
        // Longest first, so the expensive batches start early and the tail of the schedule is short.
        let order = tokenIDs.indices.sorted { tokenIDs[$0].count > tokenIDs[$1].count }
        let batches = Self.batches(order, lengths: tokenIDs.map(\.count), size: batchSize, tokenLimit: Self.batchTokenLimit)
        let results = Locked([[Float]](repeating: [], count: tokenIDs.count))
        let next = Locked(0)
        let weights = self.weights
        let quantized = precision == .fast ? fastLayers() : nil
        let workers = Swift.min(threadCount, batches.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let workspace = ForwardWorkspace(config: weights.config)
            while true {
                let b = next.update { n -> Int in
                    defer { n += 1 }; return n
                }
                guard b < batches.count else { break }
                let batch = batches[b]
                let vectors = weights.forward(batch.map { tokenIDs[$0] }, workspace: workspace, quantized: quantized)
                results.update { all in for (k, i) in batch.enumerated() { all[i] = vectors[k] } }
            }
        }
        return results.update { $0 }
    }

    /// Packed tokens per forward batch at most (unless one text alone is longer): a batch of 32 texts of 256 tokens
    /// would need 140 MB of scratch per worker, whose first touch costs more than the products it feeds. Each text's
    /// vector does not depend on the batch it is in (batches are packed, each sequence attends only to itself).
    static let batchTokenLimit = 2048

    /// `order` cut into consecutive batches of at most `size` texts and `tokenLimit` tokens (a batch always holds at
    /// least one text).
    static func batches(_ order: [Int], lengths: [Int], size: Int, tokenLimit: Int) -> [[Int]] {
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            if !current.isEmpty, current.count == size || tokens + lengths[index] > tokenLimit {
                batches.append(current)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += lengths[index]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The fast pass's int8 layers, quantized on the first call (under the lock, so once).
    private func fastLayers() -> [MiniLMInt8Layer] {
        int8Layers.update { cached in
            if let cached { return cached }
            let layers = weights.quantizedLayers()
            cached = layers
            return layers
        }
    }
}
