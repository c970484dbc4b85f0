import CurateCore
import MathVerify

/// Counters for `GET /metrics`, in Prometheus' text format: requests by route and status, pairs graded, verdicts
/// by kind, and a latency histogram by route.
public final class ServeMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let bucketBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Counts {
        var requests: [RequestKey: Int] = [:]
        var pairs = 0
        var itemErrors = 0
        var verdicts: [VerdictKind: Int] = [:]
        var noAnswer = 0
        var latency: [String: Histogram] = [:]
    }

    private struct RequestKey: Hashable {
        let route: String
        let status: Int
    }

    private struct Histogram {
        var buckets = [Int](repeating: 0, count: ServeMetrics.bucketBounds.count)
        var count = 0
        var sum = 0.0
    }

    private let counts = Locked(Counts())

    /// Creates empty counters.
    public init() {}

    /// Records one finished request.
    func recordRequest(route: String, status: Int, seconds: Double) {
        counts.update { c in
            c.requests[RequestKey(route: route, status: status), default: 0] += 1
            var h = c.latency[route] ?? Histogram()
            h.count += 1
            h.sum += seconds
            if let i = ServeMetrics.bucketBounds.firstIndex(where: { seconds <= $0 }) { h.buckets[i] += 1 }
            c.latency[route] = h
        }
    }

    /// Records the outcomes of one request's pairs (nil: a bad item).
    func recordOutcomes(_ outcomes: [GradeOutcome?]) {
        var kinds: [VerdictKind: Int] = [:]
        var errors = 0, noAnswer = 0
        for outcome in outcomes {
            guard let outcome else { errors += 1; continue }
            kinds[outcome.kind, default: 0] += 1
            if outcome.foundNoAnswer { noAnswer += 1 }
        }
        counts.update { c in
            c.pairs += outcomes.count - errors
            c.itemErrors += errors
            c.noAnswer += noAnswer
            for (k, n) in kinds { c.verdicts[k, default: 0] += n }
        }
    }

    /// The Prometheus text exposition of every counter.
    public func exposition() -> String {
        let c = counts.value
        var lines: [String] = []
        lines.append("# HELP mathcurate_requests_total HTTP requests answered, by route and status.")
        lines.append("# TYPE mathcurate_requests_total counter")
        for (key, n) in c.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            lines.append("mathcurate_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(n)")
        }
        lines.append("# HELP mathcurate_pairs_total Answer pairs graded.")
        lines.append("# TYPE mathcurate_pairs_total counter")
        lines.append("mathcurate_pairs_total \(c.pairs)")
        lines.append("# HELP mathcurate_item_errors_total Items that could not be graded (malformed).")
        lines.append("# TYPE mathcurate_item_errors_total counter")
        lines.append("mathcurate_item_errors_total \(c.itemErrors)")
        lines.append("# HELP mathcurate_verdicts_total Verdicts by kind.")
        lines.append("# TYPE mathcurate_verdicts_total counter")
        for kind in VerdictKind.allCases {
            lines.append("mathcurate_verdicts_total{verdict=\"\(kind.rawValue)\"} \(c.verdicts[kind] ?? 0)")
        }
        lines.append("# HELP mathcurate_no_answer_total Responses in which no final answer was found.")
        lines.append("# TYPE mathcurate_no_answer_total counter")
        lines.append("mathcurate_no_answer_total \(c.noAnswer)")
        lines.append("# HELP mathcurate_request_duration_seconds Time from request to response, by route.")
        lines.append("# TYPE mathcurate_request_duration_seconds histogram")
        for (route, h) in c.latency.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (i, bound) in ServeMetrics.bucketBounds.enumerated() {
                cumulative += h.buckets[i]
                lines.append("mathcurate_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)")
            }
            lines.append("mathcurate_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(h.count)")
            lines.append("mathcurate_request_duration_seconds_sum{route=\"\(route)\"} \(h.sum)")
            lines.append("mathcurate_request_duration_seconds_count{route=\"\(route)\"} \(h.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
