import CleverKit
import Foundation
import XCTest

final class SigningTests: XCTestCase {
    let url = "https://api.clever-cloud.com/v2/self?page=2&filter=a%20b"

    func makeCredentials(_ method: SignatureMethod = .hmacSha512) throws -> OAuth1Credentials {
        try OAuth1Credentials(
            consumerKey: "ck", consumerSecret: "cs", token: "tok", tokenSecret: "ts",
            signatureMethod: method)
    }

    func testVerifyAcceptsWhatSignProduced() throws {
        for method in [SignatureMethod.hmacSha1, .hmacSha512, .plaintext] {
            let signed = try signRequest(
                request: RequestToSign(
                    method: "POST", url: url, body: "name=My+App&x=1",
                    contentType: "application/x-www-form-urlencoded"),
                credentials: try makeCredentials(method))
            XCTAssertNoThrow(
                try verifyRequest(
                    method: "POST", url: url, body: "name=My+App&x=1",
                    contentType: "application/x-www-form-urlencoded",
                    authorization: signed.authorization, consumerSecret: "cs", tokenSecret: "ts"),
                "\(method)")
        }
    }

    func testVerifyRefusesATamperedURL() throws {
        let signed = try signRequest(
            request: RequestToSign(method: "GET", url: url), credentials: try makeCredentials())
        assertUnauthorized(
            try verifyRequest(
                method: "GET", url: url.replacingOccurrences(of: "page=2", with: "page=3"),
                body: nil, contentType: nil, authorization: signed.authorization,
                consumerSecret: "cs", tokenSecret: "ts"))
    }

    func testVerifyRefusesATamperedFormBodyAndWrongSecrets() throws {
        let form = "application/x-www-form-urlencoded"
        let signed = try signRequest(
            request: RequestToSign(method: "PUT", url: url, body: "a=1", contentType: form),
            credentials: try makeCredentials())
        assertUnauthorized(
            try verifyRequest(
                method: "PUT", url: url, body: "a=2", contentType: form,
                authorization: signed.authorization, consumerSecret: "cs", tokenSecret: "ts"))
        assertUnauthorized(
            try verifyRequest(
                method: "PUT", url: url, body: "a=1", contentType: form,
                authorization: signed.authorization, consumerSecret: "other", tokenSecret: "ts"))
        assertUnauthorized(
            try verifyRequest(
                method: "PUT", url: url, body: "a=1", contentType: form,
                authorization: signed.authorization, consumerSecret: "cs", tokenSecret: nil))
    }

    func testFreshNonceAndTimestampByDefault() throws {
        let credentials = try makeCredentials()
        let request = RequestToSign(method: "GET", url: url)
        let first = try signRequest(request: request, credentials: credentials)
        let second = try signRequest(request: request, credentials: credentials)
        XCTAssertNotEqual(first.authorization, second.authorization)
        let nonce = parseAuthorizationHeader(first.authorization)?.first { $0.0 == "oauth_nonce" }?.1
        XCTAssertFalse(nonce?.isEmpty ?? true)
        let timestamp = parseAuthorizationHeader(first.authorization)?
            .first { $0.0 == "oauth_timestamp" }.flatMap { TimeInterval($0.1) }
        XCTAssertEqual(timestamp ?? 0, Date().timeIntervalSince1970, accuracy: 300)
    }

    func testSameInputsGiveTheSameSignature() throws {
        let credentials = try makeCredentials()
        let sign = {
            try signRequest(
                request: RequestToSign(
                    method: "GET", url: self.url, nonce: "fixed-nonce", timestamp: 1_700_000_000),
                credentials: credentials)
        }
        XCTAssertEqual(try sign(), try sign())
    }

    func testInvalidInputs() throws {
        let credentials = try makeCredentials()
        let bad: [(method: String, url: String)] = [
            ("GET", "https://example.com/a b"),  // raw space
            ("GET", "ftp://example.com/"),  // not http(s)
            ("GET", "example.com/path"),  // not absolute
            ("GET", "https://user@example.com/"),  // user information
            ("GET", "https:///path"),  // no host
            ("", "https://example.com/"),  // no method
            ("GE T", "https://example.com/"),  // not a method name
        ]
        for (method, url) in bad {
            assertInvalidInput(
                try signRequest(request: RequestToSign(method: method, url: url), credentials: credentials))
        }
        assertInvalidInput(
            try signRequest(
                request: RequestToSign(method: "GET", url: url, nonce: ""), credentials: credentials))
        assertInvalidInput(
            try signRequest(
                request: RequestToSign(
                    method: "POST", url: url, body: "a=%zz",
                    contentType: "application/x-www-form-urlencoded"),
                credentials: credentials))
        assertInvalidInput(
            try verifyRequest(
                method: "GET", url: url, body: nil, contentType: nil, authorization: "Basic abc",
                consumerSecret: "cs", tokenSecret: nil))
    }

    /// Timestamps are signed (`Int64`, for Java); one before 1970 is refused, not wrapped.
    func testATimestampBefore1970IsInvalidInput() throws {
        let credentials = try OAuth1Credentials(consumerKey: "ck", consumerSecret: "cs")
        assertCleverError(
            try signRequest(
                request: RequestToSign(method: "GET", url: "https://api.clever-cloud.com/v2/self", timestamp: -1),
                credentials: credentials)
        ) { error in
            XCTAssertEqual(error.localizedDescription, "invalid input: timestamp -1 is before 1970")
        }
    }

    func testErrorsCarryTheirDetail() {
        do {
            _ = try OAuth1Credentials(consumerKey: "", consumerSecret: "cs")
            XCTFail("no error")
        } catch let error as CleverError {
            XCTAssertTrue(error.localizedDescription.contains("consumer key"), error.localizedDescription)
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    /// Credentials and `RequestToSign` are Sendable: share them across tasks (checked by Swift 6
    /// strict concurrency).
    func testConcurrentSigning() async throws {
        let credentials = try makeCredentials()
        let requests = (0..<4).map {
            RequestToSign(method: "GET", url: self.url, nonce: "n\($0)", timestamp: 1_700_000_000)
        }
        let signatures = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<32 {
                group.addTask {
                    try signRequest(request: requests[i % 4], credentials: credentials).signature
                }
            }
            var all: [String] = []
            for try await signature in group { all.append(signature) }
            return all
        }
        XCTAssertEqual(signatures.count, 32)
        XCTAssertEqual(Set(signatures).count, 4)
    }
}

/// Asserts that `expression` throws `CleverError.Unauthorized`.
func assertUnauthorized<T>(
    _ expression: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        guard case CleverError.Unauthorized(let detail, _, _, _) = error else {
            return XCTFail("expected CleverError.Unauthorized, got \(error)", file: file, line: line)
        }
        XCTAssertFalse(detail.isEmpty, file: file, line: line)
    }
}
