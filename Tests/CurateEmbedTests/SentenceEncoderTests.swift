import Foundation
import Testing
@testable import CurateEmbed

@Suite(.enabled(if: Fixtures.modelAvailable, "\(Fixtures.skipMessage)"))
struct SentenceEncoderTests {
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func embeddingsMatchReference() throws {
        // Short, LaTeX, accents, CJK, empty, a truncated 256-token text: one batch with mixed lengths.
        let rows = Fixtures.rows([0, 3, 8, 17, 21, 25, 45, 47])
        #expect(rows.count == 8)
        let encoder = try SentenceEncoder(modelDirectory: Fixtures.modelDirectory, batchSize: 4, threadCount: 2)
        let vectors = try encoder.embed(rows.map(\.text))
        for (row, v) in zip(rows, vectors) {
            #expect(v.count == 384)
            let c = Self.cosine(v, row.embedding)
            #expect(c >= 0.99999, "text #\(row.index): cosine \(c)")
            let maxDiff = zip(v, row.embedding).map { abs($0 - $1) }.max() ?? 1
            #expect(maxDiff <= 1e-5, "text #\(row.index): max |diff| \(maxDiff)")
        }
    }

    /// The fast pass is an approximation for screening, close to the reference but never equal to it.
    @Test(.enabled(if: FastPass.available(on: .current) != .unavailable, "no fast pass on this CPU"))
    func fastPassStaysNearTheReference() throws {
        let rows = Fixtures.reference
        let encoder = try SentenceEncoder(modelDirectory: Fixtures.modelDirectory, batchSize: 8, threadCount: 2)
        #expect(encoder.fastPass == FastPass.available(on: .current))
        let fast = try encoder.embed(rows.map(\.text), precision: .fast)
        let cosines = zip(rows, fast).map { Self.cosine($0.0.embedding, $0.1) }
        #expect((cosines.min() ?? 0) >= 0.98, "min cosine \(cosines.min() ?? 0)")
        #expect((cosines.max() ?? 1) < 0.99999, "the fast pass should differ from the exact vectors")
    }

    @Test(.enabled(if: FastPass.available(on: .current) == .unavailable, "this CPU has a fast pass"))
    func theFastPassIsRefusedWithoutTheInstructions() throws {
        let encoder = try SentenceEncoder(modelDirectory: Fixtures.modelDirectory)
        #expect(throws: EmbedError.self) { try encoder.embed(["x"], precision: .fast) }
    }

    @Test func batchingDoesNotChangeResults() throws {
        let rows = Fixtures.rows([2, 6, 14, 46])
        let encoder = try SentenceEncoder(modelDirectory: Fixtures.modelDirectory, batchSize: 8, threadCount: 1)
        let together = try encoder.embed(rows.map(\.text))
        for (row, v) in zip(rows, together) {
            let alone = try encoder.embed([row.text])[0]
            #expect(Self.cosine(alone, v) >= 0.999999)
        }
    }

    @Test func unitLengthAndOrder() throws {
        let encoder = try SentenceEncoder(modelDirectory: Fixtures.modelDirectory)
        let texts = ["b", "a much longer text about triangles and circles", "", "x"]
        let vectors = try encoder.embed(texts)
        #expect(vectors.count == 4)
        for v in vectors {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
        #expect(Self.cosine(vectors[0], try encoder.embed(["b"])[0]) > 0.99999)
        #expect(try encoder.embed([]).isEmpty)
    }

    @Test func rejectsBadTokenIDs() throws {
        let encoder = try SentenceEncoder(modelDirectory: Fixtures.modelDirectory)
        #expect(throws: EmbedError.self) { _ = try encoder.embed(tokenIDs: [[101, 99_999, 102]]) }
        #expect(throws: EmbedError.self) { _ = try encoder.embed(tokenIDs: [[]]) }
    }

    @Test func safeTensorsOfTheRealModel() throws {
        let file = try SafeTensorsFile(url: Fixtures.modelDirectory.appendingPathComponent("model.safetensors"))
        #expect(file.tensors.count == 104)
        let info = try file.info("embeddings.word_embeddings.weight")
        #expect(info.shape == [30_522, 384])
        #expect(info.dtype == .f32)
        #expect(try file.info("embeddings.position_ids").dtype == .i64)
        #expect(file.metadata["format"] == "pt")
    }
}

@Suite struct SentenceEncoderErrorTests {
    @Test func missingModelDirectorySaysHowToFetch() {
        do {
            _ = try SentenceEncoder(modelDirectory: URL(fileURLWithPath: "/nonexistent/all-MiniLM-L6-v2"))
            Issue.record("expected an error")
        } catch let error as EmbedError {
            #expect(error.code == .modelMissing)
            #expect(error.description.contains("scripts/fetch-model.sh"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

/// How texts, sorted longest first, are cut into forward batches.
@Suite struct BatchPlanTests {
    @Test func batchesRespectTheTextCountAndTheTokenLimit() {
        let lengths = [300, 200, 120, 100, 90, 40, 30, 20, 10, 5, 5, 5]
        let order = Array(lengths.indices)
        let batches = SentenceEncoder.batches(order, lengths: lengths, size: 3, tokenLimit: 250)
        // 300 alone exceeds the limit and is a batch of its own; no other batch passes 250 tokens or 3 texts.
        #expect(batches == [[0], [1], [2, 3], [4, 5, 6], [7, 8, 9], [10, 11]])
        #expect(batches.flatMap { $0 } == order, "every text once, in order")
        let byCount = SentenceEncoder.batches(order, lengths: lengths, size: 5, tokenLimit: .max)
        #expect(byCount.map(\.count) == [5, 5, 2])
    }
}
