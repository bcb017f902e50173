import CleverKit
import Foundation
import XCTest

/// The client against the local stand-in API: every typed call with both kinds of credentials,
/// the generic request, downloads, options and their defaults, `close()`, sharing across threads.
final class ClientTests: XCTestCase {
    var standIn: StandIn!
    var directory: URL!

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cleverkit-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testTypedCallsWithOAuthHmacSha512() throws {
        let client = try standIn.oauthClient()
        try exerciseTypedCalls(client)
        let recorded = try standIn.requests()
        let selfRequests = recorded.filter { $0.target == "/v2/self" }
        XCTAssertFalse(selfRequests.isEmpty)
        for request in selfRequests where request.authorization?.hasPrefix("OAuth ") == true {
            XCTAssertEqual(request.listener, "api")
            XCTAssertTrue(
                request.authorization!.contains(#"oauth_signature_method="HMAC-SHA512""#),
                request.authorization!)
        }
        // The bridge only takes PLAINTEXT among OAuth signatures: the client switches for it.
        let list = try XCTUnwrap(recorded.first { $0.method == "GET" && $0.target == "/api-tokens" })
        XCTAssertEqual(list.listener, "bridge")
        XCTAssertTrue(list.authorization?.contains(#"oauth_signature_method="PLAINTEXT""#) ?? false)
    }

    func testTypedCallsWithAnApiToken() throws {
        let client = try standIn.apiTokenClient()
        try exerciseTypedCalls(client)
        let recorded = try standIn.requests()
        XCTAssertFalse(recorded.isEmpty)
        for request in recorded where request.target.hasPrefix("/v") {
            XCTAssertEqual(request.listener, "bridge", "\(request.method) \(request.target)")
            XCTAssertTrue(request.authorization?.hasPrefix("Bearer ") ?? false, request.target)
        }
    }

    func exerciseTypedCalls(_ client: Client, file: StaticString = #filePath, line: UInt = #line) throws {
        let info = standIn.info
        let user = try client.myself()
        XCTAssertEqual(user.id, info.userId, file: file, line: line)
        XCTAssertEqual(user.email, info.email, file: file, line: line)
        XCTAssertEqual(user.name, info.name, file: file, line: line)
        XCTAssertEqual(user.creationDate, Date(timeIntervalSince1970: 1_700_000_000), file: file, line: line)

        let summary = try client.summary()
        XCTAssertEqual(summary.user, user, file: file, line: line)
        XCTAssertEqual(
            Set(summary.organisations.map(\.id)), [info.userId, info.organisationId], file: file, line: line)
        let shared = try XCTUnwrap(summary.organisations.first { $0.id == info.organisationId })
        XCTAssertEqual(
            Set(shared.applications.map(\.name)), ["engine-api", "engine-worker"], file: file, line: line)

        let zones = try client.zones()
        XCTAssertEqual(Set(zones.map(\.name)), ["par", "rbx", "mtl", "scw"], file: file, line: line)
        let paris = try XCTUnwrap(zones.first { $0.name == "par" })
        XCTAssertNotNil(paris.city, file: file, line: line)
        XCTAssertFalse(paris.outboundIps.isEmpty, file: file, line: line)
        let scw = try XCTUnwrap(zones.first { $0.name == "scw" })
        XCTAssertNil(scw.city, "scw has no city", file: file, line: line)
        XCTAssertNil(scw.lat, file: file, line: line)
        XCTAssertEqual(scw.outboundIps, [], file: file, line: line)

        let applications = try client.applications(ownerId: info.organisationId)
        XCTAssertEqual(
            Set(applications.map(\.name)), ["engine-api", "engine-worker"], file: file, line: line)
        XCTAssertTrue(applications.allSatisfy { $0.ownerId == info.organisationId }, file: file, line: line)

        let invoice = directory.appendingPathComponent("invoice-4096.pdf")
        let written = try client.downloadInvoice(
            organisationId: info.organisationId, invoiceNumber: "4096", destination: invoice.path)
        XCTAssertEqual(written, 4096, file: file, line: line)
        let pdf = try Data(contentsOf: invoice)
        XCTAssertEqual(pdf.count, 4096, file: file, line: line)
        XCTAssertTrue(pdf.starts(with: Data("%PDF-1.4\n".utf8)), file: file, line: line)

        let tokens = try client.listApiTokens()
        XCTAssertTrue(
            tokens.contains { $0.apiTokenId == info.apiTokenId },
            "\(tokens)", file: file, line: line)

        let expiration = Date().addingTimeInterval(7 * 24 * 3600)
        let created = try client.createApiToken(
            email: info.email, password: info.password, name: "swift-test",
            expiration: expiration, mfaCode: info.mfaCode, description: "from XCTest")
        let value = created.apiToken()
        XCTAssertFalse(value.isEmpty, file: file, line: line)
        XCTAssertEqual(created.token().name, "swift-test", file: file, line: line)
        XCTAssertEqual(created.token().state, "ACTIVE", file: file, line: line)
        XCTAssertEqual(
            created.token().expirationDate?.timeIntervalSince1970 ?? 0, expiration.timeIntervalSince1970,
            accuracy: 1, file: file, line: line)
        let id = created.token().apiTokenId

        let updated = try client.updateApiToken(apiTokenId: id, name: "swift-renamed", description: "renamed")
        XCTAssertEqual(updated.apiTokenId, id, file: file, line: line)
        XCTAssertEqual(updated.name, "swift-renamed", file: file, line: line)
        XCTAssertEqual(updated.description, "renamed", file: file, line: line)
        XCTAssertTrue(try client.listApiTokens().contains { $0.apiTokenId == id }, file: file, line: line)

        let withNewToken = try Client.withApiToken(apiToken: value, options: standIn.options())
        XCTAssertEqual(try withNewToken.myself().id, info.userId, file: file, line: line)
        try client.revokeApiToken(apiTokenId: id)
        assertCleverError(try withNewToken.myself(), file: file, line: line) { error in
            guard case .Unauthorized = error else {
                return XCTFail("expected Unauthorized, got \(error)", file: file, line: line)
            }
        }
        assertCleverError(try client.revokeApiToken(apiTokenId: id), file: file, line: line) { error in
            guard case .NotFound = error else {
                return XCTFail("expected NotFound, got \(error)", file: file, line: line)
            }
        }
    }

    /// Query values with a space, `+`, `&`, `=`, non-ASCII characters and a repeated key: the
    /// stand-in checks the HMAC-SHA512 signature over the URL it received, so a 200 means the
    /// client signed exactly what it sent.
    func testGenericRequestWithAwkwardQueryParameters() throws {
        let client = try standIn.oauthClient()
        let query = [
            Param(name: "q", value: "a b"),
            Param(name: "plus", value: "1+1=2"),
            Param(name: "amp", value: "x&y"),
            Param(name: "unicode", value: "café ☃ 日本"),
            Param(name: "tag", value: "one"),
            Param(name: "tag", value: "two"),
            Param(name: "empty", value: ""),
        ]
        let response = try client.request(
            method: "GET", path: "/v2/self", query: query,
            headers: [Param(name: "X-Swift-Test", value: "yes")])
        XCTAssertEqual(response.status, 200)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        XCTAssertEqual(json["email"] as? String, standIn.info.email)
        XCTAssertNotNil(json["standinUnknownField"], "the generic request returns the body as is")
        XCTAssertTrue(response.headers.contains { $0.name.lowercased() == "sozu-id" })

        let sent = try XCTUnwrap(try standIn.requests().last)
        // The library names the language it was loaded from.
        let userAgent = try XCTUnwrap(sent.userAgent)
        XCTAssertTrue(userAgent.hasPrefix("cleverkit/") && userAgent.hasSuffix(" swift"), userAgent)
        let target = sent.target
        for encoded in [
            "q=a%20b", "plus=1%2B1%3D2", "amp=x%26y", "unicode=caf%C3%A9%20%E2%98%83%20%E6%97%A5%E6%9C%AC",
            "tag=one", "tag=two", "empty=",
        ] {
            XCTAssertTrue(target.contains(encoded), "\(encoded) not in \(target)")
        }

        // The same through an absolute URL on the configured host, and on the bridge.
        let absolute = try client.request(
            method: "GET", path: standIn.info.api + "/v2/self", query: [Param(name: "k", value: "ü+ü")])
        XCTAssertEqual(absolute.status, 200)
        let bridge = try client.request(method: "GET", path: standIn.info.bridge + "/v2/self")
        XCTAssertEqual(bridge.status, 200)
    }

    func testRequestJson() throws {
        for client in [try standIn.oauthClient(), try standIn.apiTokenClient()] {
            let text = try client.requestJson(method: "GET", path: "/v2/self")
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            XCTAssertEqual(json["id"] as? String, standIn.info.userId)
        }
        // A JSON body, on the bridge (absolute URL).
        let client = try standIn.apiTokenClient()
        let id = standIn.info.apiTokenId
        let text = try client.requestJson(
            method: "PUT", path: standIn.info.bridge + "/api-tokens/\(id)",
            jsonBody: #"{"name":"renamed by requestJson","description":"ü"}"#)
        XCTAssertTrue(text.contains("renamed by requestJson"), text)
        assertCleverError(try client.requestJson(method: "GET", path: "v2/self")) {
            guard case .InvalidInput = $0 else { return XCTFail("expected InvalidInput, got \($0)") }
        }
    }

    func testDownloadInvoiceOfOneMebibyte() throws {
        let destination = directory.appendingPathComponent("invoice.pdf")
        let written = try standIn.oauthClient().downloadInvoice(
            organisationId: standIn.info.organisationId, invoiceNumber: "1048576",
            destination: destination.path)
        XCTAssertEqual(written, 1_048_576)
        let pdf = try Data(contentsOf: destination)
        XCTAssertEqual(pdf.count, 1_048_576)
        XCTAssertTrue(pdf.starts(with: Data("%PDF-1.4\n".utf8)))
        XCTAssertEqual(pdf.suffix(6), Data("%%EOF\n".utf8))
    }

    func testDownloadInvoiceFromTheLegacyPath() throws {
        let destination = directory.appendingPathComponent("legacy.pdf")
        let written = try standIn.apiTokenClient().downloadInvoice(
            organisationId: standIn.info.organisationId, invoiceNumber: "L4096",
            destination: destination.path)
        XCTAssertEqual(written, 4096)
        XCTAssertEqual(try Data(contentsOf: destination).count, 4096)
    }

    /// A local failure is `Io`, in the system's words, without the temporary file's name.
    func testADownloadIntoAMissingFolderIsIo() throws {
        let destination = directory.appendingPathComponent("missing/invoice.pdf")
        assertCleverError(
            try standIn.oauthClient().downloadInvoice(
                organisationId: standIn.info.organisationId, invoiceNumber: "4096",
                destination: destination.path)
        ) { error in
            guard case .Io(let detail) = error else { return XCTFail("expected Io, got \(error)") }
            XCTAssertEqual(error.localizedDescription, "local I/O error: \(detail)")
            XCTAssertFalse(detail.contains(".cleverkit-download-"), detail)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    /// A download cut midway starts again (within `maxRetries`) and delivers the whole file.
    func testACutDownloadIsRetriedWhole() throws {
        try standIn.inject(["action": "reset_mid_body", "after_bytes": 100_000, "path_prefix": "/v4/billing"])
        let destination = directory.appendingPathComponent("retried.pdf")
        let written = try standIn.oauthClient().downloadInvoice(
            organisationId: standIn.info.organisationId, invoiceNumber: "1048576",
            destination: destination.path)
        XCTAssertEqual(written, 1_048_576)
        XCTAssertEqual(try Data(contentsOf: destination).count, 1_048_576)
        XCTAssertEqual(try standIn.requests().filter { $0.target.hasPrefix("/v4/billing") }.count, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["retried.pdf"])
    }

    func testInterruptedDownloadWithoutRetriesIsTransportAndLeavesNoFile() throws {
        try standIn.inject(["action": "reset_mid_body", "after_bytes": 100_000, "path_prefix": "/v4/billing"])
        let destination = directory.appendingPathComponent("cut.pdf")
        assertCleverError(
            try standIn.oauthClient(options: standIn.options(maxRetries: 0)).downloadInvoice(
                organisationId: standIn.info.organisationId, invoiceNumber: "1048576",
                destination: destination.path)
        ) { error in
            guard case .Transport(let kind, let detail) = error else {
                return XCTFail("expected Transport, got \(error)")
            }
            XCTAssertEqual(kind, .interrupted, detail)
            XCTAssertEqual(error.localizedDescription, "connection interrupted: \(detail)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination.path))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: directory.path), [],
            "no partial file is left behind")
    }

    /// One client shared by 8 threads, 200 calls each.
    func testOneClientSharedByEightThreads() throws {
        let client = try standIn.oauthClient(options: standIn.options(maxRetries: 0))
        let failures = Failures()
        let group = DispatchGroup()
        let userId = standIn.info.userId
        for worker in 0..<8 {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                for call in 0..<200 {
                    do {
                        let id = call % 2 == 0 ? try client.myself().id : try client.summary().user.id
                        if id != userId { failures.add("worker \(worker) call \(call): user \(id)") }
                    } catch {
                        failures.add("worker \(worker) call \(call): \(error)")
                    }
                }
            }
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 300), .success, "workers did not finish")
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try standIn.requests().count, 1600)
    }

    func testSharedTypesAreSendable() {
        func requireSendable<T: Sendable>(_: T.Type) {}
        requireSendable(Client.self)
        requireSendable(ClientOptions.self)
        requireSendable(OAuth1Credentials.self)
        requireSendable(CreatedApiToken.self)
        requireSendable(OAuthDance.self)
        requireSendable(RequestToken.self)
        requireSendable(CleverError.self)
        requireSendable(HttpResponse.self)
        requireSendable(Param.self)
        requireSendable(User.self)
        requireSendable(Summary.self)
        requireSendable(Zone.self)
        requireSendable(Application.self)
        requireSendable(ApiToken.self)
        requireSendable((any UrlOpener).self)
    }

    /// Every option is unset by default, and the core fills in its own defaults: Clever Cloud's
    /// hosts.
    func testClientOptionsAreUnsetByDefault() throws {
        let options = Mirror(reflecting: ClientOptions()).children
        XCTAssertEqual(options.count, 16)
        for option in options {
            let value = Mirror(reflecting: option.value)
            XCTAssertTrue(
                value.displayStyle == .optional && value.children.isEmpty,
                "\(option.label ?? "?") = \(option.value)")
        }
        XCTAssertEqual(
            try Client.withApiToken(apiToken: standIn.info.apiToken).description,
            "Client(api_host=https://api.clever-cloud.com, bridge_host=https://api-bridge.clever-cloud.com, api_token=[redacted])"
        )
        assertCleverError(try Client.withApiToken(apiToken: "")) {
            guard case .InvalidInput = $0 else { return XCTFail("expected InvalidInput, got \($0)") }
        }
    }

    func testDescriptionShowsTheHostsAndTheConsumerKey() throws {
        let info = standIn.info
        XCTAssertEqual(
            try standIn.oauthClient().description,
            "Client(api_host=\(info.api), bridge_host=\(info.bridge), oauth1 consumer_key=\(info.consumerKey))")
    }

    /// `close()` lets go of the Rust client and its pooled connections at once; later calls throw.
    func testCloseReleasesTheClientAndLaterCallsThrow() throws {
        let client = try standIn.oauthClient()
        XCTAssertEqual(try client.myself().id, standIn.info.userId)
        XCTAssertFalse(client.isClosed())
        XCTAssertGreaterThanOrEqual(try standIn.openConnections(), 2, "the client's idle connection")

        client.close()
        XCTAssertTrue(client.isClosed())
        XCTAssertEqual(client.description, "Client(closed)")
        XCTAssertTrue(
            try standIn.waitForOpenConnections(1), "the idle connection is closed with the client")
        assertCleverError(try client.myself()) {
            guard case .InvalidInput(let detail) = $0 else {
                return XCTFail("expected InvalidInput, got \($0)")
            }
            XCTAssertEqual(detail, "the client is closed")
        }
        assertCleverError(try client.request(method: "GET", path: "/v2/self")) {
            guard case .InvalidInput = $0 else { return XCTFail("expected InvalidInput, got \($0)") }
        }
        client.close()  // again: nothing happens
        XCTAssertTrue(client.isClosed())
        XCTAssertEqual(try standIn.requests().count, 1, "nothing was sent once closed")
    }

    func testACallInProgressFinishesWhenTheClientIsClosed() throws {
        try standIn.inject(["action": "delay", "before_headers_ms": 1000, "path_prefix": "/v2/self"])
        let client = try standIn.oauthClient()
        let outcome = Outcome<User>()
        let thread = Thread { outcome.set(Result { try client.myself() }) }
        thread.start()
        Thread.sleep(forTimeInterval: 0.3)
        client.close()
        let user = try XCTUnwrap(outcome.wait(timeout: 20)).get()
        XCTAssertEqual(user.id, standIn.info.userId)
        XCTAssertTrue(client.isClosed())
    }
}

/// The result of a call made on another thread.
final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    func set(_ result: Result<Value, any Error>) {
        condition.lock()
        self.result = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result, or nil if none came within `timeout` seconds.
    func wait(timeout: TimeInterval) -> Result<Value, any Error>? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while result == nil && condition.wait(until: deadline) {}
        return result
    }
}

/// Failure messages collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(messages.prefix(20))
    }
}
