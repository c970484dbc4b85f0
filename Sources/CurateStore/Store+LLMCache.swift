import Foundation
import GRDB

/// A model reply kept in the store's request cache.
public struct CachedReply: Sendable {
    /// The raw 200 body.
    public var response: String
    /// Prompt tokens the call used.
    public var tokensIn: Int
    /// Output tokens the call used.
    public var tokensOut: Int

    /// Creates a cached reply.
    public init(response: String, tokensIn: Int, tokensOut: Int) {
        self.response = response
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
    }
}

extension Store {
    /// The cached reply for a request hash, if that request was answered before.
    public func cachedReply(requestHash: String) throws -> CachedReply? {
        try pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT response, tokens_in, tokens_out FROM llm_cache WHERE request_hash = ?",
                arguments: [requestHash]
            ).map { CachedReply(response: $0["response"], tokensIn: $0["tokens_in"], tokensOut: $0["tokens_out"]) }
        }
    }

    /// Keeps a usable reply; committed before the call counts as answered, so a crash right after loses nothing.
    public func cacheReply(requestHash: String, api: String, model: String, reply: CachedReply) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO llm_cache (request_hash, api, model, response, tokens_in, tokens_out, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [requestHash, api, model, reply.response, reply.tokensIn, reply.tokensOut, Store.timestamp()])
        }
    }

    /// Number of cached replies.
    public func cachedReplyCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM llm_cache") ?? 0 }
    }
}
