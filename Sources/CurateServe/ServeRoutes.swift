import CurateCore
import Hummingbird
import MathVerify

/// The handlers of `curate serve`'s routes.
struct ServeRoutes: Sendable {
    let settings: ServeSettings
    let metrics: ServeMetrics

    var codec: GradeItemCodec { GradeItemCodec(grader: settings.grader) }

    /// The answer of `endpoint` to `request`.
    func respond(_ endpoint: ServeEndpoint, _ request: Request) async -> Response {
        switch endpoint {
        case .health: health()
        case .metrics: JSONResponse.bytes(Array(metrics.exposition().utf8), contentType: "text/plain; version=0.0.4")
        case .reward: await reward(request)
        case .grade: await grade(request)
        }
    }

    /// `GET /health`: the server is up; its version and the extraction policy it grades responses with (so a
    /// client can check that it matches what it expects).
    func health() -> Response {
        let policy: String
        switch settings.grader.options.extraction.policy {
        case .standard: policy = "standard"
        case .deepScaleR: policy = "deepscaler"
        }
        return JSONResponse.bytes(Array("{\"status\":\"ok\",\"version\":\"\(MathCurateVersion.string)\",\"policy\":\"\(policy)\"}\n".utf8))
    }

    /// `POST /get_reward`: OpenRLHF's remote reward protocol.
    func reward(_ request: Request) async -> Response {
        await withBody(request) { body in
            switch RewardRequest.parse(body) {
            case .failure(let error): return JSONResponse.error(.badRequest, error.message)
            case .success(let rewardRequest):
                let grader = settings.grader
                let outcomes = rewardRequest.responses.indices.map { i in
                    grader.outcome(gold: rewardRequest.labels[i], candidate: .response(rewardRequest.responses[i]))
                }
                metrics.recordOutcomes(outcomes)
                return JSONResponse.bytes(RewardRequest.reply(outcomes, rewards: settings.rewards))
            }
        }
    }

    /// `POST /grade`: a batch as `{"items": [...]}`, or JSON lines when the content type says so.
    func grade(_ request: Request) async -> Response {
        let contentType = request.headers[.contentType] ?? ""
        let isLines =
            contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/jsonl")
            || contentType.hasPrefix("application/json-lines")
        let batch = GradeBatch(codec: codec, threads: settings.threads)
        return await withBody(request) { body in
            if isLines {
                let (out, outcomes) = batch.answerLines(body)
                metrics.recordOutcomes(outcomes)
                return JSONResponse.bytes(out, contentType: "application/x-ndjson")
            }
            switch batch.answerJSON(body) {
            case .failure(let error): return JSONResponse.error(.badRequest, error.message)
            case .success(let (out, outcomes)):
                metrics.recordOutcomes(outcomes)
                return JSONResponse.bytes(out)
            }
        }
    }

    /// Collects the body (up to `--max-body`) and hands its bytes to `body`; 413 when it is larger.
    func withBody(_ request: Request, _ handle: (UnsafeRawBufferPointer) -> Response) async -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: settings.maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return JSONResponse.error(.contentTooLarge, "the body is larger than --max-body (\(settings.maxBodyBytes) bytes)")
        } catch {
            return JSONResponse.error(.badRequest, "the body could not be read: \(error)")
        }
        return buffer.withUnsafeReadableBytes { handle($0) }
    }
}
