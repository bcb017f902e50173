// Signs `GET https://api.clever-cloud.com/v2/self` with made-up credentials (or the ones in
// CLEVER_CONSUMER_KEY, CLEVER_CONSUMER_SECRET, CLEVER_TOKEN, CLEVER_SECRET) and prints the
// Authorization header. Usage: sign-request [METHOD] [URL]
import CleverKit
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let method = arguments.first ?? "GET"
let url = arguments.dropFirst().first ?? "https://api.clever-cloud.com/v2/self"
let environment = ProcessInfo.processInfo.environment

do {
    let credentials = try OAuth1Credentials(
        consumerKey: environment["CLEVER_CONSUMER_KEY"] ?? "example-consumer-key",
        consumerSecret: environment["CLEVER_CONSUMER_SECRET"] ?? "example-consumer-secret",
        token: environment["CLEVER_TOKEN"] ?? "example-token",
        tokenSecret: environment["CLEVER_SECRET"] ?? "example-token-secret"
    )
    print("credentials: \(credentials)")  // secrets are redacted
    let signed = try signRequest(
        request: RequestToSign(method: method, url: url), credentials: credentials)
    print("Authorization: \(signed.authorization)")
} catch let error as CleverError {
    // The core's sentence: "invalid input: …"
    FileHandle.standardError.write(Data("\(error.localizedDescription)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
