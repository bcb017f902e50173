// The local stand-in API (tests/standin/README.md), started once per test process, and a small
// synchronous HTTP helper to drive it and to play the browser in the OAuth dance.
import CleverKit
import Foundation
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the stand-in printed on its first line of stdout: its URLs and every identity it knows
/// (tests/standin/README.md), so that no test hard-codes one.
struct StandInInfo: Decodable, Sendable {
    let api: String
    let bridge: String
    let foreign: String
    let consumerKey: String
    let consumerSecret: String
    let token: String
    let tokenSecret: String
    /// Its signature verifies, then the stand-in answers 401 `token expired`.
    let expiredToken: String
    let expiredTokenSecret: String
    /// clever-tools' own consumer, which the stand-in also accepts.
    let cleverToolsConsumerKey: String
    let cleverToolsConsumerSecret: String
    let apiToken: String
    let apiTokenId: String
    let organisationId: String
    let userId: String
    let email: String
    let name: String
    let password: String
    let mfaCode: String
}

struct StandInError: Error, CustomStringConvertible {
    let description: String
}

/// `target/debug/cleverkit-standin` (or `$CLEVERKIT_STANDIN`), spawned with a stdin pipe that
/// stays open for the whole test process: the stand-in stops when the process exits and the
/// pipe closes. XCTest runs the tests of a process one after another, so sharing one stand-in
/// (reset before each test) is safe.
final class StandIn: @unchecked Sendable {
    let info: StandInInfo
    private let process: Process
    private let stdin: Pipe

    private static let started: Result<StandIn, any Error> = Result { try StandIn() }

    /// The shared stand-in, reset (no faults, no recorded requests).
    static func fresh() throws -> StandIn {
        let standIn = try started.get()
        try standIn.reset()
        return standIn
    }

    private init() throws {
        let path =
            ProcessInfo.processInfo.environment["CLEVERKIT_STANDIN"]
            ?? Vectors.repositoryRoot.appendingPathComponent("target/debug/cleverkit-standin").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw StandInError(description: "no stand-in at \(path): run ./scripts/build-ffi.sh first")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        // One line of JSON, then nothing more on stdout.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw StandInError(description: "the stand-in exited before printing its URLs")
            }
            line.append(chunk)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        info = try decoder.decode(StandInInfo.self, from: line)
    }

    /// Options that send everything to this stand-in; `maxRetries` and the retry delays are
    /// small so that a failing test fails fast.
    func options(
        maxRetries: Int32 = 3, maxRetryWait: TimeInterval = 30, timeout: TimeInterval = 20,
        workerThreads: Int32? = nil
    ) -> ClientOptions {
        ClientOptions(
            apiHost: info.api, bridgeHost: info.bridge, timeout: timeout, maxRetries: maxRetries,
            retryBaseDelay: 0.01, maxRetryWait: maxRetryWait, useEnvironmentProxy: false,
            workerThreads: workerThreads)
    }

    func credentials(tokenSecret: String? = nil) throws -> OAuth1Credentials {
        try OAuth1Credentials(
            consumerKey: info.consumerKey, consumerSecret: info.consumerSecret, token: info.token,
            tokenSecret: tokenSecret ?? info.tokenSecret, signatureMethod: .hmacSha512)
    }

    func oauthClient(tokenSecret: String? = nil, options: ClientOptions? = nil) throws -> Client {
        try Client.withOauth1(
            credentials: try credentials(tokenSecret: tokenSecret), options: options ?? self.options())
    }

    func apiTokenClient(options: ClientOptions? = nil) throws -> Client {
        try Client.withApiToken(apiToken: info.apiToken, options: options ?? self.options())
    }

    /// An `AsyncClient` with the OAuth credentials (HMAC-SHA512), like `oauthClient`.
    func asyncClient(tokenSecret: String? = nil, options: ClientOptions? = nil) throws -> AsyncClient {
        try AsyncClient.withOauth1(
            credentials: try credentials(tokenSecret: tokenSecret), options: options ?? self.options())
    }

    /// Queues a fault (`POST /__standin/faults`), e.g. `["status": 503, "times": 2]`.
    func inject(_ fault: [String: any Sendable]) throws {
        let body = try JSONSerialization.data(withJSONObject: fault)
        let response = try HTTP.send("POST", info.api + "/__standin/faults", body: body)
        guard response.status == 200 else {
            throw StandInError(description: "fault \(fault) refused: \(response.text)")
        }
    }

    func reset() throws {
        let response = try HTTP.send("POST", info.api + "/__standin/reset")
        guard response.status == 204 else {
            throw StandInError(description: "reset answered \(response.status)")
        }
    }

    struct Recorded: Sendable {
        let listener: String
        /// The stand-in's number for the TCP connection the request came on.
        let connection: Int
        let method: String
        let target: String
        let authorization: String?
        let userAgent: String?
        let body: String
    }

    /// The requests recorded since the last reset, in order.
    func requests() throws -> [Recorded] {
        let response = try HTTP.send("GET", info.api + "/__standin/requests")
        let list = try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]] ?? []
        return list.map { entry in
            let headers = entry["headers"] as? [[String]] ?? []
            return Recorded(
                listener: entry["listener"] as? String ?? "",
                connection: entry["connection"] as? Int ?? -1,
                method: entry["method"] as? String ?? "",
                target: entry["target"] as? String ?? "",
                authorization: headers.first { $0.first?.lowercased() == "authorization" }?.last,
                userAgent: headers.first { $0.first?.lowercased() == "user-agent" }?.last,
                body: entry["body"] as? String ?? "")
        }
    }

    /// Client connections open now (`GET /__standin/connections`), the one asking included.
    func openConnections() throws -> Int {
        let response = try HTTP.send("GET", info.api + "/__standin/connections")
        let json = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        guard let open = json?["open"] as? Int else {
            throw StandInError(description: "connections answered \(response.text)")
        }
        return open
    }

    /// Whether the open connections come down to `count` within five seconds.
    func waitForOpenConnections(_ count: Int) throws -> Bool {
        let deadline = Date(timeIntervalSinceNow: 5)
        while try openConnections() != count {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
    }
}

/// Synchronous HTTP over URLSession, with or without following redirects (URLSession follows
/// them by default, on Linux too). A session delegate does all the work, with no completion
/// handler, so that each redirect is put to it.
enum HTTP {
    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    static func send(
        _ method: String, _ url: String, body: Data? = nil, followRedirects: Bool = true,
        timeout: TimeInterval = 30
    ) throws -> Response {
        guard let target = URL(string: url) else {
            throw StandInError(description: "not a URL: \(url)")
        }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        if body != nil {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return try send(request, followRedirects: followRedirects, timeout: timeout)
    }

    /// Sends `request` as it is (its method, headers and body).
    static func send(
        _ request: URLRequest, followRedirects: Bool = true, timeout: TimeInterval = 30
    ) throws -> Response {
        let method = request.httpMethod ?? "GET"
        let url = request.url?.absoluteString ?? ""
        let delegate = Collector(followRedirects: followRedirects)
        let session = URLSession(
            configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        guard delegate.done.wait(timeout: .now() + timeout + 5) == .success else {
            throw StandInError(description: "\(method) \(url): no answer")
        }
        return try delegate.result()
    }

    private final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let followRedirects: Bool
        let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var response: HTTPURLResponse?
        private var data = Data()
        private var error: (any Error)?

        init(followRedirects: Bool) {
            self.followRedirects = followRedirects
        }

        func result() throws -> Response {
            lock.lock()
            defer { lock.unlock() }
            if let error { throw error }
            guard let response else { throw StandInError(description: "no HTTP response") }
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                headers["\(name)"] = "\(value)"
            }
            return Response(status: response.statusCode, headers: headers, body: data)
        }

        func urlSession(
            _ session: URLSession, task: URLSessionTask,
            willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
            completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            if !followRedirects {
                lock.lock()
                self.response = response
                lock.unlock()
            }
            completionHandler(followRedirects ? request : nil)
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
        ) {
            lock.lock()
            self.response = response as? HTTPURLResponse
            lock.unlock()
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            lock.lock()
            self.data.append(data)
            lock.unlock()
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            lock.lock()
            self.error = error
            if self.response == nil { self.response = task.response as? HTTPURLResponse }
            lock.unlock()
            done.signal()
        }
    }
}

/// The query parameters of a URL, decoded.
func queryItems(_ url: String) -> [String: String] {
    var items: [String: String] = [:]
    for item in URLComponents(string: url)?.queryItems ?? [] {
        items[item.name] = item.value ?? ""
    }
    return items
}

/// Asserts that `expression` throws a `CleverError` and hands it to `check`.
func assertCleverError<T>(
    _ expression: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line,
    _ check: (CleverError) -> Void
) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        guard let error = error as? CleverError else {
            return XCTFail("expected a CleverError, got \(error)", file: file, line: line)
        }
        check(error)
    }
}
