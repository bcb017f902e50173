// The program of the throwaway packages test.sh builds outside the checkout, which depend on the
// repository by path and by URL (a Git repository made from HEAD, cloned by SwiftPM): proof that
// the root Package.swift serves an app that adds CleverKit either way. Signs a request with a fixed nonce and timestamp, then calls the stand-in whose hosts
// and credentials test.sh passes in the environment, blocking and async (in an app's own Swift 6
// module); any failure exits non-zero.
import CleverKit
import Foundation

let credentials = try OAuth1Credentials(
    consumerKey: "key", consumerSecret: "secret", token: "token", tokenSecret: "token-secret")
let signed = try signRequest(
    request: RequestToSign(
        method: "GET", url: "https://api.clever-cloud.com/v2/self", nonce: "abc", timestamp: 1_700_000_000),
    credentials: credentials)
guard signed.authorization.hasPrefix("OAuth "), signed.authorization.contains(#"oauth_nonce="abc""#) else {
    fatalError("unexpected Authorization header: \(signed.authorization)")
}
print("signRequest: \(signed.authorization.prefix(6))… (nonce abc, timestamp 1700000000)")

let me = try Client.fromEnvironment().myself()
print("myself() from the stand-in: \(me.id)")

let asyncMe = try await AsyncClient.fromEnvironment().myself()
print("AsyncClient.myself() from the stand-in: \(asyncMe.id)")
