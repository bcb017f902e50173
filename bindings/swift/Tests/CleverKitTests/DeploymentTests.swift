import CleverKit
import Foundation
import XCTest

/// Waiting for a deployment after a redeploy: the stand-in keeps a redeploy `WIP` for 400 ms,
/// then `OK`, or `FAIL` for a commit starting `fa11`.
final class DeploymentTests: XCTestCase {
    var standIn: StandIn!
    var owner: String { standIn.info.organisationId }
    /// A redeploy without a commit deploys the last one, maybe another test's failing one.
    let commit = "0123456789abcdef0123456789abcdef01234567"

    override func setUpWithError() throws {
        standIn = try StandIn.fresh()
    }

    final class States: DeploymentProgress, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String?] = []
        func onState(deployment: DeploymentRecord) {
            lock.lock()
            seen.append(deployment.state)
            lock.unlock()
        }
        var states: [String?] {
            lock.lock()
            defer { lock.unlock() }
            return seen
        }
    }

    func testARedeployIsWaitedForUntilOk() throws {
        let client = try standIn.oauthClient()
        let app = try XCTUnwrap(client.applications(ownerId: owner).first).id
        let started = try XCTUnwrap(
            client.redeployApplication(ownerId: owner, applicationId: app, commit: commit))
        let states = States()
        let done = try client.waitForDeployment(
            ownerId: owner, applicationId: app, deploymentId: started, timeout: 60, progress: states)
        XCTAssertEqual(done.uuid, started)
        XCTAssertEqual(done.state, "OK")
        XCTAssertEqual(states.states, ["WIP", "OK"])
    }

    func testAFailedDeploymentIsTyped() throws {
        let client = try standIn.oauthClient()
        let app = try XCTUnwrap(client.applications(ownerId: owner).first).id
        let failing = try XCTUnwrap(client.redeployApplication(
            ownerId: owner, applicationId: app, commit: "fa11" + String(repeating: "0", count: 36)))
        XCTAssertThrowsError(try client.waitForDeployment(
            ownerId: owner, applicationId: app, deploymentId: failing, timeout: 60)
        ) { error in
            guard case CleverError.Deployment(let id, let state, let timedOut) = error else {
                return XCTFail("expected Deployment, got \(error)")
            }
            XCTAssertEqual(id, failing)
            XCTAssertEqual(state, "FAIL")
            XCTAssertFalse(timedOut)
        }
    }

    func testAwaited() async throws {
        let client = try standIn.oauthClient().asyncClient()
        let apps = try await client.applications(ownerId: owner)
        let app = try XCTUnwrap(apps.first).id
        let redeployed = try await client.redeployApplication(
            ownerId: owner, applicationId: app, commit: commit)
        let started = try XCTUnwrap(redeployed)
        let done = try await client.waitForDeployment(
            ownerId: owner, applicationId: app, deploymentId: started, timeout: 60)
        XCTAssertEqual(done.state, "OK")
    }
}

/// A duration Rust cannot hold (a past deadline's negative interval, infinity, NaN) is a thrown
/// `InvalidInput`, never a crash of the program (bindings/swift/checked-durations.py).
final class DurationTests: XCTestCase {
    func testNegativeInfiniteAndNaNDurationsThrow() throws {
        let deadline = Date().addingTimeInterval(-5)
        for timeout in [deadline.timeIntervalSinceNow, .infinity, .nan] {
            XCTAssertThrowsError(
                try Client.withApiToken(apiToken: "token", options: ClientOptions(timeout: timeout))
            ) { error in
                guard case CleverError.InvalidInput(let detail) = error else {
                    return XCTFail("expected InvalidInput, got \(error)")
                }
                XCTAssertEqual(detail, "timeout must be a finite duration of zero or more")
            }
        }
        let client = try Client.withApiToken(apiToken: "token")
        XCTAssertThrowsError(try client.waitForDeployment(
            ownerId: "orga_1", applicationId: "app_1", deploymentId: "d", timeout: -1)
        ) { error in
            guard case CleverError.InvalidInput = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
        }
    }
}
