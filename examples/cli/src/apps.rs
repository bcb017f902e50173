//! `cleverkit apps`, `deployments`, `addons`: an application's life — list, show, create,
//! delete, redeploy, stop — its deployments and add-ons. Tables for people, the API's JSON
//! with `--json`.

use std::io::{self, Write};

use clap::{Args, Subcommand};
use cleverkit::endpoints::{self, Endpoint};
use cleverkit::models::{Addon, Application, DeploymentRecord, InstanceType};
use cleverkit::{Client, NewApplication};

use crate::exit::Exit;
use crate::output::{self, cell, date};
use crate::read::{applications_table, show};
use crate::{Failure, Global, Outcome};

/// Whose applications: `--org`, or the logged-in user's own.
#[derive(Args)]
pub struct Owner {
    /// The owner: an organisation id (orga_…) or a user id (default: yours, from /v2/self).
    #[arg(long = "org", visible_alias = "owner", value_name = "OWNER_ID")]
    org: Option<String>,
}

impl Owner {
    /// The owner's id; without `--org`, the logged-in user's (one more request).
    pub fn id(&self, client: &Client) -> Result<String, cleverkit::Error> {
        match &self.org {
            Some(id) => Ok(id.clone()),
            None => Ok(client.myself()?.id),
        }
    }
}

/// Which application, for the commands about one: `--app` and its owner.
#[derive(Args)]
pub struct AppTarget {
    /// The application's id (app_…), from `apps list`.
    #[arg(long = "app", value_name = "APP_ID")]
    pub app: String,
    #[command(flatten)]
    pub owner: Owner,
}

/// Sends an endpoint that changes something. `--json` prints the API's answer as it came
/// (`null` when it answered nothing); otherwise `done` is printed.
pub fn act<T: serde::de::DeserializeOwned>(
    client: &Client,
    endpoint: Endpoint<T>,
    json: bool,
    done: impl FnOnce(T) -> String,
) -> Outcome {
    let response = client.request(&endpoint.request())?;
    if json {
        let answered = !response.body.iter().all(u8::is_ascii_whitespace);
        output::json_passthrough(if answered { &response.body } else { b"null" })?;
    } else {
        let sentence = done(endpoint.parse(&response)?);
        let mut stdout = io::stdout().lock();
        writeln!(stdout, "{sentence}")?;
        stdout.flush()?;
    }
    Ok(())
}

#[derive(Args)]
#[command(
    about = "Manage applications: list, show, create, delete, redeploy, stop",
    after_help = "Examples:\n  cleverkit apps list --org orga_…\n  \
cleverkit apps create shop --type node --zone par\n  cleverkit apps show app_… --json\n  \
cleverkit apps redeploy app_… --commit 4f2c1d9\n  cleverkit apps stop app_…\n  \
cleverkit apps delete app_… --yes"
)]
pub struct AppsArgs {
    #[command(subcommand)]
    command: AppsCommand,
}

#[derive(Subcommand)]
enum AppsCommand {
    List(ListArgs),
    /// Show one application: its runtime, scaling, state, Git remote and domains.
    Show(OneArgs),
    Create(CreateArgs),
    Delete(DeleteArgs),
    Redeploy(RedeployArgs),
    /// Stop an application: every instance, until the next deployment.
    Stop(OneArgs),
}

#[derive(Args)]
#[command(about = "List the applications of an owner")]
struct ListArgs {
    #[command(flatten)]
    owner: Owner,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct OneArgs {
    /// The application's id (app_…), from `apps list`.
    #[arg(value_name = "APP_ID")]
    app: String,
    #[command(flatten)]
    owner: Owner,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "Create an application from the instance catalogue",
    after_help = "The newest enabled version of --type is used, as `clever create` does; its \
default size for both flavors unless --flavor says.\n\nExamples:\n  \
cleverkit apps create shop --type node\n  \
cleverkit apps create api --type docker --zone rbx --max-instances 3 --org orga_… --json"
)]
struct CreateArgs {
    /// The application's name.
    #[arg(value_name = "NAME")]
    name: String,
    /// The runtime's variant slug: node, docker, static, python… (`curl /v2/products/instances`
    /// lists them).
    #[arg(long = "type", value_name = "SLUG")]
    kind: String,
    /// The zone to run in (`cleverkit zones`).
    #[arg(long, default_value = "par")]
    zone: String,
    /// Free text (default: the name, as clever-tools sends).
    #[arg(long)]
    description: Option<String>,
    /// The size of every instance: XS, S, M… (default: the catalogue's default size).
    #[arg(long, value_name = "FLAVOR")]
    flavor: Option<String>,
    /// Fewest instances horizontal scaling may run.
    #[arg(long, default_value_t = 1)]
    min_instances: i32,
    /// Most instances horizontal scaling may run (default: --min-instances).
    #[arg(long)]
    max_instances: Option<i32>,
    /// A size for a separate build instance.
    #[arg(long, value_name = "FLAVOR")]
    build_flavor: Option<String>,
    #[command(flatten)]
    owner: Owner,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(about = "Delete an application: its code, deployments and domains, for good")]
struct DeleteArgs {
    /// The application's id (app_…), from `apps list`.
    #[arg(value_name = "APP_ID")]
    app: String,
    /// Confirm: a deletion cannot be undone.
    #[arg(long)]
    yes: bool,
    #[command(flatten)]
    owner: Owner,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(about = "Redeploy an application: its last commit, or --commit")]
struct RedeployArgs {
    /// The application's id (app_…), from `apps list`.
    #[arg(value_name = "APP_ID")]
    app: String,
    /// The commit to deploy (a hash already pushed).
    #[arg(long)]
    commit: Option<String>,
    #[command(flatten)]
    owner: Owner,
    /// Print the API's JSON answer as it came (it names the deployment).
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: AppsArgs) -> Outcome {
    let client = global.client()?;
    match args.command {
        AppsCommand::List(args) => {
            let endpoint = endpoints::applications(&args.owner.id(&client)?)?;
            show(&client, endpoint, args.json, applications_table)
        }
        AppsCommand::Show(args) => {
            let endpoint = endpoints::application(&args.owner.id(&client)?, &args.app)?;
            show(&client, endpoint, args.json, |app| describe(&app))
        }
        AppsCommand::Create(args) => create(&client, args),
        AppsCommand::Delete(args) => {
            if !args.yes {
                return Err(Failure::Own(
                    Exit::Usage,
                    format!(
                        "deleting {} cannot be undone: add --yes to confirm",
                        args.app
                    ),
                ));
            }
            let endpoint = endpoints::delete_application(&args.owner.id(&client)?, &args.app)?;
            act(&client, endpoint, args.json, |()| {
                format!("Deleted application {}", args.app)
            })
        }
        AppsCommand::Redeploy(args) => {
            let owner = args.owner.id(&client)?;
            let endpoint =
                endpoints::redeploy_application(&owner, &args.app, args.commit.as_deref())?;
            act(
                &client,
                endpoint,
                args.json,
                |deployment| match deployment {
                    Some(id) => format!("Redeploying {} (deployment {id})", args.app),
                    None => format!("Redeploying {}", args.app),
                },
            )
        }
        AppsCommand::Stop(args) => {
            let endpoint = endpoints::stop_application(&args.owner.id(&client)?, &args.app)?;
            act(&client, endpoint, args.json, |()| {
                format!("Stopped application {}", args.app)
            })
        }
    }
}

/// Orders versions as people read them: `10` after `9`, dates as dates.
fn version_key(version: &str) -> (u64, &str) {
    (version.parse().unwrap_or(0), version)
}

/// The newest enabled catalogue entry of this variant slug, as `clever create` picks it.
fn newest<'a>(catalogue: &'a [InstanceType], slug: &str) -> Option<&'a InstanceType> {
    let slug_of = |entry: &InstanceType| entry.variant.as_ref()?.slug.clone();
    catalogue
        .iter()
        .filter(|entry| entry.enabled == Some(true) && slug_of(entry).as_deref() == Some(slug))
        .max_by(|a, b| version_key(&a.version).cmp(&version_key(&b.version)))
}

fn create(client: &Client, args: CreateArgs) -> Outcome {
    let owner = args.owner.id(client)?;
    let catalogue = client.instance_types()?;
    let Some(instance) = newest(&catalogue, &args.kind) else {
        let mut slugs: Vec<String> = catalogue
            .iter()
            .filter(|entry| entry.enabled == Some(true))
            .filter_map(|entry| entry.variant.as_ref()?.slug.clone())
            .collect();
        slugs.sort();
        slugs.dedup();
        return Err(Failure::Own(
            Exit::Usage,
            format!(
                "no instance type {:?}: the catalogue has {}",
                args.kind,
                slugs.join(", ")
            ),
        ));
    };
    let defaults = NewApplication::new(args.name, instance);
    let flavor = args.flavor.unwrap_or(defaults.min_flavor.clone());
    let new = NewApplication {
        zone: args.zone,
        description: args.description,
        min_flavor: flavor.clone(),
        max_flavor: flavor,
        min_instances: args.min_instances,
        max_instances: args.max_instances.unwrap_or(args.min_instances),
        build_flavor: args.build_flavor,
        ..defaults
    };
    show(
        client,
        endpoints::create_application(&owner, &new)?,
        args.json,
        |app| describe(&app),
    )
}

/// One application, field by field.
fn describe(app: &Application) -> io::Result<()> {
    let instance = app.instance.as_ref();
    let range = |low: Option<String>, high: Option<String>| match (low, high) {
        (Some(low), Some(high)) if low == high => Some(low),
        (Some(low), Some(high)) => Some(format!("{low} to {high}")),
        (low, high) => low.or(high),
    };
    let flavor_name = |flavor: Option<&cleverkit::models::Flavor>| flavor.map(|f| f.name.clone());
    let domains: Vec<&str> = app.vhosts.iter().map(|vhost| vhost.fqdn.as_str()).collect();
    output::fields(&[
        ("ID", Some(app.id.clone())),
        ("Name", Some(app.name.clone())),
        ("Description", app.description.clone()),
        ("Owner", app.owner_id.clone()),
        ("Type", instance.and_then(|i| i.kind.clone())),
        ("Version", instance.and_then(|i| i.version.clone())),
        ("Zone", app.zone.clone()),
        ("State", app.state.clone()),
        ("Commit", app.commit_id.clone()),
        ("Branch", app.branch.clone()),
        (
            "Flavors",
            range(
                flavor_name(instance.and_then(|i| i.min_flavor.as_ref())),
                flavor_name(instance.and_then(|i| i.max_flavor.as_ref())),
            ),
        ),
        (
            "Instances",
            range(
                instance
                    .and_then(|i| i.min_instances)
                    .map(|n| n.to_string()),
                instance
                    .and_then(|i| i.max_instances)
                    .map(|n| n.to_string()),
            ),
        ),
        (
            "Git remote",
            app.deployment.as_ref().and_then(|d| d.url.clone()),
        ),
        ("Domains", (!domains.is_empty()).then(|| domains.join(" "))),
        ("Created", app.creation_date.map(|when| date(Some(when)))),
    ])
}

#[derive(Args)]
#[command(
    about = "List an application's deployments, newest first",
    after_help = "Examples:\n  cleverkit deployments --app app_… --limit 5\n  \
cleverkit deployments --app app_… --json | jq -r '.[0].state'"
)]
pub struct DeploymentsArgs {
    #[command(flatten)]
    target: AppTarget,
    /// Show this many, the newest.
    #[arg(long, value_name = "COUNT")]
    limit: Option<u32>,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

pub fn deployments(global: &Global, args: DeploymentsArgs) -> Outcome {
    let client = global.client()?;
    let owner = args.target.owner.id(&client)?;
    let endpoint = endpoints::deployments(&owner, &args.target.app, args.limit)?;
    show(
        &client,
        endpoint,
        args.json,
        |listed: Vec<DeploymentRecord>| {
            let rows: Vec<[String; 6]> = listed
                .into_iter()
                .map(|deployment| {
                    let commit = deployment
                        .commit
                        .as_deref()
                        .map(|hash| hash.get(..8).unwrap_or(hash));
                    [
                        date(deployment.date),
                        cell(deployment.state.as_deref()),
                        cell(deployment.action.as_deref()),
                        cell(commit),
                        cell(deployment.cause.as_deref()),
                        deployment.uuid,
                    ]
                })
                .collect();
            output::table(["DATE", "STATE", "ACTION", "COMMIT", "CAUSE", "ID"], &rows)
        },
    )
}

#[derive(Args)]
#[command(
    about = "List the add-ons of an owner, or those linked to an application",
    after_help = "Examples:\n  cleverkit addons --org orga_…\n  cleverkit addons --app app_… --json"
)]
pub struct AddonsArgs {
    /// Only the add-ons linked to this application (app_…).
    #[arg(long = "app", value_name = "APP_ID")]
    app: Option<String>,
    #[command(flatten)]
    owner: Owner,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

pub fn addons(global: &Global, args: AddonsArgs) -> Outcome {
    let client = global.client()?;
    let owner = args.owner.id(&client)?;
    let endpoint = match &args.app {
        Some(app) => endpoints::application_addons(&owner, app)?,
        None => endpoints::addons(&owner)?,
    };
    show(&client, endpoint, args.json, |listed: Vec<Addon>| {
        let rows: Vec<[String; 5]> = listed
            .into_iter()
            .map(|addon| {
                [
                    addon.id,
                    cell(addon.name.as_deref()),
                    cell(addon.provider.as_ref().map(|provider| provider.id.as_str())),
                    cell(addon.plan.as_ref().and_then(|plan| plan.slug.as_deref())),
                    cell(addon.zone.as_deref()),
                ]
            })
            .collect();
        output::table(["ID", "NAME", "PROVIDER", "PLAN", "ZONE"], &rows)
    })
}
