import CurateCore
import MathVerify

/// OpenRLHF's remote reward protocol (`--reward.remote_url`): `{"query": [..], "prompts": [..], "labels": [..]}` in,
/// `{"rewards": [..], "scores": [..], "extra_logs": {..}}` out, every list of length N.
///
/// `query` is the prompt and the response decoded together, so the response is `query` after its prompt (nothing
/// when the prompt is not in it: see ``response(query:prompt:)``). `scores` are 1 for right and 0 otherwise (OpenRLHF's
/// dynamic filtering reads them as 0..1); `extra_logs` carries `accuracy` and `no_answer` per sample.
struct RewardRequest {
    /// The responses to grade.
    let responses: [String]
    /// The labels (gold answers).
    let labels: [String]

    /// Reads a request body, or says what is wrong with it.
    static func parse(_ body: UnsafeRawBufferPointer) -> Result<RewardRequest, RequestError> {
        let value: JSONValue
        do { value = try JSONValue.parseValue(body) } catch { return .failure(RequestError("the body is not valid JSON: \(error)")) }
        guard case .object = value else { return .failure(RequestError("the body must be a JSON object")) }
        guard let queries = strings(value["query"]) else {
            return .failure(RequestError("\"query\" must be a list of strings"))
        }
        guard let labels = strings(value["labels"]) else {
            return .failure(RequestError("\"labels\" must be a list of strings (or numbers)"))
        }
        let prompts: [String]
        if let p = value["prompts"] {
            guard let list = strings(p) else { return .failure(RequestError("\"prompts\" must be a list of strings")) }
            prompts = list
        } else {
            prompts = []
        }
        guard labels.count == queries.count, prompts.isEmpty || prompts.count == queries.count else {
            return .failure(
                RequestError("\"query\" (\(queries.count)), \"prompts\" (\(prompts.count)) and \"labels\" (\(labels.count)) must have the same length"))
        }
        let responses = queries.indices.map { i in
            prompts.isEmpty ? queries[i] : RewardRequest.response(query: queries[i], prompt: prompts[i])
        }
        return .success(RewardRequest(responses: responses, labels: labels))
    }

    /// The response part of a query: the text after the prompt when the query starts with it, or else contains it
    /// (a BOS token the prompt lacks, say), or else contains it with other whitespace (decoding can change the
    /// prompt's spacing); the whole query when there is no prompt. When the prompt is not in the query at all, the
    /// response is empty, graded as no answer: the whole query could hold an answer the prompt gives (a few-shot
    /// example), which would earn the reward.
    static func response(query: String, prompt: String) -> String {
        guard !prompt.isEmpty else { return query }
        if query.utf8.starts(with: prompt.utf8) { return String(Substring(query.utf8.dropFirst(prompt.utf8.count))) }
        if let range = query.firstRange(of: prompt) { return String(query[range.upperBound...]) }
        let needle = prompt.filter { !$0.isWhitespace }
        guard !needle.isEmpty else { return query }
        let positions = query.indices.filter { !query[$0].isWhitespace }
        guard let found = positions.lazy.map({ query[$0] }).firstRange(of: needle) else { return "" }
        return String(query[query.index(after: positions[found.upperBound - 1])...])
    }

    /// The strings of a JSON list (numbers as written), or nil.
    static func strings(_ value: JSONValue?) -> [String]? {
        guard case .array(let items)? = value else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .string(let s): out.append(s)
            case .number(let n): out.append(n)
            default: return nil
            }
        }
        return out
    }

    /// The reply for graded outcomes.
    static func reply(_ outcomes: [GradeOutcome], rewards: RewardValues) -> [UInt8] {
        func list(_ values: [Double]) -> String { "[" + values.map { number($0) }.joined(separator: ",") + "]" }
        let reward = outcomes.map { $0.isEquivalent ? rewards.right : ($0.foundNoAnswer ? rewards.noAnswer : rewards.wrong) }
        let score = outcomes.map { $0.isEquivalent ? 1.0 : 0.0 }
        let noAnswer = outcomes.map { $0.foundNoAnswer ? 1.0 : 0.0 }
        let text = "{\"rewards\":\(list(reward)),\"scores\":\(list(score)),\"extra_logs\":{\"accuracy\":\(list(score)),\"no_answer\":\(list(noAnswer))}}"
        return Array(text.utf8)
    }

    /// A JSON number for a reward (finite values only reach here: the flags are checked).
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) + ".0" : String(x)
    }
}

/// A request the server cannot read: answered with 400 and `{"error": message}`.
struct RequestError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
