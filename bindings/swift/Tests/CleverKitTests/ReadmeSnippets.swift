// The code samples of bindings/swift/README.md, compiled (never run) so that they stay valid.
// Keep them in step with the README.
import CleverKit
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

func readmeSnippets(
    consumerSecret: String, token: String?, tokenSecret: String?, url: String, header: String
) throws {
    let credentials = try OAuth1Credentials(
        consumerKey: "my-consumer-key",
        consumerSecret: consumerSecret,
        token: token,                 // nil for the request-token step of the OAuth dance
        tokenSecret: tokenSecret
        // signatureMethod: .hmacSha512 is the default; .hmacSha1 and .plaintext exist
    )
    print(credentials)                // OAuth1Credentials(consumer_key=…, consumer_secret=[redacted], …)

    let signed = try signRequest(
        method: "GET",
        url: "https://api.clever-cloud.com/v2/self",
        body: nil,
        contentType: nil,
        credentials: credentials
    )
    var request = URLRequest(url: URL(string: "https://api.clever-cloud.com/v2/self")!)
    request.setValue(signed.authorization, forHTTPHeaderField: "Authorization")
    do {
        try verifyRequest(
            method: "GET", url: url, body: nil, contentType: nil,
            authorization: header, consumerSecret: consumerSecret, tokenSecret: tokenSecret)
    } catch CleverError.InvalidInput(let detail) {
        // bad input from the caller (malformed URL or header, empty consumer key…): fix it
        print("invalid input: \(detail)")
    } catch CleverError.Unauthorized(let detail, let expiredAt, _) {
        // the signature was refused; `detail` says which check failed
        print("refused: \(detail) \(expiredAt.map { "expired at \($0)" } ?? "")")
    } catch {
        print("other error: \(error.localizedDescription)")
    }
}
