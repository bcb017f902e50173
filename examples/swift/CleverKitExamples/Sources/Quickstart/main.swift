// CleverKit quickstart: who am I, the zones, the applications of an organisation, an invoice
// download, and how errors look.
//
// Credentials are found the way clever-tools finds them: CLEVER_TOKEN + CLEVER_SECRET (the
// tokens of `clever login`), or CLEVER_API_TOKEN, or the active profile of
// ~/.config/clever-cloud/clever-tools.json. API_HOST, AUTH_BRIDGE_HOST, OAUTH_CONSUMER_KEY and
// OAUTH_CONSUMER_SECRET override the hosts and the consumer (bindings/swift/test.sh points them
// at the local stand-in API).
//
// Optional: CLEVER_ORGANISATION_ID (default: the first organisation that is not your personal
// one), CLEVER_INVOICE_NUMBER (an invoice to download into the temporary directory).
import CleverKit
import Foundation

let environment = ProcessInfo.processInfo.environment

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("quickstart: \(message)\n".utf8))
    exit(status)
}

do {
    let client = try Client.fromEnvironment(options: ClientOptions(userAgentSuffix: "swift-quickstart"))
    print("client: \(client)")  // hosts and consumer key; secrets never print

    let me = try client.myself()
    print("signed in as \(me.name ?? "(no name)") <\(me.email)>, \(me.id)")

    let zones = try client.zones()
    print("zones: " + zones.map { "\($0.name) (\($0.city ?? "?"))" }.joined(separator: ", "))

    let summary = try client.summary()
    let organisationId =
        environment["CLEVER_ORGANISATION_ID"]
        ?? summary.organisations.first { $0.id != me.id }?.id
        ?? me.id
    let applications = try client.applications(ownerId: organisationId)
    print("\(applications.count) application(s) in \(organisationId):")
    for application in applications {
        let kind = application.instance?.kind ?? "?"
        print("  \(application.name): \(kind), \(application.state ?? "?"), zone \(application.zone ?? "?")")
    }

    if let number = environment["CLEVER_INVOICE_NUMBER"] {
        let destination = FileManager.default.temporaryDirectory
            .appendingPathComponent("clever-invoice-\(number).pdf").path
        // Streamed to disk; on failure nothing is left at `destination`.
        let bytes = try client.downloadInvoice(
            organisationId: organisationId, invoiceNumber: number, destination: destination)
        print("invoice \(number): \(bytes) bytes written to \(destination)")
    }

    // An error the program expects and handles: each CleverError case carries what it needs.
    do {
        _ = try client.applications(ownerId: "orga_00000000-0000-4000-8000-00000000dead")
    } catch let error as CleverError {
        guard case .NotFound = error else { throw error }
        // The core's sentence: "HTTP 404 Not Found: … (API code …, request id …)"
        print("no such organisation, as expected: \(error.localizedDescription)")
    }

    // Done: the client's connections go now rather than when the last reference does.
    client.close()
} catch let error as CleverError {
    // Each case says how to react; its text is the core's sentence, the same in every language.
    switch error {
    case .Config:
        fail("no usable credentials: \(error)", status: 2)  // "configuration error: …"
    case .Unauthorized:
        fail("\(error)", status: 3)  // "unauthorized: the token expired at …, log in again"
    case .RateLimited:
        fail("\(error)", status: 4)  // "rate limited: retry after 30 s"
    case .Transport(.dns, _), .Transport(.proxy, _), .Transport(.tls, _), .Transport(.certificate, _):
        fail("check the network settings: \(error)", status: 5)
    case .Transport, .Timeout:
        fail("network trouble, try again later: \(error)", status: 5)
    default:
        fail("\(error)", status: 1)  // "HTTP 500 Internal Server Error: …"
    }
} catch {
    fail("\(error)", status: 1)
}
