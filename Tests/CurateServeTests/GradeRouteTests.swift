import CurateCore
@testable import CurateServe
import MathVerify
import Testing

/// `POST /grade`, `/health`, `/metrics`, limits and the bearer token, against a real server.
@Suite struct GradeRouteTests {
    @Test func aBatchIsGradedAndABadItemAnsweredInPlace() async throws {
        try await ServerHarness.with { server in
            let body = #"""
                {"items": [{"id": "a", "gold": "\\frac{1}{2}", "answer": "0.5"},
                           {"id": "b", "gold": "3", "answer": {"x": 1}},
                           {"id": "c", "gold": ["5", "7"], "response": "</think> so $\\boxed{7}$"},
                           42]}
                """#
            let response = try await server.post("/grade", body)
            #expect(response.status == 200)
            guard case .array(let results)? = try response.json["results"] else { Issue.record("no results"); return }
            #expect(results.count == 4)
            #expect(results[0]["id"] == .string("a") && results[0]["equivalent"] == .bool(true))
            #expect(results[0]["verdict"] == .string("equivalent") && results[0]["reason"] == .string("exact value"))
            #expect(results[1]["index"] == .number("1") && results[1]["id"] == .string("b"))
            #expect(results[1]["error"] == .string("\"answer\" must be a string or a number"))
            #expect(results[2]["equivalent"] == .bool(true) && results[2]["extracted"] == .string("7"))
            #expect(results[3]["error"] == .string("an item must be a JSON object"))
        }
    }

    /// A stop while a reply of several megabytes is being written answers it to its last byte (it used to be cut
    /// after the first few megabytes, with a 200), then refuses new requests.
    @Test func aStopAnswersTheRequestInFlightToItsLastByte() async throws {
        try await ServerHarness.with { server in
            let response = "<think>" + String(repeating: "Let me think. ", count: 200) + "</think> \\\\boxed{(x+1)^2}"  // JSON text: the backslash escaped
            let item = #"{"gold": "x^2+2x+1", "response": "\#(response)"}"#
            let body = #"{"items": ["# + Array(repeating: item, count: 3_000).joined(separator: ",") + "]}"
            async let reply = server.post("/grade", body)
            let deadline = ContinuousClock.now + .seconds(30)
            while server.server.drain.inFlight == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
            #expect(server.server.drain.inFlight == 1)
            await server.stopper.stop()
            let answered = try await reply
            #expect(answered.status == 200)
            #expect(answered.body.count > 8_000_000)
            guard case .array(let results)? = try answered.json["results"] else { Issue.record("no results"); return }
            #expect(results.count == 3_000 && results.allSatisfy { $0["equivalent"] == .bool(true) })
            let late = try? await server.get("/health")
            #expect(late == nil || late?.status == 503, "a request after the stop was answered \(late?.status ?? 0)")
        }
    }

    @Test func anItemMayCarryItsOwnOptions() async throws {
        try await ServerHarness.with { server in
            let body = #"""
                {"items": [{"gold": "\\frac{1}{3}", "answer": "0.33"},
                           {"gold": "\\frac{1}{3}", "answer": "0.33", "options": {"rounded_decimals": true}},
                           {"gold": "1", "answer": "1", "options": {"rounded_decimals": "yes"}}]}
                """#
            let response = try await server.post("/grade", body)
            #expect(response.status == 200)
            guard case .array(let results)? = try response.json["results"] else { Issue.record("no results"); return }
            #expect(results.count == 3)
            #expect(results[0]["equivalent"] == .bool(false))
            #expect(results[1]["equivalent"] == .bool(true) && results[1]["reason"] == .string("tolerance"))
            #expect(results[2]["index"] == .number("2"))
            #expect(results[2]["error"] == .string("option \"rounded_decimals\" must be true or false"))
        }
    }

    @Test func jsonLinesAreAnsweredAsJSONLines() async throws {
        try await ServerHarness.with { server in
            let body = "{\"gold\": \"2\", \"answer\": \"2\"}\n\n{bad\n{\"gold\": \"2\", \"answer\": \"3\"}"
            let response = try await server.post("/grade", body, contentType: "application/x-ndjson")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/x-ndjson")
            let lines = try response.text.split(separator: "\n").map { try JSONValue.parse(Array($0.utf8)) }
            #expect(lines.count == 3)
            #expect(lines[0]["equivalent"] == .bool(true))
            #expect(lines[1]["line"] == .number("3") && lines[1]["error"] != nil)
            #expect(lines[2]["equivalent"] == .bool(false) && lines[2]["verdict"] == .string("different"))
        }
    }

    @Test func aLargeBatchSpreadOverThreadsKeepsItsOrder() async throws {
        try await ServerHarness.with(ServeSettings(threads: 2)) { server in
            let items = (0..<1000).map { #"{"id": \#($0), "gold": "\#($0)", "answer": "\#($0 % 3 == 0 ? $0 : $0 + 1)"}"# }
            let json = try await server.post("/grade", #"{"items": [\#(items.joined(separator: ","))]}"#).json
            guard case .array(let results)? = json["results"] else { Issue.record("no results"); return }
            #expect(results.count == 1000)
            for (i, r) in results.enumerated() {
                #expect(r["id"] == .number(String(i)) && r["equivalent"] == .bool(i % 3 == 0))
            }
        }
    }

    @Test func notJSONAndNoItemsGet400() async throws {
        try await ServerHarness.with { server in
            let notJSON = try await server.post("/grade", "{\"items\": [")
            #expect(notJSON.status == 400)
            #expect(try notJSON.json["error"].map { if case .string(let s) = $0 { s.contains("not valid JSON") } else { false } } == true)
            let noItems = try await server.post("/grade", #"{"pairs": []}"#)
            #expect(noItems.status == 400)
            #expect(try noItems.json["error"] == .string("the body must be a JSON object with an \"items\" list"))
        }
    }

    @Test func aBodyOverTheLimitGets413() async throws {
        try await ServerHarness.with(ServeSettings(maxBodyBytes: 1024)) { server in
            let big = #"{"items": [{"gold": "1", "answer": "\#(String(repeating: "1", count: 2000))"}]}"#
            let response = try await server.post("/grade", big)
            #expect(response.status == 413)
            #expect(try response.json["error"] != nil)
            let small = try await server.post("/grade", #"{"items": [{"gold": "1", "answer": "1"}]}"#)
            #expect(small.status == 200)
        }
    }

    @Test func healthAndMetricsReportWhatHappened() async throws {
        try await ServerHarness.with { server in
            let health = try await server.get("/health")
            let version = try health.json["version"], policy = try health.json["policy"]
            #expect(health.status == 200 && version == .string(MathCurateVersion.string) && policy == .string("deepscaler"))
            _ = try await server.post("/grade", #"{"items": [{"gold": "1", "answer": "1"}, {"gold": "1", "answer": "2"}, {"gold": 1}]}"#)
            _ = try await server.post("/get_reward", "nope")
            let metrics = try await server.get("/metrics").text
            #expect(metrics.contains("mathcurate_pairs_total 2\n"))
            #expect(metrics.contains("mathcurate_item_errors_total 1\n"))
            #expect(metrics.contains("mathcurate_verdicts_total{verdict=\"equivalent\"} 1\n"))
            #expect(metrics.contains("mathcurate_verdicts_total{verdict=\"different\"} 1\n"))
            #expect(metrics.contains("mathcurate_requests_total{route=\"/get_reward\",status=\"400\"} 1\n"))
            #expect(metrics.contains("mathcurate_request_duration_seconds_count{route=\"/grade\"} 1\n"))
        }
    }

    @Test func aWrongMethodGets405AndAnUnknownPath404WithAReason() async throws {
        try await ServerHarness.with { server in
            let wrongMethod = try await server.get("/get_reward")
            #expect(wrongMethod.status == 405 && wrongMethod.headers["allow"] == "POST")
            #expect(try wrongMethod.json["error"] == .string("GET /get_reward: this route takes POST only"))
            let postHealth = try await server.post("/health", "{}")
            #expect(postHealth.status == 405 && postHealth.headers["allow"] == "GET")
            let unknown = try await server.post("/reward", "{}")
            #expect(unknown.status == 404)
            #expect(
                try unknown.json["error"]
                    == .string("no route POST /reward (the routes: GET /health, GET /metrics, POST /get_reward, POST /grade)"))
        }
    }

    @Test func aTokenGuardsEveryRouteButHealth() async throws {
        try await ServerHarness.with(ServeSettings(bearerToken: "s3cret")) { server in
            let body = #"{"items": [{"gold": "1", "answer": "1"}]}"#
            for (header, status) in [(nil, 401), ("Bearer s3creT", 401), ("bearer s3cret", 401), ("Bearer s3cret", 200)] {
                let response = try await server.post("/grade", body, headers: header.map { [("Authorization", $0)] } ?? [])
                #expect(response.status == status, "\(header ?? "no header")")
            }
            let metrics = try await server.get("/metrics")
            #expect(metrics.status == 401)
            let health = try await server.get("/health")
            #expect(health.status == 200)
        }
        #expect(BearerToken.matches(header: "Bearer abc", token: Array("abc".utf8)))
        #expect(!BearerToken.matches(header: "bearer abc", token: Array("abc".utf8)))
    }
}
