import CleverKit
import Foundation
import XCTest

/// README.md's Swift samples are the code of ReadmeSnippets.swift (the last test checks it line
/// for line), and each one runs here against the stand-in, with its identities for the names a
/// sample leaves to the reader; each test asserts what its sample did.
final class ReadmeTests: XCTestCase {
    var standIn: StandIn!
    var directory: URL!
    let samples = ReadmeSamples()

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cleverkit-swift-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The environment variables the core reads set as clever-tools would (the stand-in's token,
    /// hosts and consumer), with a clever-tools.json whose profile "work" is the stand-in's user;
    /// every variable is put back when the test ends. Returns the file's path.
    func setUpCleverToolsEnvironment() throws -> String {
        let info = standIn.info
        let overrides = [
            "API_HOST": info.api, "AUTH_BRIDGE_HOST": info.bridge,
            "OAUTH_CONSUMER_KEY": info.consumerKey, "OAUTH_CONSUMER_SECRET": info.consumerSecret,
        ]
        let work: [String: Any] = [
            "alias": "work", "token": info.token, "secret": info.tokenSecret, "overrides": overrides,
        ]
        let configPath = directory.appendingPathComponent("clever-tools.json").path
        try JSONSerialization.data(withJSONObject: ["version": 1, "profiles": [work]])
            .write(to: URL(fileURLWithPath: configPath))
        let saved = ConfigurationTests.variables.map { name in (name, getenv(name).map { String(cString: $0) }) }
        addTeardownBlock {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        for name in ConfigurationTests.variables { unsetenv(name) }
        let variables = overrides.merging(
            ["CLEVER_TOKEN": info.token, "CLEVER_SECRET": info.tokenSecret, "CONFIGURATION_FILE": configPath]
        ) { $1 }
        for (name, value) in variables { setenv(name, value, 1) }
        return configPath
    }

    func testTheAuthenticationSampleRuns() throws {
        let info = standIn.info
        let clients = try samples.authentication(
            consumerKey: info.consumerKey, consumerSecret: info.consumerSecret, token: info.token,
            tokenSecret: info.tokenSecret, apiToken: info.apiToken, apiHost: info.api, bridgeHost: info.bridge,
            configPath: try setUpCleverToolsEnvironment())
        XCTAssertEqual(try clients.map { try $0.myself().email }, Array(repeating: info.email, count: 5))
        let selfRequests = try standIn.requests().filter { $0.target == "/v2/self" }
        XCTAssertEqual(
            selfRequests.map(\.listener), ["api", "bridge", "api", "api", "api"],
            "OAuth to the API, the API token to the bridge")
        XCTAssertTrue(selfRequests.dropFirst().first?.authorization?.hasPrefix("Bearer ") ?? false)
        for request in selfRequests.prefix(2) {
            XCTAssertTrue(request.userAgent?.hasSuffix("my-app/1.2") ?? false, "\(request.userAgent ?? "none")")
        }
    }

    func testTheDanceSampleRuns() throws {
        var authorizationURL = ""
        let client = try samples.dance(
            consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
            options: standIn.options()
        ) { url in
            authorizationURL = url
            let response = try HTTP.send("GET", url, followRedirects: false)
            return try XCTUnwrap(response.header("Location"), "the authorization page did not redirect")
        }
        XCTAssertTrue(authorizationURL.hasPrefix(standIn.info.api + "/v2/oauth/authorize?"), authorizationURL)
        XCTAssertEqual(try client.myself().email, standIn.info.email)
        XCTAssertEqual(samples.printed.count, 1, "\(samples.printed)")
        XCTAssertNotEqual(samples.printed.first, "no expiration date", "the stand-in's tokens expire in 90 days")
    }

    /// The sample's opener refuses a page that is not https, as the stand-in's is: the login
    /// ends at once with that error, instead of waiting for its 120 s.
    func testTheLoopbackSampleEndsAtOnceWhenItsOpenerThrows() throws {
        let started = Date()
        assertCleverError(
            try samples.loopback(
                consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
                options: standIn.options())
        ) { error in
            guard case .OAuth(.callback, let detail) = error else { return XCTFail("expected OAuth, got \(error)") }
            XCTAssertTrue(detail.contains("refusing to open \(self.standIn.info.api)/v2/oauth/authorize?"), detail)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testTheCallsSampleRuns() throws {
        let info = standIn.info
        let client = try standIn.oauthClient()
        let invoicePath = directory.appendingPathComponent("invoice.pdf").path
        try samples.calls(
            client: client, organisationId: info.organisationId, invoicePath: invoicePath, email: info.email,
            password: info.password, mfaCode: info.mfaCode)
        XCTAssertEqual(samples.printed.first, "\(info.email) 2 4 2", "self, 2 organisations, 4 zones, 2 applications")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: invoicePath)).count, 12345)
        XCTAssertTrue(samples.printed.contains("12345 bytes"), "\(samples.printed)")
        XCTAssertTrue(samples.printed.contains { $0.hasPrefix("200 ") }, "\(samples.printed)")
        XCTAssertTrue(samples.printed.contains { $0.contains("api_token=[redacted]") }, "\(samples.printed)")
        XCTAssertTrue(client.isClosed())

        let recorded = try standIn.requests().map { "\($0.method) \($0.target)" }
        XCTAssertTrue(recorded.contains("GET /v2/summary?filter=a%20b%2Bc"), "\(recorded)")
        XCTAssertEqual(recorded.filter { $0 == "GET /v4/products/zones" }.count, 2, "zones() and requestJson")
        let tokenCalls = recorded.filter { $0.contains("/api-tokens") }
        XCTAssertEqual(tokenCalls.count, 4, "\(tokenCalls)")
        guard tokenCalls.count == 4 else { return }
        let tokenId = try XCTUnwrap(tokenCalls[2].split(separator: "/").last)
        XCTAssertEqual(
            tokenCalls,
            ["POST /api-tokens", "GET /api-tokens", "PUT /api-tokens/\(tokenId)", "DELETE /api-tokens/\(tokenId)"])
        XCTAssertFalse(try standIn.oauthClient().listApiTokens().contains { $0.apiTokenId == tokenId }, "revoked")
    }

    func testTheSigningSampleSignsWhatTheStandInAccepts() throws {
        let info = standIn.info
        let (request, fixed) = try samples.signing(
            consumerKey: info.consumerKey, consumerSecret: info.consumerSecret, token: info.token,
            tokenSecret: info.tokenSecret, url: info.api + "/v2/self")
        let response = try HTTP.send(request)
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertTrue(response.text.contains(info.email), response.text)
        XCTAssertEqual(
            fixed.baseString,
            "POST&https%3A%2F%2Fapi.clever-cloud.com%2Fv2%2Fself&a%3D1%26oauth_consumer_key%3D\(info.consumerKey)"
                + "%26oauth_nonce%3Dabc%26oauth_signature_method%3DHMAC-SHA512%26oauth_timestamp%3D1700000000"
                + "%26oauth_token%3D\(info.token)%26oauth_version%3D1.0")
        let printedCredentials = try XCTUnwrap(samples.printed.first)
        XCTAssertTrue(printedCredentials.contains("consumer_secret=[redacted]"), printedCredentials)
        XCTAssertFalse(printedCredentials.contains(info.consumerSecret), printedCredentials)
    }

    func testTheErrorsSampleTakesTheNotFoundBranch() throws {
        let unknown = "orga_00000000-0000-4000-8000-00000000dead"
        samples.errors(client: try standIn.oauthClient(), organisationId: unknown)
        XCTAssertEqual(samples.printed.count, 1, "\(samples.printed)")
        let line = try XCTUnwrap(samples.printed.first)
        XCTAssertTrue(line.hasPrefix("no such organisation (API code 4004, request "), line)
        XCTAssertFalse(line.hasSuffix("request ?)"), "the stand-in's Sozu-Id is the request id: \(line)")
    }

    func testTheApplicationsSampleRuns() async throws {
        let info = standIn.info
        let commit = "0123456789abcdef0123456789abcdef01234567"
        let before = try standIn.oauthClient().applications(ownerId: info.organisationId)
        try standIn.reset()  // recordings only: the applications stay
        try await samples.applications(
            client: standIn.asyncClient(), organisationId: info.organisationId, commit: commit)
        XCTAssertEqual(samples.printed, ["NODE_ENV=production", "DEPLOY \(commit) OK"])
        // The wait polls the deployment as often as it takes: one line for all its polls.
        let calls = try standIn.requests()
            .map { "\($0.method) \($0.target.split(separator: "?")[0])" }
            .reduce(into: [String]()) { calls, call in
                if call != calls.last || !call.contains("/deployments/") { calls.append(call) }
            }
        let app = try XCTUnwrap(
            calls.first { $0.hasPrefix("PUT ") }?.split(separator: "/").dropFirst(5).first, "\(calls)")
        let path = "/v2/organisations/\(info.organisationId)/applications"
        let deploymentId = try XCTUnwrap(
            calls.first { $0.contains("/deployments/") }?.split(separator: "/").last, "\(calls)")
        XCTAssertEqual(
            calls,
            [
                "GET /v2/products/instances", "POST \(path)", "PUT \(path)/\(app)",
                "PUT \(path)/\(app)/env/NODE_ENV", "GET \(path)/\(app)/env",
                "PUT \(path)/\(app)/vhosts/orders.example.com", "PUT \(path)/\(app)/vhosts/favourite",
                "POST \(path)/\(app)/instances", "GET \(path)/\(app)/deployments/\(deploymentId)",
                "DELETE \(path)/\(app)/instances", "DELETE \(path)/\(app)",
            ])
        let after = try standIn.oauthClient().applications(ownerId: info.organisationId)
        XCTAssertEqual(after, before, "the sample deletes the application it created")
    }

    func testTheAsyncSamplesRun() async throws {
        let invoicePath = directory.appendingPathComponent("invoice.pdf").path
        try await readmeAsync(
            credentials: standIn.credentials(), options: standIn.options(),
            organisationId: standIn.info.organisationId, invoicePath: invoicePath)
        XCTAssertFalse(FileManager.default.fileExists(atPath: invoicePath), "the download was cancelled")
        let targets = try standIn.requests().map(\.target)
        XCTAssertEqual(targets.filter { $0 == "/v2/self" }.count, 1, "\(targets)")
        XCTAssertEqual(targets.filter { $0.hasSuffix("/applications") }.count, 2, "\(targets)")

        try await readmeProgress(
            client: standIn.asyncClient(), organisationId: standIn.info.organisationId,
            invoicePath: invoicePath)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: invoicePath)).count, 12345)
    }

    func testTheMainActorSampleRuns() async throws {
        let client = try standIn.asyncClient()
        let (before, after) = try await { @MainActor in
            let model = ProfileModel(client: client)
            let before = model.email
            try await model.load()
            return (before, model.email)
        }()
        XCTAssertNil(before)
        XCTAssertEqual(after, standIn.info.email)
    }

    func testEverySwiftSampleOfTheReadmeIsInReadmeSnippets() throws {
        let package = Vectors.repositoryRoot.appendingPathComponent("bindings/swift")
        let readme = try String(contentsOf: package.appendingPathComponent("README.md"), encoding: .utf8)
        let snippets = try String(
            contentsOf: package.appendingPathComponent("Tests/CleverKitTests/ReadmeSnippets.swift"),
            encoding: .utf8)
        let compiled = trimmedLines(snippets)
        // The manifest excerpt is for an app's Package.swift, not code to compile here.
        let samples = swiftBlocks(readme).filter { !$0.contains("// Package.swift of your app") }
        XCTAssertGreaterThanOrEqual(samples.count, 10, "the README's Swift samples were not found")
        for sample in samples {
            // Line for line, in order; the snippets may add lines (`_ = …`, `print`).
            var position = compiled.startIndex
            for line in trimmedLines(sample) {
                guard let found = compiled[position...].firstIndex(of: line) else {
                    XCTFail("this README line is not in ReadmeSnippets.swift, in this order:\n\(line)")
                    break
                }
                position = compiled.index(after: found)
            }
        }
    }

    /// The text of each ```swift block of a Markdown document.
    func swiftBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let lines = current {
                if line.hasPrefix("```") {
                    blocks.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    current = lines + [line]
                }
            } else if line == "```swift" {
                current = []
            }
        }
        return blocks
    }

    /// The non-empty lines of `text`, without their indentation.
    func trimmedLines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
