package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.OAuthDance
import dev.cleverkit.OAuthStep
import dev.cleverkit.SignatureMethod
import dev.cleverkit.UrlOpener
import dev.cleverkit.loginWithLoopback
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The OAuth 1.0a dance, step by step and through the loopback helper. */
class DanceTest : StandInTest() {
    /** Where the browser is sent back; nothing listens there, the test reads the redirect. */
    private val callback = "http://127.0.0.1:9/callback"

    /** Plays the browser: asks for the authorization page, returns the redirect's Location. */
    private fun approve(authorizationUrl: String): String {
        val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        val response = browser.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(), HttpResponse.BodyHandlers.ofString())
        assertEquals(302, response.statusCode(), response.body())
        return response.headers().firstValue("Location").orElseThrow()
    }

    @Test
    fun `the dance step by step gives working credentials`() {
        OAuthDance(standIn.consumerKey, standIn.consumerSecret, callback, SignatureMethod.HMAC_SHA512, standIn.options()).use { dance ->
            dance.requestToken().use { requestToken ->
                assertTrue(requestToken.token().isNotEmpty())
                val url = dance.authorizationUrl(requestToken)
                assertTrue(url.startsWith("${standIn.api}/v2/oauth/authorize?oauth_token="), url)

                val location = approve(url)
                assertTrue(location.startsWith("$callback?"), location)
                val verifier = dance.verifyCallback(location, requestToken)
                assertTrue(verifier.isNotEmpty())

                dance.accessToken(requestToken, verifier).use { credentials ->
                    assertEquals(standIn.consumerKey, credentials.consumerKey())
                    assertNotNull(credentials.token())
                    assertEquals(SignatureMethod.HMAC_SHA512, credentials.signatureMethod())
                    val expiresAt = credentials.expiresAt() ?: error("no expiry")
                    assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofDays(80))), "$expiresAt")

                    Client.withOauth1(credentials, standIn.options()).use { client ->
                        assertEquals(standIn.userId, client.myself().id)
                    }
                }
                // A request token is good for one exchange.
                val error = assertThrows(CleverException.OAuth::class.java) { dance.accessToken(requestToken, verifier) }
                assertEquals(OAuthStep.ACCESS_TOKEN, error.step)
            }
        }
    }

    @Test
    fun `a callback for another request token is refused`() {
        OAuthDance(standIn.consumerKey, standIn.consumerSecret, callback, options = standIn.options()).use { dance ->
            dance.requestToken().use { mine ->
                dance.requestToken().use { other ->
                    val otherCallback = approve(dance.authorizationUrl(other))
                    val error = assertThrows(CleverException.OAuth::class.java) { dance.verifyCallback(otherCallback, mine) }
                    assertEquals(OAuthStep.CALLBACK, error.step)
                    assertTrue(error.detail.isNotEmpty())
                }
                val forged = assertThrows(CleverException.OAuth::class.java) {
                    dance.verifyCallback("$callback?oauth_token=forged&oauth_verifier=x", mine)
                }
                assertEquals(OAuthStep.CALLBACK, forged.step)
            }
        }
    }

    @Test
    fun `a wrong verifier fails the access_token step`() {
        OAuthDance(standIn.consumerKey, standIn.consumerSecret, callback, options = standIn.options()).use { dance ->
            dance.requestToken().use { requestToken ->
                val error = assertThrows(CleverException.OAuth::class.java) { dance.accessToken(requestToken, "not-the-verifier") }
                assertEquals(OAuthStep.ACCESS_TOKEN, error.step)
            }
        }
    }

    @Test
    fun `loginWithLoopback with an opener that follows the redirects`() {
        val opened = CopyOnWriteArrayList<String>()
        val failures = CopyOnWriteArrayList<Throwable>()
        val done = CountDownLatch(1)
        val opener = object : UrlOpener {
            // Called on a Rust thread: a browser that follows the 302 back to the loopback port.
            override fun openUrl(url: String) {
                opened += url
                try {
                    val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()
                    val response = browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    if (response.statusCode() != 200 || "logged in" !in response.body()) {
                        failures += AssertionError("callback page: ${response.statusCode()} ${response.body()}")
                    }
                } catch (error: Throwable) {
                    failures += error
                } finally {
                    done.countDown()
                }
            }
        }
        loginWithLoopback(standIn.consumerKey, standIn.consumerSecret, opener, SignatureMethod.HMAC_SHA512, standIn.options(), Duration.ofSeconds(30)).use { credentials ->
            assertNotNull(credentials.token())
            Client.withOauth1(credentials, standIn.options()).use { client ->
                assertEquals(standIn.userId, client.myself().id)
            }
        }
        assertEquals(1, opened.size)
        assertTrue(opened.single().startsWith("${standIn.api}/v2/oauth/authorize?"), opened.single())
        // The opener's thread may still be reading the page when the login returns.
        assertTrue(done.await(10, TimeUnit.SECONDS), "the opener never finished")
        assertTrue(failures.isEmpty(), "$failures")
    }

    @Test
    fun `loginWithLoopback times out when the browser never comes back`() {
        val opener = object : UrlOpener {
            override fun openUrl(url: String) {}
        }
        val started = System.nanoTime()
        val error = assertThrows(CleverException.OAuth::class.java) {
            loginWithLoopback(standIn.consumerKey, standIn.consumerSecret, opener, options = standIn.options(), timeout = Duration.ofMillis(500))
        }
        assertEquals(OAuthStep.CALLBACK, error.step)
        assertEquals("OAuth callback failed: ${error.detail}", error.toString())
        assertTrue("no callback within 0.5 s" in error.detail, error.detail)
        assertFalse(Duration.ofNanos(System.nanoTime() - started) > Duration.ofSeconds(10))
    }

    /** An opener that cannot open the page ends the login at once, with its reason. */
    private fun assertOpenerFailureEndsTheLogin(failure: Exception, expected: String) {
        val opener = object : UrlOpener {
            override fun openUrl(url: String) {
                throw failure
            }
        }
        val started = System.nanoTime()
        val error = assertThrows(CleverException.OAuth::class.java) {
            // A long timeout: only the opener's failure can end the login within the test.
            loginWithLoopback(standIn.consumerKey, standIn.consumerSecret, opener, options = standIn.options(), timeout = Duration.ofSeconds(60))
        }
        val elapsed = Duration.ofNanos(System.nanoTime() - started)
        assertEquals(OAuthStep.CALLBACK, error.step)
        assertTrue("could not open the authorization page" in error.detail, error.detail)
        assertTrue(expected in error.detail, error.detail)
        assertTrue(elapsed < Duration.ofSeconds(20), "took $elapsed: the login waited for the timeout")
        // The dance got as far as its request token, and no further.
        assertEquals(1, recorded("/v2/oauth/request_token").size)
        assertTrue(recorded("/v2/oauth/access_token").isEmpty())
    }

    @Test
    fun `an opener throwing any exception ends loginWithLoopback with OAuth CALLBACK`() {
        assertOpenerFailureEndsTheLogin(IllegalStateException("no browser on this machine"), "no browser on this machine")
    }

    @Test
    fun `an opener throwing a CleverException ends loginWithLoopback with its text`() {
        assertOpenerFailureEndsTheLogin(CleverException.InvalidInput("the user closed the dialog"), "invalid input: the user closed the dialog")
    }
}
