//! `cleverkit tokens`: API tokens on the bridge — list, create, rename, revoke.

use std::io::{self, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::{Args, Subcommand, ValueEnum};
use cleverkit::models::ApiToken;
use cleverkit::{NewApiToken, endpoints};

use crate::exit::Exit;
use crate::output::{self, cell, date};
use crate::{Failure, Global, Outcome};

#[derive(Args)]
#[command(
    about = "Manage API tokens (Bearer tokens for the API bridge)",
    args_conflicts_with_subcommands = true,
    after_help = "Without a command, lists the tokens, as `clever tokens` does; clever-tools' \
forms work as they are (`tokens -F json`, `tokens create NAME --expiration 1h`, \
`tokens revoke ID`).\n\nExamples:\n  cleverkit tokens\n  cleverkit tokens -F json\n  \
cleverkit tokens create \"CI job Foobar\"\n  cleverkit tokens create \"Quick local test\" --expiration 1h\n  \
cleverkit tokens update apitoken_… --name ci-deploy --description 'GitHub Actions'\n  \
cleverkit tokens revoke apitoken_…"
)]
pub struct TokensArgs {
    #[command(subcommand)]
    command: Option<TokensCommand>,
    /// `tokens` alone lists.
    #[command(flatten)]
    list: Format,
}

#[derive(Subcommand)]
enum TokensCommand {
    List(ListArgs),
    Create(CreateArgs),
    Update(UpdateArgs),
    Revoke(RevokeArgs),
}

/// clever-tools' `-F/--format human|json`, and this tool's `--json`.
#[derive(Args)]
struct Format {
    /// Output format, as clever-tools' -F: human (a table) or json.
    #[arg(short = 'F', long = "format", value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// The same as --format json.
    #[arg(long)]
    json: bool,
}

impl Format {
    fn json(&self) -> bool {
        self.json || self.format == OutputFormat::Json
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Args)]
#[command(
    about = "List your API tokens (never their values)",
    after_help = "Examples:\n  cleverkit tokens list\n  cleverkit tokens -F json | jq -r '.[].apiTokenId'"
)]
struct ListArgs {
    #[command(flatten)]
    format: Format,
}

#[derive(Args)]
#[command(
    about = "Create an API token and print it, once",
    after_help = "The bridge wants your password (and MFA code when MFA is on): they are read \
without echo, or from CLEVERKIT_PASSWORD and CLEVERKIT_MFA_CODE for scripts (with \
CLEVERKIT_PASSWORD set, the MFA code is read from CLEVERKIT_MFA_CODE only, and none is sent \
without it). The token alone goes to standard output, so that it can be captured; it is never \
shown again.\n\n--expiration takes clever-tools' forms: a duration (30m, 1h, 4d, 2w, 6M, 1y; \
a bare number is seconds; ISO 8601 such as P1DT12H) or a date (2027-06-30, or RFC 3339 such as \
2027-06-30T12:00:00Z). Months are calendar months; a year is 365 days, the longest an API token \
may live.\n\nExamples:\n  cleverkit tokens create laptop\n  \
TOKEN=$(cleverkit tokens create ci --description 'GitHub Actions' --expiration 90d)\n  \
cleverkit tokens create \"Quick local test\" -e 1h -F json | jq -r .expirationDate"
)]
struct CreateArgs {
    /// The token's name, to recognise it in `tokens list`.
    #[arg(value_name = "NAME", required_unless_present = "name_option")]
    name: Option<String>,
    /// The same as NAME.
    #[arg(
        long = "name",
        id = "name_option",
        value_name = "NAME",
        conflicts_with = "name"
    )]
    name_option: Option<String>,
    /// What the token is for.
    #[arg(long)]
    description: Option<String>,
    /// When it expires: a duration (1h, 4d, 2w, 6M) or a date; at most one year
    /// (default: one year).
    #[arg(short = 'e', long, value_name = "DURATION|DATE", value_parser = Expiration::parse)]
    expiration: Option<Expiration>,
    /// Days until it expires, at most 365 (the same as --expiration DAYSd).
    #[arg(long, value_name = "DAYS", conflicts_with = "expiration",
          value_parser = clap::value_parser!(u64).range(1..=365))]
    expires_in: Option<u64>,
    /// Your account's email (default: the logged-in user's).
    #[arg(long)]
    email: Option<String>,
    /// -F json or --json prints {"apiToken", "apiTokenId", "name", "description",
    /// "expirationDate"}.
    #[command(flatten)]
    format: Format,
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
    /// The updated token as `tokens -F json` lists it, with -F json or --json.
    #[command(flatten)]
    format: Format,
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
    /// {"apiTokenId", "revoked": true}, with -F json or --json.
    #[command(flatten)]
    format: Format,
}

pub fn run(global: &Global, args: TokensArgs) -> Outcome {
    match args.command {
        None => list(global, ListArgs { format: args.list }),
        Some(TokensCommand::List(args)) => list(global, args),
        Some(TokensCommand::Create(args)) => create(global, args),
        Some(TokensCommand::Update(args)) => update(global, args),
        Some(TokensCommand::Revoke(args)) => revoke(global, args),
    }
}

fn list(global: &Global, args: ListArgs) -> Outcome {
    let client = global.client()?;
    // One request for both outputs, as in `read.rs`.
    let endpoint = endpoints::list_api_tokens();
    let response = client.request(&endpoint.request())?;
    if args.format.json() {
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
    // Checked before anything is asked: a typo must not cost a password prompt.
    let expiration = match (args.expiration, args.expires_in) {
        (Some(expiration), _) => expiration,
        (None, Some(days)) => Expiration::In(Span::seconds(days * DAY)),
        (None, None) => Expiration::In(Span::seconds(YEAR)),
    };
    let expires_at = expiration.resolve(SystemTime::now()).map_err(usage)?;
    let name = args.name.or(args.name_option).unwrap_or_default();
    let client = global.client()?;
    let email = match args.email {
        Some(email) => email,
        None => client.myself()?.email,
    };
    let (password, mfa_code) = secrets(&email)?;
    let created = client.create_api_token(&NewApiToken {
        email: &email,
        password: &password,
        mfa_code: mfa_code.as_deref(),
        name: &name,
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
    if args.format.json() {
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
    if args.format.json() {
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
    if args.format.json() {
        output::json(&serde_json::json!({ "apiTokenId": args.id, "revoked": true }))?;
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "Revoked API token {}", args.id)?;
    Ok(())
}

fn usage(message: String) -> Failure {
    Failure::Own(Exit::Usage, message)
}

const DAY: u64 = 86_400;
/// The longest an API token may live, as the bridge allows; what `1y` means.
const YEAR: u64 = 365 * DAY;

/// A length of time as clever-tools writes one: calendar months, then a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Span {
    months: u32,
    duration: Duration,
}

impl Span {
    fn seconds(seconds: u64) -> Span {
        Span {
            months: 0,
            duration: Duration::from_secs(seconds),
        }
    }
}

/// `--expiration`: a span from now, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiration {
    In(Span),
    At(SystemTime),
}

impl Expiration {
    /// clever-tools' forms: `1h`, `4d`, `2w`, `6M`, `1y` (also `ms`, `s`, `m`), a bare number of
    /// seconds, an ISO 8601 duration (`P1DT12H`), a date (`2027-06-30`, midnight UTC) or an
    /// RFC 3339 instant.
    fn parse(text: &str) -> Result<Expiration, String> {
        let text = text.trim();
        let refused = || {
            format!(
                "{text:?} is neither a duration (30m, 1h, 4d, 2w, 6M, 1y, P1DT12H) nor a date \
                 (2027-06-30, 2027-06-30T12:00:00Z)"
            )
        };
        if let Some(iso) = text.strip_prefix('P') {
            return iso_duration(iso).map(Expiration::In).ok_or_else(refused);
        }
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let (number, unit) = text.split_at(digits);
            if let Some(span) = number.parse().ok().and_then(|n| span_of(n, unit)) {
                return Ok(Expiration::In(span));
            }
        }
        parse_day_or_instant(text)
            .map(Expiration::At)
            .ok_or_else(refused)
    }

    /// The instant, which must be ahead and at most a year from `now`.
    fn resolve(self, now: SystemTime) -> Result<SystemTime, String> {
        let at = match self {
            Expiration::At(at) => at,
            Expiration::In(span) => add_months(now, span.months)
                .and_then(|at| at.checked_add(span.duration))
                .ok_or_else(|| "--expiration is too far ahead".to_owned())?,
        };
        if at <= now {
            return Err(format!(
                "--expiration {} is not in the future",
                cleverkit::dates::format_rfc3339(at)
            ));
        }
        if at > now + Duration::from_secs(YEAR) {
            return Err(format!(
                "--expiration {} is more than a year ahead: an API token lives one year at most",
                cleverkit::dates::format_rfc3339(at)
            ));
        }
        Ok(at)
    }
}

/// `count` of `unit`; an empty unit is seconds, as in clever-tools.
fn span_of(count: u32, unit: &str) -> Option<Span> {
    let seconds = |per: u64| Some(Span::seconds(u64::from(count) * per));
    match unit {
        "" | "s" => seconds(1),
        "ms" => Some(Span {
            months: 0,
            duration: Duration::from_millis(u64::from(count)),
        }),
        "m" => seconds(60),
        "h" => seconds(3600),
        "d" => seconds(DAY),
        "w" => seconds(7 * DAY),
        "M" => Some(Span {
            months: count,
            duration: Duration::ZERO,
        }),
        "y" => seconds(YEAR),
        _ => None,
    }
}

/// The part of an ISO 8601 duration after `P`: `1Y2M3W4DT5H6M7S`, whole numbers.
fn iso_duration(text: &str) -> Option<Span> {
    let mut span = Span::default();
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' if !in_time && number.is_empty() => in_time = true,
            unit => {
                let count: u32 = number.parse().ok()?;
                number.clear();
                let unit = match (in_time, unit) {
                    (false, 'Y') => "y",
                    (false, 'M') => "M",
                    (false, 'W') => "w",
                    (false, 'D') => "d",
                    (true, 'H') => "h",
                    (true, 'M') => "m",
                    (true, 'S') => "s",
                    _ => return None,
                };
                let part = span_of(count, unit)?;
                span.months = span.months.checked_add(part.months)?;
                span.duration = span.duration.checked_add(part.duration)?;
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(span)
}

/// `2027-06-30` (midnight UTC) or an RFC 3339 instant.
fn parse_day_or_instant(text: &str) -> Option<SystemTime> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(day) = time::Date::parse(text, &format) {
        let seconds = u64::try_from(day.midnight().assume_utc().unix_timestamp()).ok()?;
        return Some(UNIX_EPOCH + Duration::from_secs(seconds));
    }
    // A bare number is a duration above, never epoch milliseconds here.
    text.contains('-')
        .then(|| cleverkit::dates::parse_date(text))
        .flatten()
}

/// `months` calendar months later, the day kept or brought back to the month's last one.
fn add_months(when: SystemTime, months: u32) -> Option<SystemTime> {
    if months == 0 {
        return Some(when);
    }
    let elapsed = when.duration_since(UNIX_EPOCH).ok()?;
    let at =
        time::OffsetDateTime::from_unix_timestamp(i64::try_from(elapsed.as_secs()).ok()?).ok()?;
    let index = i64::from(at.year()) * 12 + i64::from(u8::from(at.month()) - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = time::Month::try_from(u8::try_from(index.rem_euclid(12)).ok()? + 1).ok()?;
    let day = at.day().min(month.length(year));
    let moved = at
        .replace_day(1)
        .ok()?
        .replace_year(year)
        .ok()?
        .replace_month(month)
        .ok()?
        .replace_day(day)
        .ok()?;
    let seconds = u64::try_from(moved.unix_timestamp()).ok()?;
    Some(UNIX_EPOCH + Duration::new(seconds, elapsed.subsec_nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        cleverkit::dates::parse_date(rfc3339).unwrap()
    }

    #[test]
    fn expirations_read_as_clever_tools_reads_them() {
        let now = at("2026-12-08T03:15:00Z");
        let resolved = |text: &str| {
            Expiration::parse(text)
                .and_then(|expiration| expiration.resolve(now))
                .map(cleverkit::dates::format_rfc3339)
        };
        for (text, expected) in [
            ("1h", "2026-12-08T04:15:00Z"),
            ("90", "2026-12-08T03:16:30Z"),
            ("30m", "2026-12-08T03:45:00Z"),
            ("4d", "2026-12-12T03:15:00Z"),
            ("2w", "2026-12-22T03:15:00Z"),
            ("6M", "2027-06-08T03:15:00Z"),
            ("1y", "2027-12-08T03:15:00Z"),
            ("P1DT12H", "2026-12-09T15:15:00Z"),
            ("P2M", "2027-02-08T03:15:00Z"),
            ("2027-06-30", "2027-06-30T00:00:00Z"),
            ("2027-06-30T12:00:00+02:00", "2027-06-30T10:00:00Z"),
        ] {
            assert_eq!(resolved(text).as_deref(), Ok(expected), "{text}");
        }
        for text in ["", "1x", "h", "soon", "P", "P1H", "PT", "1.5h", "-1h"] {
            let error = Expiration::parse(text).unwrap_err();
            assert!(error.contains("neither a duration"), "{text}: {error}");
        }
        assert!(resolved("2y").unwrap_err().contains("one year at most"));
        assert!(resolved("13M").unwrap_err().contains("one year at most"));
        assert!(
            resolved("2026-01-01")
                .unwrap_err()
                .contains("not in the future")
        );
        assert!(resolved("0h").unwrap_err().contains("not in the future"));
    }

    #[test]
    fn calendar_months_keep_the_day_or_take_the_month_s_last() {
        let moved = |from: &str, months| {
            cleverkit::dates::format_rfc3339(add_months(at(from), months).unwrap())
        };
        assert_eq!(moved("2027-01-31T10:00:00Z", 1), "2027-02-28T10:00:00Z");
        assert_eq!(moved("2027-11-30T10:00:00Z", 3), "2028-02-29T10:00:00Z");
        assert_eq!(moved("2026-12-08T00:00:00Z", 1), "2027-01-08T00:00:00Z");
    }
}
