package dev.cleverkit.tests

import dev.cleverkit.Application
import dev.cleverkit.ApplicationUpdate
import dev.cleverkit.AsyncClient
import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.EnvironmentVariable
import dev.cleverkit.InstanceType
import dev.cleverkit.NewApplication
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/**
 * The typed calls of an application's life against the stand-in, as the core's own test walks
 * it (core/tests/integration/applications.rs): one application from the catalogue to its
 * deletion, with `Client` and with `AsyncClient`, and the ids and domains that cannot be a path
 * segment refused before any request.
 *
 * The stand-in keeps its applications across `reset()` (it clears faults and recordings only),
 * so counts are relative to the seeded ones, and each test deletes what it creates (after it,
 * too, when it fails half-way).
 */
class ApplicationTest : StandInTest() {
    private val owner get() = standIn.organisationId
    private val commit = "0123456789abcdef0123456789abcdef01234567"
    private val leftovers = mutableListOf<String>()

    /** Deletes what a failing test left, so that it does not show in the other tests' listings. */
    @AfterEach
    fun deleteLeftovers() {
        oauthClient().use { client ->
            leftovers.forEach { runCatching { client.deleteApplication(owner, it) } }
        }
        leftovers.clear()
    }

    private fun asyncClient(): AsyncClient = standIn.credentials().use { AsyncClient.withOauth1(it, standIn.options()) }

    /** The newest enabled entry of a runtime, as clever-tools picks one for `clever create`. */
    private fun newest(catalogue: List<InstanceType>, slug: String): InstanceType =
        catalogue.filter { it.enabled == true && it.variant?.slug == slug }.maxByOrNull { it.version }
            ?: fail("no $slug in the catalogue: ${catalogue.map { it.kind }}")

    /** An application of a catalogue entry (its kind, version and variant id), with `PORT` set. */
    private fun newApplication(name: String, entry: InstanceType) = NewApplication(
        name = name,
        instanceType = entry.kind,
        instanceVersion = entry.version,
        instanceVariant = entry.variant?.id ?: fail("${entry.kind} ${entry.version} has no variant id"),
        environment = listOf(EnvironmentVariable("PORT", "8080")),
    )

    private fun assertNotFound(app: String, call: Executable) {
        val error = assertThrows(CleverException.NotFound::class.java, call)
        assertEquals("4004", error.code)
        assertTrue(app in error.detail, error.detail)
    }

    private suspend fun assertNotFoundAwaited(app: String, call: suspend () -> Unit) {
        val error = assertInstanceOf(CleverException.NotFound::class.java, runCatching { call() }.exceptionOrNull())
        assertEquals("4004", error.code)
        assertTrue(app in error.detail, error.detail)
    }

    @Test
    fun `the life of one application`() {
        oauthClient().use { client ->
            val seeded = client.applications(owner).map { it.id }.toSet()

            // The catalogue, and an application of its newest Node.
            val catalogue = client.instanceTypes()
            assertTrue(catalogue.any { it.enabled == false }, "the catalogue lists disabled entries too")
            val node = newest(catalogue, "node")
            assertEquals("20250101", node.version)
            val created: Application = client.createApplication(owner, newApplication("orders", node))
            val app = created.id
            leftovers += app
            assertEquals("orders", created.name)
            assertEquals("orders", created.description, "the description defaults to the name")
            assertEquals("par", created.zone)
            assertEquals("node", created.instance?.kind)
            assertEquals(node.variant?.id, created.instance?.variant?.id)
            assertEquals("XS", created.instance?.minFlavor?.name)

            // Listed with the others, and read alone.
            assertEquals(seeded + app, client.applications(owner).map { it.id }.toSet())
            assertEquals(created, client.application(owner, app))

            // Updated.
            val updated = client.updateApplication(
                owner, app, ApplicationUpdate(description = "order intake", maxFlavor = "M", maxInstances = 3),
            )
            assertEquals("order intake", updated.description)
            assertEquals(3, updated.instance?.maxInstances)
            assertEquals("M", updated.instance?.maxFlavor?.name)
            assertEquals(updated, client.application(owner, app))

            // The environment: set, read back, replaced, one removed.
            assertEquals(listOf(EnvironmentVariable("PORT", "8080")), client.environment(owner, app))
            client.setEnvironmentVariable(owner, app, "NODE_ENV", "production")
            assertEquals(
                listOf(EnvironmentVariable("NODE_ENV", "production"), EnvironmentVariable("PORT", "8080")),
                client.environment(owner, app),
            )
            client.replaceEnvironment(
                owner, app,
                listOf(EnvironmentVariable("A", "1"), EnvironmentVariable("java.opts", "-Xmx1g"), EnvironmentVariable("B", "two words")),
            )
            assertEquals(
                listOf("A", "B", "java.opts"), client.environment(owner, app).map { it.name },
                "exactly the replacement, sorted by name",
            )
            client.removeEnvironmentVariable(owner, app, "A")
            assertEquals(
                listOf(EnvironmentVariable("B", "two words"), EnvironmentVariable("java.opts", "-Xmx1g")),
                client.environment(owner, app),
            )
            assertThrows(CleverException.NotFound::class.java) { client.removeEnvironmentVariable(owner, app, "A") }

            // Domains, and the primary one.
            fun fqdns() = client.domains(owner, app).map { it.fqdn }
            val defaultDomain = fqdns().firstOrNull() ?: fail("a new application has its default domain")
            assertNull(client.primaryDomain(owner, app))
            client.addDomain(owner, app, "orders.example.com")
            client.addDomain(owner, app, "example.com/orders")
            assertEquals(listOf(defaultDomain, "orders.example.com", "example.com/orders"), fqdns())
            client.setPrimaryDomain(owner, app, "orders.example.com")
            assertEquals("orders.example.com", client.primaryDomain(owner, app)?.fqdn)
            // Removing the primary domain leaves none.
            client.removeDomain(owner, app, "orders.example.com")
            assertNull(client.primaryDomain(owner, app))
            assertEquals(listOf(defaultDomain, "example.com/orders"), fqdns())

            // Nothing is deployed yet: a redeploy of a commit shows in the deployments.
            assertEquals(emptyList<Any>(), client.deployments(owner, app))
            val deploymentId = client.redeployApplication(owner, app, commit) ?: fail("the API names the deployment")
            val deployments = client.deployments(owner, app)
            assertEquals(listOf(deploymentId), deployments.map { it.uuid })
            assertEquals(commit, deployments.first().commit)
            assertEquals("DEPLOY", deployments.first().action)
            assertNotNull(deployments.first().date)
            val running = client.application(owner, app)
            assertEquals("SHOULD_BE_UP", running.state)
            assertEquals(commit, running.commitId)

            // Stopped: the newest deployment is the undeploy, `limit` keeps it alone.
            client.stopApplication(owner, app)
            assertEquals(listOf("UNDEPLOY"), client.deployments(owner, app, limit = 1).map { it.action })
            assertEquals("SHOULD_BE_DOWN", client.application(owner, app).state)

            // Add-ons: the organisation's, none linked to the new application, all to engine-api.
            val addons = client.addons(owner)
            assertEquals(listOf("postgresql-addon"), addons.map { it.provider?.id })
            assertEquals(emptyList<Any>(), client.applicationAddons(owner, app))
            val engineApi = client.applications(owner).first { it.name == "engine-api" }
            assertEquals(addons, client.applicationAddons(owner, engineApi.id))

            // Deleted: every read is a 404 with the API's v2 error body.
            client.deleteApplication(owner, app)
            leftovers -= app
            assertEquals(seeded, client.applications(owner).map { it.id }.toSet())
            assertNotFound(app) { client.application(owner, app) }
            assertNotFound(app) { client.environment(owner, app) }
            assertNotFound(app) { client.domains(owner, app) }
            assertNotFound(app) { client.primaryDomain(owner, app) }
            assertNotFound(app) { client.deployments(owner, app) }
            assertNotFound(app) { client.deleteApplication(owner, app) }
        }
    }

    @Test
    fun `the life of one application, awaited`() = runBlocking {
        asyncClient().use { client ->
            val seeded = client.applications(owner).map { it.id }.toSet()

            val node = newest(client.instanceTypes(), "node")
            val created = client.createApplication(owner, newApplication("orders-async", node))
            val app = created.id
            leftovers += app
            assertEquals("orders-async", created.name)
            assertEquals(node.variant?.id, created.instance?.variant?.id)

            assertEquals(seeded + app, client.applications(owner).map { it.id }.toSet())
            assertEquals(created, client.application(owner, app))

            val updated = client.updateApplication(owner, app, ApplicationUpdate(description = "order intake", maxInstances = 3))
            assertEquals("order intake", updated.description)
            assertEquals(3, updated.instance?.maxInstances)
            assertEquals(updated, client.application(owner, app))

            client.setEnvironmentVariable(owner, app, "NODE_ENV", "production")
            assertEquals(listOf("NODE_ENV", "PORT"), client.environment(owner, app).map { it.name })
            client.replaceEnvironment(owner, app, listOf(EnvironmentVariable("A", "1"), EnvironmentVariable("B", "two words")))
            assertEquals(listOf("A", "B"), client.environment(owner, app).map { it.name })
            client.removeEnvironmentVariable(owner, app, "A")
            assertEquals(listOf(EnvironmentVariable("B", "two words")), client.environment(owner, app))

            val defaultDomains = client.domains(owner, app).map { it.fqdn }
            client.addDomain(owner, app, "orders-async.example.com")
            assertEquals(defaultDomains + "orders-async.example.com", client.domains(owner, app).map { it.fqdn })
            client.setPrimaryDomain(owner, app, "orders-async.example.com")
            assertEquals("orders-async.example.com", client.primaryDomain(owner, app)?.fqdn)
            client.removeDomain(owner, app, "orders-async.example.com")
            assertNull(client.primaryDomain(owner, app))
            assertEquals(defaultDomains, client.domains(owner, app).map { it.fqdn })

            val deploymentId = client.redeployApplication(owner, app, commit) ?: fail("the API names the deployment")
            val deployments = client.deployments(owner, app)
            assertEquals(listOf(deploymentId), deployments.map { it.uuid })
            assertEquals(commit, deployments.first().commit)
            assertEquals("SHOULD_BE_UP", client.application(owner, app).state)
            client.stopApplication(owner, app)
            assertEquals(listOf("UNDEPLOY"), client.deployments(owner, app, limit = 1).map { it.action })
            assertEquals("SHOULD_BE_DOWN", client.application(owner, app).state)

            assertEquals(listOf("postgresql-addon"), client.addons(owner).map { it.provider?.id })
            assertEquals(emptyList<Any>(), client.applicationAddons(owner, app))

            client.deleteApplication(owner, app)
            leftovers -= app
            assertEquals(seeded, client.applications(owner).map { it.id }.toSet())
            assertNotFoundAwaited(app) { client.application(owner, app) }
            assertNotFoundAwaited(app) { client.environment(owner, app) }
        }
    }

    @Test
    fun `ids and domains that cannot be a path segment are refused before any request`() {
        val app = "app_1"
        fun invalid(call: Executable) {
            val error = assertThrows(CleverException.InvalidInput::class.java, call)
            assertFalse(error.detail.isEmpty())
        }
        oauthClient().use { client: Client ->
            invalid { client.application("..", app) }
            invalid { client.application(owner, "") }
            invalid { client.deleteApplication(owner, ".") }
            invalid { client.deployments("", app) }
            invalid { client.deployments(owner, app, limit = -1) }
            invalid { client.addDomain(owner, app, "..") }
            invalid { client.addDomain(owner, app, "favourite") }
            invalid { client.removeDomain(owner, app, "") }
            invalid { client.setPrimaryDomain(owner, app, "") }
            invalid { client.setEnvironmentVariable(owner, app, "NOT VALID", "x") }
            invalid { client.removeEnvironmentVariable(owner, app, "../x") }
            invalid { client.replaceEnvironment(owner, app, listOf(EnvironmentVariable("A", "1"), EnvironmentVariable("A", "2"))) }
            invalid { client.redeployApplication(owner, app, " ") }
            invalid { client.updateApplication(owner, app, ApplicationUpdate()) }
            invalid { client.addons("..") }
            // A catalogue entry without a variant id cannot make an application.
            invalid { client.createApplication(owner, NewApplication("x", "node", "1", "")) }
        }
        // The suspend calls refuse the same input the same way.
        runBlocking {
            asyncClient().use { client ->
                for (call in listOf<suspend () -> Unit>(
                    { client.addDomain(owner, "..", "example.com") },
                    { client.removeDomain(owner, app, "favourite") },
                    { client.createApplication("", NewApplication("x", "node", "1", "v")) },
                )) {
                    assertInstanceOf(CleverException.InvalidInput::class.java, runCatching { call() }.exceptionOrNull())
                }
            }
        }
        val recorded = standIn.requests()
        assertTrue(recorded.isEmpty(), "${recorded.map { "${it.getString("method")} ${it.getString("target")}" }}")
    }
}
