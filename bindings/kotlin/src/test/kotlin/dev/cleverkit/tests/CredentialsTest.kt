package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.OAuth1Credentials
import dev.cleverkit.SignatureMethod
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class CredentialsTest {
    private val consumerSecret = "consumer-s3cret-value"
    private val tokenSecret = "token-s3cret-value"

    @Test
    fun `toString shows the keys and never the secrets`() {
        OAuth1Credentials("ck-123", consumerSecret, "tok-456", tokenSecret).use { credentials ->
            val text = credentials.toString()
            assertEquals(
                "Credentials(consumer_key=ck-123, consumer_secret=[redacted], token=tok-456, token_secret=[redacted], signature_method=HMAC-SHA512)",
                text,
            )
            assertFalse(consumerSecret in text, text)
            assertFalse(tokenSecret in text, text)
            assertFalse(consumerSecret in "$credentials", "string template")
        }
    }

    @Test
    fun `a token secret without a token is redacted too`() {
        OAuth1Credentials("ck", consumerSecret, tokenSecret = tokenSecret).use { credentials ->
            assertNull(credentials.token())
            assertTrue("token=none, token_secret=[redacted]" in credentials.toString(), credentials.toString())
            assertFalse(tokenSecret in credentials.toString())
            assertFalse(consumerSecret in credentials.toString())
        }
    }

    @Test
    fun `accessors and the HMAC-SHA512 default`() {
        OAuth1Credentials("ck", "cs").use { credentials ->
            assertEquals("ck", credentials.consumerKey())
            assertNull(credentials.token())
            assertNull(credentials.expiresAt())
            assertEquals(SignatureMethod.HMAC_SHA512, credentials.signatureMethod())
        }
        OAuth1Credentials("ck", "cs", "tok", "ts", SignatureMethod.PLAINTEXT).use { credentials ->
            assertEquals("tok", credentials.token())
            assertEquals(SignatureMethod.PLAINTEXT, credentials.signatureMethod())
        }
    }

    @Test
    fun `an empty consumer key is invalid input`() {
        val error = assertThrows(CleverException.InvalidInput::class.java) { OAuth1Credentials("", "cs") }
        assertTrue(error.detail.isNotEmpty())
        assertTrue(error.message.contains(error.detail))
    }

    @Test
    fun `a token without its secret is invalid input`() {
        assertThrows(CleverException.InvalidInput::class.java) { OAuth1Credentials("ck", "cs", token = "tok") }
    }

    @Test
    fun `close is idempotent and a closed object refuses calls`() {
        val credentials = OAuth1Credentials("ck", "cs")
        credentials.use { assertEquals("ck", it.consumerKey()) }
        credentials.close()
        assertTrue(credentials.uniffiIsDestroyed)
        assertThrows(IllegalStateException::class.java) { credentials.consumerKey() }
    }

    @Test
    fun `objects are AutoCloseable for Java's try-with-resources`() {
        val credentials: AutoCloseable = OAuth1Credentials("ck", "cs")
        credentials.close()
    }
}
