/// Spaces request starts so that at most `perMinute` begin in any minute (`--rpm`): each start takes the next slot
/// 60/`perMinute` seconds after the previous one.
actor RequestPacer {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant

    init(perMinute: Int) {
        interval = .nanoseconds(Int64(60_000_000_000 / max(1, perMinute)))
        nextSlot = .now
    }

    /// Waits for this request's slot.
    func waitTurn() async throws {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}
