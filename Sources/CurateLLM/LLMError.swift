/// A failure that stops a run of model calls: the server refused the request itself (400, 403, 404), could not be
/// reached, or the setup is wrong (no API key). Rows finished before it stay stored.
public struct LLMError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// What went wrong, with the server's own message; never contains the API key.
    public var message: String

    /// Creates an error.
    public init(status: Int? = nil, _ message: String) {
        self.status = status
        self.message = message
    }

    /// `HTTP 403: PERMISSION_DENIED: …` or the message.
    public var description: String { status.map { "HTTP \($0): \(message)" } ?? message }
}
