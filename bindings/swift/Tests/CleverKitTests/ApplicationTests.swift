import CleverKit
import Foundation
import XCTest

/// The typed calls of an application's life against the stand-in, as the core's own test walks
/// it (core/tests/integration/applications.rs): one application from the catalogue to its
/// deletion, with `Client` and with `AsyncClient`, and the ids and domains that cannot be a path
/// segment refused before any request.
///
/// The stand-in keeps its applications across `reset()` (it clears faults and recordings only),
/// so counts are relative to the seeded ones, and each test deletes what it creates.
final class ApplicationTests: XCTestCase {
    var standIn: StandIn!
    var owner: String { standIn.info.organisationId }
    let commit = "0123456789abcdef0123456789abcdef01234567"

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
    }

    /// The newest enabled entry of a runtime, as clever-tools picks one for `clever create`.
    func newest(_ catalogue: [InstanceType], slug: String) throws -> InstanceType {
        let entries = catalogue.filter { $0.enabled == true && $0.variant?.slug == slug }
        return try XCTUnwrap(entries.max { $0.version < $1.version }, "no \(slug) in the catalogue")
    }

    /// An application of a catalogue entry (its kind, version and variant id), with `PORT` set.
    func newApplication(_ name: String, of entry: InstanceType) throws -> NewApplication {
        NewApplication(
            name: name, instanceType: entry.kind, instanceVersion: entry.version,
            instanceVariant: try XCTUnwrap(entry.variant?.id),
            environment: [EnvironmentVariable(name: "PORT", value: "8080")])
    }

    /// Deletes the application when a failing test left it, so that it does not show in the
    /// other tests' listings of the shared stand-in. The client lives in the block only: XCTest
    /// keeps the block, and a client kept would keep its connection to the stand-in open.
    func deleteAtTeardown(_ applicationId: String) {
        let (standIn, owner) = (self.standIn!, self.owner)
        addTeardownBlock {
            guard let client = try? standIn.oauthClient() else { return }
            defer { client.close() }
            _ = try? client.deleteApplication(ownerId: owner, applicationId: applicationId)
        }
    }

    func assertNotFound(
        _ error: any Error, naming applicationId: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard case CleverError.NotFound(let detail, let code, _) = error else {
            return XCTFail("expected NotFound, got \(error)", file: file, line: line)
        }
        XCTAssertEqual(code, "4004", file: file, line: line)
        XCTAssertTrue(detail.contains(applicationId), detail, file: file, line: line)
    }

    func testTheLifeOfOneApplication() throws {
        let client = try standIn.oauthClient()
        let seeded = try client.applications(ownerId: owner)

        // The catalogue, and an application of its newest Node.
        let catalogue = try client.instanceTypes()
        XCTAssertTrue(catalogue.contains { $0.enabled == false }, "the catalogue lists disabled entries too")
        let node = try newest(catalogue, slug: "node")
        XCTAssertEqual(node.version, "20250101")
        let created = try client.createApplication(ownerId: owner, new: try newApplication("orders", of: node))
        let app = created.id
        deleteAtTeardown(app)
        XCTAssertEqual(created.name, "orders")
        XCTAssertEqual(created.description, "orders", "the description defaults to the name")
        XCTAssertEqual(created.zone, "par")
        XCTAssertEqual(created.instance?.kind, "node")
        XCTAssertEqual(created.instance?.variant?.id, node.variant?.id)
        XCTAssertEqual(created.instance?.minFlavor?.name, "XS")

        // Listed with the others, and read alone.
        let listed = try client.applications(ownerId: owner)
        XCTAssertEqual(Set(listed.map(\.id)), Set(seeded.map(\.id) + [app]))
        XCTAssertEqual(try client.application(ownerId: owner, applicationId: app), created)

        // Updated.
        let updated = try client.updateApplication(
            ownerId: owner, applicationId: app,
            update: ApplicationUpdate(description: "order intake", maxFlavor: "M", maxInstances: 3))
        XCTAssertEqual(updated.description, "order intake")
        XCTAssertEqual(updated.instance?.maxInstances, 3)
        XCTAssertEqual(updated.instance?.maxFlavor?.name, "M")
        XCTAssertEqual(try client.application(ownerId: owner, applicationId: app), updated)

        // The environment: set, read back, replaced, one removed.
        func environment() throws -> [EnvironmentVariable] {
            try client.environment(ownerId: owner, applicationId: app)
        }
        XCTAssertEqual(try environment(), [EnvironmentVariable(name: "PORT", value: "8080")])
        try client.setEnvironmentVariable(ownerId: owner, applicationId: app, name: "NODE_ENV", value: "production")
        XCTAssertEqual(
            try environment(),
            [EnvironmentVariable(name: "NODE_ENV", value: "production"), EnvironmentVariable(name: "PORT", value: "8080")])
        try client.replaceEnvironment(
            ownerId: owner, applicationId: app,
            variables: [
                EnvironmentVariable(name: "A", value: "1"), EnvironmentVariable(name: "java.opts", value: "-Xmx1g"),
                EnvironmentVariable(name: "B", value: "two words"),
            ])
        XCTAssertEqual(
            try environment().map(\.name), ["A", "B", "java.opts"], "exactly the replacement, sorted by name")
        try client.removeEnvironmentVariable(ownerId: owner, applicationId: app, name: "A")
        XCTAssertEqual(
            try environment(),
            [EnvironmentVariable(name: "B", value: "two words"), EnvironmentVariable(name: "java.opts", value: "-Xmx1g")])
        assertCleverError(try client.removeEnvironmentVariable(ownerId: owner, applicationId: app, name: "A")) {
            guard case .NotFound = $0 else { return XCTFail("expected NotFound, got \($0)") }
        }

        // Domains, and the primary one.
        func fqdns() throws -> [String] {
            try client.domains(ownerId: owner, applicationId: app).map(\.fqdn)
        }
        let defaultDomain = try XCTUnwrap(try fqdns().first, "a new application has its default domain")
        XCTAssertNil(try client.primaryDomain(ownerId: owner, applicationId: app))
        try client.addDomain(ownerId: owner, applicationId: app, fqdn: "orders.example.com")
        try client.addDomain(ownerId: owner, applicationId: app, fqdn: "example.com/orders")
        XCTAssertEqual(try fqdns(), [defaultDomain, "orders.example.com", "example.com/orders"])
        try client.setPrimaryDomain(ownerId: owner, applicationId: app, fqdn: "orders.example.com")
        XCTAssertEqual(try client.primaryDomain(ownerId: owner, applicationId: app)?.fqdn, "orders.example.com")
        // Removing the primary domain leaves none.
        try client.removeDomain(ownerId: owner, applicationId: app, fqdn: "orders.example.com")
        XCTAssertNil(try client.primaryDomain(ownerId: owner, applicationId: app))
        XCTAssertEqual(try fqdns(), [defaultDomain, "example.com/orders"])

        // Nothing is deployed yet: a redeploy of a commit shows in the deployments.
        XCTAssertEqual(try client.deployments(ownerId: owner, applicationId: app), [])
        let deploymentId = try XCTUnwrap(
            try client.redeployApplication(ownerId: owner, applicationId: app, commit: commit),
            "the API names the deployment")
        let deployments = try client.deployments(ownerId: owner, applicationId: app)
        XCTAssertEqual(deployments.map(\.uuid), [deploymentId])
        XCTAssertEqual(deployments.first?.commit, commit)
        XCTAssertEqual(deployments.first?.action, "DEPLOY")
        XCTAssertNotNil(deployments.first?.date)
        let running = try client.application(ownerId: owner, applicationId: app)
        XCTAssertEqual(running.state, "SHOULD_BE_UP")
        XCTAssertEqual(running.commitId, commit)

        // Stopped: the newest deployment is the undeploy, `limit` keeps it alone.
        try client.stopApplication(ownerId: owner, applicationId: app)
        let newestOnly = try client.deployments(ownerId: owner, applicationId: app, limit: 1)
        XCTAssertEqual(newestOnly.map(\.action), ["UNDEPLOY"])
        XCTAssertEqual(try client.application(ownerId: owner, applicationId: app).state, "SHOULD_BE_DOWN")

        // Add-ons: the organisation's, none linked to the new application, all to engine-api.
        let addons = try client.addons(ownerId: owner)
        XCTAssertEqual(addons.map(\.provider?.id), ["postgresql-addon"])
        XCTAssertEqual(try client.applicationAddons(ownerId: owner, applicationId: app), [])
        let engineApi = try XCTUnwrap(seeded.first { $0.name == "engine-api" })
        XCTAssertEqual(try client.applicationAddons(ownerId: owner, applicationId: engineApi.id), addons)

        // Deleted: every read is a 404 with the API's v2 error body.
        try client.deleteApplication(ownerId: owner, applicationId: app)
        XCTAssertEqual(Set(try client.applications(ownerId: owner).map(\.id)), Set(seeded.map(\.id)))
        let reads: [() throws -> Void] = [
            { _ = try client.application(ownerId: self.owner, applicationId: app) },
            { _ = try client.environment(ownerId: self.owner, applicationId: app) },
            { _ = try client.domains(ownerId: self.owner, applicationId: app) },
            { _ = try client.primaryDomain(ownerId: self.owner, applicationId: app) },
            { _ = try client.deployments(ownerId: self.owner, applicationId: app) },
            { try client.deleteApplication(ownerId: self.owner, applicationId: app) },
        ]
        for read in reads {
            XCTAssertThrowsError(try read()) { assertNotFound($0, naming: app) }
        }
    }

    func testTheLifeOfOneApplicationAwaited() async throws {
        let client = try standIn.asyncClient()
        let seeded = try await client.applications(ownerId: owner)

        let node = try newest(try await client.instanceTypes(), slug: "node")
        let created = try await client.createApplication(
            ownerId: owner, new: try newApplication("orders-async", of: node))
        let app = created.id
        deleteAtTeardown(app)
        XCTAssertEqual(created.name, "orders-async")
        XCTAssertEqual(created.instance?.variant?.id, node.variant?.id)

        let listed = try await client.applications(ownerId: owner)
        XCTAssertEqual(Set(listed.map(\.id)), Set(seeded.map(\.id) + [app]))
        let read = try await client.application(ownerId: owner, applicationId: app)
        XCTAssertEqual(read, created)

        let updated = try await client.updateApplication(
            ownerId: owner, applicationId: app, update: ApplicationUpdate(description: "order intake", maxInstances: 3))
        XCTAssertEqual(updated.description, "order intake")
        XCTAssertEqual(updated.instance?.maxInstances, 3)
        let reread = try await client.application(ownerId: owner, applicationId: app)
        XCTAssertEqual(reread, updated)

        try await client.setEnvironmentVariable(
            ownerId: owner, applicationId: app, name: "NODE_ENV", value: "production")
        var environment = try await client.environment(ownerId: owner, applicationId: app)
        XCTAssertEqual(environment.map(\.name), ["NODE_ENV", "PORT"])
        try await client.replaceEnvironment(
            ownerId: owner, applicationId: app,
            variables: [EnvironmentVariable(name: "A", value: "1"), EnvironmentVariable(name: "B", value: "two words")])
        environment = try await client.environment(ownerId: owner, applicationId: app)
        XCTAssertEqual(environment.map(\.name), ["A", "B"])
        try await client.removeEnvironmentVariable(ownerId: owner, applicationId: app, name: "A")
        environment = try await client.environment(ownerId: owner, applicationId: app)
        XCTAssertEqual(environment, [EnvironmentVariable(name: "B", value: "two words")])

        let defaultDomains = try await client.domains(ownerId: owner, applicationId: app).map(\.fqdn)
        try await client.addDomain(ownerId: owner, applicationId: app, fqdn: "orders-async.example.com")
        try await client.setPrimaryDomain(ownerId: owner, applicationId: app, fqdn: "orders-async.example.com")
        let primary = try await client.primaryDomain(ownerId: owner, applicationId: app)
        XCTAssertEqual(primary?.fqdn, "orders-async.example.com")
        try await client.removeDomain(ownerId: owner, applicationId: app, fqdn: "orders-async.example.com")
        let noPrimary = try await client.primaryDomain(ownerId: owner, applicationId: app)
        XCTAssertNil(noPrimary)
        let domains = try await client.domains(ownerId: owner, applicationId: app).map(\.fqdn)
        XCTAssertEqual(domains, defaultDomains)

        let deploymentId = try await client.redeployApplication(ownerId: owner, applicationId: app, commit: commit)
        var deployments = try await client.deployments(ownerId: owner, applicationId: app)
        XCTAssertEqual(deployments.map(\.uuid), [try XCTUnwrap(deploymentId)])
        XCTAssertEqual(deployments.first?.commit, commit)
        try await client.stopApplication(ownerId: owner, applicationId: app)
        deployments = try await client.deployments(ownerId: owner, applicationId: app, limit: 1)
        XCTAssertEqual(deployments.map(\.action), ["UNDEPLOY"])
        let stopped = try await client.application(ownerId: owner, applicationId: app)
        XCTAssertEqual(stopped.state, "SHOULD_BE_DOWN")

        let addons = try await client.addons(ownerId: owner)
        XCTAssertEqual(addons.map(\.provider?.id), ["postgresql-addon"])
        let linked = try await client.applicationAddons(ownerId: owner, applicationId: app)
        XCTAssertEqual(linked, [])

        try await client.deleteApplication(ownerId: owner, applicationId: app)
        do {
            _ = try await client.application(ownerId: owner, applicationId: app)
            XCTFail("a deleted application is still read")
        } catch {
            assertNotFound(error, naming: app)
        }
    }

    func testIdsAndDomainsThatCannotBeAPathSegmentAreRefusedBeforeAnyRequest() async throws {
        let client = try standIn.oauthClient()
        let app = "app_1"
        func assertInvalidInput<T>(
            _ call: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
        ) {
            assertCleverError(try call(), file: file, line: line) {
                guard case .InvalidInput = $0 else {
                    return XCTFail("expected InvalidInput, got \($0)", file: file, line: line)
                }
            }
        }
        assertInvalidInput(try client.application(ownerId: "..", applicationId: app))
        assertInvalidInput(try client.application(ownerId: owner, applicationId: ""))
        assertInvalidInput(try client.deleteApplication(ownerId: owner, applicationId: "."))
        assertInvalidInput(try client.deployments(ownerId: "", applicationId: app))
        assertInvalidInput(try client.deployments(ownerId: owner, applicationId: app, limit: -1))
        assertInvalidInput(try client.addDomain(ownerId: owner, applicationId: app, fqdn: ".."))
        assertInvalidInput(try client.addDomain(ownerId: owner, applicationId: app, fqdn: "favourite"))
        assertInvalidInput(try client.removeDomain(ownerId: owner, applicationId: app, fqdn: ""))
        assertInvalidInput(try client.setEnvironmentVariable(ownerId: owner, applicationId: app, name: "NOT VALID", value: "x"))
        assertInvalidInput(try client.removeEnvironmentVariable(ownerId: owner, applicationId: app, name: "../x"))
        assertInvalidInput(
            try client.replaceEnvironment(
                ownerId: owner, applicationId: app,
                variables: [EnvironmentVariable(name: "A", value: "1"), EnvironmentVariable(name: "A", value: "2")]))
        assertInvalidInput(try client.redeployApplication(ownerId: owner, applicationId: app, commit: " "))
        assertInvalidInput(try client.updateApplication(ownerId: owner, applicationId: app, update: ApplicationUpdate()))
        // A catalogue entry without a variant id cannot make an application.
        let withoutVariant = NewApplication(name: "x", instanceType: "node", instanceVersion: "1", instanceVariant: "")
        assertInvalidInput(try client.createApplication(ownerId: owner, new: withoutVariant))

        // The async calls refuse the same input the same way.
        do {
            try await standIn.asyncClient().addDomain(ownerId: owner, applicationId: "..", fqdn: "example.com")
            XCTFail("an application id `..` was accepted")
        } catch CleverError.InvalidInput(let detail) {
            XCTAssertFalse(detail.isEmpty)
        }
        let recorded = try standIn.requests()
        XCTAssertTrue(recorded.isEmpty, "\(recorded.map { "\($0.method) \($0.target)" })")
    }
}
