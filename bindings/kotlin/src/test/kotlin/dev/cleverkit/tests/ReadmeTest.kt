package dev.cleverkit.tests

import dev.cleverkit.*
import java.io.File
import java.net.HttpURLConnection
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse.BodyHandlers
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import kotlin.io.path.listDirectoryEntries
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The download as a Flow of (bytes written, total when known); it completes with the file. */
fun AsyncClient.invoiceDownload(organisationId: String, invoiceNumber: String, destination: String): Flow<Pair<Long, Long?>> =
    callbackFlow {
        val progress = object : DownloadProgress {
            override fun onProgress(written: Long, total: Long?) {
                trySend(written to total) // on a worker thread; never blocks the download
            }
        }
        downloadInvoice(organisationId, invoiceNumber, destination, progress)
        close()
    }.conflate() // a slow collector sees the latest count

/**
 * The README's snippets, run against the stand-in: each ```kotlin and ```java block of README.md
 * must appear here (Kotlin) or in JavaInteropTest.java, line for line (the last test checks).
 * The names the snippets use (`consumerKey`, `apiHost`, `configFile`…) are the stand-in's.
 */
class ReadmeTest : StandInTest() {
    @TempDir
    lateinit var dir: Path

    private val consumerKey get() = standIn.consumerKey
    private val consumerSecret get() = standIn.consumerSecret
    private val token get() = standIn.token
    private val tokenSecret get() = standIn.tokenSecret
    private val apiToken get() = standIn.apiToken
    private val apiHost get() = standIn.api
    private val bridgeHost get() = standIn.bridge
    private lateinit var configFile: String
    private val printed = mutableListOf<String>()

    private fun println(line: Any?) {
        printed += line.toString()
    }

    @BeforeEach
    fun writeConfigFile() {
        printed.clear()
        log.warnings.clear()
        val overrides = JSONObject()
            .put("API_HOST", standIn.api)
            .put("AUTH_BRIDGE_HOST", standIn.bridge)
            .put("OAUTH_CONSUMER_KEY", standIn.consumerKey)
            .put("OAUTH_CONSUMER_SECRET", standIn.consumerSecret)
        val profile = JSONObject().put("alias", "work").put("token", standIn.token)
            .put("secret", standIn.tokenSecret).put("overrides", overrides)
        val path = dir.resolve("clever-tools.json")
        Files.writeString(path, JSONObject().put("version", 1).put("profiles", JSONArray().put(profile)).toString())
        configFile = path.toString()
    }

    @Test
    fun quickstart() {
        val invoice = dir.resolve("invoice.pdf").toString()
        Client.fromConfigFile(configFile, profile = "work").use { client -> // a clever-tools.json
            val me = client.myself()
            println("${me.name} <${me.email}>")
            println(client.zones().map { it.name })
            val organisationId = client.summary().organisations.first().id
            client.applications(organisationId).forEach { println("${it.name}: ${it.state}") }
            client.downloadInvoice(organisationId, "4096", invoice)
        }
        assertTrue(printed.first().endsWith("<${standIn.email}>"), "$printed")
        assertEquals(4096L, File(invoice).length())
    }

    @Test
    fun authentication() {
        // null hosts: Clever Cloud's. Every option left null takes the core's default.
        val options = ClientOptions(apiHost = apiHost, bridgeHost = bridgeHost, timeout = Duration.ofSeconds(10), maxRetries = 2)

        // 1. OAuth 1.0a tokens (from `clever login`, or from the dance below). HMAC-SHA512 by default.
        OAuth1Credentials(consumerKey, consumerSecret, token, tokenSecret).use { credentials ->
            Client.withOauth1(credentials, options).use { client -> println(client.myself().email) }
        }

        // 2. An API token (Authorization: Bearer, sent to the API bridge).
        Client.withApiToken(apiToken, options).use { client -> println(client.myself().email) }

        // 3. A clever-tools.json: its active profile, or the one named (its overrides included).
        Client.fromConfigFile(configFile, profile = "work").use { client -> println(client.myself().email) }
        assertEquals(List(3) { standIn.email }, printed)
    }

    @Test
    fun coroutines() = runBlocking {
        AsyncClient.fromConfigFile(configFile, profile = "work").use { client ->
            val me = client.myself() // suspends; the thread runs other coroutines meanwhile
            println("${me.name} <${me.email}>")
            val organisations = client.summary().organisations
            // Concurrent calls, at most workerThreads of them in the core at once.
            val applications = coroutineScope {
                organisations.map { organisation -> async { client.applications(organisation.id) } }.awaitAll()
            }
            println(applications.flatten().map { it.name })
        }
        assertTrue(printed.first().endsWith("<${standIn.email}>"), "$printed")
        assertTrue("engine-api" in printed.last(), "$printed")
    }

    private var offline = false

    private fun showOffline() {
        offline = true
    }

    @Test
    fun cancellation() = runBlocking {
        standIn.fault("""{"action":"delay","before_headers_ms":2000,"path_prefix":"/v2/self"}""")
        standIn.fault("""{"action":"stall_body","after_bytes":65536,"for_ms":2000,"path_prefix":"/v4/billing/"}""")
        val organisationId = standIn.organisationId
        val downloads = Files.createDirectory(dir.resolve("downloads"))
        val invoice = downloads.resolve("invoice.pdf").toString()
        // "Stop" is pressed once the download is under way: its temporary file exists.
        val stopPressed = CompletableDeferred<Unit>()
        launch(Dispatchers.IO) {
            while (downloads.listDirectoryEntries(".cleverkit-download-*").isEmpty()) delay(5)
            stopPressed.complete(Unit)
        }
        AsyncClient.fromConfigFile(configFile, profile = "work").use { client ->
            val me: User? = withTimeoutOrNull(500) { client.myself() } // null when no answer within 500 ms
            if (me == null) showOffline()

            val download = launch { client.downloadInvoice(organisationId, "1048576", invoice) }
            stopPressed.await() // … the user presses "Stop":
            download.cancel() // returns at once: the download stops within one chunk and leaves no file
            download.join()
            assertTrue(download.isCancelled)
        }
        assertTrue(offline)
        awaitEmpty(downloads)
    }

    /** Waits until the download's worker removed its temporary file (once the stall ends). */
    private suspend fun awaitEmpty(downloads: Path) {
        val deadline = System.nanoTime() + 15_000_000_000
        while (downloads.listDirectoryEntries().isNotEmpty() && System.nanoTime() < deadline) delay(50)
        assertEquals(emptyList<Path>(), downloads.listDirectoryEntries())
    }

    @Test
    fun `download progress as a Flow`() = runBlocking {
        val organisationId = standIn.organisationId
        val downloads = Files.createDirectory(dir.resolve("downloads"))
        val invoice = downloads.resolve("invoice.pdf").toString()
        AsyncClient.fromConfigFile(configFile, profile = "work").use { client ->
            client.invoiceDownload(organisationId, "1048576", invoice).collect { (written, total) ->
                println("$written of $total bytes")
            }
        }
        assertEquals("1048576 of 1048576 bytes", printed.last())
        val counts = printed.map { it.substringBefore(" of ").toLong() }
        assertEquals(counts.sorted().distinct(), counts)
        assertEquals(1_048_576L, File(invoice).length())

        // A collector that stops (here, a timeout) cancels the download: no file is left.
        File(invoice).delete()
        standIn.fault("""{"action":"stall_body","after_bytes":65536,"for_ms":2000,"path_prefix":"/v4/billing/"}""")
        AsyncClient.fromConfigFile(configFile, profile = "work").use { client ->
            val finished = withTimeoutOrNull(500) { client.invoiceDownload(organisationId, "1048576", invoice).collect() }
            assertEquals(null, finished)
        }
        awaitEmpty(downloads)
    }

    @Test
    fun `mixing blocking and suspending calls`() = runBlocking {
        Client.fromConfigFile(configFile, profile = "work").use { client ->
            client.asyncClient().use { asyncClient -> // the same credentials and connections
                println(client.zones().size) // blocking, e.g. on a thread of your own
                println(asyncClient.myself().email) // suspending, in a coroutine
            }
        }
        assertEquals(listOf("4", standIn.email), printed)
    }

    @Test
    fun applications() = runBlocking {
        val organisationId = standIn.organisationId
        val commitId = "0123456789abcdef0123456789abcdef01234567"
        val seeded = oauthClient().use { it.applications(organisationId) }
        AsyncClient.fromConfigFile(configFile, profile = "work").use { client ->
            // The catalogue: one entry per runtime and version; here the newest Node.
            val node = client.instanceTypes().filter { it.enabled == true && it.variant?.slug == "node" }.maxBy { it.version }
            val new = NewApplication("orders", node.kind, node.version, node.variant!!.id!!) // zone par, flavor XS, 1 instance
            val app = client.createApplication(organisationId, new)
            try {
                client.updateApplication(organisationId, app.id, ApplicationUpdate(maxInstances = 3)) // null fields: left as they are
                client.setEnvironmentVariable(organisationId, app.id, "NODE_ENV", "production")
                client.addDomain(organisationId, app.id, "orders.example.com")
                val deploymentId = client.redeployApplication(organisationId, app.id, commit = commitId) // null: the last commit
                println("$deploymentId: ${client.deployments(organisationId, app.id, limit = 1).first().action}")
            } finally {
                client.deleteApplication(organisationId, app.id) // for good, its environment and domains with it
            }
        }
        assertTrue(printed.single().endsWith(": DEPLOY"), "$printed")
        val path = "/v2/organisations/$organisationId/applications"
        // What reached the stand-in, the listings of this test left out.
        val sent = standIn.requests().map { "${it.getString("method")} ${it.getString("target").substringBefore('?')}" }
            .filter { it != "GET $path" }
        val app = sent.first { it.startsWith("PUT $path/") }.removePrefix("PUT $path/")
        assertEquals(
            listOf(
                "GET /v2/products/instances", "POST $path", "PUT $path/$app", "PUT $path/$app/env/NODE_ENV",
                "PUT $path/$app/vhosts/orders.example.com", "POST $path/$app/instances", "GET $path/$app/deployments",
                "DELETE $path/$app",
            ),
            sent,
        )
        assertEquals(seeded, oauthClient().use { it.applications(organisationId) })
    }

    /** Plays the user's browser: follows the authorization page's redirect to the callback. */
    private fun openInBrowser(url: String) {
        val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()
        browser.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.discarding())
    }

    @Test
    fun `login with loopback`() {
        val options = ClientOptions(apiHost = apiHost, bridgeHost = bridgeHost)
        val opener = object : UrlOpener {
            override fun openUrl(url: String) {
                openInBrowser(url) // e.g. java.awt.Desktop.getDesktop().browse(URI(url))
            }
        }
        loginWithLoopback(consumerKey, consumerSecret, opener, options = options, timeout = Duration.ofMinutes(2)).use { credentials ->
            println("token expires at ${credentials.expiresAt()}") // save token() and the secret now
            Client.withOauth1(credentials, options).use { client -> println(client.myself().email) }
        }
        assertEquals(standIn.email, printed.last())
    }

    private var callbackUrl = ""

    /** The browser's side of the redirect: where the API sends it back (the callback URL). */
    private fun redirectUserTo(url: String) {
        val browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        callbackUrl = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.discarding())
            .headers().firstValue("Location").orElseThrow()
    }

    private fun save(credentials: OAuth1Credentials) {
        println(credentials.token())
    }

    @Test
    fun `the dance step by step`() {
        val options = ClientOptions(apiHost = apiHost, bridgeHost = bridgeHost)
        OAuthDance(consumerKey, consumerSecret, callback = "https://myapp.example/oauth/callback", options = options).use { dance ->
            dance.requestToken().use { requestToken ->
                redirectUserTo(dance.authorizationUrl(requestToken))
                // … the browser comes back to the callback URL:
                val verifier = dance.verifyCallback(callbackUrl, requestToken) // refuses another token's callback
                dance.accessToken(requestToken, verifier).use { credentials -> save(credentials) }
            }
        }
        assertTrue(callbackUrl.startsWith("https://myapp.example/oauth/callback?"), callbackUrl)
        assertTrue(printed.single().isNotEmpty())
    }

    @Test
    fun `a request with query parameters`() {
        oauthClient().use { client ->
            val id = standIn.organisationId
            val response = client.request(
                "GET", "/v2/organisations/$id/applications",
                query = listOf(Param("q", "my app"), Param("tag", "a+b"), Param("tag", "été")),
            )
            println("${response.status}: ${response.body.toString(Charsets.UTF_8)}")
        }
        assertTrue(printed.single().startsWith("200: ["), "$printed")
        assertEquals(
            "/v2/organisations/${standIn.organisationId}/applications?q=my%20app&tag=a%2Bb&tag=%C3%A9t%C3%A9",
            recorded("/v2/organisations/${standIn.organisationId}/applications").single().getString("target"),
        )
    }

    @Test
    fun `signing a request yourself`() {
        val connection = URI("$apiHost/v2/self").toURL().openConnection() as HttpURLConnection
        OAuth1Credentials(
            consumerKey = consumerKey,
            consumerSecret = consumerSecret,
            token = token,              // null before the OAuth dance
            tokenSecret = tokenSecret,
            signatureMethod = SignatureMethod.HMAC_SHA512, // the default when null
        ).use { credentials ->
            println(credentials) // Credentials(consumer_key=…, consumer_secret=[redacted], …)

            val signed: Signed = signRequest(RequestToSign(method = "GET", url = "$apiHost/v2/self"), credentials)
            connection.setRequestProperty("Authorization", signed.authorization)
            // signed.baseString and signed.signature show what was signed, to debug a mismatch.

            // A form body (application/x-www-form-urlencoded) is signed too; a fixed nonce and
            // timestamp reproduce a signature.
            val form = signRequest(
                RequestToSign(
                    method = "POST",
                    url = "https://api.clever-cloud.com/v2/organisations",
                    body = "name=my%20org",
                    contentType = "application/x-www-form-urlencoded",
                    nonce = "abc",
                    timestamp = 1_700_000_000L,
                ),
                credentials,
            )
            println(form.baseString)
        }
        assertEquals(200, connection.responseCode)
        assertTrue(consumerSecret !in printed[0] && "[redacted]" in printed[0], "$printed")
        assertEquals(
            "POST&https%3A%2F%2Fapi.clever-cloud.com%2Fv2%2Forganisations&name%3Dmy%2520org%26oauth_consumer_key%3D" +
                "$consumerKey%26oauth_nonce%3Dabc%26oauth_signature_method%3DHMAC-SHA512%26oauth_timestamp%3D1700000000" +
                "%26oauth_token%3D$token%26oauth_version%3D1.0",
            printed[1],
        )
    }

    private val log = object {
        val warnings = mutableListOf<String>()

        fun warn(text: String) {
            warnings += text
        }
    }

    private fun relogin(): Nothing = error("not called: the organisation is unknown, the token is fine")

    private fun retryLater(wait: Duration?): Nothing = error("not called: no 429 ($wait)")

    @Test
    fun errors() {
        oauthClient().use { client ->
            val organisationId = "orga_00000000-0000-4000-8000-00000000dead"
            try {
                client.applications(organisationId)
            } catch (e: CleverException) {
                when (e) {
                    is CleverException.Unauthorized -> relogin()
                    // HTTP 404 Not Found: organisation … not found (API code 4004, request id …)
                    is CleverException.NotFound -> log.warn(e.message)
                    is CleverException.RateLimited -> retryLater(e.retryAfter)
                    else -> throw e
                }
            }
        }
        val warning = log.warnings.single()
        assertTrue(warning.startsWith("HTTP 404 Not Found: organisation orga_00000000-0000-4000-8000-00000000dead not found (API code 4004, request id "), warning)
    }

    @Test
    fun `every snippet of the README is run here`() {
        val readme = File("README.md").readText()
        val sources = mapOf(
            "kotlin" to File("src/test/kotlin/dev/cleverkit/tests/ReadmeTest.kt"),
            "java" to File("src/test/java/dev/cleverkit/tests/JavaInteropTest.java"),
        ).mapValues { (_, file) -> file.readLines().map { it.trim() }.filter { it.isNotEmpty() } }
        val blocks = Regex("(?ms)^```(kotlin|java)\n(.*?)^```").findAll(readme).toList()
        assertTrue(blocks.size >= 7, "only ${blocks.size} snippets found")
        for (block in blocks) {
            val lines = block.groupValues[2].lines().map { it.trim() }.filter { it.isNotEmpty() }
            val (imports, code) = lines.partition { it.startsWith("import ") }
            val source = sources.getValue(block.groupValues[1])
            for (line in imports) {
                val wildcard = line.substringBeforeLast('.') + ".*" + if (line.endsWith(";")) ";" else ""
                assertTrue(line in source || wildcard in source, "not imported by the test: $line")
            }
            val found = (0..source.size - code.size).any { start -> source.subList(start, start + code.size) == code }
            assertTrue(found, "a README snippet no test runs:\n${block.groupValues[2]}")
        }
    }
}
