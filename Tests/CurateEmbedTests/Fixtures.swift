import Foundation
@testable import CurateEmbed

/// Locations of fixtures and the model, found from this file's path (package root = three levels up) or
/// the environment variable CURATE_MODEL_DIR.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("fixtures/embedding")
    static let vocabulary = directory.appendingPathComponent("vocab.txt")

    static var modelDirectory: URL {
        if let env = ProcessInfo.processInfo.environment["CURATE_MODEL_DIR"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.appendingPathComponent("models/all-MiniLM-L6-v2")
    }

    static var modelAvailable: Bool {
        FileManager.default.fileExists(atPath: modelDirectory.appendingPathComponent("model.safetensors").path)
    }

    static let skipMessage = "model folder absent (run scripts/fetch-model.sh or set CURATE_MODEL_DIR)"

    struct ReferenceRow: Sendable, CustomTestStringConvertible {
        let index: Int
        let text: String
        let tokenIDs: [Int32]
        let tokens: [String]
        let truncated: Bool
        let embedding: [Float]
        var testDescription: String { "#\(index) \(text.prefix(30).debugDescription)" }
    }

    /// The 50 reference rows (empty array if the fixture cannot be read, which makes the argument tests fail loudly
    /// through `referenceRowsLoaded`).
    static let reference: [ReferenceRow] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("reference.jsonl"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap { line -> ReferenceRow? in
            guard let row = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                let i = row["i"] as? Int, let t = row["text"] as? String,
                let ids = row["token_ids"] as? [NSNumber], let tokens = row["tokens"] as? [String],
                let emb = row["embedding"] as? [NSNumber]
            else { return nil }
            return ReferenceRow(
                index: i, text: t, tokenIDs: ids.map { Int32($0.intValue) }, tokens: tokens,
                truncated: row["truncated"] as? Bool ?? false, embedding: emb.map { $0.floatValue })
        }
    }()

    static func rows(_ indices: [Int]) -> [ReferenceRow] {
        reference.filter { indices.contains($0.index) }
    }

    static func tokenizer() throws -> WordPieceTokenizer {
        try WordPieceTokenizer(vocabularyURL: vocabulary)
    }
}

import Testing
extension Fixtures {
    /// Makes a loader failure visible instead of silently running zero argument cases.
    @Test static func referenceRowsLoaded() {
        #expect(reference.count == 50)
    }
}
