package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.ClientOptions
import java.nio.file.Files
import java.nio.file.Path
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * `Client.fromConfigFile` and `Client.fromEnvironment(profile = …)`: clever-tools'
 * configuration file. Cases that need environment variables (which a JVM cannot set for itself)
 * run [ConfigChild] in a child JVM.
 */
class ConfigFileTest : StandInTest() {
    @TempDir
    lateinit var dir: Path

    private fun configFile(path: Path = dir.resolve("clever-tools.json"), alias: String = "t"): Path {
        val overrides = JSONObject()
            .put("API_HOST", standIn.api)
            .put("AUTH_BRIDGE_HOST", standIn.bridge)
            .put("OAUTH_CONSUMER_KEY", standIn.consumerKey)
            .put("OAUTH_CONSUMER_SECRET", standIn.consumerSecret)
        val profile = JSONObject()
            .put("alias", alias)
            .put("token", standIn.token)
            .put("secret", standIn.tokenSecret)
            .put("overrides", overrides)
        val config = JSONObject().put("version", 1).put("profiles", JSONArray().put(profile))
        Files.createDirectories(path.parent)
        Files.writeString(path, config.toString())
        return path
    }

    /** The `oauth_token` of the one recorded `/v2/self` request. */
    private fun tokenSent(): String {
        val authorization = recorded("/v2/self").single().header("Authorization") ?: error("no Authorization")
        return parseAuthorization(authorization).toMap().getValue("oauth_token")
    }

    /**
     * The environment of a child JVM: the stand-in's hosts and consumer, and CLEVER_TOKEN +
     * CLEVER_SECRET holding the stand-in's expired token, which fails wherever it is used.
     * `XDG_CONFIG_HOME` is where `fromEnvironment` looks for `clever-cloud/clever-tools.json`.
     */
    private fun childEnv() = mapOf(
        "API_HOST" to standIn.api,
        "AUTH_BRIDGE_HOST" to standIn.bridge,
        "OAUTH_CONSUMER_KEY" to standIn.consumerKey,
        "OAUTH_CONSUMER_SECRET" to standIn.consumerSecret,
        "CLEVER_TOKEN" to standIn.expiredToken,
        "CLEVER_SECRET" to standIn.expiredTokenSecret,
        "XDG_CONFIG_HOME" to dir.resolve("xdg").toString(),
    )

    private fun child(vararg args: String) = runChildJvm("dev.cleverkit.tests.ConfigChildKt", dir, childEnv(), *args)

    @Test
    fun `a named profile's token, secret and host overrides`() {
        val path = configFile()
        Client.fromConfigFile(path.toString(), "t").use { client ->
            assertEquals(standIn.userId, client.myself().id)
            assertTrue(standIn.api in client.toString(), client.toString())
            assertFalse(standIn.tokenSecret in client.toString())
            assertFalse(standIn.consumerSecret in client.toString())
        }
        assertEquals(standIn.token, tokenSent())
    }

    @Test
    fun `hosts set in the options win over the profile's`() {
        val path = configFile()
        val port = java.net.ServerSocket(0).use { it.localPort } // nothing listens there
        val options = ClientOptions(apiHost = "http://127.0.0.1:$port", maxRetries = 0)
        Client.fromConfigFile(path.toString(), "t", options).use { client ->
            assertTrue("http://127.0.0.1:$port" in client.toString(), client.toString())
            assertTrue(standIn.bridge in client.toString(), "the profile's bridge stays: $client")
            assertThrows(CleverException.Transport::class.java) { client.myself() }
        }
        assertTrue(standIn.requests().isEmpty())
    }

    @Test
    fun `an explicit apiHost equal to the default still wins over the profile's`() {
        val path = configFile()
        // No call: the client would talk to Clever Cloud itself. Its text shows its hosts.
        Client.fromConfigFile(path.toString(), "t", ClientOptions(apiHost = "https://api.clever-cloud.com")).use { client ->
            assertEquals(
                "Client(api_host=https://api.clever-cloud.com, bridge_host=${standIn.bridge}, oauth1 consumer_key=${standIn.consumerKey})",
                client.toString(),
            )
        }
    }

    @Test
    fun `an unknown profile is a Config error naming it`() {
        val path = configFile()
        val error = assertThrows(CleverException.Config::class.java) { Client.fromConfigFile(path.toString(), "nobody") }
        assertTrue("\"nobody\"" in error.detail && path.toString() in error.detail, error.detail)
    }

    @Test
    fun `a missing or broken file is a Config error naming it`() {
        val missing = dir.resolve("missing.json")
        val error = assertThrows(CleverException.Config::class.java) { Client.fromConfigFile(missing.toString(), "t") }
        assertTrue(missing.toString() in error.detail, error.detail)
        val broken = dir.resolve("broken.json")
        Files.writeString(broken, "{ not json")
        val brokenError = assertThrows(CleverException.Config::class.java) { Client.fromConfigFile(broken.toString(), "t") }
        assertTrue(broken.toString() in brokenError.detail, brokenError.detail)
    }

    @Test
    fun `without a file or profile asked for, CLEVER_TOKEN comes first`() {
        // The control for the two tests below: the environment's (expired) token is used.
        configFile(dir.resolve("xdg/clever-cloud/clever-tools.json"))
        val run = child("env")
        assertEquals(1, run.exitCode, run.output)
        assertTrue("error: Unauthorized: " in run.output, run.output)
        assertEquals(standIn.expiredToken, tokenSent())
    }

    @Test
    fun `CLEVER_TOKEN without OAUTH_CONSUMER_KEY is signed with clever-tools' consumer`() {
        val env = childEnv() - setOf("OAUTH_CONSUMER_KEY", "OAUTH_CONSUMER_SECRET") +
            mapOf("CLEVER_TOKEN" to standIn.token, "CLEVER_SECRET" to standIn.tokenSecret)
        val run = runChildJvm("dev.cleverkit.tests.ConfigChildKt", dir, env, "env")
        assertEquals(0, run.exitCode, run.output)
        assertTrue("self: ${standIn.userId}" in run.output, run.output)
        val authorization = recorded("/v2/self").single().header("Authorization") ?: error("no Authorization")
        assertEquals(standIn.cleverToolsConsumerKey, parseAuthorization(authorization).toMap()["oauth_consumer_key"])
    }

    @Test
    fun `fromConfigFile uses the file's profile even with CLEVER_TOKEN and CLEVER_SECRET set`() {
        val path = configFile(dir.resolve("elsewhere/clever-tools.json"))
        val run = child("file", path.toString(), "t")
        assertEquals(0, run.exitCode, run.output)
        assertTrue("self: ${standIn.userId}" in run.output, run.output)
        assertEquals(standIn.token, tokenSent())
    }

    @Test
    fun `fromEnvironment with a profile uses it even with CLEVER_TOKEN and CLEVER_SECRET set`() {
        configFile(dir.resolve("xdg/clever-cloud/clever-tools.json"))
        val run = child("env", "t")
        assertEquals(0, run.exitCode, run.output)
        assertTrue("self: ${standIn.userId}" in run.output, run.output)
        assertEquals(standIn.token, tokenSent())
    }

    @Test
    fun `fromEnvironment with an unknown profile is a Config error naming it`() {
        configFile(dir.resolve("xdg/clever-cloud/clever-tools.json"))
        val run = child("env", "nobody")
        assertEquals(1, run.exitCode, run.output)
        assertTrue("error: Config: " in run.output && "\"nobody\"" in run.output, run.output)
        assertTrue(standIn.requests().isEmpty(), "nothing was sent with the environment's token")
    }

    @Test
    fun `fromEnvironment with a profile and no file is a Config error naming the file`() {
        val run = child("env", "t")
        assertEquals(1, run.exitCode, run.output)
        assertTrue("error: Config: " in run.output, run.output)
        assertTrue(dir.resolve("xdg/clever-cloud/clever-tools.json").toString() in run.output, run.output)
        assertTrue(standIn.requests().isEmpty())
    }
}
