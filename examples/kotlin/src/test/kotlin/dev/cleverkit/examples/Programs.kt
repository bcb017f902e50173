package dev.cleverkit.examples

import java.io.File
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import org.json.JSONObject

/** What a program printed and its exit code. */
class Run(val exitCode: Int, val stdout: String, val stderr: String) {
    val output get() = stdout + stderr

    /** Whether a line of stdout matches [pattern] whole. */
    fun hasLine(pattern: String) = stdout.lines().any { Regex(pattern).matches(it) }

    override fun toString() = "exit $exitCode\n--- stdout\n$stdout--- stderr\n$stderr"
}

/**
 * The classpath a user's `java -cp` holds: this module's classes, the installed library jar, JNA
 * and kotlin-stdlib (`target/runtime-classpath.txt`, written by the pom) and nothing else.
 */
val exampleClasspath: List<String> by lazy {
    val classes = System.getProperty("cleverkit.example.classes") ?: error("run the tests through Maven")
    val runtime = File(System.getProperty("cleverkit.example.classpath")).readText().trim()
    listOf(classes) + runtime.split(File.pathSeparator)
}

/**
 * Runs `java -cp [exampleClasspath] [mainClass] [args]` in [dir] with exactly [env] (plus `PATH`,
 * and `HOME` = [dir] so that no real clever-tools configuration is found), no
 * `jna.library.path` and no `LD_LIBRARY_PATH`: the cdylib can only come out of the jar.
 */
fun runProgram(mainClass: String, dir: Path, env: Map<String, String> = emptyMap(), args: List<String> = emptyList(), jvmArgs: List<String> = emptyList()): Run {
    val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
    val command = listOf(java) + jvmArgs + listOf("-cp", exampleClasspath.joinToString(File.pathSeparator), mainClass) + args
    val builder = ProcessBuilder(command).directory(dir.toFile())
    builder.environment().apply {
        clear()
        System.getenv("PATH")?.let { put("PATH", it) }
        put("HOME", dir.toString())
        putAll(env)
    }
    val stdoutFile = dir.resolve(".stdout").toFile()
    val stderrFile = dir.resolve(".stderr").toFile()
    val process = builder.redirectOutput(stdoutFile).redirectError(stderrFile).start()
    process.outputStream.close()
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        error("$mainClass did not exit within 120 s")
    }
    val run = Run(process.exitValue(), stdoutFile.readText(), stderrFile.readText())
    stdoutFile.delete()
    stderrFile.delete()
    return run
}

/**
 * The local stand-in API (`cleverkit.standin`, set by the pom): it announces its addresses and
 * every identity in one JSON line, then serves until its stdin reaches end of file.
 */
class StandIn private constructor(private val process: Process, private val info: JSONObject) : AutoCloseable {
    operator fun get(name: String): String = info.getString(name)

    override fun close() {
        process.outputStream.close()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    companion object {
        fun start(): StandIn {
            val path = System.getProperty("cleverkit.standin") ?: error("run the tests through Maven")
            check(File(path).canExecute()) { "$path is missing: run ./scripts/build-ffi.sh at the repository root" }
            val process = ProcessBuilder(path).redirectError(ProcessBuilder.Redirect.INHERIT).start()
            val stdout = process.inputStream.bufferedReader()
            val line = stdout.readLine() ?: run {
                process.destroyForcibly()
                error("the stand-in printed nothing (exit ${process.waitFor()})")
            }
            // Whatever it prints later must not fill the pipe and block it.
            Thread({ stdout.use { it.readText() } }, "standin-stdout").apply { isDaemon = true }.start()
            return StandIn(process, JSONObject(line))
        }
    }
}
