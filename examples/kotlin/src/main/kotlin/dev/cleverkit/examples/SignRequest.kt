package dev.cleverkit.examples

import dev.cleverkit.CleverException
import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.RequestToSign
import dev.cleverkit.SignatureMethod
import dev.cleverkit.signRequest
import kotlin.system.exitProcess

/**
 * Signs one request with OAuth 1.0a and prints its `Authorization` header.
 *
 *     sign-request [METHOD] [URL]
 *
 * The credentials are made-up demo values: the header is well-formed, but the API would refuse it.
 */
fun main(args: Array<String>) {
    val method = args.getOrElse(0) { "GET" }
    val url = args.getOrElse(1) { "https://api.clever-cloud.com/v2/self" }
    try {
        // Objects hold a Rust handle: `use {}` frees it as soon as the block ends.
        OAuth1Credentials(
            consumerKey = "demo-consumer-key",
            consumerSecret = "demo-consumer-secret",
            token = "demo-token",
            tokenSecret = "demo-token-secret",
            signatureMethod = SignatureMethod.HMAC_SHA512,
        ).use { credentials ->
            println(credentials) // the secrets print as [redacted]
            // No body, a fresh nonce and the current time: the defaults of RequestToSign.
            val signed = signRequest(RequestToSign(method, url), credentials)
            println("Authorization: ${signed.authorization}")
        }
    } catch (error: CleverException.InvalidInput) {
        System.err.println("cannot sign $method $url: ${error.detail}")
        exitProcess(2)
    }
}
