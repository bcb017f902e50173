// Creates and drops 100,000 credentials and 100,000 clients (closed with `use {}`), and prints
// the process's resident memory: it must stay flat once warmed up. Not a test.
//
//   bash bindings/kotlin/bench.sh --memory
package dev.cleverkit.bench

import dev.cleverkit.Client
import dev.cleverkit.ClientOptions
import dev.cleverkit.OAuth1Credentials
import java.io.File

private const val COUNT = 100_000

private fun residentKib(): Long =
    File("/proc/self/status").readLines()
        .first { it.startsWith("VmRSS:") }
        .split(Regex("\\s+"))[1].toLong()

private fun churn(label: String, make: () -> AutoCloseable) {
    repeat(COUNT / 10) { make().use { } }
    System.gc()
    val before = residentKib()
    var middle = 0L
    for (index in 0 until COUNT) {
        make().use { }
        if (index == COUNT / 2) {
            System.gc()
            middle = residentKib()
        }
    }
    System.gc()
    val after = residentKib()
    println(
        "$label: $COUNT created and closed; RSS after warm-up $before KiB, " +
            "half-way $middle KiB, end $after KiB (growth ${after - before} KiB)",
    )
}

fun main() {
    churn("OAuth1Credentials") { OAuth1Credentials("consumer-key", "consumer-secret", "token", "token-secret") }
    val options = ClientOptions(apiHost = "http://127.0.0.1:9", bridgeHost = "http://127.0.0.1:9")
    churn("Client") { Client.withApiToken("api-token", options) }
}
