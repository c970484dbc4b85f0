import Foundation

/// Loads answer strings from the DeepScaleR-style JSON and JSONL files.
enum DataLoading {
    /// Flattens an answer value (string, number or list) into strings; nil answers are skipped.
    static func answers(from value: Any?) -> [String] {
        switch value {
        case let s as String: return [s]
        case let n as NSNumber: return [n.stringValue]
        case let xs as [Any]: return xs.flatMap { answers(from: $0) }
        default: return []
        }
    }

    /// Reads `answer` fields of a JSON array file or a JSONL file.
    static func answerFile(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        if path.hasSuffix(".jsonl") {
            var out: [String] = []
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
                out += answers(from: obj["answer"])
            }
            return out
        }
        guard let rows = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return rows.flatMap { answers(from: $0["answer"]) }
    }

    /// Reads JSONL objects.
    static func jsonl(_ path: String) -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
        }
    }
}
