package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.OAuthDance
import dev.cleverkit.SignatureMethod
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Instant
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** `toString()` (hence logs and string templates) never shows a secret. */
class RedactionTest : StandInTest() {
    private fun assertNoSecret(text: String, vararg secrets: String) {
        for (secret in secrets) {
            assertTrue(secret.length >= 6, "a secret that short would match by chance: $secret")
            assertFalse(secret in text, "a secret in: $text")
        }
    }

    private fun assertNoSecret(error: Throwable, vararg secrets: String) {
        assertNoSecret(error.toString(), *secrets)
        assertNoSecret(error.message ?: "", *secrets)
        assertNoSecret(error.stackTraceToString(), *secrets)
    }

    /**
     * The secret a PLAINTEXT signature gave away (`consumer_secret&token_secret`): in the
     * `Authorization` header of an API call, in the form body of the dance's steps.
     */
    private fun plaintextTokenSecret(path: String): String {
        val request = recorded(path).last()
        val params = request.header("Authorization")?.let(::parseAuthorization)
            ?: request.getString("body").split('&').map { percentDecode(it.substringBefore('=')) to percentDecode(it.substringAfter('=')) }
        val signature = params.toMap().getValue("oauth_signature")
        assertTrue(signature.startsWith("${standIn.consumerSecret}&"), signature)
        return signature.substringAfter('&')
    }

    @Test
    fun `Client shows its hosts and consumer key only`() {
        oauthClient().use { client ->
            val text = client.toString()
            assertEquals("Client(api_host=${standIn.api}, bridge_host=${standIn.bridge}, oauth1 consumer_key=${standIn.consumerKey})", text)
            assertNoSecret(text, standIn.consumerSecret, standIn.tokenSecret)
            assertNoSecret("$client", standIn.consumerSecret, standIn.tokenSecret)
        }
        apiTokenClient().use { client ->
            val text = client.toString()
            assertEquals("Client(api_host=${standIn.api}, bridge_host=${standIn.bridge}, api_token=[redacted])", text)
            assertNoSecret(text, standIn.apiToken)
        }
    }

    @Test
    fun `CreatedApiToken hides its value`() {
        apiTokenClient().use { client ->
            val password = standIn.password
            client.createApiToken(standIn.email, password, "redaction", Instant.now().plusSeconds(86_400), standIn.mfaCode).use { created ->
                val value = created.apiToken()
                val text = created.toString()
                assertTrue(created.token().apiTokenId in text, text)
                assertNoSecret(text, value, password)
                assertNoSecret(created.token().toString(), value, password) // the record has no value at all
                client.revokeApiToken(created.token().apiTokenId)
            }
        }
    }

    @Test
    fun `RequestToken and the dance's credentials hide their secrets`() {
        val options = standIn.options()
        OAuthDance(standIn.consumerKey, standIn.consumerSecret, "http://127.0.0.1:9/callback", SignatureMethod.PLAINTEXT, options).use { dance ->
            dance.requestToken().use { requestToken ->
                val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                val location = browser.send(
                    HttpRequest.newBuilder(URI.create(dance.authorizationUrl(requestToken))).build(),
                    HttpResponse.BodyHandlers.discarding(),
                ).headers().firstValue("Location").orElseThrow()
                dance.accessToken(requestToken, dance.verifyCallback(location, requestToken)).use { credentials ->
                    val requestTokenSecret = plaintextTokenSecret("/v2/oauth/access_token")
                    val text = requestToken.toString()
                    assertTrue(requestToken.token() in text && "[redacted]" in text, text)
                    assertNoSecret(text, requestTokenSecret, standIn.consumerSecret)

                    Client.withOauth1(credentials, options).use { client ->
                        assertEquals(standIn.userId, client.myself().id)
                        val accessTokenSecret = plaintextTokenSecret("/v2/self")
                        assertNoSecret(credentials.toString(), accessTokenSecret, standIn.consumerSecret)
                        assertNoSecret(client.toString(), accessTokenSecret, standIn.consumerSecret)
                    }
                }
            }
        }
    }

    @Test
    fun `exceptions never carry the secrets`() {
        val wrongSecret = "wrong-token-secret-value"
        oauthClient(tokenSecret = wrongSecret).use { client ->
            val error = assertThrows(CleverException.Unauthorized::class.java) { client.myself() }
            assertNoSecret(error, wrongSecret, standIn.consumerSecret)
        }
        // PLAINTEXT puts the secrets on the wire: an error about it must not repeat them.
        oauthClient(SignatureMethod.PLAINTEXT, tokenSecret = wrongSecret).use { client ->
            val error = assertThrows(CleverException.Unauthorized::class.java) { client.myself() }
            assertNoSecret(error, wrongSecret, standIn.consumerSecret)
        }
        val wrongToken = "not-an-api-token-at-all"
        apiTokenClient(apiToken = wrongToken).use { client ->
            val error = assertThrows(CleverException.Unauthorized::class.java) { client.myself() }
            assertNoSecret(error, wrongToken)
        }
        apiTokenClient().use { client ->
            val wrongPassword = "not the password at all"
            val error = assertThrows(CleverException.Unauthorized::class.java) {
                client.createApiToken(standIn.email, wrongPassword, "x", Instant.now().plusSeconds(3600))
            }
            assertNoSecret(error, wrongPassword)
        }
    }
}
