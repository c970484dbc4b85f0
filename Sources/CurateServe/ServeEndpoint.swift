import Hummingbird

/// The routes `curate serve` answers, each with its path and method: the one list the router registers and the
/// answer for a request no route takes names.
enum ServeEndpoint: CaseIterable, Sendable {
    case health, metrics, reward, grade

    /// The endpoint at `path` (whatever the method), nil for a path that is none of them.
    init?(path: String) {
        guard let endpoint = Self.allCases.first(where: { $0.path == path }) else { return nil }
        self = endpoint
    }

    /// The request path.
    var path: String {
        switch self {
        case .health: "/health"
        case .metrics: "/metrics"
        case .reward: "/get_reward"
        case .grade: "/grade"
        }
    }

    /// The one method the path is served with.
    var method: HTTPRequest.Method {
        switch self {
        case .health, .metrics: .get
        case .reward, .grade: .post
        }
    }
}
