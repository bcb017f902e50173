package dev.cleverkit.examples

import java.nio.file.Files
import java.nio.file.Path
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.io.TempDir

/** Quickstart in a child JVM against the stand-in: each way to give it credentials, and its exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickstartTest {
    private val main = "dev.cleverkit.examples.QuickstartKt"
    private lateinit var standIn: StandIn

    @TempDir
    lateinit var dir: Path

    @BeforeAll
    fun startStandIn() {
        standIn = StandIn.start()
    }

    @AfterAll
    fun stopStandIn() {
        if (::standIn.isInitialized) standIn.close()
    }

    private val hosts get() = mapOf("API_HOST" to standIn["api"], "AUTH_BRIDGE_HOST" to standIn["bridge"])

    private fun oauthEnv(tokenSecret: String = standIn["token_secret"]) = hosts + mapOf(
        "OAUTH_CONSUMER_KEY" to standIn["consumer_key"],
        "OAUTH_CONSUMER_SECRET" to standIn["consumer_secret"],
        "CLEVER_TOKEN" to standIn["token"],
        "CLEVER_SECRET" to tokenSecret,
    )

    private fun quickstart(env: Map<String, String>, vararg args: String) = runProgram(main, dir, env, args.toList())

    /** No secret the program was given, nor the stand-in's, appears in what it printed. */
    private fun assertNoSecret(run: Run, vararg more: String) {
        val secrets = listOf("consumer_secret", "token_secret", "api_token", "password").map { standIn[it] } + more
        for (secret in secrets) assertTrue(secret !in run.output, "a secret was printed: $run")
    }

    @Test
    fun `OAuth from the environment, with an invoice download`() {
        val organisation = standIn["organisation_id"]
        val pdf = dir.resolve("invoice.pdf")
        val run = quickstart(oauthEnv(), organisation, "4096", pdf.toString())
        assertEquals(0, run.exitCode, "$run")
        assertTrue(run.hasLine("self: .*<${Regex.escape(standIn["email"])}>.*"), "$run")
        assertTrue(run.hasLine("zones \\(4\\): .*"), "$run")
        assertTrue(run.hasLine("applications of ${Regex.escape(organisation)} \\([1-9][0-9]*\\):"), "$run")
        assertTrue(run.hasLine("invoice 4096: 4096 bytes written to .*"), "$run")
        assertEquals(4096L, Files.size(pdf))
        assertNoSecret(run)
    }

    @Test
    fun `an API token, the organisation taken from the summary`() {
        val run = quickstart(hosts + ("CLEVER_API_TOKEN" to standIn["api_token"]))
        assertEquals(0, run.exitCode, "$run")
        assertTrue(run.hasLine("self: .*<${Regex.escape(standIn["email"])}>.*"), "$run")
        assertTrue(run.hasLine("applications of .*"), "$run")
        assertNoSecret(run)
    }

    @Test
    fun `a clever-tools json profile`() {
        val overrides = JSONObject(hosts)
            .put("OAUTH_CONSUMER_KEY", standIn["consumer_key"])
            .put("OAUTH_CONSUMER_SECRET", standIn["consumer_secret"])
        val profile = JSONObject()
            .put("alias", "t")
            .put("token", standIn["token"])
            .put("secret", standIn["token_secret"])
            .put("overrides", overrides)
        val config = dir.resolve("clever-tools.json")
        Files.writeString(config, JSONObject().put("version", 1).put("profiles", JSONArray().put(profile)).toString())
        // No variable at all: everything comes from the file.
        val run = quickstart(emptyMap(), "--config", config.toString(), "--profile", "t", standIn["organisation_id"])
        assertEquals(0, run.exitCode, "$run")
        assertTrue(run.hasLine("self: .*<${Regex.escape(standIn["email"])}>.*"), "$run")
        assertNoSecret(run)
    }

    @Test
    fun `an unknown organisation exits 4 with the request id`() {
        val run = quickstart(oauthEnv(), "orga_00000000-0000-4000-8000-00000000dead")
        assertEquals(4, run.exitCode, "$run")
        // The core's sentence, with the API's code and the request id to quote to support.
        val sentence = Regex(
            "quickstart: HTTP 404 Not Found: organisation orga_00000000-0000-4000-8000-00000000dead not found " +
                "\\(API code 4004, request id [^)]+\\)",
        )
        assertTrue(run.stderr.lines().any { sentence.matches(it) }, "$run")
        assertNoSecret(run)
    }

    @Test
    fun `a wrong token secret exits 3 without printing it`() {
        val wrong = "wrong-secret-value"
        val run = quickstart(oauthEnv(tokenSecret = wrong))
        assertEquals(3, run.exitCode, "$run")
        assertTrue("quickstart: HTTP 401 Unauthorized: " in run.stderr, "$run")
        assertTrue("log in again (clever login)" in run.stderr, "$run")
        assertNoSecret(run, wrong)
    }
}
