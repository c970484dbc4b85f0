import Hummingbird

/// Requires `Authorization: Bearer <token>` on every route but `/health`; answers 401 otherwise.
///
/// The comparison takes the same time wherever the first difference is (it reads every byte of both), so the
/// token cannot be guessed byte by byte from response times. The token is never logged.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == ServeEndpoint.health.path { return try await next(request, context) }
        guard let header = request.headers[.authorization], BearerToken.matches(header: header, token: token) else {
            var response = JSONResponse.error(.unauthorized, "missing or wrong bearer token (send Authorization: Bearer <token>)")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}

/// The bearer-token check, apart from any request type.
enum BearerToken {
    /// True when `header` is `Bearer <token>` exactly, compared in constant time for a given header length.
    static func matches(header: String, token: [UInt8]) -> Bool {
        let prefix = Array("Bearer ".utf8)
        let given = Array(header.utf8)
        guard given.count == prefix.count + token.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<prefix.count { difference |= given[i] ^ prefix[i] }
        for i in 0..<token.count { difference |= given[prefix.count + i] ^ token[i] }
        return difference == 0
    }
}
