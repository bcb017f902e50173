package dev.cleverkit.tests

import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Loaders that come and go (an application server redeploying): [ClassLoaderChild] loads the
 * library with its runtime jars in fresh class loaders in a child JVM and reports what stays.
 * JNA keeps every loader that registered a library alive (its `JNA Cleaner` thread, one per
 * loaded JNA, runs while the library it opened is registered; see the README): the test pins
 * what remains to that one thread per generation (UniFFI's own `java.lang.ref.Cleaner` thread is
 * gone) and a bounded number of mapped copies, and prints the figures.
 */
class ClassLoaderLeakTest : StandInTest() {
    @TempDir
    lateinit var home: Path

    private fun figure(line: String, name: String): Int =
        Regex("$name (\\d+)").find(line)?.groupValues?.get(1)?.toInt() ?: error("no $name in $line")

    @Test
    fun `each generation of class loaders leaves at most one thread`() {
        val generations = 10
        val run = runChildJvm(
            "dev.cleverkit.tests.ClassLoaderChild", home, emptyMap(), generations.toString(),
            jvmArgs = listOf(
                "-Dcleverkit.leak.api=${standIn.api}",
                "-Dcleverkit.leak.consumerKey=${standIn.consumerKey}",
                "-Dcleverkit.leak.consumerSecret=${standIn.consumerSecret}",
                "-Dcleverkit.leak.token=${standIn.token}",
                "-Dcleverkit.leak.tokenSecret=${standIn.tokenSecret}",
            ),
        )
        println("ClassLoaderLeakTest:\n${run.output}")
        assertEquals(0, run.exitCode, run.output)
        val lines = run.output.lines()
        val first = lines.single { it.startsWith("generation 1:") }
        val last = lines.single { it.startsWith("after $generations:") }
        assertTrue(first.contains(" ${standIn.userId} "), first)
        val threadsPerGeneration = (figure(last, "threads") - figure(first, "threads")).toDouble() / (generations - 1)
        val mappedPerGeneration = (figure(last, "mapped") - figure(first, "mapped")).toDouble() / (generations - 1)
        println("ClassLoaderLeakTest: $threadsPerGeneration threads and $mappedPerGeneration mapped libraries per generation")
        assertTrue(threadsPerGeneration <= 1.0, "$threadsPerGeneration threads per generation:\n${run.output}")
        assertTrue(mappedPerGeneration <= 2.0, "$mappedPerGeneration mapped libraries per generation:\n${run.output}")
    }
}
