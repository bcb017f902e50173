package dev.cleverkit.bench

import dev.cleverkit.Client
import dev.cleverkit.ClientOptions
import dev.cleverkit.tests.PeakSampler
import dev.cleverkit.tests.StandIn
import dev.cleverkit.tests.nativeThreadsNamed
import dev.cleverkit.tests.processThreads
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

/**
 * `GET /v2/self` [calls] at a time, HMAC-SHA512, against the stand-in given by the
 * `cleverkit.standin` system property (bench.sh --async passes the release build): the
 * AsyncClient's `suspend fun myself()` launched all at once from one `runBlocking` thread
 * (worker pool of 8, then the default 16), against the sync `Client.myself()` submitted to a
 * fixed pool of 8 threads. Each case takes its turn in every round; its thread pool (the
 * AsyncClient's workers, the executor) is made for the round and ended after it, so that the
 * process's peak thread count (`Threads:` of /proc/self/status, sampled every millisecond)
 * belongs to that case. Prints each round, then medians and the ratio.
 */
fun main(args: Array<String>) {
    val rounds = args.getOrNull(0)?.toInt() ?: 7
    val calls = args.getOrNull(1)?.toInt() ?: 1000
    StandIn.start().use { standIn ->
        val options = ClientOptions(apiHost = standIn.api, bridgeHost = standIn.bridge)
        val clients = mapOf(8 to options.copy(workerThreads = 8), 16 to options)
            .mapValues { (_, options) -> standIn.credentials().use { Client.withOauth1(it, options) } }

        fun asyncRound(workerThreads: Int) {
            // A pool of its own over the sync client's core (its warm connections).
            clients.getValue(workerThreads).asyncClient().use { client ->
                val users = runBlocking { List(calls) { async { client.myself() } }.awaitAll() }
                check(users.all { it.id == standIn.userId })
            }
        }

        fun syncRound() {
            val pool = Executors.newFixedThreadPool(8)
            try {
                val client = clients.getValue(8)
                val users = pool.invokeAll(List(calls) { Callable { client.myself() } }).map { it.get() }
                check(users.all { it.id == standIn.userId })
            } finally {
                pool.shutdown()
                check(pool.awaitTermination(30, TimeUnit.SECONDS))
            }
        }

        val cases = linkedMapOf(
            "AsyncClient, workerThreads = 8" to { asyncRound(8) },
            "AsyncClient, workerThreads = 16 (default)" to { asyncRound(16) },
            "Client on a fixed pool of 8 threads" to ::syncRound,
        )
        val baseline = processThreads()
        println("CleverKit async benchmark: $calls concurrent GET /v2/self per round (HMAC-SHA512), $rounds rounds after a warm-up round.")
        println("AsyncClient: $calls suspend calls launched at once on one runBlocking thread. JVM threads before: $baseline.")
        val rates = cases.keys.associateWith { mutableListOf<Double>() }
        val peaks = cases.keys.associateWith { mutableListOf<Int>() }
        for (round in 0..rounds) {
            for ((name, run) in cases) {
                awaitNoWorkers()
                val threads = PeakSampler(::processThreads)
                val started = System.nanoTime()
                threads.use { run() }
                val seconds = (System.nanoTime() - started) / 1e9
                if (round == 0) continue // warm-up: JIT, connections
                rates.getValue(name) += calls / seconds
                peaks.getValue(name) += threads.peak
                println("  round $round  %-42s %7.0f requests/s, peak %3d threads".format(name, calls / seconds, threads.peak))
            }
        }
        println("Medians of the rounds (peak: the highest of the rounds):")
        for (name in cases.keys) {
            println("  %-42s %7.0f requests/s, peak %3d threads".format(name, median(rates.getValue(name)), peaks.getValue(name).max()))
        }
        val sync = median(rates.getValue(cases.keys.last()))
        for (name in cases.keys.take(2)) {
            println("  requests/s of %s ÷ Client on 8 threads: %.2f".format(name, median(rates.getValue(name)) / sync))
        }
        clients.values.forEach(Client::close)
    }
}

private fun median(values: List<Double>): Double = values.sorted().let { (it[(it.size - 1) / 2] + it[it.size / 2]) / 2 }

/** Waits for the previous case's worker threads to end (closed clients end theirs at once). */
private fun awaitNoWorkers() {
    val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
    while (nativeThreadsNamed("cleverkit-worker") > 0) {
        check(System.nanoTime() < deadline) { "worker threads still running 30 s after their client closed" }
        Thread.sleep(5)
    }
}
