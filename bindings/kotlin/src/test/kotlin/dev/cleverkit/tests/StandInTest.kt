package dev.cleverkit.tests

import dev.cleverkit.Client
import dev.cleverkit.ClientOptions
import dev.cleverkit.SignatureMethod
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.TestInstance

/**
 * A test class with its own stand-in API: started once for the class, stopped (stdin closed)
 * after it, with faults and recordings cleared before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StandInTest {
    protected lateinit var standIn: StandIn

    @BeforeAll
    fun startStandIn() {
        standIn = StandIn.start()
    }

    @AfterAll
    fun stopStandIn() {
        if (::standIn.isInitialized) standIn.close()
    }

    @BeforeEach
    fun resetStandIn() {
        standIn.reset()
    }

    /** A client signing with OAuth 1.0a; the credentials object is closed once handed over. */
    protected fun oauthClient(
        method: SignatureMethod = SignatureMethod.HMAC_SHA512,
        options: ClientOptions = standIn.options(),
        tokenSecret: String = standIn.tokenSecret,
    ): Client = standIn.credentials(method, tokenSecret).use { Client.withOauth1(it, options) }

    protected fun apiTokenClient(options: ClientOptions = standIn.options(), apiToken: String = standIn.apiToken): Client =
        Client.withApiToken(apiToken, options)

    /** The recorded requests whose path (target before `?`) is [path]. */
    protected fun recorded(path: String) = standIn.requests().filter { it.getString("target").substringBefore('?') == path }

    protected fun org.json.JSONObject.header(name: String): String? {
        val headers = getJSONArray("headers")
        return (0 until headers.length()).map { headers.getJSONArray(it) }
            .firstOrNull { it.getString(0).equals(name, ignoreCase = true) }?.getString(1)
    }
}
