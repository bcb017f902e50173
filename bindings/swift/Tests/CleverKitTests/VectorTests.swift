import CleverKit
import Foundation
import XCTest

/// Every case of tests/vectors/oauth1.json that `signRequest` can express: the shared vectors
/// the Rust core, Python and Kotlin also test against.
final class VectorTests: XCTestCase {
    func signatureMethod(_ name: String) throws -> SignatureMethod {
        switch name {
        case "PLAINTEXT": return .plaintext
        case "HMAC-SHA1": return .hmacSha1
        case "HMAC-SHA512": return .hmacSha512
        default: throw XCTSkip("unknown signature method \(name)")
        }
    }

    func testEveryApplicableVector() throws {
        let file = try Vectors.loadOAuth1()
        XCTAssertFalse(file.cases.isEmpty, "no cases in \(Vectors.oauth1URL.path)")
        var ran: [String] = []
        for vector in file.cases {
            // `realm`, extra `oauth_params` and leaving out `oauth_version` are not parameters
            // of signRequest: those cases are covered by the Rust core's tests.
            guard vector.realm == nil, vector.oauthParams.isEmpty, vector.includeVersion else {
                continue
            }
            let credentials = try OAuth1Credentials(
                consumerKey: vector.consumerKey,
                consumerSecret: vector.consumerSecret,
                token: vector.token,
                tokenSecret: vector.tokenSecret,
                signatureMethod: try signatureMethod(vector.signatureMethod)
            )
            let signed = try signRequest(
                request: RequestToSign(
                    method: vector.method,
                    url: vector.url,
                    body: vector.body,
                    contentType: vector.contentType,
                    nonce: vector.nonce,
                    timestamp: vector.timestamp
                ),
                credentials: credentials
            )
            XCTAssertEqual(signed.baseString, vector.expected.baseString, "\(vector.name): base string")
            XCTAssertEqual(signed.signature, vector.expected.signature, "\(vector.name): signature")
            if let params = parseAuthorizationHeader(signed.authorization) {
                XCTAssertEqual(
                    sortedPairs(params),
                    vector.expected.headerParams.sorted { $0.lexicographicallyPrecedes($1) },
                    "\(vector.name): header parameters of \(signed.authorization)"
                )
            }
            ran.append(vector.name)
        }
        XCTAssertGreaterThanOrEqual(ran.count, 30, "only \(ran.count) vectors ran: \(ran)")
        print("oauth1.json: \(ran.count) of \(file.cases.count) cases checked through signRequest")
    }

    /// The vectors include a token secret without a token (RFC 5849 §3.4.4); make sure at least
    /// one such case ran, since it is the unusual credentials shape.
    func testTokenSecretWithoutTokenIsCovered() throws {
        let file = try Vectors.loadOAuth1()
        let covered = file.cases.contains {
            $0.realm == nil && $0.oauthParams.isEmpty && $0.includeVersion
                && $0.token == nil && $0.tokenSecret != nil
        }
        XCTAssertTrue(covered)
    }

    func testHeaderParserDecodesValues() {
        let parsed = parseAuthorizationHeader(
            #"OAuth oauth_consumer_key="a%20b", oauth_signature="x%2By%3D""#)
        XCTAssertEqual(parsed.map(sortedPairs), [["oauth_consumer_key", "a b"], ["oauth_signature", "x+y="]])
    }
}
