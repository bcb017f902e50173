package dev.cleverkit.examples

import com.sun.jna.Platform
import java.io.File
import java.nio.file.Path
import java.util.jar.JarFile
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** SignRequest, offline, with a plain `java -cp`: the cdylib is loaded from the library jar. */
class SignRequestTest {
    private val main = "dev.cleverkit.examples.SignRequestKt"

    @Test
    fun `signs a request with the cdylib loaded from the jar`(@TempDir dir: Path) {
        val jar = exampleClasspath.single { File(it).name.matches(Regex("cleverkit-[0-9][^/]*\\.jar")) }
        val native = "${Platform.RESOURCE_PREFIX}/${System.mapLibraryName("cleverkit_ffi")}"
        assertTrue(JarFile(jar).use { it.getEntry(native) != null }, "$jar carries no $native")

        // From an empty folder, no library path: JNA can only find the cdylib inside the jar.
        val run = runProgram(main, dir, jvmArgs = listOf("-Djna.debug_load=true"))
        assertEquals(0, run.exitCode, "$run")
        assertTrue(run.hasLine("Authorization: OAuth oauth_consumer_key=.*"), "$run")
        assertTrue("Found library resource at jar:file:$jar!/$native" in run.stderr, "JNA did not load $native from $jar: $run")
        assertTrue("demo-consumer-secret" !in run.output && "demo-token-secret" !in run.output, "a secret was printed: $run")
    }

    @Test
    fun `a relative URL is invalid input, exit code 2`(@TempDir dir: Path) {
        val run = runProgram(main, dir, args = listOf("GET", "/v2/self"))
        assertEquals(2, run.exitCode, "$run")
        assertTrue("cannot sign GET /v2/self" in run.stderr, "$run")
    }
}
