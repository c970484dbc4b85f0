import CurateCore
import CurateLLM
import CurateServe
import Foundation

/// A real `curate serve` on 127.0.0.1 (a free port) for one test, and a real HTTP client (libcurl) to call it.
struct ServerHarness {
    let base: String
    let client: HTTPClient
    let server: GradeServer
    /// Stops the server as SIGTERM does (the harness stops it again at the end, which is then at once).
    let stopper: ServerStopper

    /// Starts a server with `settings` (its port replaced by 0), runs `body`, then stops the server and waits for it.
    static func with(_ settings: ServeSettings = ServeSettings(), _ body: (ServerHarness) async throws -> Void) async throws {
        var settings = settings
        settings.port = 0
        let server = GradeServer(settings: settings)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let stopper = ServerStopper()
        let task = Task { try await server.run(stopper: stopper) { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CurateError(.io, "the server did not start") }
        let harness = ServerHarness(base: "http://127.0.0.1:\(port)", client: try HTTPClient(), server: server, stopper: stopper)
        do {
            try await body(harness)
        } catch {
            await stopper.stop()
            _ = try? await task.value
            throw error
        }
        await stopper.stop()
        try await task.value
    }

    /// Sends `body` to `path` and returns the response.
    func post(_ path: String, _ body: String, contentType: String = "application/json", headers: [(String, String)] = []) async throws -> CurateLLM.HTTPResponse
    {
        try await client.send(
            CurateLLM.HTTPRequest(
                method: "POST", url: base + path, headers: [("Content-Type", contentType)] + headers, body: Array(body.utf8)))
    }

    /// GETs `path`.
    func get(_ path: String, headers: [(String, String)] = []) async throws -> CurateLLM.HTTPResponse {
        try await client.send(CurateLLM.HTTPRequest(method: "GET", url: base + path, headers: headers))
    }
}

extension CurateLLM.HTTPResponse {
    /// The body parsed as JSON.
    var json: JSONValue { get throws { try JSONValue.parse(body) } }
}
