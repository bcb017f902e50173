//! `cleverkit login`: the OAuth dance in a browser, caught on a loopback port, and
//! optionally saved as a clever-tools profile.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use clap::Args;
use cleverkit::Client;
use cleverkit::config::{self, NewProfile, Setting, Settings};
use cleverkit::dance::OAuthDance;
use cleverkit::oauth1::SignatureMethod;

use crate::output::{self, date};
use crate::{Global, Outcome};

#[derive(Args)]
#[command(
    about = "Log in through the browser (OAuth 1.0a) and optionally save the credentials",
    after_help = "The authorization page opens in a browser; once you approve, the browser is \
sent back to a one-time listener on 127.0.0.1. The default consumer is clever-tools' public \
one (or OAUTH_CONSUMER_KEY and OAUTH_CONSUMER_SECRET), so saved profiles work with `clever` \
too.\n\nExamples:\n  cleverkit login\n  cleverkit login --save\n  \
cleverkit login --no-browser --save --profile work\n  cleverkit login --save --json | jq -r .email"
)]
pub struct LoginArgs {
    /// The OAuth consumer to log in with (default: OAUTH_CONSUMER_KEY, else clever-tools').
    #[arg(long, requires = "consumer_secret")]
    consumer_key: Option<String>,
    /// The consumer's secret.
    #[arg(long, requires = "consumer_key")]
    consumer_secret: Option<String>,
    /// Print the authorization URL instead of opening a browser.
    #[arg(long)]
    no_browser: bool,
    /// Save the credentials as a clever-tools profile (--profile, default "default"), made the
    /// active one.
    #[arg(long)]
    save: bool,
    /// Print {"id", "name", "email", "profile", "configFile", "expirationDate"} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: LoginArgs) -> Outcome {
    let mut explicit = Settings::default();
    explicit.set(Setting::ConsumerKey, args.consumer_key);
    explicit.set(Setting::ConsumerSecret, args.consumer_secret);
    let consumer = Settings::from_environment().overlay(&explicit).consumer()?;
    let options = global.options_without_credentials();
    let no_browser = args.no_browser;
    let credentials = OAuthDance::login_with_loopback(
        consumer.consumer_key(),
        consumer.consumer_secret().expose(),
        SignatureMethod::HmacSha512,
        options.clone(),
        move |url| {
            if no_browser || !open_browser(&url) {
                eprintln!("Open this page in a browser to log in:\n{url}");
            } else {
                eprintln!("Opened a browser to log in; if none appeared, open this page:\n{url}");
            }
            Ok(())
        },
        cleverkit::dance::DEFAULT_LOGIN_TIMEOUT,
    )?;
    let user = Client::with_oauth1(credentials.clone(), options.clone())?.myself()?;
    let mut stdout = io::stdout().lock();
    if !args.json {
        match &user.name {
            Some(name) => writeln!(stdout, "Logged in as {name} <{}> ({})", user.email, user.id)?,
            None => writeln!(stdout, "Logged in as <{}> ({})", user.email, user.id)?,
        }
    }
    let mut saved = None;
    if args.save {
        let path = config::config_path(&|name| std::env::var(name).ok()).ok_or_else(|| {
            cleverkit::Error::Config(
                "nowhere to save the profile: set CONFIGURATION_FILE or HOME".into(),
            )
        })?;
        let alias = global.profile.as_deref().unwrap_or("default");
        config::save_profile(
            &path,
            &NewProfile {
                alias,
                credentials: &credentials,
                user_id: Some(&user.id),
                email: Some(&user.email),
                api_host: options.api_host.as_deref(),
                bridge_host: options.bridge_host.as_deref(),
            },
        )?;
        if !args.json {
            writeln!(
                stdout,
                "Saved profile {alias:?} to {} (expires {})",
                path.display(),
                date(credentials.expires_at())
            )?;
        }
        saved = Some((alias, path));
    }
    if args.json {
        drop(stdout);
        output::json(&serde_json::json!({
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "profile": saved.as_ref().map(|(alias, _)| alias),
            "configFile": saved.as_ref().map(|(_, path)| path.to_string_lossy()),
            "expirationDate": credentials.expires_at().map(cleverkit::dates::format_rfc3339),
        }))?;
    }
    Ok(())
}

/// Opens `url` in the default browser; false when no opener could be run.
fn open_browser(url: &str) -> bool {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        // `start`'s first quoted argument is a window title: an empty one keeps the URL an URL.
        let mut command = Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
