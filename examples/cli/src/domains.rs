//! `cleverkit domains`: the domains routed to an application — list, add, rm, and the
//! primary one.

use clap::{Args, Subcommand};
use cleverkit::endpoints;
use cleverkit::models::Vhost;

use crate::apps::{AppTarget, act};
use crate::output;
use crate::{Global, Outcome};

#[derive(Args)]
#[command(
    about = "Manage the domains routed to an application",
    after_help = "Examples:\n  cleverkit domains list --app app_…\n  \
cleverkit domains add www.example.com --app app_…\n  \
cleverkit domains primary www.example.com --app app_…\n  cleverkit domains rm www.example.com --app app_…"
)]
pub struct DomainsArgs {
    #[command(subcommand)]
    command: DomainsCommand,
}

#[derive(Subcommand)]
enum DomainsCommand {
    List(ListArgs),
    /// Route a domain to the application.
    #[command(
        after_help = "Examples:\n  cleverkit domains add www.example.com --app app_…\n  \
cleverkit domains add example.com/api --app app_…"
    )]
    Add(DomainArgs),
    /// Stop routing a domain to the application.
    #[command(after_help = "Examples:\n  cleverkit domains rm www.example.com --app app_…")]
    Rm(DomainArgs),
    Primary(PrimaryArgs),
}

#[derive(Args)]
#[command(about = "List the domains, the primary one marked")]
struct ListArgs {
    #[command(flatten)]
    target: AppTarget,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

/// A domain to add or remove: each command says which in its own help.
#[derive(Args)]
struct DomainArgs {
    /// The domain, e.g. www.example.com (a path suffix such as example.com/api too).
    #[arg(value_name = "FQDN")]
    fqdn: String,
    #[command(flatten)]
    target: AppTarget,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(about = "Show the primary domain, or make FQDN (one of the application's) primary")]
struct PrimaryArgs {
    /// The domain to make primary; without it, the primary domain is shown.
    #[arg(value_name = "FQDN")]
    fqdn: Option<String>,
    #[command(flatten)]
    target: AppTarget,
    /// Print JSON: the API's answer when setting; {"fqdn": …} when showing, null for none.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: DomainsArgs) -> Outcome {
    let client = global.client()?;
    match args.command {
        DomainsCommand::List(args) => {
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            let endpoint = endpoints::domains(&owner, app)?;
            let response = client.request(&endpoint.request())?;
            if args.json {
                output::json_passthrough(&response.body)?;
                return Ok(());
            }
            let domains = endpoint.parse(&response)?;
            let primary = client.primary_domain(&owner, app)?;
            let is_primary = |vhost: &Vhost| {
                primary.as_ref().is_some_and(|primary| {
                    primary.fqdn.trim_end_matches('/') == vhost.fqdn.trim_end_matches('/')
                })
            };
            let rows: Vec<[String; 2]> = domains
                .iter()
                .map(|vhost| {
                    let mark = if is_primary(vhost) { "yes" } else { "" };
                    [vhost.fqdn.clone(), mark.to_owned()]
                })
                .collect();
            output::table(["DOMAIN", "PRIMARY"], &rows)?;
            Ok(())
        }
        DomainsCommand::Add(args) => {
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            let endpoint = endpoints::add_domain(&owner, app, &args.fqdn)?;
            act(&client, endpoint, args.json, |()| {
                format!("Added {} to {app}", args.fqdn)
            })
        }
        DomainsCommand::Rm(args) => {
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            let endpoint = endpoints::remove_domain(&owner, app, &args.fqdn)?;
            act(&client, endpoint, args.json, |()| {
                format!("Removed {} from {app}", args.fqdn)
            })
        }
        DomainsCommand::Primary(args) => {
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            if let Some(fqdn) = &args.fqdn {
                let endpoint = endpoints::set_primary_domain(&owner, app, fqdn)?;
                return act(&client, endpoint, args.json, |()| {
                    format!("{fqdn} is the primary domain of {app}")
                });
            }
            // The typed call, which reads the API's "no primary domain" 404 as none.
            let primary = client.primary_domain(&owner, app)?;
            if args.json {
                let fqdn = primary.map(|vhost| vhost.fqdn);
                output::json(&serde_json::json!({ "fqdn": fqdn }))?;
                return Ok(());
            }
            let fields = [(
                "Primary domain",
                Some(primary.map_or_else(|| "none".to_owned(), |vhost| vhost.fqdn)),
            )];
            output::fields(&fields)?;
            Ok(())
        }
    }
}
