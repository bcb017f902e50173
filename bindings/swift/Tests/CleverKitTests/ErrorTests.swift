import CleverKit
import Foundation
import XCTest

/// Every failure arrives as its own `CleverError` case, with its fields; retries; secrets never
/// show in what prints.
final class ErrorTests: XCTestCase {
    var standIn: StandIn!

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
    }

    func testUnknownOrganisationIsNotFoundWithTheApisCodeAndARequestId() throws {
        assertCleverError(try standIn.oauthClient().applications(ownerId: "orga_unknown")) { error in
            guard case .NotFound(let detail, let code, let requestId) = error else {
                return XCTFail("expected NotFound, got \(error)")
            }
            XCTAssertEqual(detail, "organisation orga_unknown not found")
            XCTAssertEqual(code, "4004", "the v2 error body's id")
            XCTAssertFalse(requestId?.isEmpty ?? true, "the Sozu-Id header is the request id")
        }
    }

    /// Every string form of an error is the core's sentence, the same in every language:
    /// `description`, interpolation, `String(reflecting:)` and Foundation's `localizedDescription`.
    func testErrorsReadAsTheCoresSentence() throws {
        assertCleverError(try standIn.oauthClient().applications(ownerId: "orga_unknown")) { error in
            guard case .NotFound(_, _, let requestId?) = error else {
                return XCTFail("expected NotFound with a request id, got \(error)")
            }
            let sentence = "HTTP 404 Not Found: organisation orga_unknown not found (API code 4004, request id \(requestId))"
            XCTAssertEqual(error.description, sentence)
            XCTAssertEqual("\(error)", sentence)
            XCTAssertEqual(String(reflecting: error), sentence)
            XCTAssertEqual(error.localizedDescription, sentence)
            XCTAssertEqual((error as any Error).localizedDescription, sentence, "as an existential too")
            XCTAssertEqual((error as NSError).localizedDescription, sentence, "bridged to NSError")
            XCTAssertEqual(errorMessage(error: error), sentence, "the FFI's own function agrees")
        }
    }

    /// The sentences of the issue, built from the errors' fields by the core.
    func testSentencesOfEachCase() {
        let expiry = Date(timeIntervalSince1970: 1_772_359_200)  // 2026-03-01T10:00:00Z
        let cases: [(CleverError, String)] = [
            (.NotFound(detail: "organisation orga_x not found", code: "4004", requestId: "3f62"),
             "HTTP 404 Not Found: organisation orga_x not found (API code 4004, request id 3f62)"),
            (.Forbidden(detail: "not a member", code: nil, requestId: "3f62"),
             "HTTP 403 Forbidden: not a member (request id 3f62)"),
            (.Unauthorized(detail: "token expired", expiredAt: expiry, code: nil, requestId: nil),
             "unauthorized: the token expired at 2026-03-01T10:00:00Z, log in again"),
            (.Unauthorized(detail: "bad signature", expiredAt: nil, code: "4001", requestId: nil),
             "HTTP 401 Unauthorized: bad signature; log in again or check the credentials (API code 4001)"),
            (.RateLimited(retryAfter: 30, requestId: nil), "rate limited: retry after 30 s"),
            (.Http(status: 500, code: "internal-server-error", detail: "boom", requestId: nil, body: nil),
             "HTTP 500 Internal Server Error: boom (API code internal-server-error)"),
            (.Transport(kind: .connect, detail: "http://127.0.0.1:1/v2/self: Connection refused"),
             "connection failed: http://127.0.0.1:1/v2/self: Connection refused"),
            (.Transport(kind: .certificate, detail: "unknown issuer"), "certificate not trusted: unknown issuer"),
            (.Timeout(detail: "no answer"), "timed out: no answer"),
            (.Io(detail: "No such file or directory"), "local I/O error: No such file or directory"),
            (.Config(detail: "no profile nope"), "configuration error: no profile nope"),
            (.InvalidInput(detail: "max_retries -1 is negative or too large"),
             "invalid input: max_retries -1 is negative or too large"),
            (.OAuth(step: .accessToken, detail: "refused"), "OAuth access_token failed: refused"),
        ]
        for (error, sentence) in cases {
            XCTAssertEqual(error.localizedDescription, sentence)
            XCTAssertEqual("\(error)", sentence)
        }
    }

    /// Counts and sizes are signed (Java has no unsigned types); a negative one is refused when
    /// the client is built, naming the option.
    func testANegativeOptionIsInvalidInputAtConstruction() {
        let options: [(ClientOptions, String)] = [
            (ClientOptions(maxRetries: -1), "max_retries -1"),
            (ClientOptions(maxResponseBytes: -5), "max_response_bytes -5"),
            (ClientOptions(maxIdleConnections: -2), "max_idle_connections -2"),
        ]
        for (options, named) in options {
            assertCleverError(try Client.withApiToken(apiToken: "t0ken-value", options: options)) { error in
                guard case .InvalidInput(let detail) = error else {
                    return XCTFail("expected InvalidInput, got \(error)")
                }
                XCTAssertTrue(detail.contains(named), detail)
                XCTAssertFalse(error.description.contains("t0ken-value"), error.description)
            }
        }
    }

    func testWrongTokenSecretIsUnauthorized() throws {
        let client = try standIn.oauthClient(tokenSecret: "wrong-token-secret")
        assertCleverError(try client.myself()) { error in
            guard case .Unauthorized(let detail, let expiredAt, let code, let requestId) = error else {
                return XCTFail("expected Unauthorized, got \(error)")
            }
            XCTAssertTrue(detail.contains("bad signature"), detail)
            XCTAssertEqual(code, "4001")
            XCTAssertNil(expiredAt)
            XCTAssertNotNil(requestId)
            XCTAssertFalse(String(reflecting: error).contains("wrong-token-secret"))
        }
    }

    func testAnExpiredTokenIsUnauthorized() throws {
        let info = standIn.info
        let credentials = try OAuth1Credentials(
            consumerKey: info.consumerKey, consumerSecret: info.consumerSecret,
            token: info.expiredToken, tokenSecret: info.expiredTokenSecret)
        let client = try Client.withOauth1(credentials: credentials, options: standIn.options())
        assertCleverError(try client.myself()) { error in
            guard case .Unauthorized(let detail, _, _, let requestId?) = error else {
                return XCTFail("expected Unauthorized with a request id, got \(error)")
            }
            XCTAssertEqual(detail, "token expired")
            XCTAssertEqual(
                error.localizedDescription,
                "HTTP 401 Unauthorized: token expired; log in again or check the credentials (API code 4001, request id \(requestId))")
            XCTAssertFalse(error.description.contains(info.expiredTokenSecret), error.description)
        }
    }

    func testInjected403IsForbidden() throws {
        try standIn.inject(["status": 403, "path_prefix": "/v2/self"])
        assertCleverError(try standIn.oauthClient().myself()) { error in
            guard case .Forbidden(let detail, let code, let requestId) = error else {
                return XCTFail("expected Forbidden, got \(error)")
            }
            XCTAssertFalse(detail.isEmpty)
            XCTAssertEqual(code, "4003")
            XCTAssertNotNil(requestId)
        }
    }

    func testInjected500WithAV4BodyIsHttp() throws {
        try standIn.inject(["status": 500, "path_prefix": "/v4/products/zones"])
        assertCleverError(try standIn.apiTokenClient().zones()) { error in
            guard case .Http(let status, let code, let detail, let requestId, let body) = error else {
                return XCTFail("expected Http, got \(error)")
            }
            XCTAssertEqual(status, 500)
            XCTAssertEqual(code, "internal-server-error")
            XCTAssertFalse(detail.isEmpty)
            XCTAssertNotNil(requestId)
            XCTAssertTrue(body?.contains("apiRequestId") ?? false, body ?? "no body")
            XCTAssertEqual(
                error.localizedDescription,
                "HTTP 500 Internal Server Error: \(detail) (API code internal-server-error, request id \(requestId ?? ""))")
        }
    }

    func testMalformedJsonIsInvalidResponse() throws {
        try standIn.inject(["action": "malformed_json", "path_prefix": "/v2/self"])
        assertCleverError(try standIn.oauthClient().myself()) { error in
            guard case .InvalidResponse(let endpoint, let detail) = error else {
                return XCTFail("expected InvalidResponse, got \(error)")
            }
            XCTAssertTrue(endpoint.contains("/v2/self"), endpoint)
            XCTAssertFalse(detail.isEmpty)
        }
    }

    func testAbsoluteUrlToAnotherHostIsInvalidInput() throws {
        let client = try standIn.oauthClient()
        assertCleverError(try client.request(method: "GET", path: standIn.info.foreign + "/v2/self")) { error in
            guard case .InvalidInput(let detail) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertTrue(detail.contains("refusing to send credentials"), detail)
        }
        XCTAssertTrue(
            try standIn.requests().isEmpty, "nothing reached any listener, the foreign one included")
    }

    func testTwo503sThenSuccess() throws {
        try standIn.inject(["status": 503, "times": 2, "retry_after": "0", "path_prefix": "/v2/self"])
        let user = try standIn.oauthClient().myself()
        XCTAssertEqual(user.id, standIn.info.userId)
        XCTAssertEqual(try standIn.requests().filter { $0.target == "/v2/self" }.count, 3)
    }

    func testRetryAfterBeyondTheLimitIsRateLimited() throws {
        try standIn.inject(["status": 429, "retry_after": "3600", "path_prefix": "/v2/self"])
        let client = try standIn.oauthClient(options: standIn.options(maxRetryWait: 1))
        let started = Date()
        assertCleverError(try client.myself()) { error in
            guard case .RateLimited(let retryAfter, let requestId) = error else {
                return XCTFail("expected RateLimited, got \(error)")
            }
            XCTAssertEqual(retryAfter, 3600)
            XCTAssertEqual(error.description, "rate limited: retry after 3600 s (request id \(requestId ?? "none"))")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "no wait for an hour")
        XCTAssertEqual(try standIn.requests().count, 1, "no retry")
    }

    func testPostIsNotRetried() throws {
        try standIn.inject(["status": 503, "retry_after": "0", "path_prefix": "/v2/self"])
        assertCleverError(try standIn.oauthClient().request(method: "POST", path: "/v2/self")) { error in
            guard case .Http(let status, _, _, _, _) = error else {
                return XCTFail("expected Http, got \(error)")
            }
            XCTAssertEqual(status, 503)
        }
    }

    func testConnectionRefusedIsTransport() throws {
        // Port 1 of the loopback interface: nothing listens there.
        let options = ClientOptions(
            apiHost: "http://127.0.0.1:1", bridgeHost: "http://127.0.0.1:1", maxRetries: 0,
            useEnvironmentProxy: false)
        assertCleverError(try Client.withApiToken(apiToken: "t0ken-value", options: options).myself()) { error in
            guard case .Transport(let kind, let detail) = error else {
                return XCTFail("expected Transport, got \(error)")
            }
            XCTAssertEqual(kind, .connect)
            XCTAssertTrue(detail.contains("127.0.0.1:1"), detail)
            XCTAssertEqual(error.localizedDescription, "connection failed: \(detail)")
            XCTAssertFalse(detail.contains("t0ken-value"))
        }
    }

    func testSlowAnswerIsTimeout() throws {
        try standIn.inject(["action": "delay", "before_headers_ms": 3000, "path_prefix": "/v2/self"])
        let client = try standIn.oauthClient(options: standIn.options(maxRetries: 0, timeout: 0.5))
        assertCleverError(try client.myself()) { error in
            guard case .Timeout = error else { return XCTFail("expected Timeout, got \(error)") }
        }
    }

    /// `description`, `debugDescription` and `String(reflecting:)` of clients, created tokens and
    /// errors never contain a secret, even when the API echoes one back.
    func testSecretsNeverPrint() throws {
        let info = standIn.info
        let oauth = try standIn.oauthClient()
        let bearer = try standIn.apiTokenClient()
        let created = try bearer.createApiToken(
            email: info.email, password: info.password, name: "print-test",
            expiration: Date().addingTimeInterval(3600), mfaCode: info.mfaCode)
        let createdValue = created.apiToken()
        defer { try? bearer.revokeApiToken(apiTokenId: created.token().apiTokenId) }
        let secrets = [info.consumerSecret, info.tokenSecret, info.apiToken, createdValue, info.password]

        // An error body that echoes the client's own secrets is scrubbed.
        try standIn.inject([
            "status": 500, "path_prefix": "/v2/self",
            "body": #"{"id":5000,"message":"echo \#(info.tokenSecret) \#(info.consumerSecret)","type":"error"}"#,
        ])
        var errors: [CleverError] = []
        do { _ = try oauth.myself() } catch let error as CleverError { errors.append(error) }
        try standIn.inject(["status": 500, "path_prefix": "/v2/self", "body": "Bearer \(info.apiToken)"])
        do { _ = try bearer.myself() } catch let error as CleverError { errors.append(error) }
        do { _ = try standIn.oauthClient(tokenSecret: "wrong-secret").myself() } catch let error as CleverError {
            errors.append(error)
        }
        XCTAssertEqual(errors.count, 3)
        if case .Http(_, _, let detail, _, let body) = errors.first {
            XCTAssertTrue(detail.contains("[redacted]"), detail)
            XCTAssertTrue(body?.contains("[redacted]") ?? false, body ?? "")
        } else {
            XCTFail("expected Http, got \(errors)")
        }

        var forms: [String] = []
        for value in [oauth, bearer] as [Client] {
            forms += [value.description, value.debugDescription, String(reflecting: value), "\(value)"]
        }
        forms += [created.description, created.debugDescription, String(reflecting: created)]
        for error in errors {
            forms += ["\(error)", String(reflecting: error), error.localizedDescription]
        }
        for form in forms {
            for secret in secrets {
                XCTAssertFalse(form.contains(secret), "\(secret) shown in \(form)")
            }
        }
        XCTAssertTrue(oauth.description.contains(info.consumerKey), oauth.description)
        XCTAssertTrue(bearer.description.contains("[redacted]"), bearer.description)
        XCTAssertEqual(
            created.description,
            "CreatedApiToken(api_token_id=\(created.token().apiTokenId), name=print-test, api_token=[redacted])")
    }
}
