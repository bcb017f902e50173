package dev.cleverkit.tests

import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * A `Client` is released two ways with one outcome: `shutdown()` (the Rust `close`, renamed for
 * Kotlin where `close()` is `AutoCloseable`'s) lets go of the core client and frees the object,
 * as `close()` (`use {}`) does; either way later calls throw `IllegalStateException`,
 * `isClosed()` is true and `toString()` reads `Client(closed)`.
 */
class CloseTest : StandInTest() {
    @Test
    fun `after shutdown, calls are IllegalStateException, as after close`() {
        oauthClient().use { client ->
            assertFalse(client.isClosed())
            assertEquals(standIn.userId, client.myself().id)
            client.shutdown()
            assertTrue(client.isClosed())
            assertEquals("Client(closed)", client.toString())
            val error = assertThrows(IllegalStateException::class.java) { client.myself() }
            assertEquals("Client is closed", error.message)
            assertThrows(IllegalStateException::class.java) { client.requestJson("GET", "/v2/self") }
            client.shutdown() // again: nothing happens
            assertTrue(client.isClosed())
            assertTrue(client.uniffiIsDestroyed, "shutdown() frees the object as close() does")
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
            assertThrows(IllegalStateException::class.java) { client.myself() }
        }
    }

    @Test
    fun `close frees the object, later calls are IllegalStateException, isClosed and toString still answer`() {
        val client = oauthClient()
        client.use { assertEquals(standIn.userId, it.myself().id) }
        assertTrue(client.uniffiIsDestroyed)
        val error = assertThrows(IllegalStateException::class.java) { client.myself() }
        assertEquals("Client is closed", error.message)
        assertTrue(client.isClosed())
        assertEquals("Client(closed)", client.toString())
        client.close() // again: nothing happens
        client.shutdown() // and shutdown after close: nothing either
    }
}
