#if canImport(Glibc)
    import Glibc
#endif

/// Reads HTTP/1.1 requests one after another from a connected socket: the head up to the blank line, then a body
/// of `Content-Length` bytes. Chunked request bodies are not needed by the clients under test and end the
/// connection.
struct HTTPRequestReader {
    /// One parsed request.
    struct Parsed {
        var method: String
        var path: String
        var headers: [String: String]
        var body: [UInt8]
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// The next request, or nil when the client closed the connection or sent something unreadable.
    mutating func next() -> Parsed? {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = findBlankLine()
            if headEnd == nil, !fill() { return nil }
        }
        guard let end = headEnd else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            headers[line[..<colon].lowercased()] = String(value)
        }
        if headers["transfer-encoding"] != nil { return nil }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            if !fill() { return nil }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Parsed(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }

    private func findBlankLine() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }
}
