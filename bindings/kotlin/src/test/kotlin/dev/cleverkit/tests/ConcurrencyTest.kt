package dev.cleverkit.tests

import dev.cleverkit.Client
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** One `Client` shared by many threads: no error, and the connections are pooled. */
class ConcurrencyTest : StandInTest() {
    private val threads = 8
    private val requestsPerThread = 200

    @Test
    fun `8 threads share one client for 200 requests each`() {
        val started = System.nanoTime()
        oauthClient().use { client: Client ->
            val pool = Executors.newFixedThreadPool(threads)
            try {
                val tasks = (0 until threads).map { thread ->
                    Callable {
                        (0 until requestsPerThread).count { i ->
                            // Alternate typed and generic calls, all signed with fresh nonces.
                            if (i % 2 == 0) {
                                client.myself().id == standIn.userId
                            } else {
                                client.requestJson("GET", "/v2/self").contains(standIn.userId)
                            }
                        }.also { assertEquals(requestsPerThread, it, "thread $thread") }
                    }
                }
                val results = pool.invokeAll(tasks, 5, TimeUnit.MINUTES).map { it.get() }
                assertEquals(List(threads) { requestsPerThread }, results)
            } finally {
                pool.shutdownNow()
            }
        }
        val seconds = (System.nanoTime() - started) / 1e9
        val recorded = recorded("/v2/self")
        assertEquals(threads * requestsPerThread, recorded.size)
        val connections = recorded.map { it.getInt("connection") }.toSet().size
        println("ConcurrencyTest: ${threads * requestsPerThread} requests in %.2f s over $connections connections".format(seconds))
        // Keep-alive: far fewer connections than requests.
        assertTrue(connections <= 4 * threads, "$connections connections for ${recorded.size} requests")
    }
}
