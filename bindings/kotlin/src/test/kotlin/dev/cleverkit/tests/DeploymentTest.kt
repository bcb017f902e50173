package dev.cleverkit.tests

import dev.cleverkit.AsyncClient
import dev.cleverkit.CleverException
import dev.cleverkit.DeploymentProgress
import dev.cleverkit.DeploymentRecord
import java.time.Duration
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Waiting for a deployment after a redeploy: the stand-in keeps a redeploy `WIP` for 400 ms,
 * then `OK`, or `FAIL` for a commit starting `fa11`.
 */
class DeploymentTest : StandInTest() {
    private val owner get() = standIn.organisationId
    private val minute = Duration.ofMinutes(1)
    // A redeploy without a commit deploys the last one, maybe another test's failing one.
    private val commit = "0123456789abcdef0123456789abcdef01234567"

    @Test
    fun aRedeployIsWaitedForUntilOk() {
        oauthClient().use { client ->
            val app = client.applications(owner).first().id
            val started = client.redeployApplication(owner, app, commit)!!
            val states = mutableListOf<String?>()
            val progress = object : DeploymentProgress {
                override fun onState(deployment: DeploymentRecord) {
                    synchronized(states) { states.add(deployment.state) }
                }
            }
            val done = client.waitForDeployment(owner, app, started, minute, progress)
            assertEquals(started to "OK", done.uuid to done.state)
            assertEquals(listOf("WIP", "OK"), synchronized(states) { states.toList() })
        }
    }

    @Test
    fun aFailedOrUnfinishedDeploymentIsTyped() {
        oauthClient().use { client ->
            val app = client.applications(owner).first().id
            val failing = client.redeployApplication(owner, app, "fa11" + "0".repeat(36))!!
            val failed = assertThrows(CleverException.Deployment::class.java) {
                client.waitForDeployment(owner, app, failing, minute)
            }
            assertEquals(failing to "FAIL", failed.deploymentId to failed.state)
            assertFalse(failed.timedOut)
            assertEquals("deployment $failing failed (FAIL)", failed.message)

            val running = client.redeployApplication(owner, app, commit)!!
            val unfinished = assertThrows(CleverException.Deployment::class.java) {
                client.waitForDeployment(owner, app, running, Duration.ZERO)
            }
            assertTrue(unfinished.timedOut)
        }
    }

    @Test
    fun awaited() = runBlocking {
        standIn.credentials().use { credentials ->
            AsyncClient.withOauth1(credentials, standIn.options()).use { client ->
                val app = client.applications(owner).first().id
                val started = client.redeployApplication(owner, app, commit)!!
                assertEquals("OK", client.waitForDeployment(owner, app, started, minute).state)
            }
        }
    }
}
