package dev.cleverkit.tests

import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.RequestToSign
import dev.cleverkit.SignatureMethod
import dev.cleverkit.signRequest
import dev.cleverkit.verifyRequest
import java.io.File
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/**
 * The shared vectors of tests/vectors/oauth1.json (path in the `cleverkit.vectors` system
 * property, set by the pom). `realm`, `oauth_params` and `include_version` are not fields of
 * `RequestToSign`, so only the cases that need none of them run here (the Rust tests run them all).
 */
class VectorTest {
    private companion object {
        const val MIN_CASES = 30

        val allCases: List<JSONObject> by lazy {
            val path = System.getProperty("cleverkit.vectors")
                ?: error("system property cleverkit.vectors is not set (run the tests through Maven)")
            val root = JSONObject(File(path).readText(Charsets.UTF_8))
            root.getJSONArray("cases").objects()
        }

        val runnableCases: List<JSONObject> by lazy {
            allCases.filter {
                it.isNull("realm") && it.getJSONArray("oauth_params").isEmpty && it.getBoolean("include_version")
            }
        }

        fun JSONArray.objects(): List<JSONObject> = (0 until length()).map { getJSONObject(it) }

        fun JSONObject.stringOrNull(key: String): String? = if (isNull(key)) null else getString(key)

        fun signatureMethod(name: String): SignatureMethod = when (name) {
            "PLAINTEXT" -> SignatureMethod.PLAINTEXT
            "HMAC-SHA1" -> SignatureMethod.HMAC_SHA1
            "HMAC-SHA512" -> SignatureMethod.HMAC_SHA512
            else -> error("unknown signature method $name")
        }
    }

    @Test
    fun `at least 30 vectors are runnable through signRequest`() {
        assertTrue(allCases.size >= runnableCases.size)
        assertTrue(runnableCases.size >= MIN_CASES, "only ${runnableCases.size} runnable cases in ${allCases.size}")
    }

    @TestFactory
    fun `signRequest reproduces the vector`(): List<DynamicTest> {
        assertTrue(runnableCases.size >= MIN_CASES, "only ${runnableCases.size} runnable cases")
        return runnableCases.map { case -> DynamicTest.dynamicTest(case.getString("name")) { check(case) } }
    }

    private fun check(case: JSONObject) {
        val expected = case.getJSONObject("expected")
        val consumerSecret = case.getString("consumer_secret")
        val tokenSecret = case.stringOrNull("token_secret")
        OAuth1Credentials(
            consumerKey = case.getString("consumer_key"),
            consumerSecret = consumerSecret,
            token = case.stringOrNull("token"),
            tokenSecret = tokenSecret,
            signatureMethod = signatureMethod(case.getString("signature_method")),
        ).use { credentials ->
            val request = RequestToSign(
                method = case.getString("method"),
                url = case.getString("url"),
                body = case.stringOrNull("body"),
                contentType = case.stringOrNull("content_type"),
                nonce = case.getString("nonce"),
                timestamp = case.getLong("timestamp"),
            )
            val signed = signRequest(request, credentials)
            assertEquals(expected.getString("base_string"), signed.baseString, "base string")
            assertEquals(expected.getString("signature"), signed.signature, "signature")

            val header = parseAuthorization(signed.authorization)
            assertFalse(header.any { it.first == "realm" }, "realm in ${signed.authorization}")
            val expectedParams = expected.getJSONArray("header_params").let { params ->
                (0 until params.length()).map { params.getJSONArray(it).let { p -> p.getString(0) to p.getString(1) } }
            }
            assertEquals(expectedParams.sortedParams(), header.sortedParams(), "header parameters")

            // The verifier accepts what the signer produced, with the same secrets.
            verifyRequest(
                method = case.getString("method"),
                url = case.getString("url"),
                body = case.stringOrNull("body"),
                contentType = case.stringOrNull("content_type"),
                authorization = signed.authorization,
                consumerSecret = consumerSecret,
                tokenSecret = tokenSecret,
            )
        }
    }
}
