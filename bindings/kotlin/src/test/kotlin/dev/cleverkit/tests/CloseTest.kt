package dev.cleverkit.tests

import dev.cleverkit.CleverException
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * A `Client` is released two ways: `shutdown()` (the Rust `close`, renamed for Kotlin where
 * `close()` is `AutoCloseable`'s) lets go of the core client and keeps the object, whose later
 * calls throw `InvalidInput`; `close()` (`use {}`) frees the object itself.
 */
class CloseTest : StandInTest() {
    @Test
    fun `after shutdown, calls are InvalidInput and the text says closed`() {
        oauthClient().use { client ->
            assertFalse(client.isClosed())
            assertEquals(standIn.userId, client.myself().id)
            client.shutdown()
            assertTrue(client.isClosed())
            assertEquals("Client(closed)", client.toString())
            val error = assertThrows(CleverException.InvalidInput::class.java) { client.myself() }
            assertEquals("the client is closed", error.detail)
            assertThrows(CleverException.InvalidInput::class.java) { client.requestJson("GET", "/v2/self") }
            client.shutdown() // again: nothing happens
            assertTrue(client.isClosed())
            assertFalse(client.uniffiIsDestroyed, "shutdown() keeps the Kotlin object usable")
        }
        assertEquals(1, recorded("/v2/self").size, "nothing was sent after shutdown()")
    }

    @Test
    fun `a call in progress finishes after shutdown`() {
        standIn.fault("""{"action":"delay","before_headers_ms":1500,"path_prefix":"/v2/self"}""")
        oauthClient().use { client ->
            val call = CompletableFuture.supplyAsync { client.myself().id }
            // Wait until the request reached the stand-in, then shut the client down under it.
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
            while (recorded("/v2/self").isEmpty() && System.nanoTime() < deadline) Thread.sleep(20)
            assertFalse(call.isDone, "the delayed call already returned")
            client.shutdown()
            assertEquals(standIn.userId, call.get(30, TimeUnit.SECONDS))
            assertThrows(CleverException.InvalidInput::class.java) { client.myself() }
        }
    }

    @Test
    fun `close frees the object, later calls are IllegalStateException`() {
        val client = oauthClient()
        client.use { assertEquals(standIn.userId, it.myself().id) }
        assertTrue(client.uniffiIsDestroyed)
        assertThrows(IllegalStateException::class.java) { client.myself() }
        assertThrows(IllegalStateException::class.java) { client.isClosed() }
        client.close() // again: nothing happens
    }
}
