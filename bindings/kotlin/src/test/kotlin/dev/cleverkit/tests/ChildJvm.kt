package dev.cleverkit.tests

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** What a child JVM printed (stdout and stderr together) and its exit code. */
data class ChildRun(val exitCode: Int, val output: String)

/**
 * Runs `main` of [mainClass] in a child JVM with the tests' classpath and exactly [env] (plus
 * `PATH`, and `HOME` = [home] so that no real clever-tools configuration is found): a JVM cannot
 * set environment variables for itself, so this is how a test gives the library some. [jvmArgs]
 * go before the class path (system properties).
 */
fun runChildJvm(
    mainClass: String,
    home: Path,
    env: Map<String, String>,
    vararg args: String,
    jvmArgs: List<String> = emptyList(),
): ChildRun {
    val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
    val command = listOf(java) + jvmArgs + listOf("-cp", System.getProperty("java.class.path"), mainClass) + args
    val builder = ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
    builder.environment().apply {
        clear()
        System.getenv("PATH")?.let { put("PATH", it) }
        put("HOME", home.toString())
        putAll(env)
    }
    val process = builder.start()
    process.outputStream.close()
    val output = process.inputStream.bufferedReader().use { it.readText() }
    check(process.waitFor(60, TimeUnit.SECONDS)) { "the child JVM did not exit: $output" }
    return ChildRun(process.exitValue(), output)
}
