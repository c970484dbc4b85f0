import Foundation
@testable import CurateExport

/// Test helpers: fixture paths, temp folders, running pyarrow through python3.
enum TestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("fixtures/export")
    static let readScript = fixtures.appendingPathComponent("read_parquet.py")
    static let referenceFile = fixtures.appendingPathComponent("verl-reference-5rows.parquet")

    struct ProcessFailure: Error, CustomStringConvertible {
        var command: [String]
        var status: Int32
        var stderr: String
        var description: String { "\(command.joined(separator: " ")) exited \(status): \(stderr)" }
    }

    /// A fresh temporary folder.
    static func tempDir(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("curate-export-tests-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a command (through /usr/bin/env) and returns its stdout; throws on a non-zero exit.
    /// Output goes to temporary files, not pipes, so no read can be interrupted or block the child.
    static func run(_ arguments: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("curate-export-run-\(UUID().uuidString).out")
        let errURL = dir.appendingPathComponent("curate-export-run-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        // The shell does the redirection, so no FileHandle is shared with Foundation's Process.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$@\" >\"$OUT\" 2>\"$ERR\" </dev/null", "sh", "/usr/bin/env"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OUT"] = outURL.path
        environment["ERR"] = errURL.path
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        let output = try Data(contentsOf: outURL)
        guard process.terminationStatus == 0 else {
            throw ProcessFailure(
                command: arguments, status: process.terminationStatus,
                stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Copies `file` into `$EXPORT_KEEP_DIR` when that is set, for checks with other readers (duckdb).
    static func keepForInspection(_ file: URL, as name: String) {
        guard let dir = ProcessInfo.processInfo.environment["EXPORT_KEEP_DIR"] else { return }
        let target = URL(fileURLWithPath: dir).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: file, to: target)
    }

    static var python: String { ProcessInfo.processInfo.environment["PYTHON"] ?? "python3" }

    /// `read_parquet.py MODE FILE` output.
    static func pyarrow(_ mode: String, _ file: URL) throws -> String {
        try run([python, readScript.path, mode, file.path])
    }

    /// Parses the `schema`/`meta` JSON output.
    static func pyarrowJSON(_ mode: String, _ file: URL) throws -> [String: Any] {
        let text = try pyarrow(mode, file)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return object as? [String: Any] ?? [:]
    }

    /// Rows with edge cases: unicode, empty strings, nulls, empty and multi-message prompts, big ints.
    static func edgeRows() -> [VerlRow] {
        [
            VerlRow(
                dataSource: "aops", prompt: [.init(role: "user", content: "Find $x$ if $x^2 = 4$.")],
                rewardModel: .init(groundTruth: "2"),
                extraInfo: .init(
                    index: 0, split: "train", source: "aops-wiki", sourceKey: "2020-AIME-I-1",
                    question: "Find $x$ if $x^2 = 4$.", url: "https://artofproblemsolving.com/wiki/x",
                    year: 2020, answerType: "integer")),
            VerlRow(
                dataSource: "", prompt: [.init(role: "", content: "")], ability: "",
                rewardModel: .init(groundTruth: "", style: ""),
                extraInfo: .init(index: -1, split: "", source: "", sourceKey: "")),
            VerlRow(
                dataSource: "ünïcødé ✓",
                prompt: [
                    .init(role: "system", content: "Réponds en français. 数学 🧮 \u{0}\u{1f}\"quoted\" back\\slash\ttab\nnewline\r"),
                    .init(role: "user", content: "∫₀¹ x² dx = ? — “smart quotes” \u{2028}"),
                    .init(role: "assistant", content: "👍🏽"),
                ],
                rewardModel: .init(groundTruth: "\\frac{1}{3}"),
                extraInfo: .init(
                    index: Int64.max, split: "test", source: "эксперимент", sourceKey: "k/é",
                    question: nil, url: nil, year: Int64.min, answerType: nil)),
            VerlRow(
                dataSource: "none", prompt: [], rewardModel: .init(groundTruth: "0"),
                extraInfo: .init(index: 3, split: "train", source: "s", sourceKey: "k", year: 0)),
        ]
    }

    /// `count` varied rows (some nulls, 1–3 messages) for row-group and page tests.
    static func manyRows(_ count: Int) -> [VerlRow] {
        (0..<count).map { i in
            let messages = (0..<(1 + i % 3)).map { m in
                VerlRow.Message(
                    role: m == 0 ? "user" : "assistant",
                    content: String(repeating: "p\(i)-m\(m) ", count: 1 + (i * 7 + m) % 40))
            }
            return VerlRow(
                dataSource: "src\(i % 4)", prompt: i % 50 == 49 ? [] : messages,
                rewardModel: .init(groundTruth: String(i * 31 % 997)),
                extraInfo: .init(
                    index: Int64(i), split: i % 10 == 0 ? "test" : "train", source: "gen",
                    sourceKey: "key-\(i)", question: i % 2 == 0 ? "q\(i)" : nil,
                    url: i % 3 == 0 ? nil : "u\(i)", year: i % 5 == 0 ? nil : Int64(1950 + i % 70),
                    answerType: i % 7 == 0 ? nil : "integer"))
        }
    }

    /// Our JSONL for `rows`, which must equal pyarrow's rows printed by read_parquet.py.
    static func expectedLines(_ rows: [VerlRow]) -> String {
        rows.map { $0.jsonLine + "\n" }.joined()
    }
}
