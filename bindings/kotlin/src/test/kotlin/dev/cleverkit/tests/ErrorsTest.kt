package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.Client
import dev.cleverkit.TransportKind
import java.time.Duration
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Each failure arrives as its `CleverException` subclass, with its fields; retries. */
class ErrorsTest : StandInTest() {
    /** No retries: each injected fault is seen as it is. */
    private fun noRetryClient() = oauthClient(options = standIn.options(maxRetries = 0))

    @Test
    fun `an unknown organisation is NotFound with a request id`() {
        oauthClient().use { client ->
            val error = assertThrows(CleverException.NotFound::class.java) {
                client.applications("orga_00000000-0000-4000-8000-00000000dead")
            }
            assertEquals("organisation orga_00000000-0000-4000-8000-00000000dead not found", error.detail)
            assertEquals("4004", error.code)
            assertFalse(error.requestId.isNullOrEmpty(), "requestId")
            // message (and toString()) is the core's sentence, the same in every language.
            assertEquals(
                "HTTP 404 Not Found: organisation orga_00000000-0000-4000-8000-00000000dead not found " +
                    "(API code 4004, request id ${error.requestId})",
                error.message,
            )
            assertEquals(error.message, error.toString())
        }
    }

    @Test
    fun `a wrong token secret is Unauthorized`() {
        oauthClient(tokenSecret = "not-the-token-secret").use { client ->
            val error = assertThrows(CleverException.Unauthorized::class.java) { client.myself() }
            assertTrue("bad signature" in error.detail, error.detail)
            assertNull(error.expiredAt)
            assertFalse(error.requestId.isNullOrEmpty(), "requestId")
            assertEquals(
                "HTTP 401 Unauthorized: ${error.detail}; log in again or check the credentials " +
                    "(API code ${error.code}, request id ${error.requestId})",
                error.message,
            )
        }
    }

    @Test
    fun `an expired token is Unauthorized with its expiry`() {
        OAuth1Credentials(standIn.consumerKey, standIn.consumerSecret, standIn.expiredToken, standIn.expiredTokenSecret).use { credentials ->
            Client.withOauth1(credentials, standIn.options()).use { client ->
                val error = assertThrows(CleverException.Unauthorized::class.java) { client.myself() }
                assertTrue("expired" in error.detail, error.detail)
                assertTrue(error.message.startsWith("HTTP 401 Unauthorized: "), error.message)
            }
        }
    }

    @Test
    fun `an injected 403 is Forbidden`() {
        standIn.fault("""{"status":403,"path_prefix":"/v2/self"}""")
        oauthClient().use { client ->
            val error = assertThrows(CleverException.Forbidden::class.java) { client.myself() }
            assertTrue(error.detail.isNotEmpty())
            assertEquals(
                "HTTP 403 Forbidden: ${error.detail} (API code ${error.code}, request id ${error.requestId})",
                error.message,
            )
        }
    }

    @Test
    fun `a 500 with a v4 body is Http with the API's code`() {
        val body = """{"apiRequestId":"r","code":"clever.boom","context":{},"error":"It broke"}"""
        standIn.fault(JSONObject().put("status", 500).put("path_prefix", "/v4/products/zones").put("body", body).toString())
        noRetryClient().use { client ->
            val error = assertThrows(CleverException.Http::class.java) { client.zones() }
            assertEquals(500, error.status)
            assertEquals("clever.boom", error.code)
            assertEquals("It broke", error.detail)
            // The request id is the response's Sozu-Id header; the body's apiRequestId stays in `body`.
            assertFalse(error.requestId.isNullOrEmpty(), "requestId")
            assertEquals(body, error.body)
            assertEquals(
                "HTTP 500 Internal Server Error: It broke (API code clever.boom, request id ${error.requestId})",
                error.message,
            )
        }
    }

    @Test
    fun `malformed JSON is InvalidResponse`() {
        standIn.fault("""{"action":"malformed_json","path_prefix":"/v2/self"}""")
        oauthClient().use { client ->
            val error = assertThrows(CleverException.InvalidResponse::class.java) { client.myself() }
            assertTrue("/v2/self" in error.endpoint, error.endpoint)
            assertTrue(error.detail.isNotEmpty())
            assertEquals("invalid response from ${error.endpoint}: ${error.detail}", error.message)
        }
    }

    @Test
    fun `an absolute URL to another host is InvalidInput and nothing is sent`() {
        oauthClient().use { client ->
            val error = assertThrows(CleverException.InvalidInput::class.java) {
                client.request("GET", "${standIn.foreign}/v2/self")
            }
            assertTrue(error.detail.isNotEmpty())
            assertEquals("invalid input: ${error.detail}", error.message)
        }
        assertTrue(standIn.requests().none { it.getString("listener") == "foreign" })
    }

    @Test
    fun `an absolute URL on the configured API host is fine`() {
        oauthClient().use { client ->
            assertEquals(200, client.request("GET", "${standIn.api}/v2/self").status)
        }
    }

    @Test
    fun `no answer in time is Timeout`() {
        standIn.fault("""{"action":"delay","before_headers_ms":3000,"path_prefix":"/v2/self"}""")
        val options = standIn.options(maxRetries = 0).copy(timeout = Duration.ofMillis(300))
        oauthClient(options = options).use { client ->
            val error = assertThrows(CleverException.Timeout::class.java) { client.myself() }
            assertTrue(error.detail.isNotEmpty())
            assertEquals("timed out: ${error.detail}", error.message)
        }
    }

    @Test
    fun `a connection refused is Transport of kind CONNECT`() {
        // A port that was just free: nothing listens there.
        val port = java.net.ServerSocket(0).use { it.localPort }
        val options = standIn.options(maxRetries = 0).copy(apiHost = "http://127.0.0.1:$port")
        oauthClient(options = options).use { client ->
            val error = assertThrows(CleverException.Transport::class.java) { client.myself() }
            assertEquals(TransportKind.CONNECT, error.kind)
            assertTrue("127.0.0.1:$port" in error.detail, error.detail)
            assertEquals("connection failed: ${error.detail}", error.message)
        }
    }

    @Test
    fun `a host that does not resolve is Transport of kind DNS`() {
        // `.invalid` never resolves (RFC 6761); no proxy may answer in its place.
        val options = standIn.options(maxRetries = 0).copy(apiHost = "https://cleverkit-test.invalid", useEnvironmentProxy = false)
        oauthClient(options = options).use { client ->
            val error = assertThrows(CleverException.Transport::class.java) { client.myself() }
            assertEquals(TransportKind.DNS, error.kind, error.toString())
        }
    }

    @Test
    fun `a 503 twice is retried, then succeeds`() {
        standIn.fault("""{"status":503,"times":2,"retry_after":"0","path_prefix":"/v2/self"}""")
        oauthClient().use { client -> assertEquals(standIn.userId, client.myself().id) }
        assertEquals(3, recorded("/v2/self").size)
    }

    @Test
    fun `a 429 asking for longer than maxRetryWait is RateLimited at once`() {
        standIn.fault("""{"status":429,"times":0,"retry_after":"3600","path_prefix":"/v2/self"}""")
        val started = System.nanoTime()
        oauthClient(options = standIn.options(maxRetryWait = Duration.ofSeconds(1))).use { client ->
            val error = assertThrows(CleverException.RateLimited::class.java) { client.myself() }
            assertEquals(Duration.ofSeconds(3600), error.retryAfter)
            assertEquals("rate limited: retry after 3600 s (request id ${error.requestId})", error.message)
        }
        val elapsed = Duration.ofNanos(System.nanoTime() - started)
        assertTrue(elapsed < Duration.ofSeconds(10), "took $elapsed: it waited")
        assertEquals(1, recorded("/v2/self").size, "no retry for a Retry-After beyond maxRetryWait")
    }

    @Test
    fun `every failure is caught as CleverException`() {
        standIn.fault("""{"status":403,"path_prefix":"/v2/self"}""")
        oauthClient().use { client ->
            val outcome = try {
                client.myself()
                "no error"
            } catch (error: CleverException) {
                // `when` over the sealed class is exhaustive without an else branch.
                when (error) {
                    is CleverException.InvalidInput, is CleverException.Config -> "fix the input"
                    is CleverException.Unauthorized -> "log in again"
                    is CleverException.Forbidden -> "not allowed"
                    is CleverException.NotFound -> "nothing there"
                    is CleverException.RateLimited -> "wait"
                    is CleverException.Http, is CleverException.Transport, is CleverException.Timeout,
                    is CleverException.InvalidResponse, is CleverException.OAuth -> "try later"
                    is CleverException.Io -> "check the disk"
                    is CleverException.Cancelled -> "asked for"
                    is CleverException.Deployment -> "read the logs"
                }
            }
            assertEquals("not allowed", outcome)
        }
    }
}
