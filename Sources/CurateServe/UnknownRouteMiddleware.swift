import Hummingbird

/// Answers a request no route takes with a JSON error that says what would have been taken: 405 with `Allow` for a
/// known path asked with another method (`GET /get_reward`), 404 naming the routes for an unknown path. Without it
/// both are an empty 404, which a client's log cannot explain.
struct UnknownRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The method each path is served with.
    let routes: KeyValuePairs<String, HTTPRequest.Method>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            if let method = routes.first(where: { $0.key == path })?.value {
                var response = JSONResponse.error(
                    .methodNotAllowed, "\(request.method) \(path): this route takes \(method) only")
                response.headers[.allow] = method.rawValue
                return response
            }
            let known = routes.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return JSONResponse.error(.notFound, "no route \(request.method) \(path) (the routes: \(known))")
        }
    }
}
