package dev.cleverkit.examples

import dev.cleverkit.CleverException
import dev.cleverkit.Client
import dev.cleverkit.ClientOptions
import dev.cleverkit.OAuth1Credentials
import java.io.File
import kotlin.system.exitProcess

/**
 * CleverKit's quickstart: who am I, the zones, an organisation's applications, an invoice PDF.
 *
 *     quickstart [--config FILE [--profile NAME]] [ORGANISATION_ID [INVOICE_NUMBER [DESTINATION]]]
 *
 * Credentials, first found wins:
 *  - `--config FILE`: a clever-tools.json (`--profile` picks a profile, else the active one);
 *  - `CLEVER_TOKEN` + `CLEVER_SECRET` (OAuth 1.0a, with `OAUTH_CONSUMER_KEY`/`_SECRET` when the
 *    tokens are not clever-tools' own), or `CLEVER_API_TOKEN`;
 *  - else clever-tools' own configuration file (`clever login`).
 * `API_HOST` and `AUTH_BRIDGE_HOST` point the client elsewhere (a test server).
 *
 * Without ORGANISATION_ID, the first organisation of the summary is used. The invoice is only
 * downloaded when INVOICE_NUMBER is given (to DESTINATION, default `invoice-NUMBER.pdf`).
 *
 * Exit codes: 0 done, 2 bad input, configuration or a local failure (the invoice's folder), 3 log
 * in again, 4 not found or not allowed, 5 the API or the network failed (try later).
 */
fun main(args: Array<String>) {
    val positional = mutableListOf<String>()
    var configFile: String? = null
    var profile: String? = null
    val rest = args.iterator()
    while (rest.hasNext()) {
        when (val arg = rest.next()) {
            "--config" -> configFile = rest.takeIf { it.hasNext() }?.next() ?: usage("--config needs a file")
            "--profile" -> profile = rest.takeIf { it.hasNext() }?.next() ?: usage("--profile needs a name")
            "-h", "--help" -> usage(null)
            else -> if (arg.startsWith("--")) usage("unknown option $arg") else positional += arg
        }
    }

    val code = try {
        // Every object holds a Rust handle: `use {}` frees it when the block ends.
        connect(configFile, profile).use { client ->
            println("client: $client") // secrets print as [redacted], or not at all
            run(client, positional.getOrNull(0), positional.getOrNull(1), positional.getOrNull(2))
        }
        0
    } catch (error: CleverException) {
        // Its message is the core's sentence, the same in every language ("HTTP 404 Not Found:
        // … (API code 4004, request id …)", "rate limited: retry after 30 s"); the sealed class
        // makes this `when` exhaustive: each failure says how to react.
        System.err.println("quickstart: ${error.message}")
        when (error) {
            is CleverException.InvalidInput, is CleverException.Config, is CleverException.Io -> 2
            is CleverException.Unauthorized -> {
                System.err.println("  log in again (clever login), or check the token and secret")
                3
            }
            is CleverException.Forbidden, is CleverException.NotFound -> 4
            is CleverException.Http, is CleverException.RateLimited, is CleverException.Transport,
            is CleverException.Timeout, is CleverException.InvalidResponse, is CleverException.OAuth,
            is CleverException.Cancelled -> 5
            is CleverException.Deployment -> 6
        }
    }
    exitProcess(code)
}

private fun usage(problem: String?): Nothing {
    problem?.let { System.err.println("quickstart: $it") }
    System.err.println("usage: quickstart [--config FILE [--profile NAME]] [ORGANISATION_ID [INVOICE_NUMBER [DESTINATION]]]")
    exitProcess(if (problem == null) 0 else 2)
}

private fun connect(configFile: String?, profile: String?): Client {
    // Every option left null takes the core's default.
    val options = ClientOptions(userAgentSuffix = "quickstart-kotlin")
    if (configFile != null) return Client.fromConfigFile(configFile, profile, options)
    val env = System.getenv()
    // Explicit credentials come with explicit hosts (null: Clever Cloud's); fromEnvironment
    // reads API_HOST and AUTH_BRIDGE_HOST itself.
    val hosts = options.copy(apiHost = env["API_HOST"], bridgeHost = env["AUTH_BRIDGE_HOST"])
    val token = env["CLEVER_TOKEN"]
    val secret = env["CLEVER_SECRET"]
    val consumerKey = env["OAUTH_CONSUMER_KEY"]
    val consumerSecret = env["OAUTH_CONSUMER_SECRET"]
    return when {
        // Explicit credentials: the three ways to build a client by hand.
        token != null && secret != null && consumerKey != null && consumerSecret != null ->
            OAuth1Credentials(consumerKey, consumerSecret, token, secret).use { Client.withOauth1(it, hosts) }
        env["CLEVER_API_TOKEN"] != null -> Client.withApiToken(env.getValue("CLEVER_API_TOKEN"), hosts)
        // Otherwise exactly what clever-tools would use (CLEVER_TOKEN with its consumer, profiles…).
        else -> Client.fromEnvironment(options, profile)
    }
}

private fun run(client: Client, organisationArg: String?, invoiceNumber: String?, destinationArg: String?) {
    val me = client.myself()
    println("self: ${me.name ?: "(no name)"} <${me.email}> (${me.id})")

    val zones = client.zones()
    println("zones (${zones.size}): " + zones.joinToString { zone -> zone.city?.let { "${zone.name} ($it)" } ?: zone.name })

    val organisationId = organisationArg ?: client.summary().organisations.firstOrNull()?.id
        ?: throw CleverException.InvalidInput("no organisation: pass an ORGANISATION_ID")
    val applications = client.applications(organisationId)
    println("applications of $organisationId (${applications.size}):")
    for (app in applications) {
        val kind = app.instance?.variant?.slug ?: app.instance?.kind ?: "?"
        println("  ${app.name} [$kind] ${app.state ?: ""} in ${app.zone ?: "?"}")
    }

    if (invoiceNumber != null) {
        val destination = File(destinationArg ?: "invoice-$invoiceNumber.pdf")
        // Streamed to the file; on failure nothing is left there.
        val bytes = client.downloadInvoice(organisationId, invoiceNumber, destination.path)
        println("invoice $invoiceNumber: $bytes bytes written to ${destination.path}")
    }
}
