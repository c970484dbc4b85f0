import CMathCurate
import CurateCore
import Foundation
import MathCurateEmbedC
import Testing

/// The encoder's C ABI against sentence-transformers' reference embeddings (fixtures/embedding/reference.jsonl),
/// with the real all-MiniLM-L6-v2 weights (scripts/fetch-model.sh).
@Suite struct EncoderABITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let model = ProcessInfo.processInfo.environment["CURATE_MODEL_DIR"] ?? root.appendingPathComponent("models/all-MiniLM-L6-v2").path

    /// (text, embedding) of the 50 reference rows.
    static func reference() throws -> [(String, [Float])] {
        let text = try String(contentsOf: root.appendingPathComponent("fixtures/embedding/reference.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let row = try JSONValue.parse(Array(line.utf8))
            guard case .string(let t)? = row["text"], case .array(let values)? = row["embedding"] else {
                throw CurateError(.badInput, "a reference row without text or embedding")
            }
            return (t, values.compactMap { if case .number(let n) = $0 { Float(n) } else { nil } })
        }
    }

    func open(_ path: String) -> (Int32, OpaquePointer?, String) {
        var handle: OpaquePointer?
        var error = [CChar](repeating: 0, count: 512)
        let status = mathcurate_encoder_open(path, Int64(path.utf8.count), 2, &handle, &error, 512)
        return (status, handle, String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    @Test func aMissingModelIsAnErrorThatSaysWhatToRun() {
        let (status, handle, message) = open("/nonexistent/model")
        #expect(status == MATHCURATE_MODEL_ERROR && handle == nil)
        #expect(message.contains("fetch-model.sh"), "\(message)")
    }

    @Test func embeddingsMatchSentenceTransformers() throws {
        let rows = try EncoderABITests.reference()
        #expect(rows.count == 50)
        let (status, handle, message) = open(EncoderABITests.model)
        try #require(status == MATHCURATE_OK, "\(message)")
        defer { mathcurate_encoder_free(handle) }
        let dimension = Int(mathcurate_encoder_dimension(handle))
        #expect(dimension == 384)
        var bytes: [CChar] = [], offsets: [Int64] = [0]
        for (text, _) in rows {
            bytes.append(contentsOf: text.utf8.map { CChar(bitPattern: $0) })
            offsets.append(Int64(bytes.count))
        }
        var out = [Float](repeating: .nan, count: rows.count * dimension)
        #expect(mathcurate_encoder_embed(handle, Int64(rows.count), bytes, offsets, &out) == MATHCURATE_OK)
        for (i, (text, expected)) in rows.enumerated() {
            let got = out[(i * dimension)..<((i + 1) * dimension)]
            let cosine = zip(got, expected).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(cosine >= 0.99999, "row \(i) \(text.prefix(40).debugDescription): cosine \(cosine)")
        }
        #expect(mathcurate_encoder_embed(handle, 2, bytes, [0, 5, 3], &out) == MATHCURATE_INVALID_ARGUMENT)
        #expect(mathcurate_encoder_embed(nil, 1, bytes, offsets, &out) == MATHCURATE_INVALID_ARGUMENT)
    }
}
