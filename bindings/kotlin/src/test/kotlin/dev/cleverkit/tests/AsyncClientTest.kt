package dev.cleverkit.tests

import dev.cleverkit.AsyncClient
import dev.cleverkit.CleverException
import dev.cleverkit.ClientOptions
import dev.cleverkit.DownloadProgress
import dev.cleverkit.OAuthDance
import dev.cleverkit.SignatureMethod
import dev.cleverkit.UrlOpener
import dev.cleverkit.loginWithLoopbackAsync
import java.net.Socket
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse.BodyHandlers
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.io.path.listDirectoryEntries
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * `AsyncClient`'s `suspend fun`s against the stand-in: concurrency, a coroutine thread that
 * stays free, cancellation (`Job.cancel()`, `withTimeout`) that returns at once and stops the
 * call in the core, typed errors, a bounded pool of worker threads, download progress, sharing
 * a sync `Client`, and the async steps of the dance.
 */
class AsyncClientTest : StandInTest() {
    @TempDir
    lateinit var dir: Path

    private fun asyncClient(options: ClientOptions = standIn.options()): AsyncClient =
        standIn.credentials().use { AsyncClient.withOauth1(it, options) }

    private fun millisSince(started: Long) = (System.nanoTime() - started) / 1_000_000

    /** Waits (suspending) until the stand-in recorded a request to [path]; returns how many. */
    private suspend fun awaitRecorded(path: String): Int {
        val deadline = System.nanoTime() + 10_000_000_000
        while (System.nanoTime() < deadline) {
            val count = withContext(Dispatchers.IO) { recorded(path).size }
            if (count > 0) return count
            delay(10)
        }
        error("no request to $path reached the stand-in within 10 s")
    }

    @Test
    fun `200 concurrent calls all succeed, each signed afresh with HMAC-SHA512`() = runBlocking {
        val users = asyncClient().use { client -> List(200) { async { client.myself() } }.awaitAll() }
        assertEquals(List(200) { standIn.userId }, users.map { it.id })
        // The stand-in refuses a bad signature or a replayed nonce with a 401: 200 answers mean
        // 200 signatures it verified.
        val headers = recorded("/v2/self").map { parseAuthorization(it.header("Authorization")!!).toMap() }
        assertEquals(200, headers.size)
        assertEquals(setOf("HMAC-SHA512"), headers.map { it["oauth_signature_method"] }.toSet())
        assertEquals(200, headers.map { it["oauth_nonce"] }.toSet().size)
    }

    @Test
    fun `the coroutine thread keeps running other coroutines while a call is stalled`() = runBlocking {
        standIn.fault("""{"action":"delay","before_headers_ms":1000,"path_prefix":"/v2/self"}""")
        asyncClient().use { client ->
            // runBlocking runs every coroutine of this test on this one thread: the ticker only
            // ticks while myself() is suspended, never if the call blocked the thread.
            val thread = Thread.currentThread()
            var ticks = 0
            val ticker = launch {
                while (true) {
                    delay(10)
                    check(Thread.currentThread() === thread)
                    ticks++
                }
            }
            val started = System.nanoTime()
            assertEquals(standIn.userId, client.myself().id)
            val elapsed = millisSince(started)
            ticker.cancelAndJoin()
            println("AsyncClientTest: $ticks ticks of 10 ms during a call stalled for $elapsed ms")
            assertTrue(elapsed >= 900, "the call was not stalled: $elapsed ms")
            assertTrue(ticks >= 20, "only $ticks ticks in $elapsed ms: the call blocked the thread")
        }
    }

    @Test
    fun `Job cancel during the retry backoff returns at once, and the call sends no retry`() = runBlocking {
        // Every /v2/self answers 503 with Retry-After: 3, so the call waits 3 s before its retry.
        standIn.fault("""{"path_prefix":"/v2/self","times":0,"status":503,"retry_after":"3"}""")
        // One worker thread: zones() below can only run once the cancelled call let go of it.
        asyncClient(standIn.options().copy(workerThreads = 1)).use { client ->
            val call = launch { client.myself() }
            assertEquals(1, awaitRecorded("/v2/self"))
            val started = System.nanoTime()
            call.cancelAndJoin()
            val cancelMs = millisSince(started)
            println("AsyncClientTest: Job.cancel() during the backoff returned in $cancelMs ms")
            assertTrue(call.isCancelled)
            assertTrue(cancelMs < 1000, "cancelAndJoin took $cancelMs ms")

            // The backoff woke at the cancel: the only worker is free long before the 3 s are up.
            val zones = withTimeout(1500) { client.zones() }
            assertTrue(zones.isNotEmpty())
            delay(3500) // past the Retry-After: a retry would have reached the stand-in by now
            assertEquals(1, recorded("/v2/self").size, "a retry was sent after the cancel")
        }
    }

    @Test
    fun `withTimeout on a call waiting for its headers returns at once, and nothing more is sent`() = runBlocking {
        standIn.fault("""{"action":"delay","before_headers_ms":2000,"path_prefix":"/v2/self"}""")
        asyncClient().use { client ->
            val started = System.nanoTime()
            val outcome = runCatching { withTimeout(200) { client.myself() } }
            val elapsed = millisSince(started)
            println("AsyncClientTest: withTimeout(200) on a stalled call returned in $elapsed ms")
            assertInstanceOf(TimeoutCancellationException::class.java, outcome.exceptionOrNull())
            assertTrue(elapsed < 1000, "withTimeout(200) took $elapsed ms")
            // The abandoned attempt gets its answer after 2 s, which is dropped.
            delay(2500)
            assertEquals(1, recorded("/v2/self").size)
            assertEquals(standIn.userId, client.myself().id, "the client still works")
        }
    }

    @Test
    fun `a cancelled download leaves neither the file nor a temporary file`() = runBlocking {
        // The invoice's first 64 KiB, then nothing for 2 s.
        standIn.fault("""{"action":"stall_body","after_bytes":65536,"for_ms":2000,"path_prefix":"/v4/billing/"}""")
        val pdf = dir.resolve("invoice.pdf")
        asyncClient().use { client ->
            val firstChunk = CompletableDeferred<Long>()
            val progress = object : DownloadProgress {
                override fun onProgress(written: Long, total: Long?) {
                    firstChunk.complete(written)
                }
            }
            val download = launch { client.downloadInvoice(standIn.organisationId, "1048576", pdf.toString(), progress) }
            assertTrue(withTimeout(10_000) { firstChunk.await() } > 0)
            val started = System.nanoTime()
            download.cancelAndJoin()
            val elapsed = millisSince(started)
            println("AsyncClientTest: a download cancelled mid-body returned in $elapsed ms")
            assertTrue(elapsed < 1000, "cancelAndJoin took $elapsed ms")
        }
        // The worker reads again when the stall ends, sees the cancel before writing on, and
        // removes its temporary file; an uncancelled download would leave invoice.pdf here.
        val deadline = System.nanoTime() + 15_000_000_000
        while (dir.listDirectoryEntries().isNotEmpty() && System.nanoTime() < deadline) delay(50)
        assertEquals(emptyList<Path>(), dir.listDirectoryEntries())
        assertEquals(1, recorded("/v4/billing/organisations/${standIn.organisationId}/invoices/1048576.pdf").size)
    }

    /** The error's text without its request id, which differs from one response to the next. */
    private fun CleverException.sentence(): String {
        val requestId = when (this) {
            is CleverException.Unauthorized -> requestId
            is CleverException.NotFound -> requestId
            else -> null
        }
        val text = message.orEmpty()
        return requestId?.let { text.replace(it, "<request id>") } ?: text
    }

    @Test
    fun `errors are the sync API's typed exceptions, with the same text`() = runBlocking {
        val badSecret = "not-the-token-secret"
        val sync = assertThrows(CleverException.Unauthorized::class.java) {
            oauthClient(tokenSecret = badSecret).use { it.myself() }
        }
        val async = runCatching {
            standIn.credentials(tokenSecret = badSecret).use { AsyncClient.withOauth1(it, standIn.options()) }.use { it.myself() }
        }.exceptionOrNull()
        assertInstanceOf(CleverException.Unauthorized::class.java, async)
        assertEquals(sync.sentence(), (async as CleverException).sentence())
        assertTrue(async.sentence().startsWith("HTTP 401 Unauthorized: bad signature"), async.sentence())

        val organisationId = "orga_00000000-0000-4000-8000-00000000dead"
        val syncNotFound = assertThrows(CleverException.NotFound::class.java) {
            oauthClient().use { it.applications(organisationId) }
        }
        val asyncNotFound = runCatching { asyncClient().use { it.applications(organisationId) } }.exceptionOrNull()
        assertInstanceOf(CleverException.NotFound::class.java, asyncNotFound)
        assertEquals(syncNotFound.sentence(), (asyncNotFound as CleverException).sentence())
        assertTrue(asyncNotFound.sentence().startsWith("HTTP 404 Not Found: organisation $organisationId not found"), asyncNotFound.sentence())
    }

    @Test
    fun `1,000 concurrent calls run on at most workerThreads threads`() {
        // A JVM of its own: worker threads of this JVM's other clients would be counted too.
        val child = runChildJvm(
            "dev.cleverkit.tests.WorkerThreadsChildKt", dir, emptyMap(),
            standIn.api, standIn.consumerKey, standIn.consumerSecret, standIn.token, standIn.tokenSecret, "1000", "8",
        )
        assertEquals(0, child.exitCode, child.output)
        val printed = child.output.lines().filter { ": " in it }.associate { it.substringBefore(": ") to it.substringAfter(": ") }
        println("AsyncClientTest: 1,000 calls, workerThreads = 8: ${printed["peak workers"]} worker threads at most (${printed["samples"]} samples)")
        assertEquals("1000", printed["users"], child.output)
        val peak = printed.getValue("peak workers").toInt()
        assertTrue(peak in 1..8, "$peak threads named cleverkit-worker")
        assertTrue(printed.getValue("samples").toInt() >= 10, child.output)
        assertEquals(1000, recorded("/v2/self").size)
    }

    @Test
    fun `a progress listener hears increasing byte counts and the total`() = runBlocking {
        val heard = CopyOnWriteArrayList<Pair<Long, Long?>>()
        val progress = object : DownloadProgress {
            override fun onProgress(written: Long, total: Long?) {
                heard += written to total
            }
        }
        val pdf = dir.resolve("invoice.pdf")
        val written = asyncClient().use { it.downloadInvoice(standIn.organisationId, "1048576", pdf.toString(), progress) }
        assertEquals(1_048_576L, written)
        assertEquals(1_048_576L, Files.size(pdf))
        val counts = heard.map { it.first }
        assertTrue(counts.size > 1, "$heard")
        assertEquals(counts.sorted().distinct(), counts, "not increasing: $counts")
        assertEquals(1_048_576L, counts.last())
        assertEquals(setOf<Long?>(1_048_576L), heard.map { it.second }.toSet())
    }

    @Test
    fun `asyncClient() shares the sync client's connections, and each closes on its own`() = runBlocking {
        oauthClient().use { sync ->
            assertEquals(standIn.userId, sync.myself().id)
            sync.asyncClient().use { async ->
                assertEquals(standIn.userId, async.myself().id)
                async.shutdown()
                assertTrue(async.isClosed())
                val error = runCatching { async.myself() }.exceptionOrNull()
                assertInstanceOf(IllegalStateException::class.java, error)
                assertEquals("AsyncClient is closed", error!!.message)
            }
            assertFalse(sync.isClosed())
            assertEquals(standIn.userId, sync.myself().id)
        }
        // One pool of keep-alive connections: the calls, one after the other, took one connection.
        val connections = recorded("/v2/self").map { it.getInt("connection") }
        assertEquals(3, connections.size)
        assertEquals(1, connections.toSet().size, "connections $connections")
    }

    @Test
    fun `an AsyncClient is AutoCloseable and shutdown is the core's close`() = runBlocking {
        val client = asyncClient(standIn.options().copy(workerThreads = 3))
        client.use {
            assertEquals(3, it.workerThreads())
            assertFalse(it.isClosed())
            assertTrue(it.toString().startsWith("AsyncClient("), it.toString())
            it.shutdown()
            assertTrue(it.isClosed())
            assertEquals("AsyncClient(closed)", it.toString())
            it.shutdown() // again: nothing happens
            assertTrue(it.uniffiIsDestroyed, "shutdown() frees the object, as close() does")
            val error = assertThrows(IllegalStateException::class.java) { runBlocking { it.myself() } }
            assertEquals("AsyncClient is closed", error.message)
        }
        assertTrue(client.isClosed())
        client.close() // again: nothing happens
    }

    /** Plays the browser: asks for the authorization page, returns the redirect's Location. */
    private fun approve(authorizationUrl: String): String {
        val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        val response = browser.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).build(), BodyHandlers.discarding())
        assertEquals(302, response.statusCode())
        return response.headers().firstValue("Location").orElseThrow()
    }

    @Test
    fun `the dance's network steps, awaited, give working credentials`() = runBlocking {
        val callback = "http://127.0.0.1:9/callback"
        OAuthDance(standIn.consumerKey, standIn.consumerSecret, callback, SignatureMethod.HMAC_SHA512, standIn.options()).use { dance ->
            dance.requestTokenAsync().use { requestToken ->
                val location = withContext(Dispatchers.IO) { approve(dance.authorizationUrl(requestToken)) }
                val verifier = dance.verifyCallback(location, requestToken)
                dance.accessTokenAsync(requestToken, verifier).use { credentials ->
                    AsyncClient.withOauth1(credentials, standIn.options()).use { client ->
                        assertEquals(standIn.userId, client.myself().id)
                    }
                }
            }
        }
        assertEquals(1, recorded("/v2/oauth/request_token").size)
        assertEquals(1, recorded("/v2/oauth/access_token").size)
    }

    @Test
    fun `loginWithLoopbackAsync logs in through the browser`() = runBlocking {
        val opener = object : UrlOpener {
            override fun openUrl(url: String) {
                val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()
                browser.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.discarding())
            }
        }
        val options = standIn.options()
        loginWithLoopbackAsync(standIn.consumerKey, standIn.consumerSecret, opener, options = options, timeout = Duration.ofSeconds(30)).use { credentials ->
            assertNotNull(credentials.expiresAt())
            AsyncClient.withOauth1(credentials, options).use { client -> assertEquals(standIn.userId, client.myself().id) }
        }
    }

    @Test
    fun `cancelling loginWithLoopbackAsync returns at once and closes the loopback listener`() = runBlocking {
        val opened = CompletableDeferred<Unit>()
        val opener = object : UrlOpener {
            override fun openUrl(url: String) {
                opened.complete(Unit) // and the user never comes back
            }
        }
        val login = launch { loginWithLoopbackAsync(standIn.consumerKey, standIn.consumerSecret, opener, options = standIn.options()) }
        withTimeout(10_000) { opened.await() }
        // The loopback callback the request token was asked for (in the form body): http://127.0.0.1:PORT/…
        val form = recorded("/v2/oauth/request_token").single().getString("body").split('&')
        val callback = URI(percentDecode(form.single { it.startsWith("oauth_callback=") }.substringAfter('=')))
        Socket(callback.host, callback.port).close() // listening now

        val started = System.nanoTime()
        login.cancelAndJoin()
        val elapsed = millisSince(started)
        println("AsyncClientTest: cancelling the loopback login returned in $elapsed ms")
        assertTrue(elapsed < 1000, "cancelAndJoin took $elapsed ms")
        val deadline = System.nanoTime() + 5_000_000_000
        var listening = true
        while (listening && System.nanoTime() < deadline) {
            listening = runCatching { Socket(callback.host, callback.port).close() }.isSuccess
            if (listening) delay(50)
        }
        assertFalse(listening, "the loopback listener on port ${callback.port} is still open after the cancel")
    }
}
