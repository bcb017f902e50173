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
 * `Client.fromConfigFile`: clever-tools' configuration file, the way to configure a client
 * without environment variables (which a JVM cannot set for itself).
 */
class ConfigFileTest : StandInTest() {
    @TempDir
    lateinit var dir: Path

    private fun configFile(alias: String = "t", tokenSecret: String = standIn.tokenSecret): Path {
        val overrides = JSONObject()
            .put("API_HOST", standIn.api)
            .put("AUTH_BRIDGE_HOST", standIn.bridge)
            .put("OAUTH_CONSUMER_KEY", standIn.consumerKey)
            .put("OAUTH_CONSUMER_SECRET", standIn.consumerSecret)
        val profile = JSONObject()
            .put("alias", alias)
            .put("token", standIn.token)
            .put("secret", tokenSecret)
            .put("overrides", overrides)
        val config = JSONObject().put("version", 1).put("profiles", JSONArray().put(profile))
        val path = dir.resolve("clever-tools.json")
        Files.writeString(path, config.toString())
        return path
    }

    @Test
    fun `a named profile's token, secret and host overrides`() {
        val path = configFile()
        Client.fromConfigFile(path.toString(), "t").use { client ->
            assertEquals(standIn.userId, client.myself().id)
            assertTrue(standIn.api in client.toString(), client.toString())
            assertFalse(standIn.tokenSecret in client.toString())
            assertFalse(standIn.consumerSecret in client.toString())
        }
        val authorization = recorded("/v2/self").single().header("Authorization") ?: ""
        assertTrue("oauth_token=\"${standIn.token}\"" in authorization, authorization)
    }

    @Test
    fun `hosts set in the options win over the profile's`() {
        val path = configFile()
        val port = java.net.ServerSocket(0).use { it.localPort } // nothing listens there
        val options = ClientOptions(apiHost = "http://127.0.0.1:$port", maxRetries = 0u)
        Client.fromConfigFile(path.toString(), "t", options).use { client ->
            assertTrue("http://127.0.0.1:$port" in client.toString(), client.toString())
            assertTrue(standIn.bridge in client.toString(), "the profile's bridge stays: $client")
            assertThrows(CleverException.Transport::class.java) { client.myself() }
        }
        assertTrue(standIn.requests().isEmpty())
    }

    @Test
    fun `an unknown profile is a Config error`() {
        val path = configFile()
        val error = assertThrows(CleverException.Config::class.java) { Client.fromConfigFile(path.toString(), "nobody") }
        assertTrue(error.detail.isNotEmpty())
    }

    @Test
    fun `a missing or broken file is a Config error`() {
        assertThrows(CleverException.Config::class.java) {
            Client.fromConfigFile(dir.resolve("missing.json").toString(), "t")
        }
        val broken = dir.resolve("broken.json")
        Files.writeString(broken, "{ not json")
        assertThrows(CleverException.Config::class.java) { Client.fromConfigFile(broken.toString(), "t") }
    }
}
