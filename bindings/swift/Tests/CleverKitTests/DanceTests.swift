import CleverKit
import Foundation
import XCTest

/// The OAuth 1.0a dance step by step (the test plays the browser), and `loginWithLoopback`.
final class DanceTests: XCTestCase {
    var standIn: StandIn!
    let callback = "https://app.example/oauth/callback?state=x%20y"

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
    }

    func makeDance(_ method: SignatureMethod = .hmacSha512) throws -> OAuthDance {
        try OAuthDance(
            consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
            callback: callback, signatureMethod: method, options: standIn.options())
    }

    /// Opens the authorization URL like a browser would, without following the redirect: the
    /// `Location` is where the browser would come back to.
    func authorize(_ url: String) throws -> String {
        let response = try HTTP.send("GET", url, followRedirects: false)
        XCTAssertEqual(response.status, 302, response.text)
        return try XCTUnwrap(response.header("Location"), "\(response.headers)")
    }

    func testTheDanceStepByStep() throws {
        let dance = try makeDance()
        let requestToken = try dance.requestToken()
        XCTAssertFalse(requestToken.token().isEmpty)

        let url = dance.authorizationUrl(requestToken: requestToken)
        XCTAssertTrue(url.hasPrefix(standIn.info.api + "/v2/oauth/authorize?"), url)
        XCTAssertEqual(queryItems(url)["oauth_token"], requestToken.token())

        let location = try authorize(url)
        XCTAssertTrue(location.hasPrefix("https://app.example/oauth/callback?"), location)
        XCTAssertEqual(queryItems(location)["state"], "x y", "the callback's own query is kept")
        let verifier = try dance.verifyCallback(callbackUrl: location, requestToken: requestToken)
        XCTAssertEqual(verifier, queryItems(location)["oauth_verifier"])

        let credentials = try dance.accessToken(requestToken: requestToken, verifier: verifier)
        XCTAssertEqual(credentials.consumerKey(), standIn.info.consumerKey)
        XCTAssertNotEqual(credentials.token(), standIn.info.token, "a token of its own")
        XCTAssertEqual(credentials.signatureMethod(), .hmacSha512)
        let expiresAt = try XCTUnwrap(credentials.expiresAt())
        XCTAssertEqual(expiresAt.timeIntervalSinceNow, 90 * 24 * 3600, accuracy: 3600)

        let client = try Client.withOauth1(credentials: credentials, options: standIn.options())
        XCTAssertEqual(try client.myself().id, standIn.info.userId)

        // A request token serves once.
        assertCleverError(try dance.accessToken(requestToken: requestToken, verifier: verifier)) { error in
            guard case .OAuth(let step, _) = error else { return XCTFail("expected OAuth, got \(error)") }
            XCTAssertEqual(step, .accessToken)
        }
    }

    func testACallbackForAnotherTokenIsRefused() throws {
        let dance = try makeDance()
        let requestToken = try dance.requestToken()
        let other = try dance.requestToken()
        let location = try authorize(dance.authorizationUrl(requestToken: other))
        assertCleverError(try dance.verifyCallback(callbackUrl: location, requestToken: requestToken)) { error in
            guard case .OAuth(let step, let detail) = error else {
                return XCTFail("expected OAuth, got \(error)")
            }
            XCTAssertEqual(step, .callback)
            XCTAssertFalse(detail.isEmpty)
        }
        assertCleverError(try dance.verifyCallback(callbackUrl: callback, requestToken: requestToken)) { error in
            guard case .OAuth(let step, _) = error else { return XCTFail("expected OAuth, got \(error)") }
            XCTAssertEqual(step, .callback, "no verifier at all")
        }
    }

    func testAWrongVerifierIsRefused() throws {
        let dance = try makeDance()
        let requestToken = try dance.requestToken()
        _ = try authorize(dance.authorizationUrl(requestToken: requestToken))
        assertCleverError(try dance.accessToken(requestToken: requestToken, verifier: "not-the-verifier")) { error in
            guard case .OAuth(let step, _) = error else { return XCTFail("expected OAuth, got \(error)") }
            XCTAssertEqual(step, .accessToken)
        }
    }

    func testAWrongConsumerSecretFailsAtTheFirstStep() throws {
        let dance = try OAuthDance(
            consumerKey: standIn.info.consumerKey, consumerSecret: "wrong-consumer-secret",
            callback: callback, options: standIn.options())
        assertCleverError(try dance.requestToken()) { error in
            guard case .OAuth(let step, _) = error else { return XCTFail("expected OAuth, got \(error)") }
            XCTAssertEqual(step, .requestToken)
            XCTAssertFalse(String(reflecting: error).contains("wrong-consumer-secret"))
        }
    }

    /// With PLAINTEXT the secrets travel in the signature, so the test learns them from the
    /// stand-in's recordings and checks that no string form of the objects holding them shows them.
    func testRequestTokenAndNewCredentialsNeverPrintTheirSecrets() throws {
        let dance = try makeDance(.plaintext)
        let requestToken = try dance.requestToken()
        let location = try authorize(dance.authorizationUrl(requestToken: requestToken))
        let verifier = try dance.verifyCallback(callbackUrl: location, requestToken: requestToken)
        let credentials = try dance.accessToken(requestToken: requestToken, verifier: verifier)
        let client = try Client.withOauth1(credentials: credentials, options: standIn.options())
        _ = try client.myself()

        let recorded = try standIn.requests()
        // The dance sends its protocol parameters in the form body (as Clever Cloud documents
        // it), the API calls in the Authorization header: one location each (RFC 5849 §3.5).
        func tokenSecret(signedBy target: String) throws -> String {
            let request = try XCTUnwrap(recorded.first { $0.target.hasPrefix(target) }, target)
            let params: [(String, String)]
            if target.hasPrefix("/v2/oauth/") {
                XCTAssertNil(request.authorization, "\(target) has no Authorization header")
                params = parseForm(request.body)
            } else {
                params = try XCTUnwrap(parseAuthorizationHeader(request.authorization ?? ""))
            }
            let signature = try XCTUnwrap(params.first { $0.0 == "oauth_signature" }?.1)
            // PLAINTEXT: encode(consumer secret) & encode(token secret).
            let parts = signature.split(separator: "&", maxSplits: 1)
            XCTAssertEqual(parts.first.map(String.init), standIn.info.consumerSecret)
            return try XCTUnwrap(parts.last.flatMap { String($0).removingPercentEncoding })
        }
        let requestTokenSecret = try tokenSecret(signedBy: "/v2/oauth/access_token")
        let userTokenSecret = try tokenSecret(signedBy: "/v2/self")
        XCTAssertGreaterThanOrEqual(requestTokenSecret.count, 8)
        XCTAssertGreaterThanOrEqual(userTokenSecret.count, 8)

        let forms = [
            requestToken.description, requestToken.debugDescription, String(reflecting: requestToken),
            "\(requestToken)", credentials.description, String(reflecting: credentials),
            client.description, String(reflecting: client),
        ]
        for form in forms {
            for secret in [requestTokenSecret, userTokenSecret, standIn.info.consumerSecret] {
                XCTAssertFalse(form.contains(secret), "\(secret) shown in \(form)")
            }
        }
        XCTAssertTrue(requestToken.description.contains(requestToken.token()), requestToken.description)
    }

    /// With the default timeout (nil: the core's 5 minutes), as most callers will leave it.
    func testLoginWithLoopback() throws {
        let browser = Browser()
        let credentials = try loginWithLoopback(
            consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
            opener: browser, options: standIn.options())
        let client = try Client.withOauth1(credentials: credentials, options: standIn.options())
        XCTAssertEqual(try client.myself().email, standIn.info.email)

        // The login returns as soon as the callback arrives; the browser may still be reading
        // the page the loopback server answered with.
        let visits = browser.visits(waitingFor: 1)
        XCTAssertEqual(visits.count, 1)
        let visit = try XCTUnwrap(visits.first)
        XCTAssertTrue(visit.url.hasPrefix(standIn.info.api + "/v2/oauth/authorize?oauth_token="), visit.url)
        XCTAssertEqual(visit.status, 200, "the loopback page after the redirect")
        XCTAssertTrue(visit.page.contains("you are logged in"), visit.page)
    }

    func testLoginWithLoopbackTimesOutWhenNobodyComesBack() throws {
        let browser = Browser(visit: false)
        assertCleverError(
            try loginWithLoopback(
                consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
                opener: browser, options: standIn.options(), timeout: 0.3)
        ) { error in
            guard case .OAuth(let step, let detail) = error else {
                return XCTFail("expected OAuth, got \(error)")
            }
            XCTAssertEqual(step, .callback)
            XCTAssertTrue(detail.contains("no callback"), detail)
        }
        XCTAssertEqual(browser.visits(waitingFor: 1).count, 1)
    }

    /// An opener that throws ends the login at once (not at the timeout), with the cause: a
    /// Swift error of the app's own, or a `CleverError`.
    func testAnOpenerThatThrowsEndsTheLoginAtOnce() throws {
        let causes: [(any Error & Sendable, String)] = [
            (NoBrowser(), "no browser on this machine"),
            (CleverError.Config(detail: "no DISPLAY"), "configuration error: no DISPLAY"),
        ]
        for (cause, text) in causes {
            let started = Date()
            assertCleverError(
                try loginWithLoopback(
                    consumerKey: standIn.info.consumerKey, consumerSecret: standIn.info.consumerSecret,
                    opener: FailingOpener(cause), options: standIn.options(), timeout: 60)
            ) { error in
                guard case .OAuth(let step, let detail) = error else {
                    return XCTFail("expected OAuth, got \(error)")
                }
                XCTAssertEqual(step, .callback)
                XCTAssertTrue(detail.hasPrefix("could not open the authorization page: "), detail)
                XCTAssertTrue(detail.contains(text), detail)
            }
            XCTAssertLessThan(Date().timeIntervalSince(started), 10, "well before the 60 s timeout")
        }
    }
}

/// An error of the app's own, as an opener would throw it.
struct NoBrowser: Error, CustomStringConvertible {
    var description: String { "no browser on this machine" }
}

/// An opener that cannot open anything.
final class FailingOpener: UrlOpener {
    let cause: any Error & Sendable

    init(_ cause: any Error & Sendable) {
        self.cause = cause
    }

    func openUrl(url: String) throws {
        throw cause
    }
}

/// Plays the user's browser: `openUrl` GETs the authorization page and follows its redirect to
/// the loopback callback. The core calls it on a thread of its own, so it may block.
final class Browser: UrlOpener, @unchecked Sendable {
    struct Visit {
        let url: String
        let status: Int
        let page: String
    }

    private let visit: Bool
    private let condition = NSCondition()
    private var recorded: [Visit] = []

    init(visit: Bool = true) {
        self.visit = visit
    }

    /// The visits once `count` of them have finished, or what there is after ten seconds.
    func visits(waitingFor count: Int) -> [Visit] {
        let deadline = Date(timeIntervalSinceNow: 10)
        condition.lock()
        defer { condition.unlock() }
        while recorded.count < count && condition.wait(until: deadline) {}
        return recorded
    }

    func openUrl(url: String) {
        var visit = Visit(url: url, status: 0, page: "")
        if self.visit {
            do {
                let response = try HTTP.send("GET", url, followRedirects: true)
                visit = Visit(url: url, status: response.status, page: response.text)
            } catch {
                visit = Visit(url: url, status: -1, page: "\(error)")
            }
        }
        condition.lock()
        recorded.append(visit)
        condition.broadcast()
        condition.unlock()
    }
}
