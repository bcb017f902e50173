//! `cleverkit tokens`: API tokens on the bridge — list, create, rename, revoke.

use std::io::{self, Write};
use std::time::{Duration, SystemTime};

use clap::{Args, Subcommand};
use cleverkit::models::ApiToken;
use cleverkit::{NewApiToken, endpoints};

use crate::output::{self, cell, date};
use crate::{Global, Outcome};

#[derive(Args)]
#[command(
    about = "Manage API tokens (Bearer tokens for the API bridge)",
    after_help = "Examples:\n  cleverkit tokens list\n  cleverkit tokens create --name ci --expires-in 90\n  \
cleverkit tokens update apitoken_… --name ci-deploy --description 'GitHub Actions'\n  \
cleverkit tokens revoke apitoken_…"
)]
pub struct TokensArgs {
    #[command(subcommand)]
    command: TokensCommand,
}

#[derive(Subcommand)]
enum TokensCommand {
    List(ListArgs),
    Create(CreateArgs),
    Update(UpdateArgs),
    Revoke(RevokeArgs),
}

#[derive(Args)]
#[command(
    about = "List your API tokens (never their values)",
    after_help = "Examples:\n  cleverkit tokens list\n  cleverkit tokens list --json | jq -r '.[].apiTokenId'"
)]
struct ListArgs {
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "Create an API token and print it, once",
    after_help = "The bridge wants your password (and MFA code when MFA is on): they are read \
without echo, or from CLEVERKIT_PASSWORD and CLEVERKIT_MFA_CODE for scripts (with \
CLEVERKIT_PASSWORD set, the MFA code is read from CLEVERKIT_MFA_CODE only, and none is sent \
without it). The token alone goes to standard output, so that it can be captured; it is never \
shown again.\n\nExamples:\n  cleverkit tokens create --name laptop\n  \
TOKEN=$(cleverkit tokens create --name ci --description 'GitHub Actions' --expires-in 90)\n  \
cleverkit tokens create --name ci --json | jq -r .expirationDate"
)]
struct CreateArgs {
    /// The token's name, to recognise it in `tokens list`.
    #[arg(long)]
    name: String,
    /// What the token is for.
    #[arg(long)]
    description: Option<String>,
    /// Days until it expires, at most 365.
    #[arg(long, value_name = "DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=365))]
    expires_in: u64,
    /// Your account's email (default: the logged-in user's).
    #[arg(long)]
    email: Option<String>,
    /// Print {"apiToken", "apiTokenId", "name", "description", "expirationDate"} as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "Rename an API token or change its description",
    after_help = "Examples:\n  cleverkit tokens update apitoken_… --name ci-deploy\n  \
cleverkit tokens update apitoken_… --name ci --description 'GitHub Actions'"
)]
struct UpdateArgs {
    /// The token's id (apitoken_…), from `tokens list`.
    #[arg(value_name = "ID")]
    id: String,
    /// The new name.
    #[arg(long)]
    name: String,
    /// The new description (default: none).
    #[arg(long)]
    description: Option<String>,
    /// Print the updated token as JSON, as `tokens list --json` lists it.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "Revoke an API token: it stops working at once",
    after_help = "Examples:\n  cleverkit tokens revoke apitoken_…"
)]
struct RevokeArgs {
    /// The token's id (apitoken_…), from `tokens list`.
    #[arg(value_name = "ID")]
    id: String,
    /// Print {"apiTokenId", "revoked": true} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: TokensArgs) -> Outcome {
    match args.command {
        TokensCommand::List(args) => list(global, args),
        TokensCommand::Create(args) => create(global, args),
        TokensCommand::Update(args) => update(global, args),
        TokensCommand::Revoke(args) => revoke(global, args),
    }
}

fn list(global: &Global, args: ListArgs) -> Outcome {
    let client = global.client()?;
    // One request for both outputs, as in `read.rs`.
    let endpoint = endpoints::list_api_tokens();
    let response = client.request(&endpoint.request())?;
    if args.json {
        output::json_passthrough(&response.body)?;
        return Ok(());
    }
    let tokens = endpoint.parse(&response)?;
    let rows: Vec<[String; 5]> = tokens.iter().map(row).collect();
    output::table(["ID", "NAME", "STATE", "EXPIRES", "DESCRIPTION"], &rows)?;
    Ok(())
}

fn row(token: &ApiToken) -> [String; 5] {
    [
        token.api_token_id.clone(),
        token.name.clone(),
        cell(token.state.as_deref()),
        date(token.expiration_date),
        cell(token.description.as_deref()),
    ]
}

fn create(global: &Global, args: CreateArgs) -> Outcome {
    let client = global.client()?;
    let email = match args.email {
        Some(email) => email,
        None => client.myself()?.email,
    };
    let (password, mfa_code) = secrets(&email)?;
    let expires_at = SystemTime::now() + Duration::from_secs(args.expires_in * 24 * 3600);
    let created = client.create_api_token(&NewApiToken {
        email: &email,
        password: &password,
        mfa_code: mfa_code.as_deref(),
        name: &args.name,
        description: args.description.as_deref(),
        expires_at,
    })?;
    eprintln!(
        "Created API token {:?} ({}), expires {}.",
        created.token.name,
        created.token.api_token_id,
        date(created.token.expiration_date)
    );
    eprintln!("This is the only time it is shown: store it now.");
    // The one secret this tool prints, on purpose: the user asked for it.
    if args.json {
        output::json(&serde_json::json!({
            "apiToken": created.api_token().expose(),
            "apiTokenId": created.token.api_token_id,
            "name": created.token.name,
            "description": created.token.description,
            "expirationDate": created.token.expiration_date.map(cleverkit::dates::format_rfc3339),
        }))?;
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{}", created.api_token().expose())?;
    stdout.flush()?;
    Ok(())
}

/// The password and MFA code: from the environment for scripts, else typed without echo.
fn secrets(email: &str) -> Result<(String, Option<String>), cleverkit::Error> {
    let env = |name: &str| std::env::var(name).ok();
    let non_empty = |value: String| Some(value).filter(|value| !value.is_empty());
    if let Some(password) = env("CLEVERKIT_PASSWORD") {
        // A script sets both or has no MFA: prompting now would hang it on a terminal read.
        return Ok((password, env("CLEVERKIT_MFA_CODE").and_then(non_empty)));
    }
    let unreadable = |what: &str, err: io::Error| {
        cleverkit::Error::InvalidInput(format!(
            "cannot read the {what}: {err} (set CLEVERKIT_PASSWORD and CLEVERKIT_MFA_CODE to run without a terminal)"
        ))
    };
    let password = rpassword::prompt_password(format!("Password for {email}: "))
        .map_err(|err| unreadable("password", err))?;
    let mfa_code = match env("CLEVERKIT_MFA_CODE") {
        Some(code) => non_empty(code),
        None => non_empty(
            rpassword::prompt_password("MFA code (empty if MFA is off): ")
                .map_err(|err| unreadable("MFA code", err))?,
        ),
    };
    Ok((password, mfa_code))
}

fn update(global: &Global, args: UpdateArgs) -> Outcome {
    let client = global.client()?;
    let token = client.update_api_token(&args.id, &args.name, args.description.as_deref())?;
    if args.json {
        output::json(&token_json(&token))?;
        return Ok(());
    }
    output::table(
        ["ID", "NAME", "STATE", "EXPIRES", "DESCRIPTION"],
        &[row(&token)],
    )?;
    Ok(())
}

/// A token in the bridge's field names, dates in RFC 3339.
fn token_json(token: &ApiToken) -> serde_json::Value {
    let date = |when: Option<SystemTime>| when.map(cleverkit::dates::format_rfc3339);
    serde_json::json!({
        "apiTokenId": token.api_token_id,
        "name": token.name,
        "description": token.description,
        "state": token.state,
        "creationDate": date(token.creation_date),
        "expirationDate": date(token.expiration_date),
    })
}

fn revoke(global: &Global, args: RevokeArgs) -> Outcome {
    global.client()?.revoke_api_token(&args.id)?;
    if args.json {
        output::json(&serde_json::json!({ "apiTokenId": args.id, "revoked": true }))?;
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "Revoked API token {}", args.id)?;
    Ok(())
}
