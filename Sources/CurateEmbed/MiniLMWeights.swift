import Foundation

/// The hyper-parameters of a BERT encoder, read from `config.json`.
public struct MiniLMConfig: Sendable, Equatable {
    /// Width of the hidden state (384 for all-MiniLM-L6-v2).
    public var hiddenSize: Int
    /// Number of transformer layers (6).
    public var layerCount: Int
    /// Attention heads per layer (12, each of width 32).
    public var headCount: Int
    /// Width of the feed-forward layer (1536).
    public var intermediateSize: Int
    /// Vocabulary size (30522).
    public var vocabularySize: Int
    /// Maximum position (512).
    public var maxPositions: Int
    /// LayerNorm epsilon (1e-12).
    public var layerNormEpsilon: Float

    /// all-MiniLM-L6-v2's values.
    public static let miniLML6 = MiniLMConfig(
        hiddenSize: 384, layerCount: 6, headCount: 12, intermediateSize: 1536,
        vocabularySize: 30522, maxPositions: 512, layerNormEpsilon: 1e-12)

    /// Reads `config.json`; only `hidden_act: gelu` BERT models with absolute positions are accepted.
    /// - Throws: `EmbedError(.modelMissing)` if absent, `.invalidConfig` if a field is missing or unsupported.
    public init(contentsOf url: URL) throws {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbedError(.modelMissing, "config.json not found; run scripts/fetch-model.sh", file: path)
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EmbedError(.invalidConfig, "config.json is not a JSON object", file: path)
        }
        func int(_ key: String) throws -> Int {
            guard let n = json[key] as? NSNumber else {
                throw EmbedError(.invalidConfig, "config.json lacks integer '\(key)'", file: path)
            }
            return n.intValue
        }
        if let act = json["hidden_act"] as? String, act != "gelu" {
            throw EmbedError(.invalidConfig, "hidden_act '\(act)' is unsupported (only exact-erf gelu)", file: path)
        }
        if let kind = json["position_embedding_type"] as? String, kind != "absolute" {
            throw EmbedError(.invalidConfig, "position_embedding_type '\(kind)' is unsupported", file: path)
        }
        self.init(
            hiddenSize: try int("hidden_size"), layerCount: try int("num_hidden_layers"),
            headCount: try int("num_attention_heads"), intermediateSize: try int("intermediate_size"),
            vocabularySize: try int("vocab_size"), maxPositions: try int("max_position_embeddings"),
            layerNormEpsilon: (json["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12)
        guard hiddenSize % headCount == 0 else {
            throw EmbedError(.invalidConfig, "hidden_size \(hiddenSize) is not a multiple of \(headCount) heads", file: path)
        }
    }

    /// Memberwise initializer.
    public init(
        hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int,
        vocabularySize: Int, maxPositions: Int, layerNormEpsilon: Float
    ) {
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.layerNormEpsilon = layerNormEpsilon
    }
}

/// One transformer layer's parameters; linear weights are `[out, in]` row-major (y = x·Wᵀ + b).
struct MiniLMLayer: Sendable {
    /// Query, key and value weights stacked: `[3·hidden, hidden]`; bias `[3·hidden]`.
    var qkvWeight: [Float]
    var qkvBias: [Float]
    var attentionOutWeight: [Float]
    var attentionOutBias: [Float]
    var attentionNormWeight: [Float]
    var attentionNormBias: [Float]
    var intermediateWeight: [Float]
    var intermediateBias: [Float]
    var outputWeight: [Float]
    var outputBias: [Float]
    var outputNormWeight: [Float]
    var outputNormBias: [Float]
}

/// All parameters of the encoder, copied out of the safetensors mapping.
/// One layer's Linear weights quantized for the int8 fast pass.
struct MiniLMInt8Layer: Sendable {
    var qkv: Int8Linear
    var attentionOut: Int8Linear
    var intermediate: Int8Linear
    var output: Int8Linear

    /// - Parameter inputNorm: the weight and bias of the LayerNorm whose output the layer's first product reads.
    init(_ layer: MiniLMLayer, inputNorm: (weight: [Float], bias: [Float]), config: MiniLMConfig) {
        let h = config.hiddenSize, f = config.intermediateSize
        qkv = Int8Linear(weight: layer.qkvWeight, outDim: 3 * h, inDim: h, inputPeaks: Self.peaks(of: inputNorm))
        attentionOut = Int8Linear(weight: layer.attentionOutWeight, outDim: h, inDim: h)
        intermediate = Int8Linear(
            weight: layer.intermediateWeight, outDim: f, inDim: h,
            inputPeaks: Self.peaks(of: (layer.attentionNormWeight, layer.attentionNormBias)))
        output = Int8Linear(weight: layer.outputWeight, outDim: h, inDim: f)
    }

    /// The expected peak of each channel of a LayerNorm's output γ·z + β, with |z| up to 4.
    static func peaks(of norm: (weight: [Float], bias: [Float])) -> [Float] {
        zip(norm.weight, norm.bias).map { 4 * abs($0.0) + abs($0.1) }
    }
}

struct MiniLMWeights: Sendable {
    var config: MiniLMConfig
    var wordEmbeddings: [Float]
    var positionEmbeddings: [Float]
    var tokenTypeEmbedding0: [Float]
    var embeddingNormWeight: [Float]
    var embeddingNormBias: [Float]
    var layers: [MiniLMLayer]

    /// Loads every tensor, checking dtype and shape. Names may carry a `bert.` prefix or none.
    init(file: SafeTensorsFile, config: MiniLMConfig) throws {
        let h = config.hiddenSize, f = config.intermediateSize
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil ? "bert." : ""
        func load(_ name: String, _ shape: [Int]) throws -> [Float] { try file.floats(prefix + name, shape: shape) }
        self.config = config
        wordEmbeddings = try load("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try load("embeddings.position_embeddings.weight", [config.maxPositions, h])
        let types = try file.floats(prefix + "embeddings.token_type_embeddings.weight")
        guard types.count >= h else {
            throw EmbedError(.tensorMismatch, "token_type_embeddings has \(types.count) values", file: file.path)
        }
        tokenTypeEmbedding0 = Array(types[0..<h])
        embeddingNormWeight = try load("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try load("embeddings.LayerNorm.bias", [h])
        var layers: [MiniLMLayer] = []
        for i in 0..<config.layerCount {
            let p = "encoder.layer.\(i)."
            let q = try load(p + "attention.self.query.weight", [h, h])
            let k = try load(p + "attention.self.key.weight", [h, h])
            let v = try load(p + "attention.self.value.weight", [h, h])
            let qb = try load(p + "attention.self.query.bias", [h])
            let kb = try load(p + "attention.self.key.bias", [h])
            let vb = try load(p + "attention.self.value.bias", [h])
            layers.append(
                MiniLMLayer(
                    qkvWeight: q + k + v, qkvBias: qb + kb + vb,
                    attentionOutWeight: try load(p + "attention.output.dense.weight", [h, h]),
                    attentionOutBias: try load(p + "attention.output.dense.bias", [h]),
                    attentionNormWeight: try load(p + "attention.output.LayerNorm.weight", [h]),
                    attentionNormBias: try load(p + "attention.output.LayerNorm.bias", [h]),
                    intermediateWeight: try load(p + "intermediate.dense.weight", [f, h]),
                    intermediateBias: try load(p + "intermediate.dense.bias", [f]),
                    outputWeight: try load(p + "output.dense.weight", [h, f]),
                    outputBias: try load(p + "output.dense.bias", [h]),
                    outputNormWeight: try load(p + "output.LayerNorm.weight", [h]),
                    outputNormBias: try load(p + "output.LayerNorm.bias", [h])))
        }
        self.layers = layers
    }

    /// The layers quantized for the int8 fast pass (each layer's first product reads the output of the LayerNorm
    /// before it: the embeddings' for layer 0, the previous layer's output norm after that).
    /// - Complexity: O(weights), about 50 ms for MiniLM-L6; the encoder does it once, on its first fast pass.
    func quantizedLayers() -> [MiniLMInt8Layer] {
        let inputNorms = [(embeddingNormWeight, embeddingNormBias)] + layers.dropLast().map { ($0.outputNormWeight, $0.outputNormBias) }
        return zip(layers, inputNorms).map { MiniLMInt8Layer($0.0, inputNorm: $0.1, config: config) }
    }
}
