//! `cleverkit demo`: every feature of the core, end to end, against a stand-in of Clever
//! Cloud's API started in this process — no account, no network.

use std::fs::File;
use std::io::{self, Read, Write};
use std::time::{Duration, SystemTime};

use clap::Args;
use cleverkit::dance::OAuthDance;
use cleverkit::oauth1::SignatureMethod;
use cleverkit::{Client, ClientOptions, Error, NewApiToken, NewApplication};
use cleverkit_standin as standin;
use cleverkit_standin::StandIn;

use crate::output::{count, date};
use crate::{Global, Outcome};

#[derive(Args)]
#[command(
    about = "Run every feature against a local stand-in of the API (no account needed)",
    after_help = "Starts a stand-in of Clever Cloud's API on 127.0.0.1, logs in through the \
OAuth dance (the stand-in approves at once and a built-in \"browser\" follows its redirect), \
reads the user, the summary, the zones and the applications, downloads an invoice, \
lists, creates and revokes API tokens, then creates an application, sets its environment, \
redeploys it, waits for the deployment and deletes it.\n\nExamples:\n  cleverkit demo\n  cleverkit -v demo"
)]
pub struct DemoArgs {}

/// An invoice number the stand-in serves as a PDF of that many bytes.
const INVOICE_NUMBER: &str = "1048576";

pub fn run(global: &Global, _args: DemoArgs) -> Outcome {
    let standin = StandIn::start().map_err(|err| Error::Transport {
        kind: cleverkit::TransportKind::Other,
        message: format!("cannot start the stand-in: {err}"),
    })?;
    let options = ClientOptions {
        api_host: Some(standin.api_url()),
        bridge_host: Some(standin.bridge_url()),
        ..global.options()
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "CleverKit demo: a stand-in of Clever Cloud's API runs on {} (bridge {}).",
        options.api_host_or_default(),
        options.bridge_host_or_default()
    )?;

    let credentials = OAuthDance::login_with_loopback(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        SignatureMethod::HmacSha512,
        options.clone(),
        play_browser,
        Duration::from_secs(30),
    )?;
    writeln!(
        out,
        " 1. OAuth dance: request token, approval in the \"browser\", redirect to the loopback \
listener, access token.\n    Logged in with a user token that expires {}.",
        date(credentials.expires_at())
    )?;
    let client = Client::with_oauth1(credentials, options.clone())?;

    let user = client.myself()?;
    writeln!(
        out,
        " 2. GET /v2/self: {} <{}> ({})",
        user.name.as_deref().unwrap_or("(no name)"),
        user.email,
        user.id
    )?;

    let summary = client.summary()?;
    let organisations: Vec<String> = summary
        .organisations
        .iter()
        .map(|organisation| {
            format!(
                "{} ({})",
                organisation.name,
                count(organisation.applications.len(), "application")
            )
        })
        .collect();
    writeln!(
        out,
        " 3. GET /v2/summary: {}: {}",
        count(organisations.len(), "organisation"),
        organisations.join(", ")
    )?;

    let zones = client.zones()?;
    let names: Vec<&str> = zones.iter().map(|zone| zone.name.as_str()).collect();
    writeln!(
        out,
        " 4. GET /v4/products/zones: {}: {}",
        count(zones.len(), "zone"),
        names.join(", ")
    )?;

    let applications = client.applications(standin::ORGANISATION_ID)?;
    let listed: Vec<String> = applications
        .iter()
        .map(|application| {
            format!(
                "{} ({})",
                application.name,
                application.state.as_deref().unwrap_or("?")
            )
        })
        .collect();
    writeln!(
        out,
        " 5. GET /v2/organisations/{}/applications: {}",
        standin::ORGANISATION_ID,
        listed.join(", ")
    )?;

    let folder = tempfile::tempdir()
        .map_err(|err| Error::Config(format!("cannot make a temporary folder: {err}")))?;
    let destination = folder.path().join(format!("{INVOICE_NUMBER}.pdf"));
    let written =
        client.download_invoice(standin::ORGANISATION_ID, INVOICE_NUMBER, &destination)?;
    let mut magic = [0u8; 4];
    File::open(&destination)
        .and_then(|mut file| file.read_exact(&mut magic))
        .map_err(|err| Error::Config(format!("{}: {err}", destination.display())))?;
    if &magic != b"%PDF" {
        return Err(Error::InvalidResponse {
            endpoint: format!("invoice {INVOICE_NUMBER}"),
            message: "the download is not a PDF".into(),
        }
        .into());
    }
    writeln!(
        out,
        " 6. Invoice {INVOICE_NUMBER}: streamed {written} bytes to {}, a PDF (starts with %PDF).",
        destination.display()
    )?;

    let bearer = Client::with_api_token(standin::API_TOKEN, options)?;
    let before = bearer.list_api_tokens()?;
    writeln!(
        out,
        " 7. With an API token, GET /api-tokens on the bridge: {}: {}",
        count(before.len(), "token"),
        token_names(&before)
    )?;

    let created = bearer.create_api_token(&NewApiToken {
        email: standin::USER_EMAIL,
        password: standin::USER_PASSWORD,
        mfa_code: Some(standin::MFA_CODE),
        name: "cleverkit-demo",
        description: Some("made by `cleverkit demo`"),
        expires_at: SystemTime::now() + Duration::from_secs(30 * 24 * 3600),
    })?;
    // Its value is a credential: shown by `cleverkit tokens create`, never by a demo.
    writeln!(
        out,
        " 8. POST /api-tokens (email, password, MFA code): created {:?} ({}), expires {}.",
        created.token.name,
        created.token.api_token_id,
        date(created.token.expiration_date)
    )?;

    bearer.revoke_api_token(&created.token.api_token_id)?;
    writeln!(
        out,
        " 9. DELETE /api-tokens/{}: revoked.",
        created.token.api_token_id
    )?;

    let after = bearer.list_api_tokens()?;
    writeln!(
        out,
        "10. GET /api-tokens again: {}: {}",
        count(after.len(), "token"),
        token_names(&after)
    )?;
    application_life(&client, &mut out)?;
    writeln!(out, "Done: every call succeeded.")?;
    Ok(())
}

/// What a CI script does: create an application from the catalogue, set its environment,
/// redeploy it and wait for the deployment to end, then delete it.
fn application_life(client: &Client, out: &mut impl Write) -> Outcome {
    let owner = standin::ORGANISATION_ID;
    let node = client
        .instance_types()?
        .into_iter()
        .filter(|entry| entry.enabled == Some(true))
        .filter(|entry| entry.variant.as_ref().and_then(|v| v.slug.as_deref()) == Some("node"))
        .max_by(|a, b| a.version.cmp(&b.version))
        .ok_or_else(|| Error::InvalidResponse {
            endpoint: "/v2/products/instances".into(),
            message: "no Node.js in the catalogue".into(),
        })?;
    let app = client.create_application(owner, &NewApplication::new("demo-api", &node))?;
    writeln!(
        out,
        "11. POST /v2/organisations/{owner}/applications: created {} ({}, {} {}).",
        app.name, app.id, node.kind, node.version
    )?;
    client.set_environment_variable(owner, &app.id, "NODE_ENV", "production")?;
    let variables = client.environment(owner, &app.id)?;
    writeln!(
        out,
        "12. PUT …/env/NODE_ENV: the application has {}.",
        count(variables.len(), "variable")
    )?;
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let deployment = client
        .redeploy_application(owner, &app.id, Some(commit))?
        .ok_or_else(|| Error::InvalidResponse {
            endpoint: "/v2/organisations/{id}/applications/{appId}/instances".into(),
            message: "the redeploy names no deployment".into(),
        })?;
    let mut states = Vec::new();
    let done =
        client.wait_for_deployment(owner, &app.id, &deployment, Duration::from_secs(60), |d| {
            states.push(d.state.clone().unwrap_or_default())
        })?;
    writeln!(
        out,
        "13. POST …/instances, then wait_for_deployment: deployment {} went {}.",
        done.uuid,
        states.join(" → ")
    )?;
    client.delete_application(owner, &app.id)?;
    writeln!(out, "14. DELETE …/applications/{}: deleted.", app.id)?;
    Ok(())
}

fn token_names(tokens: &[cleverkit::models::ApiToken]) -> String {
    let names: Vec<String> = tokens
        .iter()
        .map(|token| format!("{} ({})", token.name, token.state.as_deref().unwrap_or("?")))
        .collect();
    names.join(", ")
}

/// The user's browser: loads the authorization page, which the stand-in approves at once, and
/// follows its redirect to the loopback listener, as a browser would.
fn play_browser(url: String) -> Result<(), Error> {
    log::debug!("browser: GET {url}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        // Everything is on 127.0.0.1, which no proxy can reach.
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    agent
        .get(&url)
        .call()
        .map(drop)
        .map_err(|err| Error::Transport {
            kind: cleverkit::TransportKind::Other,
            message: format!("the demo's browser: {err}"),
        })
}
