//! `cleverkit apps`, `deployments`, `addons`: an application's life — list, show, create,
//! delete, redeploy, stop — its deployments and add-ons. Tables for people, the API's JSON
//! with `--json`.

use std::io::{self, Write};
use std::time::Duration;

use clap::{Args, Subcommand};
use cleverkit::endpoints::{self, Endpoint};
use cleverkit::models::{Addon, Application, DeploymentRecord, InstanceType};
use cleverkit::{ApplicationUpdate, Client, Error, NewApplication};

use crate::exit::Exit;
use crate::linked;
use crate::output::{self, cell, date};
use crate::read::{applications_table, show};
use crate::{Failure, Global, Outcome};

/// Whose applications: `--org`, or the logged-in user's own.
#[derive(Args)]
pub struct Owner {
    /// The owner: an organisation id (orga_…) or a user id (default: yours, from /v2/self).
    #[arg(long = "org", visible_alias = "owner", value_name = "OWNER_ID")]
    pub org: Option<String>,
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
    about = "Manage applications: list, show, create, update, scale, restart, status, delete",
    after_help = "An application is named by its id (app_…) or by its name when that is unique; \
its owner is found in /v2/summary unless --org gives it, as clever-tools does. Without either, \
the application linked in .clever.json (clever-tools' `clever link`) is used.\n\n\
Examples:\n  cleverkit apps list --org orga_…\n  \
cleverkit apps create shop --type node --zone par\n  cleverkit apps show app_… --json\n  \
cleverkit apps show shop\n  cleverkit apps scale shop --flavor S --instances 2\n  \
cleverkit apps update shop --name shop-eu --description 'The shop'\n  \
cleverkit apps restart\n  cleverkit apps status shop\n  \
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
    /// Redeploy the commit the application runs now, as `clever restart` does.
    Restart(OneArgs),
    /// Show an application's state, scaling and last deployment.
    Status(OneArgs),
    Update(UpdateArgs),
    Scale(ScaleArgs),
    /// Stop an application: every instance, until the next deployment.
    Stop(OneArgs),
}

/// Which application: an id or a unique name, or the linked one.
#[derive(Args)]
struct AppRef {
    /// The application: its id (app_…), or its name where unique (default: the one linked in
    /// .clever.json).
    #[arg(value_name = "APP")]
    app: Option<String>,
    #[command(flatten)]
    owner: Owner,
}

impl AppRef {
    fn resolve(&self, client: &Client) -> Result<linked::Resolved, Failure> {
        linked::resolve(client, self.app.as_deref(), self.owner.org.as_deref())
    }
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
    #[command(flatten)]
    target: AppRef,
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
    #[command(flatten)]
    target: AppRef,
    /// Confirm: a deletion cannot be undone.
    #[arg(long)]
    yes: bool,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(about = "Redeploy an application: its last commit, or --commit")]
struct RedeployArgs {
    #[command(flatten)]
    target: AppRef,
    /// The commit to deploy (a hash already pushed).
    #[arg(long)]
    commit: Option<String>,
    /// Print the API's JSON answer as it came (it names the deployment); with --wait, one JSON
    /// line per state of the deployment.
    #[arg(long)]
    json: bool,
    /// Wait for the deployment to end, at most DURATION (90s, 10m, 1h; 10m by default): exit 0
    /// once it is OK, 113 when it fails, 114 when it is cancelled, 28 when it outlasts the wait
    /// (it goes on). The global --timeout stays each request's.
    #[arg(long, value_name = "DURATION", num_args = 0..=1, require_equals = true,
          default_missing_value = "10m", value_parser = wait_duration)]
    wait: Option<Duration>,
}

/// `90s`, `10m`, `1h`, or seconds alone.
fn wait_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let count: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration: write 90s, 10m or 1h"))?;
    let seconds = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => return Err(format!("{text:?} is not a duration: write 90s, 10m or 1h")),
    };
    Ok(Duration::from_secs(count.saturating_mul(seconds)))
}

/// Redeploys, then waits for the deployment, telling each state: a line on standard error
/// for people, a JSON line on standard output with --json.
fn redeploy_and_wait(client: &Client, args: &RedeployArgs) -> Outcome {
    let linked::Resolved { owner, app } = args.target.resolve(client)?;
    let Some(deployment_id) = client.redeploy_application(&owner, &app, args.commit.as_deref())?
    else {
        return Err(Error::InvalidResponse {
            endpoint: "/v2/organisations/{id}/applications/{appId}/instances".into(),
            message: "the redeploy's answer names no deployment to wait for".into(),
        }
        .into());
    };
    let line = |deployment: &DeploymentRecord| {
        let state = deployment.state.as_deref().unwrap_or("unknown");
        if args.json {
            let line = serde_json::json!({"application": app, "deployment": deployment.uuid, "state": state});
            let _ = output::json(&line);
        } else {
            eprintln!("deployment {}: {state}", deployment.uuid);
        }
    };
    let timeout = args.wait.unwrap_or_default();
    let deployment = client.wait_for_deployment(&owner, &app, &deployment_id, timeout, line)?;
    if !args.json {
        let mut stdout = io::stdout().lock();
        writeln!(stdout, "Deployed {app} (deployment {})", deployment.uuid)?;
        stdout.flush()?;
    }
    Ok(())
}

#[derive(Args)]
#[command(
    about = "Change an application's name, description, scaling or options",
    after_help = "Only what is given changes. --flavor and --instances set both bounds of a \
range (fixed scaling).\n\nExamples:\n  cleverkit apps update shop --name shop-eu\n  \
cleverkit apps update app_… --force-https true --sticky-sessions false --json"
)]
struct UpdateArgs {
    #[command(flatten)]
    target: AppRef,
    /// A new name.
    #[arg(long)]
    name: Option<String>,
    /// A new description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    scaling: Scaling,
    /// Redirect plain HTTP to HTTPS.
    #[arg(long, value_name = "BOOL")]
    force_https: Option<bool>,
    /// Keep sending a client to the same instance.
    #[arg(long, value_name = "BOOL")]
    sticky_sessions: Option<bool>,
    /// Cancel the deployment in progress on a new push.
    #[arg(long, value_name = "BOOL")]
    cancel_on_push: Option<bool>,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "Change an application's sizes and number of instances, as `clever scale`",
    after_help = "--flavor and --instances set both bounds (fixed scaling); the --min-/--max- \
forms set a range for autoscaling.\n\nExamples:\n  cleverkit apps scale shop --flavor M\n  \
cleverkit apps scale app_… --min-instances 2 --max-instances 6\n  \
cleverkit apps scale --build-flavor XL"
)]
struct ScaleArgs {
    #[command(flatten)]
    target: AppRef,
    #[command(flatten)]
    scaling: Scaling,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

/// clever-tools' scaling flags.
#[derive(Args)]
struct Scaling {
    /// The size of every instance: XS, S, M… (both bounds).
    #[arg(long, value_name = "FLAVOR", conflicts_with_all = ["min_flavor", "max_flavor"])]
    flavor: Option<String>,
    /// The smallest size vertical scaling may use.
    #[arg(long, value_name = "FLAVOR")]
    min_flavor: Option<String>,
    /// The largest size vertical scaling may use.
    #[arg(long, value_name = "FLAVOR")]
    max_flavor: Option<String>,
    /// How many instances run (both bounds).
    #[arg(long, value_name = "COUNT", conflicts_with_all = ["min_instances", "max_instances"])]
    instances: Option<i32>,
    /// The fewest instances horizontal scaling may run.
    #[arg(long, value_name = "COUNT")]
    min_instances: Option<i32>,
    /// The most instances horizontal scaling may run.
    #[arg(long, value_name = "COUNT")]
    max_instances: Option<i32>,
    /// The size of a separate build instance ("disabled": build on the application's own).
    #[arg(long, value_name = "FLAVOR")]
    build_flavor: Option<String>,
}

impl Scaling {
    /// The update these flags make.
    fn apply(&self, update: &mut ApplicationUpdate) {
        update.min_flavor = self.flavor.clone().or(self.min_flavor.clone());
        update.max_flavor = self.flavor.clone().or(self.max_flavor.clone());
        update.min_instances = self.instances.or(self.min_instances);
        update.max_instances = self.instances.or(self.max_instances);
        match self.build_flavor.as_deref() {
            Some("disabled") => update.separate_build = Some(false),
            Some(flavor) => {
                update.separate_build = Some(true);
                update.build_flavor = Some(flavor.to_owned());
            }
            None => {}
        }
    }
}

/// Sends an update, refusing an empty one, and shows the application it gives.
fn update(client: &Client, target: &AppRef, update: &ApplicationUpdate, json: bool) -> Outcome {
    if *update == ApplicationUpdate::default() {
        return Err(Failure::Own(
            Exit::Usage,
            "nothing to change: give at least one option (--help lists them)".to_owned(),
        ));
    }
    let linked::Resolved { owner, app } = target.resolve(client)?;
    let endpoint = endpoints::update_application(&owner, &app, update)?;
    show(client, endpoint, json, |app| describe(&app))
}

/// `apps restart`: the running commit again; a fresh application has none to restart.
fn restart(client: &Client, args: OneArgs) -> Outcome {
    let linked::Resolved { owner, app } = args.target.resolve(client)?;
    let application = client.application(&owner, &app)?;
    let Some(commit) = application.commit_id.filter(|commit| !commit.is_empty()) else {
        return Err(Failure::Own(
            Exit::Usage,
            format!(
                "{app} has never been deployed: there is no commit to restart. Push one first \
                 (git push to its Git remote, `cleverkit apps show` gives it)"
            ),
        ));
    };
    let endpoint = endpoints::redeploy_application(&owner, &app, Some(&commit))?;
    let short = commit.get(..8).unwrap_or(&commit).to_owned();
    act(client, endpoint, args.json, |deployment| match deployment {
        Some(id) => format!("Restarting {app} on commit {short} (deployment {id})"),
        None => format!("Restarting {app} on commit {short}"),
    })
}

/// `apps status`: the state, the scaling and the newest deployment.
fn status(client: &Client, args: OneArgs) -> Outcome {
    let linked::Resolved { owner, app } = args.target.resolve(client)?;
    let application = client.application(&owner, &app)?;
    let last = client
        .deployments(&owner, &app, Some(1))?
        .into_iter()
        .next();
    if args.json {
        output::json(&serde_json::json!({
            "id": application.id,
            "name": application.name,
            "state": application.state,
            "commit": application.commit_id,
            "minFlavor": application.instance.as_ref().and_then(|i| i.min_flavor.as_ref()).map(|f| &f.name),
            "maxFlavor": application.instance.as_ref().and_then(|i| i.max_flavor.as_ref()).map(|f| &f.name),
            "minInstances": application.instance.as_ref().and_then(|i| i.min_instances),
            "maxInstances": application.instance.as_ref().and_then(|i| i.max_instances),
            "lastDeployment": last.as_ref().map(|deployment| serde_json::json!({
                "id": deployment.uuid,
                "state": deployment.state,
                "action": deployment.action,
                "commit": deployment.commit,
                "date": deployment.date.map(cleverkit::dates::format_rfc3339),
            })),
        }))?;
        return Ok(());
    }
    let [flavors, instances] = scaling(&application);
    let deployment = last.as_ref().map(|deployment| {
        format!(
            "{} {} {}",
            cell(deployment.action.as_deref()),
            cell(deployment.state.as_deref()),
            date(deployment.date)
        )
    });
    output::fields(&[
        (
            "Application",
            Some(format!("{} ({})", application.name, application.id)),
        ),
        ("State", application.state.clone()),
        ("Commit", application.commit_id.clone()),
        flavors,
        instances,
        ("Last deployment", deployment),
    ])?;
    Ok(())
}

pub fn run(global: &Global, args: AppsArgs) -> Outcome {
    let client = global.client()?;
    match args.command {
        AppsCommand::List(args) => {
            let endpoint = endpoints::applications(&args.owner.id(&client)?)?;
            show(&client, endpoint, args.json, applications_table)
        }
        AppsCommand::Show(args) => {
            let linked::Resolved { owner, app } = args.target.resolve(&client)?;
            let endpoint = endpoints::application(&owner, &app)?;
            show(&client, endpoint, args.json, |app| describe(&app))
        }
        AppsCommand::Create(args) => create(&client, args),
        AppsCommand::Delete(args) => {
            if !args.yes {
                let named = args
                    .target
                    .app
                    .as_deref()
                    .unwrap_or("the linked application");
                return Err(Failure::Own(
                    Exit::Usage,
                    format!("deleting {named} cannot be undone: add --yes to confirm"),
                ));
            }
            let linked::Resolved { owner, app } = args.target.resolve(&client)?;
            let endpoint = endpoints::delete_application(&owner, &app)?;
            act(&client, endpoint, args.json, |()| {
                format!("Deleted application {app}")
            })
        }
        AppsCommand::Redeploy(args) if args.wait.is_some() => redeploy_and_wait(&client, &args),
        AppsCommand::Redeploy(args) => {
            let linked::Resolved { owner, app } = args.target.resolve(&client)?;
            let endpoint = endpoints::redeploy_application(&owner, &app, args.commit.as_deref())?;
            act(
                &client,
                endpoint,
                args.json,
                |deployment| match deployment {
                    Some(id) => format!("Redeploying {app} (deployment {id})"),
                    None => format!("Redeploying {app}"),
                },
            )
        }
        AppsCommand::Restart(args) => restart(&client, args),
        AppsCommand::Status(args) => status(&client, args),
        AppsCommand::Update(args) => {
            let mut changes = ApplicationUpdate {
                name: args.name.clone(),
                description: args.description.clone(),
                force_https: args.force_https,
                sticky_sessions: args.sticky_sessions,
                cancel_on_push: args.cancel_on_push,
                ..ApplicationUpdate::default()
            };
            args.scaling.apply(&mut changes);
            update(&client, &args.target, &changes, args.json)
        }
        AppsCommand::Scale(args) => {
            let mut changes = ApplicationUpdate::default();
            args.scaling.apply(&mut changes);
            update(&client, &args.target, &changes, args.json)
        }
        AppsCommand::Stop(args) => {
            let linked::Resolved { owner, app } = args.target.resolve(&client)?;
            let endpoint = endpoints::stop_application(&owner, &app)?;
            act(&client, endpoint, args.json, |()| {
                format!("Stopped application {app}")
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

/// The "Flavors" and "Instances" rows of an application: one value, or "low to high".
fn scaling(app: &Application) -> [(&'static str, Option<String>); 2] {
    let instance = app.instance.as_ref();
    let range = |low: Option<String>, high: Option<String>| match (low, high) {
        (Some(low), Some(high)) if low == high => Some(low),
        (Some(low), Some(high)) => Some(format!("{low} to {high}")),
        (low, high) => low.or(high),
    };
    let flavor = |flavor: Option<&cleverkit::models::Flavor>| flavor.map(|f| f.name.clone());
    let count = |count: Option<i32>| count.map(|n| n.to_string());
    [
        (
            "Flavors",
            range(
                flavor(instance.and_then(|i| i.min_flavor.as_ref())),
                flavor(instance.and_then(|i| i.max_flavor.as_ref())),
            ),
        ),
        (
            "Instances",
            range(
                count(instance.and_then(|i| i.min_instances)),
                count(instance.and_then(|i| i.max_instances)),
            ),
        ),
    ]
}

/// One application, field by field.
fn describe(app: &Application) -> io::Result<()> {
    let instance = app.instance.as_ref();
    let [flavors, instances] = scaling(app);
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
        flavors,
        instances,
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
