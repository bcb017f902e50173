//! `cleverkit self`, `summary`, `zones`, `applications`: tables for people, the API's own
//! JSON with `--json` for scripts.

use clap::Args;
use cleverkit::Client;
use cleverkit::endpoints::{self, Endpoint};
use cleverkit::models::{Application, Summary, Zone};
use serde::de::DeserializeOwned;

use crate::apps::Owner;
use crate::output::{self, cell, date};
use crate::{Global, Outcome};

#[derive(Args)]
#[command(
    about = "Show the logged-in user",
    after_help = "Examples:\n  cleverkit self\n  cleverkit self --json | jq -r .email"
)]
pub struct SelfArgs {
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "List the organisations you belong to, with their applications and add-ons",
    after_help = "Examples:\n  cleverkit summary\n  cleverkit summary --json | jq -r '.organisations[].id'"
)]
pub struct SummaryArgs {
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "List the zones applications can be deployed to",
    after_help = "Examples:\n  cleverkit zones\n  cleverkit zones --json | jq -r '.[].name'"
)]
pub struct ZonesArgs {
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "List the applications of an organisation (a user id: their personal ones)",
    after_help = "Examples:\n  cleverkit applications --org orga_00000000-0000-0000-0000-000000000000\n  \
cleverkit applications --json"
)]
pub struct ApplicationsArgs {
    #[command(flatten)]
    owner: Owner,
    /// The owner, as --org (the older form, kept for scripts).
    #[arg(value_name = "ORG_ID", hide = true, conflicts_with = "org")]
    organisation_id: Option<String>,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

/// One request for both outputs: `--json` passes the body through untouched (every field,
/// in the API's order); the table reads it with the core's lenient models.
pub fn show<T: DeserializeOwned>(
    client: &Client,
    endpoint: Endpoint<T>,
    json: bool,
    print: impl FnOnce(T) -> std::io::Result<()>,
) -> Outcome {
    let response = client.request(&endpoint.request())?;
    if json {
        output::json_passthrough(&response.body)?;
    } else {
        print(endpoint.parse(&response)?)?;
    }
    Ok(())
}

pub fn myself(global: &Global, args: SelfArgs) -> Outcome {
    show(&global.client()?, endpoints::myself(), args.json, |user| {
        output::fields(&[
            ("ID", Some(user.id)),
            ("Name", user.name),
            ("Email", Some(user.email)),
            ("Email validated", user.email_validated.map(yes_no)),
            ("Language", user.lang),
            ("Country", user.country),
            ("Preferred MFA", user.preferred_mfa),
            ("Created", user.creation_date.map(|when| date(Some(when)))),
        ])
    })
}

pub fn summary(global: &Global, args: SummaryArgs) -> Outcome {
    show(
        &global.client()?,
        endpoints::summary(),
        args.json,
        |summary: Summary| {
            let rows: Vec<[String; 5]> = summary
                .organisations
                .iter()
                .map(|organisation| {
                    [
                        organisation.id.clone(),
                        organisation.name.clone(),
                        cell(organisation.role.as_deref()),
                        organisation.applications.len().to_string(),
                        organisation.addons.len().to_string(),
                    ]
                })
                .collect();
            output::table(["ID", "NAME", "ROLE", "APPLICATIONS", "ADD-ONS"], &rows)
        },
    )
}

pub fn zones(global: &Global, args: ZonesArgs) -> Outcome {
    show(
        &global.client()?,
        endpoints::zones(),
        args.json,
        |zones: Vec<Zone>| {
            let rows: Vec<[String; 4]> = zones
                .into_iter()
                .map(|zone| {
                    [
                        zone.name,
                        cell(zone.city.as_deref()),
                        cell(zone.country.as_deref()),
                        zone.tags.join(" "),
                    ]
                })
                .collect();
            output::table(["NAME", "CITY", "COUNTRY", "TAGS"], &rows)
        },
    )
}

pub fn applications(global: &Global, args: ApplicationsArgs) -> Outcome {
    let client = global.client()?;
    let owner = match args.organisation_id {
        Some(owner) => owner,
        None => args.owner.id(&client)?,
    };
    show(
        &client,
        endpoints::applications(&owner)?,
        args.json,
        applications_table,
    )
}

/// Applications as `applications` and `apps list` print them.
pub fn applications_table(applications: Vec<Application>) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = applications
        .into_iter()
        .map(|application| {
            let kind = application
                .instance
                .as_ref()
                .and_then(|instance| instance.kind.as_deref());
            [
                application.id.clone(),
                application.name.clone(),
                cell(kind),
                cell(application.zone.as_deref()),
                cell(application.state.as_deref()),
            ]
        })
        .collect();
    output::table(["ID", "NAME", "TYPE", "ZONE", "STATE"], &rows)
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}
