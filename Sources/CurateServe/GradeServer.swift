import CurateCore
import Hummingbird
import HummingbirdCore
import Logging
import MathVerify
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// The reward server behind `curate serve`: OpenRLHF's `/get_reward`, batch `/grade`, `/health` and `/metrics`.
///
/// Bad input never gets a 5xx: a body that is not JSON gets 400 with `{"error": …}`, a bad item inside a batch gets
/// its own `error` while the others are graded, a body over `maxBodyBytes` gets 413. SIGTERM or SIGINT stops: new
/// requests get 503, the requests in flight are answered to their last byte (for up to `ServerStopper.drainLimit`),
/// then the connections close and `run` returns; a second signal stops at once. A connection that sends nothing for
/// `idleTimeout` (a request body stalled half-way, say) is closed.
///
/// Example: `try await GradeServer(settings: ServeSettings(port: 0)).run { port in print(port) }`.
public struct GradeServer: Sendable {
    /// What the server was started with.
    public let settings: ServeSettings
    /// The counters `/metrics` reports.
    public let metrics = ServeMetrics()
    /// The requests in flight, and whether a stop is draining them.
    let drain = ServerDrain()

    /// How long a connection may send nothing, mid-request or between requests, before it is closed.
    public static let idleTimeout = TimeAmount.seconds(30)

    /// Creates a server (nothing is bound until `run`).
    public init(settings: ServeSettings) { self.settings = settings }

    /// Binds, serves until SIGTERM/SIGINT or `stopper.stop()`, then answers the requests in flight and returns.
    /// - Parameters:
    ///   - stopper: lets another task ask for the same graceful stop as SIGTERM.
    ///   - onRunning: called with the bound port once the server accepts connections.
    public func run(stopper: ServerStopper = ServerStopper(), onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, settings.threads))
        var logger = Logger(label: "curate-serve")
        logger.logLevel = .warning
        let app = Application(
            router: makeRouter(),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: Self.idleTimeout)),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: "curate-serve",
                backlog: 1024, reuseAddress: true),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: .shared(group),
            logger: logger)
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        await stopper.attach(services, drain: drain)
        // The signals start the drain (ServerStopper.stop), not hummingbird's shutdown directly; a second one stops now.
        let signals = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { Task { await stopper.stop() } }
        }
        defer { signals.cancel() }
        do {
            try await services.run()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    /// The routes, with the drain count, per-request metrics and the token check in front of them, and the answer
    /// for a request no route takes.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: DrainMiddleware(drain: drain))
        router.add(middleware: MetricsTimingMiddleware(metrics: metrics))
        if let token = settings.bearerToken { router.add(middleware: BearerTokenMiddleware(token: Array(token.utf8))) }
        let routes = ServeRoutes(settings: settings, metrics: metrics)
        for endpoint in ServeEndpoint.allCases {
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, _ in await routes.respond(endpoint, request) }
        }
        router.add(middleware: UnknownRouteMiddleware())
        return router
    }
}

/// Times every request and counts it by route and status for `/metrics`.
struct MetricsTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServeMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = ServeEndpoint(path: request.uri.path)?.path ?? "other"
        do {
            let response = try await next(request, context)
            metrics.recordRequest(route: route, status: response.status.code, seconds: start.duration(to: .now).seconds)
            return response
        } catch let error as any HTTPResponseError {
            metrics.recordRequest(route: route, status: error.status.code, seconds: start.duration(to: .now).seconds)
            throw error
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Asks a running `GradeServer` to stop as SIGTERM does: refuse new requests (503), answer those in flight to their
/// last byte, close the connections, return.
public actor ServerStopper {
    /// The longest a stop waits for the requests in flight before it closes the connections anyway.
    public static let drainLimit = Duration.seconds(60)
    /// After the last response body is written, the time given to the socket to send what the channel still holds
    /// (at most a chunk or two, ``JSONResponse/chunkBytes``) before hummingbird closes the connection.
    static let flushGrace = Duration.milliseconds(300)

    private var services: ServiceGroup?
    private var drain: ServerDrain?
    private var stopRequested = false

    /// Creates a stopper; hand it to `GradeServer.run(stopper:)`.
    public init() {}

    func attach(_ group: ServiceGroup, drain: ServerDrain) async {
        services = group
        self.drain = drain
        if stopRequested { await drainThenClose() }
    }

    /// Starts the graceful stop and returns when the connections are closing (before the server runs: it stops as
    /// soon as it starts). A second call while the first drains closes the connections at once.
    public func stop() async {
        if stopRequested {
            await services?.triggerGracefulShutdown()
            return
        }
        stopRequested = true
        await drainThenClose()
    }

    private func drainThenClose() async {
        guard let services, let drain else { return }
        drain.startDraining()
        if await drain.waitUntilIdle(limit: Self.drainLimit) { try? await Task.sleep(for: Self.flushGrace) }
        await services.triggerGracefulShutdown()
    }
}
