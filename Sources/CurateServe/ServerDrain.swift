import CurateCore
import Hummingbird

/// The requests a server is answering, and whether it is draining before it stops.
///
/// hummingbird's graceful shutdown closes a connection as soon as the last part of a response in flight is handed to
/// the channel, and the bytes the socket has not taken yet (most of a reply of several megabytes) are dropped: the
/// client read a 200 with a cut body. So a stop drains first: new requests get 503, the server waits until every
/// response body in flight has been written (``JSONResponse`` writes big bodies in chunks that wait for the socket),
/// and only then lets hummingbird close the connections.
final class ServerDrain: Sendable {
    private let state = Locked((inFlight: 0, draining: false))

    /// Counts a request in, unless the server is draining (then false).
    func begin() -> Bool {
        state.update { s in
            guard !s.draining else { return false }
            s.inFlight += 1
            return true
        }
    }

    /// Counts a request out, once its response is written (or failed).
    func end() { state.update { $0.inFlight -= 1 } }

    /// The requests counted in and not yet out.
    var inFlight: Int { state.value.inFlight }

    /// From now on `begin()` refuses.
    func startDraining() { state.update { $0.draining = true } }

    /// Waits until no request is in flight, or `limit` has passed; true when none is.
    func waitUntilIdle(limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while state.value.inFlight > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

/// One request counted in by ``ServerDrain/begin()``, counted out when the last reference goes: after its response
/// body is written, or when hummingbird drops the response unwritten (a connection closed mid-request).
private final class InFlightRequest: Sendable {
    let drain: ServerDrain
    init(_ drain: ServerDrain) { self.drain = drain }
    deinit { drain.end() }
}

/// Counts each request in ``ServerDrain`` until its response body is written, and answers 503 while draining.
struct DrainMiddleware<Context: RequestContext>: RouterMiddleware {
    let drain: ServerDrain

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard drain.begin() else {
            var refused = JSONResponse.error(.serviceUnavailable, "the server is shutting down")
            refused.headers[.connection] = "close"
            return refused
        }
        let inFlight = InFlightRequest(drain)
        var response = try await next(request, context)
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer)
            withExtendedLifetime(inFlight) {}
        }
        return response
    }
}
