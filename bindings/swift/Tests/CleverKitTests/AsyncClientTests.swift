import CleverKit
import Foundation
import XCTest

/// `AsyncClient` against the local stand-in API: many calls at once, a main actor that stays
/// free, `Task.cancel()` that returns at once and stops the call, typed errors, a bounded pool
/// of worker threads, download progress, sharing a `Client`, and the async steps of the dance.
final class AsyncClientTests: XCTestCase {
    var standIn: StandIn!
    var directory: URL!

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cleverkit-swift-async-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The requests of the stand-in's recordings whose target is `target`.
    func recorded(_ target: String) throws -> [StandIn.Recorded] {
        try standIn.requests().filter { $0.target == target }
    }

    func testTwoHundredConcurrentCallsInATaskGroupAllSucceed() async throws {
        // No retries: each of the 200 signatures must verify the first time.
        let client = try standIn.asyncClient(options: standIn.options(maxRetries: 0))
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for call in 0..<200 {
                group.addTask {
                    call % 2 == 0 ? try await client.myself().id : try await client.summary().user.id
                }
            }
            var ids: [String] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        XCTAssertEqual(ids, Array(repeating: standIn.info.userId, count: 200))
        let calls = try standIn.requests().filter { $0.target == "/v2/self" || $0.target == "/v2/summary" }
        XCTAssertEqual(calls.count, 200)
        for call in calls {
            XCTAssertTrue(
                call.authorization?.contains(#"oauth_signature_method="HMAC-SHA512""#) ?? false,
                "\(call.authorization ?? "no Authorization")")
        }
    }

    /// A ticker on the main actor keeps ticking while the main actor awaits a call that the
    /// stand-in holds for 1.5 s before answering.
    func testTheMainActorKeepsTickingWhileACallIsStalled() async throws {
        try standIn.inject(["path_prefix": "/v2/self", "action": "delay", "before_headers_ms": 1500])
        let (email, ticks, elapsed) = try await loadWhileTicking(client: try standIn.asyncClient())
        print("main actor: \(ticks) ticks of 10 ms during a call of \(elapsed) ms")
        XCTAssertEqual(email, standIn.info.email)
        XCTAssertGreaterThanOrEqual(elapsed, 1400, "the call was stalled")
        // 150 at best; a loaded machine ticks less often, a blocked main actor not at all.
        XCTAssertGreaterThanOrEqual(ticks, 20)
    }

    /// A call waiting for response headers (inside ureq, where it cannot be interrupted): the
    /// task returns at once, the abandoned request is not tried again.
    func testCancellingACallWaitingForItsHeadersThrowsCancellationErrorAtOnce() async throws {
        try standIn.inject(["path_prefix": "/v2/self", "action": "delay", "before_headers_ms": 1500])
        let client = try standIn.asyncClient()
        let call = Task { try await client.myself() }
        try await waitUntil { try self.recorded("/v2/self").count == 1 }

        let cancelled = DispatchTime.now()
        call.cancel()
        let result = await call.result
        let elapsed = milliseconds(since: cancelled)
        print("cancel of a call waiting for its headers: returned in \(elapsed) ms")
        assertCancellationError(result)
        XCTAssertLessThan(elapsed, 1000, "well under the 1.5 s the stand-in holds the answer")

        // Once the stand-in has answered the abandoned request: still one request.
        try await Task.sleep(nanoseconds: 2_000_000_000)
        XCTAssertEqual(try recorded("/v2/self").count, 1)
    }

    /// A call sleeping before its retry (the stand-in answered 503, retry after 2 s): the task
    /// returns at once, and the retry never happens.
    func testCancellingACallDuringItsBackoffStopsItsRetries() async throws {
        try standIn.inject(["path_prefix": "/v2/self", "times": 0, "status": 503, "retry_after": "2"])
        let client = try standIn.asyncClient(options: standIn.options(maxRetries: 3))
        let call = Task { try await client.myself() }
        try await waitUntil { try self.recorded("/v2/self").count == 1 }
        // The 503 is read and the backoff sleep has begun.
        try await Task.sleep(nanoseconds: 300_000_000)

        let cancelled = DispatchTime.now()
        call.cancel()
        let result = await call.result
        let elapsed = milliseconds(since: cancelled)
        print("cancel of a call in its backoff: returned in \(elapsed) ms")
        assertCancellationError(result)
        XCTAssertLessThan(elapsed, 1000)

        // Past the time the retry was due.
        try await Task.sleep(nanoseconds: 2_500_000_000)
        XCTAssertEqual(try recorded("/v2/self").count, 1, "no retry after the cancel")
    }

    /// A task cancelled before its call starts never sends it.
    func testACallOfACancelledTaskIsNeverSent() async throws {
        let client = try standIn.asyncClient()
        let call = Task {
            // Wait to be cancelled, then call.
            while !Task.isCancelled { await Task.yield() }
            return try await client.myself()
        }
        call.cancel()
        assertCancellationError(await call.result)
        XCTAssertEqual(try recorded("/v2/self").count, 0)
    }

    /// The stand-in sends 1,000 bytes of the invoice, then holds the rest for 2 s: the task
    /// returns at once, and the download stops at its next chunk and removes its `.part`.
    func testACancelledDownloadLeavesNoFileAndNoPart() async throws {
        try standIn.inject([
            "path_prefix": "/v4/billing/", "action": "stall_body", "after_bytes": 1000, "for_ms": 2000,
        ])
        let client = try standIn.asyncClient()
        let destination = directory.appendingPathComponent("invoice.pdf").path
        let progress = ProgressRecorder()
        let organisationId = standIn.info.organisationId
        let download = Task {
            try await client.downloadInvoice(
                organisationId: organisationId, invoiceNumber: "1048576", destination: destination,
                progress: progress)
        }
        try await waitUntil { !progress.updates.isEmpty }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(files.count, 1, "the download's partial file: \(files)")
        XCTAssertTrue(files.allSatisfy { $0.hasSuffix(".part") }, "\(files)")

        let cancelled = DispatchTime.now()
        download.cancel()
        let result = await download.result
        let elapsed = milliseconds(since: cancelled)
        print("cancel of a stalled download: returned in \(elapsed) ms")
        assertCancellationError(result)
        XCTAssertLessThan(elapsed, 1000)

        // The worker notices at its next chunk, once the stall ends.
        try await waitUntil(seconds: 10) {
            try FileManager.default.contentsOfDirectory(atPath: self.directory.path).isEmpty
        }
        try await Task.sleep(nanoseconds: 500_000_000)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
        XCTAssertLessThan(progress.updates.last?.written ?? 0, 1_048_576, "not downloaded to the end")
    }

    func testErrorsAreTheTypedErrorsOfTheSyncClient() async throws {
        let refused = try standIn.asyncClient(tokenSecret: "not-the-token-secret")
        do {
            _ = try await refused.myself()
            XCTFail("a wrong token secret was accepted")
        } catch CleverError.Unauthorized(let detail, let expiredAt, _, _) {
            XCTAssertFalse(detail.isEmpty)
            XCTAssertNil(expiredAt)
        }

        let unknown = "orga_00000000-0000-4000-8000-00000000dead"
        let client = try standIn.oauthClient()
        var syncError: CleverError?
        assertCleverError(try client.applications(ownerId: unknown)) { syncError = $0 }
        let asyncClient = try client.asyncClient()
        do {
            _ = try await asyncClient.applications(ownerId: unknown)
            XCTFail("an unknown organisation was found")
        } catch let error as CleverError {
            guard case .NotFound(let detail, let code, let requestId) = error,
                case .NotFound(let syncDetail, let syncCode, let syncRequestId) = syncError
            else {
                return XCTFail("expected NotFound twice, got \(error) and \(String(describing: syncError))")
            }
            XCTAssertEqual(detail, syncDetail)
            XCTAssertEqual(code, syncCode)
            // The same sentence, but for the request id, which is each request's own.
            let requestIds = try (XCTUnwrap(syncRequestId), XCTUnwrap(requestId))
            XCTAssertEqual(
                error.description,
                syncError?.description.replacingOccurrences(of: requestIds.0, with: requestIds.1))
            XCTAssertEqual(error.localizedDescription, error.description)
        }
    }

    /// 1,000 calls at once, each held 20 ms by the stand-in, on a client of 8 worker threads:
    /// never more than 8 threads named `cleverkit-worker` in the process.
    func testAThousandCallsRunOnAtMostTheWorkerThreads() async throws {
        // Threads of the clients of earlier tests end when those clients go.
        try await waitUntil(seconds: 10) { workerThreadCount() == 0 }
        try standIn.inject(["path_prefix": "/v2/self", "times": 0, "action": "delay", "before_headers_ms": 20])
        let client = try standIn.asyncClient(options: standIn.options(workerThreads: 8))
        XCTAssertEqual(client.workerThreads(), 8)
        let userId = standIn.info.userId
        let sampler = ThreadSampler()
        sampler.start()
        let succeeded = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<1000 {
                group.addTask { try await client.myself().id == userId }
            }
            return try await group.reduce(0) { $1 ? $0 + 1 : $0 }
        }
        let (peak, samples) = sampler.stop()
        print("worker threads: at most \(peak) in \(samples) samples during 1,000 calls")
        XCTAssertEqual(succeeded, 1000)
        XCTAssertGreaterThan(samples, 10)
        XCTAssertGreaterThan(peak, 0, "the sampler saw the workers")
        XCTAssertLessThanOrEqual(peak, 8)
    }

    func testProgressSeesIncreasingBytesAndTheTotal() async throws {
        let client = try standIn.asyncClient()
        let progress = ProgressRecorder()
        let written = try await client.downloadInvoice(
            organisationId: standIn.info.organisationId, invoiceNumber: "1048576",
            destination: directory.appendingPathComponent("invoice.pdf").path, progress: progress)
        XCTAssertEqual(written, 1_048_576)
        let updates = progress.updates
        XCTAssertGreaterThan(updates.count, 1, "one update per chunk")
        XCTAssertEqual(updates.map(\.written), updates.map(\.written).sorted())
        XCTAssertEqual(Set(updates.map(\.written)).count, updates.count, "strictly increasing")
        XCTAssertEqual(updates.last?.written, 1_048_576)
        XCTAssertTrue(updates.allSatisfy { $0.total == 1_048_576 }, "\(updates.prefix(3))")
    }

    /// The README's `ProgressStream`: the progress of a download as an `AsyncStream`, read by
    /// another task while the download runs.
    func testProgressAsAnAsyncStream() async throws {
        let client = try standIn.asyncClient()
        let progress = ProgressStream()
        let destination = directory.appendingPathComponent("invoice.pdf").path
        let organisationId = standIn.info.organisationId
        let download = Task {
            defer { progress.finish() }
            return try await client.downloadInvoice(
                organisationId: organisationId, invoiceNumber: "262144", destination: destination,
                progress: progress)
        }
        var seen: [Int64] = []
        for await update in progress.updates {
            XCTAssertEqual(update.total, 262_144)
            seen.append(update.written)
        }
        let written = try await download.value
        XCTAssertEqual(written, 262_144)
        XCTAssertEqual(seen.last, 262_144)
        XCTAssertEqual(seen, seen.sorted())
    }

    /// `client.asyncClient()` uses the sync client's connections: a sync call, then an async
    /// one, arrive on the same keep-alive connection. Closing one does not close the other.
    func testAsyncClientSharesTheSyncClientsConnections() async throws {
        let client = try standIn.oauthClient()
        let asyncClient = try client.asyncClient()
        XCTAssertEqual(try client.myself().id, standIn.info.userId)
        let asyncUser = try await asyncClient.myself()
        XCTAssertEqual(asyncUser.id, standIn.info.userId)
        let zones = try await asyncClient.zones()
        XCTAssertEqual(zones.count, 4)
        let connections = try recorded("/v2/self").map(\.connection) + recorded("/v4/products/zones").map(\.connection)
        XCTAssertEqual(connections.count, 3)
        XCTAssertEqual(Set(connections).count, 1, "one pooled connection: \(connections)")

        client.close()
        let afterClose = try await asyncClient.myself()
        XCTAssertEqual(afterClose.id, standIn.info.userId, "the async client is still open")
        assertCleverError(try client.asyncClient()) { error in
            guard case .InvalidInput = error else { return XCTFail("expected InvalidInput, got \(error)") }
        }
        asyncClient.close()
        XCTAssertTrue(asyncClient.isClosed())
        do {
            _ = try await asyncClient.myself()
            XCTFail("a closed client made a call")
        } catch CleverError.InvalidInput(let detail) {
            XCTAssertEqual(detail, "the client is closed")
        }
    }

    func testTheDanceWithItsAsyncSteps() async throws {
        let dance = try OAuthDance(
            consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
            callback: "https://app.example/oauth/callback", options: standIn.options())
        let requestToken = try await dance.requestTokenAsync()
        let authorization = try HTTP.send(
            "GET", dance.authorizationUrl(requestToken: requestToken), followRedirects: false)
        XCTAssertEqual(authorization.status, 302, authorization.text)
        let location = try XCTUnwrap(authorization.header("Location"))
        let verifier = try dance.verifyCallback(callbackUrl: location, requestToken: requestToken)
        let credentials = try await dance.accessTokenAsync(requestToken: requestToken, verifier: verifier)
        XCTAssertNotEqual(credentials.token(), standIn.info.token, "a token of its own")
        let client = try AsyncClient.withOauth1(credentials: credentials, options: standIn.options())
        let user = try await client.myself()
        XCTAssertEqual(user.id, standIn.info.userId)
        do {
            _ = try await dance.accessTokenAsync(requestToken: requestToken, verifier: verifier)
            XCTFail("a request token served twice")
        } catch CleverError.OAuth(let step, _) {
            XCTAssertEqual(step, .accessToken)
        }
    }

    func testLoginWithLoopbackAsync() async throws {
        let browser = Browser()
        let credentials = try await loginWithLoopbackAsync(
            consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
            opener: browser, options: standIn.options(), timeout: 60)
        let client = try AsyncClient.withOauth1(credentials: credentials, options: standIn.options())
        let user = try await client.myself()
        XCTAssertEqual(user.email, standIn.info.email)
        XCTAssertEqual(browser.visits(waitingFor: 1).count, 1)
    }

    func testAsyncTypesAreSendable() {
        func requireSendable<T: Sendable>(_: T.Type) {}
        requireSendable(AsyncClient.self)
        requireSendable((any DownloadProgress).self)
        requireSendable(ProgressStream.self)
    }

    func testWorkerThreadsDefaultAndBound() throws {
        XCTAssertEqual(try standIn.asyncClient().workerThreads(), 16)
        assertCleverError(try standIn.asyncClient(options: standIn.options(workerThreads: 0))) { error in
            guard case .InvalidInput(let detail) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertTrue(detail.contains("worker_threads"), detail)
        }
    }
}

func milliseconds(since start: DispatchTime) -> Int {
    Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
}

/// Waits (polling every 20 ms) until `condition` holds; fails after `seconds`.
func waitUntil(
    seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () throws -> Bool
) async throws {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while try !condition() {
        guard Date() < deadline else {
            XCTFail("still not so after \(seconds) s", file: file, line: line)
            return
        }
        try await Task.sleep(nanoseconds: 20_000_000)
    }
}

func assertCancellationError<T>(
    _ result: Result<T, any Error>, file: StaticString = #filePath, line: UInt = #line
) {
    switch result {
    case .success(let value):
        XCTFail("the cancelled call returned \(value)", file: file, line: line)
    case .failure(let error):
        XCTAssertTrue(error is CancellationError, "expected CancellationError, got \(error)", file: file, line: line)
    }
}

/// On the main actor: the README's `ProfileModel` loads while a ticker ticks. The email loaded,
/// the ticks during the call, and the call's milliseconds.
@MainActor
func loadWhileTicking(client: AsyncClient) async throws -> (String?, Int, Int) {
    let model = ProfileModel(client: client)
    let ticker = MainActorTicker()
    ticker.start()
    let started = DispatchTime.now()
    try await model.load()
    let elapsed = milliseconds(since: started)
    return (model.email, ticker.stop(), elapsed)
}

/// Counts up every 10 ms on the main actor, until stopped.
@MainActor
final class MainActorTicker {
    private var ticks = 0
    private var task: Task<Void, Never>?

    func start() {
        task = Task { @MainActor in
            while !Task.isCancelled {
                self.ticks += 1
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
        }
    }

    /// Stops ticking; the ticks so far.
    func stop() -> Int {
        task?.cancel()
        return ticks
    }
}

/// The threads of this process named `cleverkit-worker`, from their Linux names in
/// /proc/self/task/*/comm: Linux keeps 15 bytes of a thread's name, `cleverkit-worke`.
func workerThreadCount() -> Int {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.filter { task in
        let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
        return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == String("cleverkit-worker".prefix(15))
    }.count
}

/// Counts the worker threads every 5 ms on a thread of its own (not one of Swift's pool, which
/// the calls' tasks use), and keeps the peak.
final class ThreadSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var peak = 0
    private var samples = 0
    private let finished = DispatchSemaphore(value: 0)

    func start() {
        Thread {
            while self.lock.locked({ self.running }) {
                let count = workerThreadCount()
                self.lock.locked {
                    self.peak = max(self.peak, count)
                    self.samples += 1
                }
                Thread.sleep(forTimeInterval: 0.005)
            }
            self.finished.signal()
        }.start()
    }

    /// Stops sampling: the most worker threads seen at once, and how many samples were taken.
    func stop() -> (peak: Int, samples: Int) {
        lock.locked { running = false }
        finished.wait()
        return lock.locked { (peak, samples) }
    }
}

/// Keeps every progress update. Called on the thread doing the download, so its state is
/// behind a lock.
final class ProgressRecorder: DownloadProgress, @unchecked Sendable {
    struct Update: Sendable {
        let written: Int64
        let total: Int64?
    }

    private let lock = NSLock()
    private var recorded: [Update] = []

    var updates: [Update] { lock.locked { recorded } }

    func onProgress(written: Int64, total: Int64?) {
        lock.locked { recorded.append(Update(written: written, total: total)) }
    }
}

extension NSLock {
    /// `body` with the lock held (Foundation's own `withLock` needs macOS 14).
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
