import ArgumentParser
import Foundation
import LLMTestServer

/// `llm-test-server`: the Gemini-shaped toy server of the tests, as a process, for `bench/extract.sh` and manual
/// runs of `curate extract` (e.g. the kill -9 check). Prints its base URL, then serves until killed.
@main
struct LLMTestServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm-test-server",
        abstract: "Serve the Gemini/OpenAI-shaped toy model on 127.0.0.1 (for benchmarks and tests).")

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0
    @Option(help: "Seconds before every reply.")
    var latency = 0.1
    @Option(help: "Fraction of requests answered with 429 (with RetryInfo) or 503, alternately.")
    var errorRate = 0.0
    @Option(help: "The RetryInfo.retryDelay of a 429.")
    var retryDelay = "0.2s"
    @Option(help: "Append one JSON line per request (index, path, first line of the user text) to this file.")
    var log: String?

    func run() throws {
        let behaviour = GeminiMock.Behaviour(latency: latency, errorRate: errorRate, retryDelay: retryDelay)
        let respond = GeminiMock.handler(behaviour)
        let logFile = try log.map { path -> FileHandle in
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("cannot open \(path)") }
            handle.seekToEndOfFile()
            return handle
        }
        let lock = NSLock()
        let server = try TestHTTPServer(port: port) { request in
            let reply = respond(request)
            if let logFile {
                var status = 0
                if case let .respond(code, _, _, _) = reply { status = code }
                let marker = GeminiMock.rowMarker(in: request.text) ?? ""
                lock.lock()
                logFile.write(Data("{\"index\": \(request.index), \"status\": \(status), \"row\": \"\(marker)\"}\n".utf8))
                lock.unlock()
            }
            return reply
        }
        FileHandle.standardOutput.write(Data("\(server.baseURL)\n".utf8))
        while true { sleep(3600) }
    }
}
