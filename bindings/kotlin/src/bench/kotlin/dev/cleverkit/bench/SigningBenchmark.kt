package dev.cleverkit.bench

import com.github.scribejava.core.builder.ServiceBuilder
import com.github.scribejava.core.builder.api.DefaultApi10a
import com.github.scribejava.core.model.OAuth1AccessToken
import com.github.scribejava.core.model.OAuthRequest
import com.github.scribejava.core.model.Verb
import com.github.scribejava.core.oauth.OAuth10aService
import com.github.scribejava.core.services.TimestampService
import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.RequestToSign
import dev.cleverkit.SignatureMethod
import dev.cleverkit.signRequest
import java.net.URLDecoder
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/**
 * Signing speed of CleverKit (Rust through UniFFI and JNA) against ScribeJava (pure Java), in one
 * JVM run: the same GET with three query parameters and a token, HMAC-SHA1, fixed nonce and
 * timestamp, signed to a complete `Authorization` header by each. Not a test: `bench.sh` runs it.
 *
 * Every case is warmed up, then the cases take turns for [ROUNDS] rounds of [roundMillis] each
 * (so drift in clock speed or JIT state hits all of them alike); the median round is reported.
 * Arguments: `[roundMillis] [rounds]`.
 */
private const val URL = "https://api.clever-cloud.com/v2/organisations/orga_3d1d8b4a/applications?limit=20&offset=40&q=my%20app"
private const val CONSUMER_KEY = "T5nFjKeHH4AIlEveuGhB5S3xg8T19e"
private const val CONSUMER_SECRET = "MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT"
private const val TOKEN = "d5e6a9f2c1b04e7f8a3c2b1d0e9f8a7b"
private const val TOKEN_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
private const val NONCE = "6d2b8c8f0e4a4f7c9b1a3e5d7f9b1c3e"
private const val TIMESTAMP = 1_700_000_000L

/** Where results go so that the JIT cannot drop the work. */
@Volatile
private var sink = 0

private class Case(val name: String, val op: () -> String)

/** ScribeJava's OAuth 1.0a API description, with a fixed nonce and timestamp. */
private object FixedApi : DefaultApi10a() {
    override fun getRequestTokenEndpoint() = "https://api.clever-cloud.com/v2/oauth/request_token"
    override fun getAccessTokenEndpoint() = "https://api.clever-cloud.com/v2/oauth/access_token"
    override fun getAuthorizationBaseUrl() = "https://api.clever-cloud.com/v2/oauth/authorize"
    override fun getTimestampService(): TimestampService = object : TimestampService {
        override fun getTimestampInSeconds() = TIMESTAMP.toString()
        override fun getNonce() = NONCE
    }
}

private fun oauthSignature(authorization: String): String {
    val match = Regex("""oauth_signature="([^"]*)"""").find(authorization) ?: error("no oauth_signature in $authorization")
    return URLDecoder.decode(match.groupValues[1], Charsets.UTF_8)
}

private val threadBean = java.lang.management.ManagementFactory.getThreadMXBean()

/** Nanoseconds per call: elapsed, and CPU time of this thread (which ignores the time other
 *  processes took the core: the steadier figure on a shared machine). */
private class Sample(val wall: Double, val cpu: Double)

/** Runs [op] for about [millis] ms. Starts from a collected heap, so that each case pays for its
 *  own garbage (JNA's native memory is released by a cleaner after GC) and not the previous one's. */
private fun measure(op: () -> String, millis: Long): Sample {
    System.gc()
    Thread.sleep(20)
    val deadline = System.nanoTime() + millis * 1_000_000
    var calls = 0L
    var acc = 0
    val cpuStart = threadBean.currentThreadCpuTime
    val start = System.nanoTime()
    var now: Long
    do {
        for (i in 0 until 64) acc += op().length
        calls += 64
        now = System.nanoTime()
    } while (now < deadline)
    val cpu = threadBean.currentThreadCpuTime - cpuStart
    sink += acc
    return Sample((now - start).toDouble() / calls, cpu.toDouble() / calls)
}

private fun List<Double>.median() = sorted()[size / 2]

private fun micros(nanos: Double) = "%10.2f µs".format(nanos / 1000)

fun main(args: Array<String>) {
    val roundMillis = args.getOrNull(0)?.toLong() ?: 500L
    val rounds = args.getOrNull(1)?.toInt() ?: 7

    val hmac = OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, SignatureMethod.HMAC_SHA1)
    val plaintext = OAuth1Credentials(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, SignatureMethod.PLAINTEXT)
    val scribe: OAuth10aService = ServiceBuilder(CONSUMER_KEY).apiSecret(CONSUMER_SECRET).build(FixedApi)
    val scribeToken = OAuth1AccessToken(TOKEN, TOKEN_SECRET)

    hmac.use { _ ->
        plaintext.use { _ ->
            // The request is built inside the timed call, as a user signing a new request would.
            fun request() = RequestToSign("GET", URL, nonce = NONCE, timestamp = TIMESTAMP)
            val cleverkitHeader = { signRequest(request(), hmac).authorization }
            val scribeHeader = {
                val request = OAuthRequest(Verb.GET, URL)
                scribe.signRequest(scribeToken, request)
                request.headers.getValue("Authorization")
            }
            // Both must sign the same thing the same way, or the comparison means nothing.
            val ourHeader = cleverkitHeader()
            val theirHeader = scribeHeader()
            check(oauthSignature(ourHeader) == oauthSignature(theirHeader)) { "the signatures differ:\n  $ourHeader\n  $theirHeader" }
            val baseString = signRequest(request(), hmac).baseString
            val key = SecretKeySpec("$CONSUMER_SECRET&$TOKEN_SECRET".toByteArray(), "HmacSHA1")

            val cases = listOf(
                Case("CleverKit signRequest, HMAC-SHA1", cleverkitHeader),
                Case("ScribeJava OAuth10aService.signRequest, HMAC-SHA1", scribeHeader),
                Case("CleverKit signRequest, PLAINTEXT", { signRequest(request(), plaintext).authorization }),
                Case("CleverKit consumerKey() (JNA round trip)", { hmac.consumerKey() }),
                Case("JDK Mac HMAC-SHA1 of the base string only", {
                    val mac = Mac.getInstance("HmacSHA1")
                    mac.init(key)
                    java.util.Base64.getEncoder().encodeToString(mac.doFinal(baseString.toByteArray()))
                }),
            )

            println("Signing benchmark: ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}, " +
                "${Runtime.getRuntime().availableProcessors()} cores, $rounds rounds of $roundMillis ms per case")
            println("Request: GET $URL (3 query parameters, token), fixed nonce and timestamp")
            print("Warm-up…")
            for (case in cases) measure(case.op, 2 * roundMillis)
            println(" done")

            val samples = cases.associateWith { mutableListOf<Sample>() }
            repeat(rounds) { for (case in cases) samples.getValue(case) += measure(case.op, roundMillis) }
            val wall = samples.mapValues { (_, values) -> values.map { it.wall }.median() }
            val cpu = samples.mapValues { (_, values) -> values.map { it.cpu }.median() }

            println()
            println("  %-52s %13s %13s   %s".format("per call (median of $rounds rounds)", "elapsed", "thread CPU", "elapsed min…max"))
            for (case in cases) {
                val values = samples.getValue(case).map { it.wall }
                println("  %-52s %s %s   %s…%s".format(case.name, micros(wall.getValue(case)), micros(cpu.getValue(case)), micros(values.min()).trim(), micros(values.max()).trim()))
            }
            println()
            for ((what, figures) in listOf("elapsed" to wall, "thread CPU" to cpu)) {
                val ours = figures.getValue(cases[0])
                val jna = figures.getValue(cases[3])
                println("By $what:")
                println("  ScribeJava / CleverKit (HMAC-SHA1): %.2f  (above 1: CleverKit is faster)".format(figures.getValue(cases[1]) / ours))
                println("  JNA round trip / CleverKit signRequest: %.0f%% of a signature is the bare call".format(100 * jna / ours))
                println("  CleverKit PLAINTEXT / HMAC-SHA1: %.2f".format(figures.getValue(cases[2]) / ours))
            }
        }
    }
    if (sink == 42) println() // keeps `sink` observable
}
