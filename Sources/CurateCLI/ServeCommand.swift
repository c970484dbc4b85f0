import ArgumentParser
import CurateServe
import Foundation
import MathVerify

/// `curate serve`: the reward server for trainers (OpenRLHF's remote reward, batch grading, metrics).
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve rewards and grading over HTTP for trainers (OpenRLHF, verl, TRL).",
        discussion: """
            Routes:
              POST /get_reward   OpenRLHF's remote reward (--reward.remote_url)
              POST /grade        a batch of items, as JSON or as JSON lines
              GET  /health       status, version and extraction policy
              GET  /metrics      Prometheus counters and a latency histogram

            /get_reward takes {"query": [..], "prompts": [..], "labels": [..]} and answers {"rewards": [..], \
            "scores": [..], "extra_logs": {..}}, every list as long as the query list; each response is the query \
            after its prompt (matched again ignoring whitespace if need be; a query without its prompt has no \
            answer). /grade takes {"items": [{"id": .., "gold": G, "answer": A | "response": R}, ..]} and \
            answers {"results": [..]} with the fields of `curate grade --jsonl`; an item may carry \
            "options": {"rounded_decimals": true, "tolerance": 0.01, "policy": "standard", "strict": false} \
            for itself only (mathcurate.verl.compute_score_async sends its own). A body sent as \
            application/x-ndjson is answered as JSON lines.

            Bad input gets 400 with {"error": ..}; a bad item in a batch gets its own "error"; a body over \
            --max-body gets 413. With --token-env VAR, every route but /health needs "Authorization: Bearer $VAR". \
            SIGTERM or Ctrl-C: new requests get 503, the requests in flight are answered to their last byte (for \
            up to 60 s), then the server exits 0; a second signal exits at once. A connection that sends nothing \
            for 30 s (a request body stalled half-way, say) is closed.

            The reward defaults are what DeepScaleR trained with (1 right, 0 wrong, 0 when no \\boxed{} answer is \
            found); its RewardConfig's stricter values are --wrong-reward -1 --no-answer-reward -1.
            """)

    /// Creates the command (argument-parser needs it).
    public init() {}

    @Option(help: "Address to bind; 0.0.0.0 serves every interface.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one (the port is printed).")
    var port = 8000

    @Option(help: "Event-loop threads, and the threads one large /grade batch is spread over (default: one per core).")
    var threads: Int?

    @Option(help: "How a response's final answer is found: standard or deepscaler.")
    var policy: ExtractionPolicyOption = .deepscaler

    @OptionGroup var grading: GraderOptions

    @Option(name: .customLong("right-reward"), help: "Reward for an answer equivalent to the label.")
    var rightReward: Double = 1

    @Option(name: .customLong("wrong-reward"), parsing: .unconditional, help: "Reward for a different or undecided answer.")
    var wrongReward: Double = 0

    @Option(name: .customLong("no-answer-reward"), parsing: .unconditional, help: "Reward when no final answer is found.")
    var noAnswerReward: Double = 0

    @Option(help: "Largest request body in bytes (with an optional K, M or G suffix); larger ones get 413.")
    var maxBody = "64M"

    @Option(help: "Name of an environment variable holding a bearer token that requests must carry.")
    var tokenEnv: String?

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0...65535") }
        guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard ServeCommand.byteCount(maxBody) != nil else { throw ValidationError("--max-body must be a byte count like 65536, 512K or 64M") }
        for (name, value) in [("--right-reward", rightReward), ("--wrong-reward", wrongReward), ("--no-answer-reward", noAnswerReward)]
        where !value.isFinite { throw ValidationError("\(name) must be a finite number") }
        if let tokenEnv {
            guard let token = ProcessInfo.processInfo.environment[tokenEnv], !token.isEmpty else {
                throw ValidationError("--token-env \(tokenEnv): that environment variable is not set or is empty")
            }
        }
    }

    public func run() async throws {
        let token = tokenEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
        let grader = grading.grader(policy: policy)
        let settings = ServeSettings(
            host: host, port: port, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, grader: grader,
            rewards: RewardValues(right: rightReward, wrong: wrongReward, noAnswer: noAnswerReward),
            maxBodyBytes: ServeCommand.byteCount(maxBody) ?? 64 << 20, bearerToken: token)
        let banner = "policy \(policy.rawValue), \(settings.threads) threads"
        let host = self.host
        try await GradeServer(settings: settings).run { port in
            printError("curate serve: listening on http://\(host):\(port) (\(banner))")
        }
        printError("curate serve: stopped")
    }

    /// Bytes from `65536`, `512K`, `64M` or `1G`; nil when not a positive count.
    static func byteCount(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        var scale = 1
        if let last = digits.last, let unit = units[last] { scale = unit; digits = digits.dropLast() }
        guard let n = Int(digits), n > 0 else { return nil }
        return n.multipliedReportingOverflow(by: scale).overflow ? nil : n * scale
    }
}
