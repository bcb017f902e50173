package dev.cleverkit.tests

import dev.cleverkit.AsyncClient
import dev.cleverkit.ClientOptions
import dev.cleverkit.OAuth1Credentials
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

/**
 * The child JVM of [AsyncClientTest]'s thread bound: a process of its own, so that no other
 * test's worker threads (which outlive their call by up to a minute) are counted.
 * `API_HOST CONSUMER_KEY CONSUMER_SECRET TOKEN TOKEN_SECRET CALLS WORKER_THREADS`: runs CALLS
 * concurrent `myself()` on one AsyncClient while sampling the process's threads named
 * `cleverkit-worker`; prints `users: N`, `peak workers: N` and `samples: N`.
 */
fun main(args: Array<String>) {
    val (api, consumerKey, consumerSecret, token, tokenSecret) = args
    val calls = args[5].toInt()
    val options = ClientOptions(apiHost = api, workerThreads = args[6].toInt())
    val client = OAuth1Credentials(consumerKey, consumerSecret, token, tokenSecret).use { AsyncClient.withOauth1(it, options) }
    val workers = PeakSampler { nativeThreadsNamed("cleverkit-worker") }
    val users = client.use { workers.use { runBlocking { List(calls) { async { client.myself() } }.awaitAll() } } }
    println("users: ${users.count { it.email.isNotEmpty() }}")
    println("peak workers: ${workers.peak}")
    println("samples: ${workers.sampleCount}")
}
