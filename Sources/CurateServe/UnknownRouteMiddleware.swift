import Hummingbird

/// Answers a request no route takes with a JSON error that says what would have been taken: 405 with `Allow` for a
/// known path asked with another method (`GET /get_reward`), 404 naming the routes for an unknown path. Without it
/// both are an empty 404, which a client's log cannot explain. Added after the routes, so it wraps only the router's
/// not-found answer, not every request.
struct UnknownRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            if let endpoint = ServeEndpoint(path: path) {
                var response = JSONResponse.error(
                    .methodNotAllowed, "\(request.method) \(path): this route takes \(endpoint.method) only")
                response.headers[.allow] = endpoint.method.rawValue
                return response
            }
            let known = ServeEndpoint.allCases.map { "\($0.method) \($0.path)" }.joined(separator: ", ")
            return JSONResponse.error(.notFound, "no route \(request.method) \(path) (the routes: \(known))")
        }
    }
}
