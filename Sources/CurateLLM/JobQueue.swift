/// The work list of a run: jobs ready now, jobs waiting out a retry delay, and how many are in flight.
///
/// A job waiting for its retry does not hold a concurrency slot: the worker that failed it takes the next ready job.
actor JobQueue<Job: Sendable> {
    private var ready: [(job: Job, attempt: Int)]
    private var readIndex = 0
    private var waiting: [(at: ContinuousClock.Instant, job: Job, attempt: Int)] = []
    private var inFlight = 0

    init(_ jobs: [Job]) {
        ready = jobs.map { ($0, 1) }
    }

    /// The next job and its attempt number, waiting for a retry delay when nothing else is ready; nil when every
    /// job has finished.
    func next() async throws -> (job: Job, attempt: Int)? {
        while true {
            let now = ContinuousClock.now
            if let due = waiting.indices.filter({ waiting[$0].at <= now }).min(by: { waiting[$0].at < waiting[$1].at }) {
                let item = waiting.remove(at: due)
                inFlight += 1
                return (item.job, item.attempt)
            }
            if readIndex < ready.count {
                let item = ready[readIndex]
                readIndex += 1
                inFlight += 1
                return item
            }
            if waiting.isEmpty && inFlight == 0 { return nil }
            // Something is in flight (it may come back for a retry) or waiting: look again shortly.
            let earliest = waiting.map(\.at).min() ?? now + .milliseconds(20)
            try await Task.sleep(until: min(earliest, now + .milliseconds(20)), clock: .continuous)
        }
    }

    /// Puts a failed job back, to be tried again after `delay` seconds.
    func retry(_ job: Job, attempt: Int, after delay: Double) {
        inFlight -= 1
        waiting.append((ContinuousClock.now + .milliseconds(Int64(delay * 1000)), job, attempt))
    }

    /// Marks a job finished.
    func finish() {
        inFlight -= 1
    }

    /// Jobs not yet finished (ready, waiting or in flight).
    var remaining: Int { ready.count - readIndex + waiting.count + inFlight }
}
