import CleverKit
import Foundation
import XCTest

/// Credentials found the way clever-tools finds them (`fromEnvironment`, `fromConfigFile`), and
/// which source wins: an explicit file or profile over the environment's credentials, the
/// environment over a profile's overrides, explicit options over everything. The variables are
/// set in this process, where the core reads them, and put back after each test (XCTest runs
/// one test at a time).
final class ConfigurationTests: XCTestCase {
    var standIn: StandIn!
    var directory: URL!
    /// A clever-tools.json with three profiles: "other" (active, a made-up token); "t" (the
    /// stand-in's user, hosts overridden to the stand-in, clever-tools' consumer); "c" (the same
    /// with the stand-in's own consumer as an override too).
    var config: URL!

    /// Every variable the core reads, unset for each test unless it sets one.
    static let variables = [
        "CLEVER_TOKEN", "CLEVER_SECRET", "CLEVER_API_TOKEN", "API_HOST", "AUTH_BRIDGE_HOST",
        "OAUTH_CONSUMER_KEY", "OAUTH_CONSUMER_SECRET", "CONFIGURATION_FILE", "XDG_CONFIG_HOME",
    ]
    private var saved: [(String, String?)] = []

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
        saved = Self.variables.map { name in (name, getenv(name).map { String(cString: $0) }) }
        for name in Self.variables { unsetenv(name) }
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cleverkit-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let info = standIn.info
        let profile: [String: Any] = [
            "alias": "t", "token": info.token, "secret": info.tokenSecret,
            "overrides": ["API_HOST": info.api, "AUTH_BRIDGE_HOST": info.bridge],
        ]
        let withConsumer: [String: Any] = [
            "alias": "c", "token": info.token, "secret": info.tokenSecret,
            "overrides": [
                "API_HOST": info.api, "AUTH_BRIDGE_HOST": info.bridge,
                "OAUTH_CONSUMER_KEY": info.consumerKey, "OAUTH_CONSUMER_SECRET": info.consumerSecret,
            ],
        ]
        let other: [String: Any] = ["alias": "other", "token": "made-up", "secret": "made-up"]
        config = directory.appendingPathComponent("clever-tools.json")
        try JSONSerialization.data(
            withJSONObject: ["version": 1, "profiles": [other, profile, withConsumer]]
        ).write(to: config)
    }

    override func tearDownWithError() throws {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    func set(_ variables: [String: String]) {
        for (name, value) in variables { setenv(name, value, 1) }
    }

    /// The expired token in CLEVER_TOKEN + CLEVER_SECRET: a client that used them would get 401.
    func setExpiredTokenInTheEnvironment() {
        set(["CLEVER_TOKEN": standIn.info.expiredToken, "CLEVER_SECRET": standIn.info.expiredTokenSecret])
    }

    /// Asserts that `client` is the stand-in user's, signing with clever-tools' consumer unless
    /// `consumerKey` says otherwise.
    func assertSignsAsTheProfile(
        _ client: Client, consumerKey: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let info = standIn.info
        XCTAssertEqual(try client.myself().id, info.userId, file: file, line: line)
        let sent = try XCTUnwrap(try standIn.requests().last, file: file, line: line)
        let params = try XCTUnwrap(parseAuthorizationHeader(sent.authorization ?? ""), file: file, line: line)
        let value = { (name: String) in params.first { $0.0 == name }?.1 }
        XCTAssertEqual(value("oauth_token"), info.token, file: file, line: line)
        XCTAssertEqual(
            value("oauth_consumer_key"), consumerKey ?? info.cleverToolsConsumerKey, file: file, line: line)
    }

    func testFromConfigFile() throws {
        let info = standIn.info
        let client = try Client.fromConfigFile(path: config.path, profile: "t")
        XCTAssertEqual(
            client.description,
            "Client(api_host=\(info.api), bridge_host=\(info.bridge), oauth1 consumer_key=\(info.cleverToolsConsumerKey))")
        try assertSignsAsTheProfile(client)
        XCTAssertFalse(try client.listApiTokens().isEmpty, "the bridge override applies too")
        try assertSignsAsTheProfile(
            try Client.fromConfigFile(path: config.path, profile: "c"), consumerKey: info.consumerKey)

        // Options given explicitly are kept (here: no retries), the hosts still come from the file.
        let noRetries = try Client.fromConfigFile(
            path: config.path, profile: "t", options: ClientOptions(maxRetries: 0))
        try standIn.inject(["status": 503, "retry_after": "0", "path_prefix": "/v2/self"])
        assertCleverError(try noRetries.myself()) {
            guard case .Http(let status, _, _, _, _) = $0, status == 503 else {
                return XCTFail("expected Http 503, got \($0)")
            }
        }
    }

    /// An explicit file, or an explicit profile, is used even when CLEVER_TOKEN and
    /// CLEVER_SECRET hold credentials.
    func testAnExplicitFileOrProfileWinsOverTheEnvironmentsCredentials() throws {
        setExpiredTokenInTheEnvironment()
        try assertSignsAsTheProfile(try Client.fromConfigFile(path: config.path, profile: "t"))

        set(["CONFIGURATION_FILE": config.path])
        try assertSignsAsTheProfile(try Client.fromEnvironment(profile: "t"))

        // Without a profile, the environment's credentials come first.
        let fromVariables = try Client.fromEnvironment(options: standIn.options())
        assertCleverError(try fromVariables.myself()) {
            guard case .Unauthorized(let detail, _, _, _) = $0 else {
                return XCTFail("expected Unauthorized, got \($0)")
            }
            XCTAssertTrue(detail.contains("token expired"), detail)
        }
    }

    func testAMissingFileIsAConfigErrorNamingIt() throws {
        setExpiredTokenInTheEnvironment()
        let missing = directory.appendingPathComponent("missing.json").path
        assertCleverError(try Client.fromConfigFile(path: missing)) {
            guard case .Config(let detail) = $0 else { return XCTFail("expected Config, got \($0)") }
            XCTAssertTrue(detail.contains(missing), detail)
        }
        set(["CONFIGURATION_FILE": missing])
        assertCleverError(try Client.fromEnvironment(profile: "t")) {
            guard case .Config(let detail) = $0 else { return XCTFail("expected Config, got \($0)") }
            XCTAssertTrue(detail.contains(missing), detail)
        }
    }

    func testAnUnknownProfileIsAConfigErrorNamingIt() throws {
        setExpiredTokenInTheEnvironment()
        assertCleverError(try Client.fromConfigFile(path: config.path, profile: "nobody")) {
            guard case .Config(let detail) = $0 else { return XCTFail("expected Config, got \($0)") }
            XCTAssertTrue(detail.contains(#""nobody""#), detail)
            XCTAssertTrue(detail.contains(self.config.path), detail)
        }
        set(["CONFIGURATION_FILE": config.path])
        assertCleverError(try Client.fromEnvironment(profile: "nobody")) {
            guard case .Config(let detail) = $0 else { return XCTFail("expected Config, got \($0)") }
            XCTAssertTrue(detail.contains(#""nobody""#), detail)
        }
    }

    /// Hosts set in `ClientOptions` win over a profile's overrides and the variables, even when
    /// they are Clever Cloud's own; hosts left unset take them.
    func testExplicitHostsWinEvenWhenTheyAreTheDefaults() throws {
        let info = standIn.info
        let defaults = ClientOptions(
            apiHost: "https://api.clever-cloud.com", bridgeHost: "https://api-bridge.clever-cloud.com")
        let fromFile = try Client.fromConfigFile(path: config.path, profile: "t", options: defaults)
        XCTAssertTrue(
            fromFile.description.hasPrefix(
                "Client(api_host=https://api.clever-cloud.com, bridge_host=https://api-bridge.clever-cloud.com,"),
            fromFile.description)
        let apiOnly = try Client.fromConfigFile(
            path: config.path, profile: "t", options: ClientOptions(apiHost: "https://api.clever-cloud.com"))
        XCTAssertTrue(
            apiOnly.description.hasPrefix(
                "Client(api_host=https://api.clever-cloud.com, bridge_host=\(info.bridge),"),
            apiOnly.description)

        set(["CLEVER_API_TOKEN": info.apiToken, "API_HOST": info.api, "AUTH_BRIDGE_HOST": info.bridge])
        XCTAssertEqual(
            try Client.fromEnvironment().description,
            "Client(api_host=\(info.api), bridge_host=\(info.bridge), api_token=[redacted])")
        XCTAssertEqual(
            try Client.fromEnvironment(options: defaults).description,
            "Client(api_host=https://api.clever-cloud.com, bridge_host=https://api-bridge.clever-cloud.com, api_token=[redacted])"
        )
    }

    /// The variables clever-tools reads, with the stand-in's own consumer.
    func testFromEnvironment() throws {
        let info = standIn.info
        set([
            "CLEVER_TOKEN": info.token, "CLEVER_SECRET": info.tokenSecret, "API_HOST": info.api,
            "AUTH_BRIDGE_HOST": info.bridge, "OAUTH_CONSUMER_KEY": info.consumerKey,
            "OAUTH_CONSUMER_SECRET": info.consumerSecret,
        ])
        let client = try Client.fromEnvironment()
        XCTAssertEqual(try client.myself().email, info.email)
        XCTAssertTrue(client.description.hasSuffix("oauth1 consumer_key=\(info.consumerKey))"), client.description)

        unsetenv("CLEVER_SECRET")
        assertCleverError(try Client.fromEnvironment()) {
            guard case .Config(let detail) = $0 else { return XCTFail("expected Config, got \($0)") }
            XCTAssertTrue(detail.contains("CLEVER_SECRET"), detail)
        }
    }
}
