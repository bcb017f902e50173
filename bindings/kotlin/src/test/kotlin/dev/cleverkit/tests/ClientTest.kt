package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.Param
import dev.cleverkit.SignatureMethod
import dev.cleverkit.TransportKind
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource

/** Every call of `Client` against the stand-in, with either kind of credentials. */
class ClientTest : StandInTest() {
    enum class Auth { OAUTH1_HMAC_SHA512, API_TOKEN }

    private fun client(auth: Auth): Client = when (auth) {
        Auth.OAUTH1_HMAC_SHA512 -> oauthClient(SignatureMethod.HMAC_SHA512)
        Auth.API_TOKEN -> apiTokenClient()
    }

    @ParameterizedTest
    @EnumSource(Auth::class)
    fun `the typed calls`(auth: Auth, @TempDir dir: Path) {
        client(auth).use { client ->
            val user = client.myself()
            assertEquals(standIn.userId, user.id)
            assertEquals(standIn.email, user.email)
            assertNotNull(user.creationDate)

            val summary = client.summary()
            assertEquals(standIn.userId, summary.user.id)
            val organisation = summary.organisations.single { it.id == standIn.organisationId }
            assertTrue(organisation.applications.isNotEmpty(), "$organisation")
            assertTrue(summary.organisations.any { it.id == standIn.userId }, "the personal organisation")

            val zones = client.zones().associateBy { it.name }
            assertTrue(zones.keys.containsAll(listOf("par", "rbx", "mtl", "scw")), "${zones.keys}")
            assertNotNull(zones.getValue("par").city)
            assertNull(zones.getValue("scw").city) // the stand-in omits it: optional, not an error
            assertTrue(zones.getValue("scw").outboundIps.isEmpty())

            val applications = client.applications(standIn.organisationId)
            assertTrue(applications.isNotEmpty())
            assertTrue(applications.all { it.id.isNotEmpty() && it.name.isNotEmpty() })

            val json = JSONObject(client.requestJson("GET", "/v2/self"))
            assertEquals(standIn.userId, json.getString("id"))

            val pdf = dir.resolve("invoice.pdf")
            assertEquals(4096L, client.downloadInvoice(standIn.organisationId, "4096", pdf.toString()))
            assertEquals(4096L, Files.size(pdf))

            assertTrue(client.listApiTokens().any { it.apiTokenId == standIn.apiTokenId })
        }
        // Where the calls went, and how they were authenticated.
        val self = recorded("/v2/self").first()
        val authorization = self.header("Authorization") ?: ""
        when (auth) {
            Auth.OAUTH1_HMAC_SHA512 -> {
                assertEquals("api", self.getString("listener"))
                assertTrue("oauth_signature_method=\"HMAC-SHA512\"" in authorization, authorization)
            }
            Auth.API_TOKEN -> {
                assertEquals("bridge", self.getString("listener"))
                assertEquals("Bearer ${standIn.apiToken}", authorization)
            }
        }
        assertEquals("bridge", recorded("/api-tokens").single().getString("listener"))
    }

    @ParameterizedTest
    @EnumSource(Auth::class)
    fun `API tokens are created, used, renamed and revoked`(auth: Auth) {
        client(auth).use { client ->
            val expiration = Instant.now().plus(Duration.ofDays(30))
            val created = client.createApiToken(
                email = standIn.email,
                password = standIn.password,
                name = "ci-$auth",
                expiration = expiration,
                mfaCode = standIn.mfaCode,
                description = "made by the Kotlin tests",
            )
            created.use {
                val value = created.apiToken()
                assertTrue(value.isNotEmpty())
                val token = created.token()
                assertEquals("ci-$auth", token.name)
                assertEquals("ACTIVE", token.state)

                // The new token is a working Bearer token.
                apiTokenClient(apiToken = value).use { assertEquals(standIn.userId, it.myself().id) }

                val renamed = client.updateApiToken(token.apiTokenId, "renamed-$auth", "new description")
                assertEquals("renamed-$auth", renamed.name)
                assertEquals("new description", renamed.description)
                assertTrue(client.listApiTokens().any { it.apiTokenId == token.apiTokenId && it.name == "renamed-$auth" })

                client.revokeApiToken(token.apiTokenId)
                assertFalse(client.listApiTokens().any { it.apiTokenId == token.apiTokenId })
                assertThrows(CleverException.NotFound::class.java) { client.revokeApiToken(token.apiTokenId) }
                assertThrows(CleverException.Unauthorized::class.java) {
                    apiTokenClient(apiToken = value).use { it.myself() }
                }
            }
        }
    }

    @Test
    fun `a wrong MFA code is Unauthorized`() {
        val wrongMfaCode = if (standIn.mfaCode == "000000") "111111" else "000000"
        apiTokenClient().use { client ->
            val error = assertThrows(CleverException.Unauthorized::class.java) {
                client.createApiToken(standIn.email, standIn.password, "x", Instant.now().plusSeconds(3600), mfaCode = wrongMfaCode)
            }
            assertTrue(error.detail.isNotEmpty())
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureMethod::class)
    fun `a generic request with awkward query parameters is signed as sent`(method: SignatureMethod) {
        val query = listOf(
            Param("q", "a b"),
            Param("q", "1+1=2"),
            Param("name", "Zoë ☃ 日本"),
            Param("q", "&?/#"),
            Param("empty", ""),
        )
        oauthClient(method).use { client ->
            val response = client.request("GET", "/v2/self", query = query, headers = listOf(Param("Accept", "application/json")))
            assertEquals(200, response.status)
            assertEquals(standIn.userId, JSONObject(response.body.toString(Charsets.UTF_8)).getString("id"))
            assertTrue(response.headers.any { it.name.equals("Sozu-Id", ignoreCase = true) }, "${response.headers}")
        }
        // The stand-in checked the signature over the target it received: every value got there
        // percent-encoded (RFC 3986, UTF-8), repeated keys kept.
        val sent = recorded("/v2/self").single()
        // The library names the language it was loaded from.
        assertTrue(sent.header("User-Agent")!!.matches(Regex("cleverkit/[0-9.]+ kotlin")), sent.header("User-Agent"))
        val target = sent.getString("target")
        for (part in listOf("q=a%20b", "q=1%2B1%3D2", "name=Zo%C3%AB%20%E2%98%83%20%E6%97%A5%E6%9C%AC", "q=%26%3F%2F%23", "empty=")) {
            assertTrue(part in target, "$part in $target")
        }
    }

    @Test
    fun `a POST with a body through request`() {
        apiTokenClient().use { client ->
            val tokenId = standIn.apiTokenId
            val body = """{"name":"renamed","description":"via request"}""".toByteArray()
            val response = client.request(
                "PUT",
                "/api-tokens/$tokenId",
                headers = listOf(Param("Content-Type", "application/json")),
                body = body,
            )
            assertEquals(200, response.status)
            assertEquals("renamed", JSONObject(response.body.toString(Charsets.UTF_8)).getString("name"))
        }
    }

    @Test
    fun `downloadInvoice writes exactly the invoice's bytes`(@TempDir dir: Path) {
        val pdf = dir.resolve("big.pdf")
        oauthClient().use { client ->
            assertEquals(1_048_576L, client.downloadInvoice(standIn.organisationId, "1048576", pdf.toString()))
        }
        val bytes = Files.readAllBytes(pdf)
        assertEquals(1_048_576, bytes.size)
        assertArrayEquals("%PDF-1.4\n".toByteArray(), bytes.copyOfRange(0, 9))
        assertArrayEquals("%%EOF\n".toByteArray(), bytes.copyOfRange(bytes.size - 6, bytes.size))
    }

    @Test
    fun `a download cut mid-body is a Transport error and leaves no file`(@TempDir dir: Path) {
        val pdf = dir.resolve("cut.pdf")
        // Every attempt is cut, whatever the retry policy.
        standIn.fault("""{"action":"reset_mid_body","after_bytes":100000,"path_prefix":"/v4/billing","times":0}""")
        oauthClient().use { client ->
            val error = assertThrows(CleverException.Transport::class.java) {
                client.downloadInvoice(standIn.organisationId, "1048576", pdf.toString())
            }
            assertEquals(TransportKind.INTERRUPTED, error.kind, error.toString())
            assertTrue(error.detail.isNotEmpty())
        }
        assertFalse(Files.exists(pdf), "a partial file was left at $pdf")
        assertEquals(listOf<Path>(), Files.list(dir).use { it.toList() }, "no temporary file either")
    }
}
