import CleverKit
import Foundation
import XCTest

final class CredentialsTests: XCTestCase {
    let consumerSecret = "consumer-s3cret-value"
    let tokenSecret = "token-s3cret-value"

    func makeCredentials() throws -> OAuth1Credentials {
        try OAuth1Credentials(
            consumerKey: "my-consumer-key",
            consumerSecret: consumerSecret,
            token: "my-token",
            tokenSecret: tokenSecret
        )
    }

    func testStringFormsNeverShowSecrets() throws {
        let credentials = try makeCredentials()
        var dumped = ""
        dump(credentials, to: &dumped)
        let forms = [
            credentials.description,
            credentials.debugDescription,
            String(describing: credentials),
            String(reflecting: credentials),
            "\(credentials)",
            "\([credentials])",
            "\(Optional(credentials) as Any)",
            dumped,
        ]
        for form in forms {
            XCTAssertFalse(form.contains(consumerSecret), "consumer secret shown in \(form)")
            XCTAssertFalse(form.contains(tokenSecret), "token secret shown in \(form)")
        }
        XCTAssertEqual(
            credentials.description,
            "Credentials(consumer_key=my-consumer-key, consumer_secret=[redacted], token=my-token, token_secret=[redacted], signature_method=HMAC-SHA512)"
        )
    }

    func testAccessors() throws {
        let credentials = try makeCredentials()
        XCTAssertEqual(credentials.consumerKey(), "my-consumer-key")
        XCTAssertEqual(credentials.token(), "my-token")
        XCTAssertEqual(credentials.signatureMethod(), .hmacSha512, "HMAC-SHA512 is the default")
        XCTAssertNil(credentials.expiresAt())

        let consumerOnly = try OAuth1Credentials(
            consumerKey: "ck", consumerSecret: "cs", signatureMethod: .plaintext)
        XCTAssertNil(consumerOnly.token())
        XCTAssertEqual(consumerOnly.signatureMethod(), .plaintext)
    }

    func testEmptyConsumerKeyIsInvalidInput() {
        assertInvalidInput(try OAuth1Credentials(consumerKey: "", consumerSecret: "cs"))
    }

    func testTokenWithoutSecretIsInvalidInput() {
        assertInvalidInput(try OAuth1Credentials(consumerKey: "ck", consumerSecret: "cs", token: "t"))
    }

    func testTokenSecretWithoutTokenIsAccepted() throws {
        let credentials = try OAuth1Credentials(consumerKey: "ck", consumerSecret: "cs", tokenSecret: "ts")
        XCTAssertNil(credentials.token())
        XCTAssertTrue(
            credentials.description.contains("token=none, token_secret=[redacted]"), credentials.description)
    }
}

/// Asserts that `expression` throws `CleverError.InvalidInput` with a non-empty detail.
func assertInvalidInput<T>(
    _ expression: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        guard case CleverError.InvalidInput(let detail) = error else {
            return XCTFail("expected CleverError.InvalidInput, got \(error)", file: file, line: line)
        }
        XCTAssertFalse(detail.isEmpty, file: file, line: line)
    }
}
