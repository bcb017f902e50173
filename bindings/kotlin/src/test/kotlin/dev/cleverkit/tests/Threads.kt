package dev.cleverkit.tests

import java.io.File
import java.util.concurrent.atomic.AtomicInteger

/**
 * The threads of this process whose name is [name], as the kernel lists them
 * (`/proc/self/task/<tid>/comm`): the library's worker threads are native threads, which
 * `Thread.getAllStackTraces()` does not see. Linux keeps the first 15 bytes of a thread's name
 * (`cleverkit-worker` reads `cleverkit-worke` there). Linux only.
 */
fun nativeThreadsNamed(name: String): Int {
    val comm = name.take(15)
    return File("/proc/self/task").listFiles().orEmpty().count { task ->
        // A thread may end between the listing and the read.
        runCatching { File(task, "comm").readText().trim() }.getOrNull() == comm
    }
}

/** Every thread of this process, native ones included (`Threads:` of `/proc/self/status`). */
fun processThreads(): Int =
    File("/proc/self/status").readLines().first { it.startsWith("Threads:") }.substringAfter(':').trim().toInt()

/**
 * The highest value [count] returned while this sampler ran: sampled every millisecond on a
 * daemon thread of its own, from construction to [close].
 */
class PeakSampler(private val count: () -> Int) : AutoCloseable {
    private val highest = AtomicInteger(count())
    private val samples = AtomicInteger(1)

    @Volatile
    private var running = true

    private val sampler = Thread({
        while (running) {
            highest.accumulateAndGet(count(), ::maxOf)
            samples.incrementAndGet()
            Thread.sleep(1)
        }
    }, "peak-sampler").apply {
        isDaemon = true
        start()
    }

    /** The highest count seen so far. */
    val peak: Int get() = highest.get()

    /** How many times the count was taken (to tell a real peak from a sampler that never ran). */
    val sampleCount: Int get() = samples.get()

    override fun close() {
        running = false
        sampler.join()
        highest.accumulateAndGet(count(), ::maxOf)
    }
}
