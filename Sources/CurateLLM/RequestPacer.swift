/// Decides when the next request of a run may start: at most `perMinute` starts in any minute (`--rpm`), and none
/// while the server has asked the whole run to wait (a 429 whose retry delay is a second or more: the quota is
/// shared by every request, so the other workers would only meet the same 429).
actor RequestPacer {
    private let interval: Duration?
    private var nextSlot: ContinuousClock.Instant = .now
    private var pausedUntil: ContinuousClock.Instant = .now

    /// Creates a pacer; nil `perMinute` means no rate limit.
    init(perMinute: Int?) {
        interval = perMinute.map { .nanoseconds(Int64(60_000_000_000 / Swift.max(1, $0))) }
    }

    /// Waits for this request's slot.
    func waitTurn() async throws {
        while true {
            let now = ContinuousClock.now
            let slot = Swift.max(now, nextSlot, pausedUntil)
            if slot > now {
                try await Task.sleep(until: slot, clock: .continuous)
                continue
            }
            if let interval { nextSlot = now + interval }
            return
        }
    }

    /// Holds every start for `seconds`.
    func pause(seconds: Double) {
        pausedUntil = Swift.max(pausedUntil, .now + .milliseconds(Int64(seconds * 1000)))
    }
}
