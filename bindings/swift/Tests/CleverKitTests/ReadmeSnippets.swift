// The code samples of bindings/swift/README.md, each run against the stand-in by ReadmeTests,
// which also checks that every line of the README's samples is here. Keep them in step.
import CleverKit
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

// "Loopback login for desktop apps"
final class PrintingOpener: UrlOpener {
    func openUrl(url: String) throws {
        // macOS: NSWorkspace.shared.open(…); Linux: xdg-open; or just print it. An error thrown
        // here ends the login at once.
        guard URL(string: url)?.scheme == "https" else {
            throw CleverError.InvalidInput(detail: "refusing to open \(url)")
        }
        print("Open this page to log in: \(url)")
    }
}

/// README.md's blocking samples, one method each: a method's body is the sample, its
/// parameters are the names the sample uses without defining them (`consumerKey`,
/// `organisationId`…), which ReadmeTests fills in with the stand-in's values. `print` in a
/// sample records the line, so that a test can assert what the sample printed.
final class ReadmeSamples {
    private(set) var printed: [String] = []

    func print(_ items: Any...) {
        let line = items.map { "\($0)" }.joined(separator: " ")
        printed.append(line)
        Swift.print(line)
    }

    // "Authentication"
    func authentication(
        consumerKey: String, consumerSecret: String, token: String, tokenSecret: String, apiToken: String,
        apiHost: String, bridgeHost: String, configPath: String
    ) throws -> [Client] {
        // Options: every field is optional; one left nil takes the core's default (nil hosts: Clever Cloud's)
        let options = ClientOptions(
            apiHost: apiHost, bridgeHost: bridgeHost, timeout: 20, maxRetries: 5, userAgentSuffix: "my-app/1.2")

        // 1. OAuth 1.0a tokens (from `clever login`, or the dance below), signed with HMAC-SHA512
        let credentials = try OAuth1Credentials(
            consumerKey: consumerKey, consumerSecret: consumerSecret,
            token: token, tokenSecret: tokenSecret)
        let client = try Client.withOauth1(credentials: credentials, options: options)

        // 2. An API token (sent as a Bearer token, to the API bridge)
        let bridgeClient = try Client.withApiToken(apiToken: apiToken, options: options)

        // 3. Like clever-tools: CLEVER_TOKEN + CLEVER_SECRET, CLEVER_API_TOKEN, or clever-tools.json
        let fromEnvironment = try Client.fromEnvironment()             // active profile
        let named = try Client.fromEnvironment(profile: "work")        // a named profile

        // 4. A clever-tools.json of your own (iOS apps cannot set environment variables)
        let fromFile = try Client.fromConfigFile(path: configPath, profile: "work")
        return [client, bridgeClient, fromEnvironment, named, fromFile]
    }

    // "The OAuth dance, step by step"; `browser` plays the user's browser: it opens the page and
    // hands back the URL it is sent back to.
    func dance(
        consumerKey: String, consumerSecret: String, options: ClientOptions, browser: (String) throws -> String
    ) throws -> Client {
        let dance = try OAuthDance(
            consumerKey: consumerKey, consumerSecret: consumerSecret,
            callback: "myapp://oauth/callback", options: options)     // or callback: "oob"
        let requestToken = try dance.requestToken()                   // step 1
        let url = dance.authorizationUrl(requestToken: requestToken)  // step 2: show it to the user
        // … the browser comes back to myapp://oauth/callback?oauth_token=…&oauth_verifier=…
        let callbackURLFromTheBrowser = try browser(url)
        let verifier = try dance.verifyCallback(
            callbackUrl: callbackURLFromTheBrowser, requestToken: requestToken)
        let credentials = try dance.accessToken(requestToken: requestToken, verifier: verifier)  // step 3
        print(credentials.expiresAt() ?? "no expiration date")
        let client = try Client.withOauth1(credentials: credentials, options: options)
        return client
    }

    // "Loopback login for desktop apps"
    func loopback(consumerKey: String, consumerSecret: String, options: ClientOptions) throws -> Client {
        let credentials = try loginWithLoopback(
            consumerKey: consumerKey, consumerSecret: consumerSecret,
            opener: PrintingOpener(), options: options, timeout: 120)  // timeout nil (the default): 5 minutes
        return try Client.withOauth1(credentials: credentials, options: options)
    }

    // "Calls"
    func calls(
        client: Client, organisationId: String, invoicePath: String, email: String, password: String,
        mfaCode: String
    ) throws {
        let me = try client.myself()                                  // User
        let summary = try client.summary()                            // user + organisations
        let zones = try client.zones()                                // [Zone]
        let applications = try client.applications(ownerId: organisationId)
        print(me.email, summary.organisations.count, zones.count, applications.count)

        // An invoice, streamed to a file (nothing is left there if the download fails)
        let bytes = try client.downloadInvoice(
            organisationId: organisationId, invoiceNumber: "12345", destination: invoicePath)
        print("\(bytes) bytes")

        // Any endpoint: a path on the configured host (or an absolute URL on it)
        let response = try client.request(
            method: "GET", path: "/v2/summary",
            query: [Param(name: "filter", value: "a b+c")],          // encoded and signed for you
            headers: [Param(name: "Accept-Language", value: "fr")])
        print(response.status, response.body.count)
        let json: String = try client.requestJson(method: "GET", path: "/v4/products/zones")  // jsonBody: sends one
        _ = json

        // API tokens (listing, renaming and revoking need the account's credentials)
        let created = try client.createApiToken(
            email: email, password: password, name: "ci",
            expiration: Date().addingTimeInterval(30 * 24 * 3600), mfaCode: mfaCode)
        let secretValue = created.apiToken()                          // store it: shown only once
        print(created)                                                // CreatedApiToken(…, api_token=[redacted])
        let tokens = try client.listApiTokens()
        _ = try client.updateApiToken(apiTokenId: created.token().apiTokenId, name: "ci-2")
        try client.revokeApiToken(apiTokenId: created.token().apiTokenId)
        _ = (secretValue, tokens)

        // Done with it: its connections go now, later calls throw CleverError.InvalidInput
        client.close()
    }

    // "Signing a request": what is signed is sent to `url`, here the stand-in's.
    func signing(
        consumerKey: String, consumerSecret: String, token: String?, tokenSecret: String?, url: String
    ) throws -> (request: URLRequest, fixed: Signed) {
        let credentials = try OAuth1Credentials(
            consumerKey: consumerKey,
            consumerSecret: consumerSecret,
            token: token,                 // nil for the request-token step of the OAuth dance
            tokenSecret: tokenSecret
            // signatureMethod: .hmacSha512 is the default; .hmacSha1 and .plaintext exist
        )
        print(credentials)                // Credentials(consumer_key=…, consumer_secret=[redacted], …)

        let signed = try signRequest(
            request: RequestToSign(method: "GET", url: url),   // url: "https://api.clever-cloud.com/v2/self"
            credentials: credentials
        )
        var request = URLRequest(url: URL(string: url)!)
        request.setValue(signed.authorization, forHTTPHeaderField: "Authorization")
        // signed.baseString and signed.signature show what was signed, to debug a mismatch.

        // A form body, with a fixed nonce and timestamp (to reproduce a signature)
        let fixed = try signRequest(
            request: RequestToSign(
                method: "POST",
                url: "https://api.clever-cloud.com/v2/self",
                body: "a=1",
                contentType: "application/x-www-form-urlencoded",
                nonce: "abc",
                timestamp: 1_700_000_000
            ),
            credentials: credentials
        )
        return (request, fixed)
    }

    // "Errors"
    func errors(client: Client, organisationId: String) {
        do {
            _ = try client.applications(ownerId: organisationId)
        } catch CleverError.NotFound(_, let code, let requestId) {
            print("no such organisation (API code \(code ?? "none"), request \(requestId ?? "?"))")
        } catch CleverError.Unauthorized(_, let expiredAt, _, _) {
            print(expiredAt == nil ? "credentials refused: log in again" : "login expired")
        } catch CleverError.RateLimited(let retryAfter, _) {
            print("slow down: retry in \(retryAfter ?? 60) s")
        } catch CleverError.Transport(.dns, _), CleverError.Transport(.proxy, _), CleverError.Transport(.certificate, _) {
            print("cannot reach Clever Cloud: check the network settings")
        } catch CleverError.Transport, CleverError.Timeout {
            print("network trouble, try again later")
        } catch {
            print(error.localizedDescription)  // "HTTP 500 Internal Server Error: … (API code …, request id …)"
        }
    }

    // "Applications"
    func applications(client: AsyncClient, organisationId: String, commit: String) async throws {
        // The catalogue: one entry per runtime and version; here the newest Node
        let catalogue = try await client.instanceTypes()
        guard let node = catalogue.filter({ $0.enabled == true && $0.variant?.slug == "node" })
            .max(by: { $0.version < $1.version }), let variantId = node.variant?.id
        else { return }
        let app = try await client.createApplication(
            ownerId: organisationId,
            new: NewApplication(                                      // zone par, flavor XS, 1 instance
                name: "orders", instanceType: node.kind, instanceVersion: node.version,
                instanceVariant: variantId))
        _ = try await client.updateApplication(
            ownerId: organisationId, applicationId: app.id,
            update: ApplicationUpdate(maxInstances: 3))               // nil fields are left as they are

        try await client.setEnvironmentVariable(
            ownerId: organisationId, applicationId: app.id, name: "NODE_ENV", value: "production")
        for variable in try await client.environment(ownerId: organisationId, applicationId: app.id) {
            print("\(variable.name)=\(variable.value)")
        }
        try await client.addDomain(ownerId: organisationId, applicationId: app.id, fqdn: "orders.example.com")
        try await client.setPrimaryDomain(ownerId: organisationId, applicationId: app.id, fqdn: "orders.example.com")

        // Redeploy a commit (nil: the last one) and wait for it to end (10 minutes at most)
        if let deploymentId = try await client.redeployApplication(
            ownerId: organisationId, applicationId: app.id, commit: commit)
        {
            let deployment = try await client.waitForDeployment(
                ownerId: organisationId, applicationId: app.id, deploymentId: deploymentId, timeout: 600)
            print(deployment.action ?? "?", deployment.commit ?? "?", deployment.state ?? "?")
        }
        try await client.stopApplication(ownerId: organisationId, applicationId: app.id)
        try await client.deleteApplication(ownerId: organisationId, applicationId: app.id)
    }
}

// "Async"
func readmeAsync(
    credentials: OAuth1Credentials, options: ClientOptions, organisationId: String, invoicePath: String
) async throws {
    let client = try AsyncClient.withOauth1(credentials: credentials, options: options)
    let me = try await client.myself()
    async let zones = client.zones()
    async let summary = client.summary()
    print(me.email, try await zones.count, try await summary.organisations.count)

    // Many calls at once: they run on at most `workerThreads` threads (16 by default)
    let names = try await withThrowingTaskGroup(of: [String].self) { group in
        for organisation in try await client.summary().organisations {
            group.addTask { try await client.applications(ownerId: organisation.id).map(\.name) }
        }
        return try await group.reduce(into: []) { $0 += $1 }
    }
    print(names)

    // Blocking and async calls over one pool of connections
    let blockingClient = try Client.withOauth1(credentials: credentials, options: options)
    let sharing = try blockingClient.asyncClient()                // closing one leaves the other open
    _ = sharing

    // Cancelling the task: it throws CancellationError at once, and the download stops
    let download = Task {
        try await client.downloadInvoice(
            organisationId: organisationId, invoiceNumber: "12345", destination: invoicePath)
    }
    download.cancel()
    do {
        _ = try await download.value
    } catch is CancellationError {
        print("cancelled: nothing is left at \(invoicePath)")
    }
}

// "Download progress as an AsyncStream"
/// Hands each progress update of a download to an `AsyncStream`.
final class ProgressStream: DownloadProgress {
    let updates: AsyncStream<(written: Int64, total: Int64?)>
    private let continuation: AsyncStream<(written: Int64, total: Int64?)>.Continuation

    init() {
        (updates, continuation) = AsyncStream.makeStream()
    }

    func onProgress(written: Int64, total: Int64?) {
        continuation.yield((written, total))
    }

    func finish() {
        continuation.finish()
    }
}

func readmeProgress(client: AsyncClient, organisationId: String, invoicePath: String) async throws {
    let progress = ProgressStream()
    let download = Task {
        defer { progress.finish() }
        return try await client.downloadInvoice(
            organisationId: organisationId, invoiceNumber: "12345", destination: invoicePath,
            progress: progress)
    }
    for await update in progress.updates {
        print("\(update.written) of \(update.total.map(String.init) ?? "?") bytes")
    }
    print("done: \(try await download.value) bytes")
}

// "From the main actor"
@MainActor
final class ProfileModel {
    private(set) var email: String?
    private let client: AsyncClient

    init(client: AsyncClient) {
        self.client = client
    }

    /// Awaits the call without blocking the main actor: the UI stays responsive meanwhile.
    func load() async throws {
        email = try await client.myself().email
    }
}
