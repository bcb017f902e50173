package dev.cleverkit.tests

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import kotlin.system.exitProcess

/**
 * The child JVM of [ConfigFileTest]: `file PATH [PROFILE]` builds a client with
 * `Client.fromConfigFile`, `env [PROFILE]` with `Client.fromEnvironment`, then calls `myself()`.
 * Prints `self: ID`, or `error: CLASS: TEXT` and exits 1.
 */
fun main(args: Array<String>) {
    try {
        val client = when (args.getOrNull(0)) {
            "file" -> Client.fromConfigFile(args[1], args.getOrNull(2))
            "env" -> Client.fromEnvironment(profile = args.getOrNull(1))
            else -> error("usage: file PATH [PROFILE] | env [PROFILE]")
        }
        client.use { println("self: ${it.myself().id}") }
    } catch (error: CleverException) {
        println("error: ${error::class.simpleName}: $error")
        exitProcess(1)
    }
}
