import CurateCore
import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import LLMTestServer
import Testing

@Suite struct BuildExtractTests {
    func write(_ text: String, in t: TemporaryStore) throws -> String {
        let path = t.directory.appendingPathComponent("curate.toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func source() -> String {
        """
        store = "built.sqlite"
        [[source]]
        name = "aops"
        format = "aops-html"
        paths = [\(["1999_AMC_8_Problems_Problem_1.html", "1999_AMC_8_Problems_Problem_10.html", "2000_AMC_8_Problems_Problem_19.html"].map { "\"" + Fixtures.path("sources/aops/" + $0) + "\"" }.joined(separator: ", "))]
        """
    }

    @Test func withoutAnExtractTableTheStepRunsTheDeterministicPassOnly() async throws {
        let t = try TemporaryStore()
        let config = try BuildConfig.load(path: try write(source(), in: t))
        let steps = try await BuildPipeline(config: config, defaultModel: Fixtures.root) { _ in }.run()
        let extract = try #require(steps.first { $0.step == .extract })
        #expect(extract.rowsIn == 3)
        #expect(extract.note.contains("answered without a model"))
    }

    @Test func theExtractTableCallsTheModelWithTheKeyGiven() async throws {
        let t = try TemporaryStore()
        let server = try TestHTTPServer(handler: GeminiMock.handler(GeminiMock.Behaviour()))
        let variable = "CURATE_BUILD_TEST_KEY"
        let config = try BuildConfig.load(
            path: try write(
                source() + """

                    [extract]
                    base_url = "\(server.baseURL)"
                    model = "mock"
                    api_key_env = "\(variable)"
                    concurrency = 2
                    """, in: t))
        #expect(config.extract?.apiKeyEnv == variable)
        let steps = try await BuildPipeline(config: config, defaultModel: Fixtures.root, apiKey: "build-test-key-123") { _ in }.run()
        let extract = try #require(steps.first { $0.step == .extract })
        #expect(extract.status == .done)
        #expect(extract.note.contains("model mock: calls \(server.requests.count)"))
        #expect(server.requests.allSatisfy { $0.headers["x-goog-api-key"] == "build-test-key-123" })
        let store = try Store(path: t.directory.appendingPathComponent("built.sqlite").path)
        let decided = try (1...3).compactMap { try store.extraction(problemID: Int64($0)) }
        #expect(decided.count == 3)
    }
}
