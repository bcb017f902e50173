package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.ClientOptions
import dev.cleverkit.HttpResponse
import dev.cleverkit.OAuthStep
import dev.cleverkit.Param
import dev.cleverkit.TransportKind
import java.time.Duration
import java.time.Instant
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

/**
 * `message` is the core's sentence (its `Display`), for every variant: what bindings/kotlin/
 * jvm-interop.py makes of UniFFI's field list. Also the other rewrites Kotlin callers see.
 */
class MessageTest {
    /** One error of each variant and the sentence the core writes for it. */
    private val sentences: List<Pair<CleverException, String>> = listOf(
        CleverException.InvalidInput("the URL is relative") to "invalid input: the URL is relative",
        CleverException.Unauthorized("token expired", Instant.parse("2026-03-01T10:00:00Z"), null, null) to
            "unauthorized: the token expired at 2026-03-01T10:00:00Z, log in again",
        CleverException.Unauthorized("bad signature", null, "4001", "3f62") to
            "HTTP 401 Unauthorized: bad signature; log in again or check the credentials (API code 4001, request id 3f62)",
        CleverException.Forbidden("not a member", null, "3f62") to "HTTP 403 Forbidden: not a member (request id 3f62)",
        CleverException.NotFound("organisation orga_x not found", "4004", "3f62") to
            "HTTP 404 Not Found: organisation orga_x not found (API code 4004, request id 3f62)",
        CleverException.RateLimited(Duration.ofSeconds(30), null) to "rate limited: retry after 30 s",
        CleverException.Http(500, "clever.boom", "It broke", null, "{}") to
            "HTTP 500 Internal Server Error: It broke (API code clever.boom)",
        CleverException.Transport(TransportKind.CONNECT, "http://127.0.0.1:9: Connection refused") to
            "connection failed: http://127.0.0.1:9: Connection refused",
        CleverException.Timeout("no answer within 300 ms") to "timed out: no answer within 300 ms",
        CleverException.InvalidResponse("/v2/self", "expected value at line 1 column 1") to
            "invalid response from /v2/self: expected value at line 1 column 1",
        CleverException.Io("No space left on device (os error 28)") to "local I/O error: No space left on device (os error 28)",
        CleverException.Config("no profile \"nope\"") to "configuration error: no profile \"nope\"",
        CleverException.OAuth(OAuthStep.ACCESS_TOKEN, "the verifier was refused") to
            "OAuth access_token failed: the verifier was refused",
        CleverException.Cancelled() to "cancelled: the call was cancelled before it finished",
        CleverException.Deployment("d-1", "FAIL", false) to "deployment d-1 failed (FAIL)",
    )

    @Test
    fun `message is the core's sentence for every variant`() {
        for ((error, sentence) in sentences) {
            assertEquals(sentence, error.message, error.javaClass.simpleName)
            assertEquals(sentence, error.localizedMessage)
            assertEquals(sentence, error.toString())
        }
    }

    @Test
    fun `every variant is covered here`() {
        // A variant added to the FFI fails this test until it has a sentence above.
        val variants = CleverException::class.java.declaredClasses
            .filter { CleverException::class.java.isAssignableFrom(it) }
            .map { it.simpleName }
            .toSet()
        assertEquals(variants, sentences.map { it.first.javaClass.simpleName }.toSet())
    }

    @Test
    fun `a negative count is InvalidInput at construction`() {
        val error = assertThrows(CleverException.InvalidInput::class.java) {
            Client.withApiToken("token", ClientOptions(maxRetries = -1)).close()
        }
        assertEquals("invalid input: max_retries -1 is negative or too large", error.message)
    }

    @Test
    fun `HttpResponse compares its body by content`() {
        fun response(body: String) = HttpResponse(200, listOf(Param("Content-Type", "text/plain")), body.toByteArray())
        assertEquals(response("same"), response("same"))
        assertEquals(response("same").hashCode(), response("same").hashCode())
        assertNotEquals(response("same"), response("other"))
        assertNotEquals(response("same"), response("same").copy(status = 201))
    }
}
