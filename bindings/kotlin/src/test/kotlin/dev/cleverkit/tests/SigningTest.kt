package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.RequestToSign
import dev.cleverkit.SignatureMethod
import dev.cleverkit.signRequest
import dev.cleverkit.verifyRequest
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertDoesNotThrow
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SigningTest {
    private val url = "https://api.clever-cloud.com/v2/self?b=2&a=1"

    private fun credentials(method: SignatureMethod? = null) =
        OAuth1Credentials("consumer-key", "consumer-secret", "token", "token-secret", method)

    @Test
    fun `fresh nonce and timestamp by default`() {
        credentials().use { credentials ->
            val first = signRequest(RequestToSign("GET", url), credentials)
            val second = signRequest(RequestToSign("GET", url), credentials)
            val nonces = listOf(first, second).map { signed ->
                parseAuthorization(signed.authorization).toMap().getValue("oauth_nonce")
            }
            assertNotEquals(nonces[0], nonces[1])
            val params = parseAuthorization(first.authorization).toMap()
            assertEquals("HMAC-SHA512", params["oauth_signature_method"])
            assertEquals("1.0", params["oauth_version"])
            val now = System.currentTimeMillis() / 1000
            val timestamp = params.getValue("oauth_timestamp").toLong()
            assertTrue(timestamp in now - 300..now + 300, "timestamp $timestamp, now $now")
            assertEquals(first.signature, params["oauth_signature"])
        }
    }

    @Test
    fun `a fixed nonce and timestamp reproduce the signature`() {
        credentials(SignatureMethod.HMAC_SHA1).use { credentials ->
            val request = RequestToSign("GET", url, nonce = "n0nce", timestamp = 1_700_000_000L)
            val a = signRequest(request, credentials)
            val b = signRequest(request, credentials)
            assertEquals(a, b)
            assertTrue(a.baseString.startsWith("GET&https%3A%2F%2Fapi.clever-cloud.com%2Fv2%2Fself&a%3D1%26b%3D2%26"), a.baseString)
        }
    }

    @Test
    fun `invalid inputs throw InvalidInput`() {
        credentials().use { credentials ->
            val bad = mapOf(
                "relative URL" to "/v2/self",
                "bad percent-escape" to "https://api.clever-cloud.com/v2/self?q=%zz",
                "raw space" to "https://api.clever-cloud.com/v2/my app",
                "ftp scheme" to "ftp://api.clever-cloud.com/",
            )
            for ((what, badUrl) in bad) {
                val error = assertThrows(CleverException.InvalidInput::class.java, { signRequest(RequestToSign("GET", badUrl), credentials) }, what)
                assertTrue(error.detail.isNotEmpty(), what)
            }
            assertThrows(CleverException.InvalidInput::class.java) {
                signRequest(RequestToSign("POST", url, body = "a=%zz", contentType = "application/x-www-form-urlencoded"), credentials)
            }
            assertThrows(CleverException.InvalidInput::class.java) { signRequest(RequestToSign("GET", url, nonce = ""), credentials) }
        }
    }

    @Test
    fun `every error is a CleverException`() {
        val error: Exception = assertThrows(CleverException::class.java) { OAuth1Credentials("", "cs") }
        assertTrue(error is CleverException.InvalidInput, error.toString())
    }

    @Test
    fun `verifyRequest accepts what signRequest produced`() {
        for (method in SignatureMethod.values()) {
            credentials(method).use { credentials ->
                val body = "name=my%20app&zone=par"
                val contentType = "application/x-www-form-urlencoded"
                val signed = signRequest(RequestToSign("POST", url, body, contentType), credentials)
                assertDoesNotThrow {
                    verifyRequest("POST", url, body, contentType, signed.authorization, "consumer-secret", "token-secret")
                }
            }
        }
    }

    @Test
    fun `verifyRequest refuses a tampered request`() {
        credentials().use { credentials ->
            val signed = signRequest(RequestToSign("GET", url), credentials)
            val tampered = listOf(
                Triple("GET", "https://api.clever-cloud.com/v2/self?b=2&a=2", "consumer-secret"),
                Triple("GET", "https://api.clever-cloud.com/v2/organisations?b=2&a=1", "consumer-secret"),
                Triple("DELETE", url, "consumer-secret"),
                Triple("GET", url, "another-secret"),
            )
            for ((method, otherUrl, consumerSecret) in tampered) {
                val error = assertThrows(CleverException.Unauthorized::class.java) {
                    verifyRequest(method, otherUrl, null, null, signed.authorization, consumerSecret, "token-secret")
                }
                assertTrue(error.detail.isNotEmpty())
            }
        }
    }

    @Test
    fun `a signed form body is covered, a JSON body is not`() {
        credentials().use { credentials ->
            fun post(body: String, contentType: String) =
                signRequest(RequestToSign("POST", url, body, contentType, nonce = "n", timestamp = 1L), credentials)
            val form = post("a=1", "application/x-www-form-urlencoded")
            val otherForm = post("a=2", "application/x-www-form-urlencoded")
            assertNotEquals(form.signature, otherForm.signature)
            val json = post("""{"a":1}""", "application/json")
            val otherJson = post("""{"a":2}""", "application/json")
            assertEquals(json.signature, otherJson.signature)
        }
    }

    @Test
    fun `one credentials object signs from many threads`() {
        credentials().use { credentials ->
            val pool = Executors.newFixedThreadPool(4)
            try {
                fun request(i: Int) = RequestToSign("GET", "$url&i=$i", nonce = "nonce-$i", timestamp = i.toLong())
                val tasks = (1..64).map { i -> Callable { signRequest(request(i), credentials) } }
                val results = pool.invokeAll(tasks).map { it.get(30, TimeUnit.SECONDS) }
                results.forEachIndexed { index, signed ->
                    val i = index + 1
                    assertEquals(signRequest(request(i), credentials), signed)
                }
            } finally {
                pool.shutdownNow()
            }
        }
    }
}
