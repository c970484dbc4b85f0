import CurateCore
@testable import CurateServe
import MathVerify
import Testing

/// `POST /get_reward` speaks OpenRLHF's remote reward protocol, against a real server.
@Suite struct RewardRouteTests {
    @Test func rewardsRightWrongAndNoAnswerWithTheDefaults() async throws {
        try await ServerHarness.with { server in
            let prompt = "<|user|>What is 6*7?<|assistant|>"
            let body = """
                {"query": ["\(prompt)<think>6*7</think> It is $\\\\boxed{42}$.<|end|>", "\(prompt)</think>\\\\boxed{41}", "\(prompt)</think> 42"],
                 "prompts": ["\(prompt)", "\(prompt)", "\(prompt)"], "labels": ["42", "42", "42"]}
                """
            let response = try await server.post("/get_reward", body)
            #expect(response.status == 200)
            let json = try response.json
            #expect(json["rewards"] == .array([.number("1.0"), .number("0.0"), .number("0.0")]))
            #expect(json["scores"] == .array([.number("1.0"), .number("0.0"), .number("0.0")]))
            #expect(json["extra_logs"]?["no_answer"] == .array([.number("0.0"), .number("0.0"), .number("1.0")]))
            #expect(json["extra_logs"]?["accuracy"] == json["scores"])
        }
    }

    @Test func rewardValuesComeFromTheSettings() async throws {
        let settings = ServeSettings(rewards: RewardValues(right: 2, wrong: -1, noAnswer: -0.5))
        try await ServerHarness.with(settings) { server in
            let body = #"{"query": ["p</think>\\boxed{3}", "p</think>\\boxed{4}", "p</think>none"], "prompts": ["p", "p", "p"], "labels": ["3", "3", "3"]}"#
            let json = try await server.post("/get_reward", body).json
            #expect(json["rewards"] == .array([.number("2.0"), .number("-1.0"), .number("-0.5")]))
        }
    }

    @Test func oneSamplePerRequestAsOpenRLHFSendsIt() async throws {
        try await ServerHarness.with { server in
            for (answer, reward) in [("\\\\frac{1}{2}", "1.0"), ("0.5", "1.0"), ("2", "0.0")] {
                let body = #"{"query": ["Q: half?</think>\\boxed{\#(answer)}"], "prompts": ["Q: half?"], "labels": ["1/2"]}"#
                let json = try await server.post("/get_reward", body).json
                #expect(json["rewards"] == .array([.number(reward)]), "answer \(answer)")
            }
        }
    }

    @Test func badBodiesGet400WithAReason() async throws {
        try await ServerHarness.with { server in
            let cases: [(String, String)] = [
                ("not json", "not valid JSON"),
                (#"["a"]"#, "must be a JSON object"),
                (#"{"query": ["a"], "prompts": ["a"]}"#, "\"labels\""),
                (#"{"query": ["a", "b"], "prompts": ["a", "b"], "labels": ["1"]}"#, "same length"),
                (#"{"query": [1, {}], "labels": ["1", "2"]}"#, "\"query\""),
            ]
            for (body, reason) in cases {
                let response = try await server.post("/get_reward", body)
                #expect(response.status == 400, "\(body)")
                guard case .string(let message)? = try response.json["error"] else { Issue.record("no error for \(body)"); continue }
                #expect(message.contains(reason), "\(body): \(message)")
            }
        }
    }

    @Test func theResponseIsTheQueryWithoutItsPrompt() {
        #expect(RewardRequest.response(query: "PROMPT and answer", prompt: "PROMPT") == " and answer")
        #expect(RewardRequest.response(query: "é\\boxed{1}", prompt: "é") == "\\boxed{1}")
        #expect(RewardRequest.response(query: "<s>PROMPT \\boxed{2}", prompt: "PROMPT") == " \\boxed{2}")
        #expect(RewardRequest.response(query: "no prompt here", prompt: "") == "no prompt here")
        // Decoding changed the prompt's spacing: matched again ignoring whitespace, so its example is not graded.
        let prompt = "Example: 2+2? </think>\\boxed{4}. Now: 1+3?"
        let query = "Example: 2+2?  </think>\\boxed{4}.\nNow: 1+3? I give up."
        #expect(RewardRequest.response(query: query, prompt: prompt) == " I give up.")
        // A query without its prompt has no answer: the whole query would grade the prompt's \\boxed{4}.
        #expect(RewardRequest.response(query: "Example: \\boxed{4}. Other question?", prompt: prompt) == "")
    }
}
