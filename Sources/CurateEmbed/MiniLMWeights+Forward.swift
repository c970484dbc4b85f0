/// Scratch memory for one worker's forward passes: raw buffers grown on demand and freed in `deinit`. Not shared
/// between threads.
final class ForwardWorkspace {
    private(set) var capacityTokens = 0
    private(set) var capacityScores = 0
    private(set) var hidden = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var qkv = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var context = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var projected = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var intermediate = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var scores = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    /// One head's keys transposed (`headDim` rows of `longest` slots).
    private(set) var keysT = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    /// The int8 pass's quantized activations, one tile of rows (`Kernels.int8ScratchBytes`).
    let int8Scratch: UnsafeMutableRawPointer
    let config: MiniLMConfig

    init(config: MiniLMConfig) {
        self.config = config
        int8Scratch = .allocate(
            byteCount: Kernels.int8ScratchBytes(inDim: Swift.max(config.hiddenSize, config.intermediateSize)), alignment: 64)
    }

    /// Makes room for `tokens` packed tokens and a `longest`×`longest` score matrix.
    func reserve(tokens: Int, longest: Int) {
        if tokens > capacityTokens {
            let h = config.hiddenSize
            for p in [hidden, qkv, context, projected, intermediate] { p.deallocate() }
            hidden = .allocate(capacity: tokens * h)
            qkv = .allocate(capacity: tokens * 3 * h)
            context = .allocate(capacity: tokens * h)
            projected = .allocate(capacity: tokens * h)
            intermediate = .allocate(capacity: tokens * config.intermediateSize)
            capacityTokens = tokens
        }
        if longest * longest > capacityScores {
            scores.deallocate()
            scores = .allocate(capacity: longest * longest)
            keysT.deallocate()
            keysT = .allocate(capacity: longest * config.hiddenSize / config.headCount)
            capacityScores = longest * longest
        }
    }

    deinit {
        for p in [hidden, qkv, context, projected, intermediate, scores, keysT] { p.deallocate() }
        int8Scratch.deallocate()
    }
}

extension MiniLMWeights {
    /// Runs the encoder on a batch of token-id sequences packed end to end (no padding: every sequence attends only
    /// to itself, which is what the additive attention mask achieves in the padded reference), then mean-pools each
    /// sequence over all its tokens and L2-normalises.
    ///
    /// - Parameters:
    ///   - sequences: token ids per text, each non-empty and at most `maxPositions` long, ids < `vocabularySize`.
    ///   - workspace: this worker's scratch buffers.
    ///   - quantized: nil for fp32 throughout (the exact vectors); ``quantizedLayers()`` for the int8 Linear
    ///     products of this CPU's ``FastPass``, which only a CPU with AMX, AVX-512 VNNI or AVX-VNNI may run.
    /// - Returns: one `hiddenSize` vector per sequence, of unit length (or zero if the pooled vector is zero).
    /// - Complexity: O(T·L·h² + Σ nᵢ²·h) for T packed tokens, L layers, hidden width h.
    func forward(_ sequences: [[Int32]], workspace ws: ForwardWorkspace, quantized: [MiniLMInt8Layer]? = nil) -> [[Float]] {
        let h = config.hiddenSize, f = config.intermediateSize
        let heads = config.headCount, headDim = h / heads
        let total = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.reduce(0) { Swift.max($0, $1.count) }
        guard total > 0 else { return sequences.map { _ in [Float](repeating: 0, count: h) } }
        ws.reserve(tokens: total, longest: (longest + 15) / 16 * 16)
        let x = ws.hidden, qkv = ws.qkv, ctx = ws.context, proj = ws.projected, inter = ws.intermediate
        let eps = config.layerNormEpsilon

        // Embeddings: word + position + token type 0, then LayerNorm.
        wordEmbeddings.withBase { word in
            positionEmbeddings.withBase { pos in
                tokenTypeEmbedding0.withBase { type0 in
                    var t = 0
                    for seq in sequences {
                        for (position, id) in seq.enumerated() {
                            let dst = x + t * h
                            let w = word + Int(id) * h
                            let p = pos + position * h
                            for j in 0..<h { dst[j] = w[j] + p[j] + type0[j] }
                            t += 1
                        }
                    }
                }
            }
        }
        embeddingNormWeight.withBase { w in
            embeddingNormBias.withBase { b in
                Kernels.addLayerNorm(
                    x, adding: nil, rows: total, dim: h, weight: w, bias: b,
                    epsilon: eps)
            }
        }

        let scale = 1 / Float(headDim).squareRoot()
        let pass = FastPass.current
        precondition(quantized == nil || pass != .unavailable, "the fast pass needs AMX, AVX-512 VNNI or AVX-VNNI")
        /// One Linear product: int8 when this pass is fast, fp32 otherwise.
        func linear(
            _ input: UnsafePointer<Float>, inDim: Int, _ weight: [Float], _ q: Int8Linear?, bias: [Float]?,
            outDim: Int, into out: UnsafeMutablePointer<Float>
        ) {
            if let q {
                if let bias {
                    bias.withBase { q.apply(input, rows: total, bias: $0, into: out, scratch: ws.int8Scratch, pass: pass) }
                } else {
                    q.apply(input, rows: total, bias: nil, into: out, scratch: ws.int8Scratch, pass: pass)
                }
                return
            }
            weight.withBase { w in
                if let bias {
                    bias.withBase { Kernels.linear(input, rows: total, inDim: inDim, weight: w, bias: $0, outDim: outDim, into: out) }
                } else {
                    Kernels.linear(input, rows: total, inDim: inDim, weight: w, bias: nil, outDim: outDim, into: out)
                }
            }
        }
        for (index, layer) in layers.enumerated() {
            let q = quantized?[index]
            // Self-attention: fused QKV projection, then per sequence and head softmax(q·kᵀ/√d)·v.
            linear(x, inDim: h, layer.qkvWeight, q?.qkv, bias: layer.qkvBias, outDim: 3 * h, into: qkv)
            var start = 0
            for seq in sequences {
                let n = seq.count
                let padded = (n + 15) / 16 * 16
                let base = qkv + start * 3 * h
                for head in 0..<heads {
                    let q = base + head * headDim, k = base + h + head * headDim, v = base + 2 * h + head * headDim
                    // q·kᵀ as q·(kᵀ): with the keys transposed first, OpenBLAS takes its small-matrix path (no
                    // packing copies), which the transposed operand would not.
                    let keysT = ws.keysT
                    for t in 0..<n {
                        let row = k + t * 3 * h
                        for d in 0..<headDim { keysT[d * padded + t] = row[d] }
                    }
                    Kernels.gemmAB(
                        m: n, n: n, k: headDim, alpha: scale, a: q, lda: 3 * h, b: keysT, ldb: padded,
                        c: ws.scores, ldc: padded)
                    for r in 0..<n { Kernels.softmaxRow(ws.scores + r * padded, count: n, paddedCount: padded) }
                    Kernels.gemmAB(
                        m: n, n: headDim, k: n, a: ws.scores, lda: padded, b: v, ldb: 3 * h,
                        c: ctx + start * h + head * headDim, ldc: h)
                }
                start += n
            }
            // Attention output projection; its bias is added inside the residual LayerNorm.
            linear(ctx, inDim: h, layer.attentionOutWeight, q?.attentionOut, bias: nil, outDim: h, into: proj)
            residualNorm(
                x, adding: proj, projectionBias: layer.attentionOutBias, normWeight: layer.attentionNormWeight,
                normBias: layer.attentionNormBias, rows: total)
            // Feed-forward: GELU(x·W1ᵀ + b1)·W2ᵀ + b2, residual, LayerNorm; each bias added in the pass after its
            // product (the int8 product adds b1 and GELU as it stores).
            if let intermediate = q?.intermediate {
                layer.intermediateBias.withBase { b in
                    intermediate.apply(x, rows: total, bias: b, epilogue: .gelu, into: inter, scratch: ws.int8Scratch, pass: pass)
                }
            } else {
                linear(x, inDim: h, layer.intermediateWeight, nil, bias: nil, outDim: f, into: inter)
                layer.intermediateBias.withBase { b in Kernels.geluInPlace(inter, rows: total, dim: f, bias: b) }
            }
            linear(inter, inDim: f, layer.outputWeight, q?.output, bias: nil, outDim: h, into: proj)
            residualNorm(
                x, adding: proj, projectionBias: layer.outputBias, normWeight: layer.outputNormWeight,
                normBias: layer.outputNormBias, rows: total)
        }
        return Self.meanPoolNormalize(x, sequences: sequences, dim: h)
    }

    /// `x = LayerNorm(x + projection + projectionBias)`: the residual step after a Linear layer whose bias was left out.
    private func residualNorm(
        _ x: UnsafeMutablePointer<Float>, adding projection: UnsafePointer<Float>, projectionBias: [Float],
        normWeight: [Float], normBias: [Float], rows: Int
    ) {
        projectionBias.withBase { pb in
            normWeight.withBase { w in
                normBias.withBase { b in
                    Kernels.addLayerNorm(
                        x, adding: projection, deltaBias: pb, rows: rows, dim: config.hiddenSize, weight: w, bias: b,
                        epsilon: config.layerNormEpsilon)
                }
            }
        }
    }

    /// Mean over each sequence's rows (all tokens, [CLS]/[SEP] included), then x / max(‖x‖, 1e-12).
    /// - Complexity: O(T · h).
    static func meanPoolNormalize(_ x: UnsafePointer<Float>, sequences: [[Int32]], dim h: Int) -> [[Float]] {
        var out: [[Float]] = []
        out.reserveCapacity(sequences.count)
        var start = 0
        for seq in sequences {
            var acc = [Double](repeating: 0, count: h)
            for t in start..<(start + seq.count) {
                let row = x + t * h
                for j in 0..<h { acc[j] += Double(row[j]) }
            }
            let count = Double(Swift.max(seq.count, 1))
            var norm = 0.0
            for j in 0..<h { acc[j] /= count; norm += acc[j] * acc[j] }
            let inv = 1 / Swift.max(norm.squareRoot(), 1e-12)
            out.append(acc.map { Float($0 * inv) })
            start += seq.count
        }
        return out
    }
}
