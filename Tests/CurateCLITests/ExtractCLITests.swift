import ArgumentParser
import CurateCLI
import CurateCore
import CurateStore
import CurateTestSupport
import Foundation
import LLMTestServer
import Testing

@Suite("curate extract on the command line")
struct ExtractCLITests {
    func seeded() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        _ = try temp.store.insert(
            problems: [
                Problem(source: "s", sourceKey: "1", sourceFile: "s", problem: "[row-1] Find x.", solution: "So $x = \\boxed{4}$."),
                Problem(source: "s", sourceKey: "2", sourceFile: "s", problem: "[row-2] Find y.", solution: "So y is 17."),
            ], rejects: [])
        return temp
    }

    @Test func theDeterministicPassAloneNeedsNoKey() async throws {
        let temp = try seeded()
        try await runCurate(["extract", "--db", temp.store.path, "--deterministic-only"])
        #expect(try temp.store.extraction(problemID: 1)?.answer == "4")
        #expect(try temp.store.extraction(problemID: 2) == nil)
    }

    @Test func aMissingKeyIsAClearErrorAfterTheDeterministicPass() async throws {
        let temp = try seeded()
        let variable = "CURATE_TEST_EMPTY_KEY_\(UInt32.random(in: 0...UInt32.max))"
        do {
            try await runCurate(["extract", "--db", temp.store.path, "--model", "m", "--api-key-env", variable])
            Issue.record("no error without a key")
        } catch let error as ValidationError {
            #expect(error.message.contains("1 rows need the model but $\(variable) is empty"))
        }
        #expect(try temp.store.extraction(problemID: 1)?.answer == "4")
    }

    @Test func aRunWithTheKeyInTheEnvironmentLogsNoKey() async throws {
        let temp = try seeded()
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let variable = "CURATE_TEST_KEY_\(UInt32.random(in: 0...UInt32.max))"
        let key = "AIzaSy-cli-secret-\(UInt32.random(in: 0...UInt32.max))"
        setenv(variable, key, 1)
        defer { unsetenv(variable) }
        let log = temp.directory.appendingPathComponent("extract.log").path
        try await runCurate([
            "extract", "--db", temp.store.path, "--base-url", server.baseURL, "--model", "mock",
            "--api-key-env", variable, "--log", log, "--concurrency", "2",
        ])
        #expect(try temp.store.extraction(problemID: 2)?.answer == "17")
        #expect(server.requests.first?.headers["x-goog-api-key"] == key)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains(":generateContent -> 200"))
        #expect(!text.contains(key))
        for suffix in ["", "-wal", "-shm"] {
            #expect(FileManager.default.contents(atPath: temp.store.path + suffix)?.range(of: Data(key.utf8)) == nil)
        }
    }

    @Test func badOptionsAreUsageErrors() {
        #expect(throws: (any Error).self) { _ = try CurateCommand.parseAsRoot(["extract", "--api", "claude", "--model", "m"]) }
        #expect(throws: (any Error).self) { _ = try CurateCommand.parseAsRoot(["extract"]) }
        #expect(throws: (any Error).self) { _ = try CurateCommand.parseAsRoot(["extract", "--model", "m", "--base-url", "ftp://x"]) }
    }
}
