import ArgumentParser
import CurateCore
import CurateEmbed
import Foundation

/// `curate embed`: sentence embeddings from the native MiniLM port, as JSON.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Print sentence embeddings (all-MiniLM-L6-v2, native) as JSON.",
        discussion: """
              curate embed --text 'Find all real x such that x^2 = 4.'      prints one JSON array of 384 floats
              curate embed --jsonl < texts.jsonl                              {"text": …} lines → {"text": …, "embedding": […]}
            Bad JSON lines give {"line": N, "error": …} in place.
            """)

    @OptionGroup var model: ModelOptions

    @Option(help: "The text to embed.")
    var text: String?

    @Flag(help: "Read {\"text\": …} JSON lines from standard input.")
    var jsonl = false

    func validate() throws {
        guard (text == nil) == jsonl else { throw ValidationError("give exactly one of --text and --jsonl") }
    }

    func run() async throws {
        let encoder = try model.encoder()
        if let text {
            print(Self.vectorJSON(try encoder.embed([text])[0]))
            return
        }
        var lines: [(Int, String)] = []
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            if !line.trimmedWhitespace.isEmpty { lines.append((number, line)) }
            if lines.count == 256 { try flush(&lines, encoder: encoder) }
        }
        try flush(&lines, encoder: encoder)
    }

    private func flush(_ lines: inout [(Int, String)], encoder: SentenceEncoder) throws {
        guard !lines.isEmpty else { return }
        var outputs = [String](repeating: "", count: lines.count)
        var texts: [(Int, String)] = []
        var members: [Int: [(String, JSONValue)]] = [:]
        for (k, (number, line)) in lines.enumerated() {
            guard let value = try? JSONValue.parse(Array(line.utf8)), case .object(let fields) = value,
                  case .string(let text)? = value["text"] else {
                outputs[k] = JSONValue.object([("line", .number(String(number))),
                                               ("error", .string("a line must be a JSON object with a \"text\" string"))]).serialized()
                continue
            }
            texts.append((k, text))
            members[k] = fields.filter { $0.0 != "embedding" }
        }
        let vectors = try encoder.embed(texts.map(\.1))
        for ((k, _), vector) in zip(texts, vectors) {
            outputs[k] = JSONValue.object((members[k] ?? []) + [("embedding", .array(vector.map { .number(Self.number($0)) }))]).serialized()
        }
        FileHandle.standardOutput.write(Data((outputs.joined(separator: "\n") + "\n").utf8))
        lines.removeAll(keepingCapacity: true)
    }

    static func number(_ x: Float) -> String { "\(x)" }

    static func vectorJSON(_ vector: [Float]) -> String { "[" + vector.map(number).joined(separator: ",") + "]" }
}
