import CurateCore
import Hummingbird
import Logging
import MathVerify
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The reward server behind `curate serve`: OpenRLHF's `/get_reward`, batch `/grade`, `/health` and `/metrics`.
///
/// Bad input never gets a 5xx: a body that is not JSON gets 400 with `{"error": …}`, a bad item inside a batch gets
/// its own `error` while the others are graded, a body over `maxBodyBytes` gets 413. SIGTERM or SIGINT stops
/// accepting connections, answers the requests in flight and returns.
///
/// Example: `try await GradeServer(settings: ServeSettings(port: 0)).run { port in print(port) }`.
public struct GradeServer: Sendable {
    /// What the server was started with.
    public let settings: ServeSettings
    /// The counters `/metrics` reports.
    public let metrics = ServeMetrics()

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
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: "curate-serve",
                backlog: 1024, reuseAddress: true),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            eventLoopGroupProvider: .shared(group),
            logger: logger)
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        await stopper.attach(services)
        do {
            try await services.run()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    /// The routes, with the token check and per-request metrics in front of them.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsTimingMiddleware(metrics: metrics))
        if let token = settings.bearerToken { router.add(middleware: BearerTokenMiddleware(token: Array(token.utf8))) }
        let routes = ServeRoutes(settings: settings, metrics: metrics)
        router.get("/health") { _, _ in routes.health() }
        router.get("/metrics") { _, _ in JSONResponse.bytes(Array(metrics.exposition().utf8), contentType: "text/plain; version=0.0.4") }
        router.post("/get_reward") { request, _ in await routes.reward(request) }
        router.post("/grade") { request, _ in await routes.grade(request) }
        return router
    }
}

/// Times every request and counts it by route and status for `/metrics`.
struct MetricsTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServeMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = ["/get_reward", "/grade", "/health", "/metrics"].contains(request.uri.path) ? request.uri.path : "other"
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

/// Asks a running `GradeServer` to stop as SIGTERM does: stop accepting, answer what is in flight, return.
public actor ServerStopper {
    private var services: ServiceGroup?
    private var stopRequested = false

    /// Creates a stopper; hand it to `GradeServer.run(stopper:)`.
    public init() {}

    func attach(_ group: ServiceGroup) async {
        services = group
        if stopRequested { await group.triggerGracefulShutdown() }
    }

    /// Starts the graceful stop (before the server runs: it stops as soon as it starts).
    public func stop() async {
        stopRequested = true
        await services?.triggerGracefulShutdown()
    }
}
