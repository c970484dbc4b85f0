import CurateCore
import CurateLLM
import Foundation
import LLMTestServer
import Testing

@Suite("HTTP client over libcurl multi, against a real server on 127.0.0.1")
struct HTTPClientTests {
    @Test func postsAndReadsTheResponse() async throws {
        let server = try TestHTTPServer { request in
            .respond(status: 201, headers: [("X-Echo", request.headers["x-probe"] ?? "")], body: Array("got \(request.text)".utf8), delay: 0)
        }
        let client = try HTTPClient()
        let response = try await client.send(HTTPRequest(url: server.baseURL + "/echo", headers: [("X-Probe", "42")], body: Array("hello".utf8)))
        #expect(response.status == 201)
        #expect(response.text == "got hello")
        #expect(response.headers["x-echo"] == "42")
        #expect(server.requests.first?.method == "POST")
        #expect(server.requests.first?.path == "/echo")
        // A body large enough that curl would otherwise ask for `100 Continue` first.
        let large = [UInt8](repeating: 120, count: 2_000_000)
        let echoed = try await client.send(HTTPRequest(url: server.baseURL + "/echo", body: large))
        #expect(echoed.body.count == large.count + 4)
        #expect(server.requests.last?.headers["expect"] == nil)
    }

    @Test func reusesOneConnectionForSequentialRequests() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 200, headers: [], body: Array("ok".utf8), delay: 0) }
        let client = try HTTPClient()
        for _ in 0..<20 { _ = try await client.send(HTTPRequest(method: "GET", url: server.baseURL + "/")) }
        #expect(server.requests.count == 20)
        #expect(server.connectionCount == 1)
    }

    @Test func runsManyRequestsAtOnceOnOneThread() async throws {
        // Each request waits at the server until all 16 are there (or 5 s pass): they can all be there only if
        // the client has them in flight at once. Wall time is not asserted: other tests share the cores.
        let inProgress = Locked((now: 0, most: 0))
        let server = try TestHTTPServer { _ in
            inProgress.update {
                $0.now += 1; $0.most = max($0.most, $0.now)
            }
            let deadline = Date().addingTimeInterval(5)
            while inProgress.value.most < 16, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            inProgress.update { $0.now -= 1 }
            return .respond(status: 200, headers: [], body: Array("ok".utf8), delay: 0)
        }
        let client = try HTTPClient()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { try await client.send(HTTPRequest(method: "GET", url: server.baseURL + "/")).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 16))
        #expect(inProgress.value.most == 16)
    }

    @Test func aSlowReplyTimesOut() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 200, headers: [], body: [], delay: 2) }
        let client = try HTTPClient()
        await #expect(throws: HTTPTransportError.self) {
            do {
                _ = try await client.send(HTTPRequest(method: "GET", url: server.baseURL + "/", timeout: 0.3))
            } catch let error as HTTPTransportError {
                #expect(error.kind == .timeout)
                throw error
            }
        }
    }

    @Test func aDroppedConnectionIsReportedAsLost() async throws {
        let server = try TestHTTPServer { _ in .drop(delay: 0) }
        let client = try HTTPClient()
        do {
            _ = try await client.send(HTTPRequest(url: server.baseURL + "/", body: Array("x".utf8)))
            Issue.record("a dropped connection returned a response")
        } catch let error as HTTPTransportError {
            #expect(error.kind == .connectionLost)
            #expect(error.isRetryable)
        }
    }

    @Test func aClosedPortCannotConnect() async throws {
        let closed = try ClosedPort()
        defer { withExtendedLifetime(closed) {} }  // the port stays held, and refused, until the test ends
        let url = closed.baseURL
        let client = try HTTPClient()
        do {
            _ = try await client.send(HTTPRequest(method: "GET", url: url + "/", connectTimeout: 2))
            Issue.record("a closed port returned a response")
        } catch let error as HTTPTransportError {
            #expect(error.kind == .cannotConnect)
            #expect(error.isRetryable)  // a server restarting; the runner gives up after its attempts
        }
    }
}
