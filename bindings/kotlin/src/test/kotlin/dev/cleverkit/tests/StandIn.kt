package dev.cleverkit.tests

import dev.cleverkit.ClientOptions
import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.SignatureMethod
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit
import org.json.JSONArray
import org.json.JSONObject

/**
 * The local stand-in API (`target/debug/cleverkit-standin`, path in the `cleverkit.standin`
 * system property set by the pom). It prints one JSON line, then serves until its stdin reaches
 * end of file: [close] closes that pipe and waits for it to exit.
 */
class StandIn private constructor(private val process: Process, info: JSONObject) : AutoCloseable {
    val api: String = info.getString("api")
    val bridge: String = info.getString("bridge")
    val foreign: String = info.getString("foreign")
    val consumerKey: String = info.getString("consumer_key")
    val consumerSecret: String = info.getString("consumer_secret")
    val token: String = info.getString("token")
    val tokenSecret: String = info.getString("token_secret")
    val expiredToken: String = info.getString("expired_token")
    val expiredTokenSecret: String = info.getString("expired_token_secret")
    val cleverToolsConsumerKey: String = info.getString("clever_tools_consumer_key")
    val apiToken: String = info.getString("api_token")
    val apiTokenId: String = info.getString("api_token_id")
    val organisationId: String = info.getString("organisation_id")
    val userId: String = info.getString("user_id")
    val email: String = info.getString("email")
    val password: String = info.getString("password")
    val mfaCode: String = info.getString("mfa_code")

    private val http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    /** Options pointing both hosts at this stand-in; quick retries so retry tests stay short. */
    fun options(
        maxRetries: Int = 3,
        retryBaseDelay: Duration = Duration.ofMillis(10),
        maxRetryWait: Duration = Duration.ofSeconds(30),
    ) = ClientOptions(
        apiHost = api,
        bridgeHost = bridge,
        maxRetries = maxRetries,
        retryBaseDelay = retryBaseDelay,
        maxRetryWait = maxRetryWait,
        timeout = Duration.ofSeconds(30),
    )

    fun credentials(
        method: SignatureMethod = SignatureMethod.HMAC_SHA512,
        tokenSecret: String = this.tokenSecret,
    ) = OAuth1Credentials(consumerKey, consumerSecret, token, tokenSecret, method)

    /** Queues a fault (`POST /__standin/faults`). */
    fun fault(json: String) {
        val response = control("POST", "/__standin/faults", json)
        check(response.statusCode() == 200) { "fault $json refused: ${response.statusCode()} ${response.body()}" }
    }

    /** Drops queued faults and recorded requests. */
    fun reset() {
        val response = control("POST", "/__standin/reset", null)
        check(response.statusCode() == 204) { "reset: ${response.statusCode()} ${response.body()}" }
    }

    /** What reached the api, bridge and foreign listeners since the last reset, in order. */
    fun requests(): List<JSONObject> {
        val response = control("GET", "/__standin/requests", null)
        check(response.statusCode() == 200) { "requests: ${response.statusCode()}" }
        val array = JSONArray(response.body())
        return (0 until array.length()).map { array.getJSONObject(it) }
    }

    private fun control(method: String, path: String, json: String?): HttpResponse<String> {
        val body = json?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody()
        val request = HttpRequest.newBuilder(URI.create(api + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, body)
            .build()
        return http.send(request, HttpResponse.BodyHandlers.ofString())
    }

    override fun close() {
        process.outputStream.close() // EOF on its stdin: the stand-in stops and exits 0
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            process.waitFor(5, TimeUnit.SECONDS)
        }
    }

    companion object {
        @JvmStatic
        fun start(): StandIn {
            val path = System.getProperty("cleverkit.standin")
                ?: error("system property cleverkit.standin is not set (run the tests through Maven)")
            check(File(path).canExecute()) { "$path is missing: run ./scripts/build-ffi.sh at the repository root" }
            val process = ProcessBuilder(path)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start()
            val stdout = process.inputStream.bufferedReader(Charsets.UTF_8)
            val line = stdout.readLine()
            if (line == null) {
                process.destroyForcibly()
                error("the stand-in printed nothing (exit ${process.waitFor()})")
            }
            // Whatever it prints later must not fill the pipe and block it.
            Thread({ stdout.use { it.readText() } }, "standin-stdout").apply { isDaemon = true }.start()
            return StandIn(process, JSONObject(line))
        }
    }
}
