//! `cleverkit`: Clever Cloud's API from the command line, on the CleverKit core.

use std::io;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use cleverkit::{Client, ClientOptions, config};

mod curl;
mod demo;
mod invoice;
mod login;
mod output;
mod read;
mod sign;
mod tokens;

#[derive(Parser)]
#[command(
    name = "cleverkit",
    version,
    about = "Clever Cloud's API from the command line",
    after_help = "Credentials are found the way clever-tools finds them: CLEVER_TOKEN and \
CLEVER_SECRET, then CLEVER_API_TOKEN, then the active (or --profile) profile of \
clever-tools.json (CONFIGURATION_FILE, or ~/.config/clever-cloud/clever-tools.json). \
API_HOST, AUTH_BRIDGE_HOST, OAUTH_CONSUMER_KEY and OAUTH_CONSUMER_SECRET override the hosts \
and the consumer.\n\nExamples:\n  cleverkit demo\n  cleverkit login --save\n  cleverkit self\n  \
cleverkit -v curl /v2/summary\n  cleverkit tokens list --json"
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes, before or after its name.
#[derive(Args)]
pub struct Global {
    /// The main API (default: API_HOST, else https://api.clever-cloud.com).
    #[arg(long, global = true, value_name = "URL")]
    api_host: Option<String>,
    /// The API bridge (default: AUTH_BRIDGE_HOST, else https://api-bridge.clever-cloud.com).
    #[arg(long, global = true, value_name = "URL")]
    bridge_host: Option<String>,
    /// The clever-tools profile to use, or to save with `login --save` (default: the active one;
    /// "default" when saving).
    #[arg(long, global = true, value_name = "NAME")]
    profile: Option<String>,
    /// Give up on a request after this many seconds.
    #[arg(long, global = true, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: Option<u64>,
    /// Print each request (method, URL, status, timing) on stderr. Never prints a secret.
    #[arg(short, long, global = true)]
    verbose: bool,
}

impl Global {
    /// Client options from the flags: the hosts given here win over any configuration, the
    /// others come from it (see `client`).
    pub fn options(&self) -> ClientOptions {
        let mut options = ClientOptions {
            api_host: self.api_host.clone(),
            bridge_host: self.bridge_host.clone(),
            user_agent_suffix: Some("cli".into()),
            ..ClientOptions::default()
        };
        if let Some(seconds) = self.timeout {
            options.timeout = Duration::from_secs(seconds);
            options.connect_timeout = options.connect_timeout.min(options.timeout);
        }
        options
    }

    /// The options with the environment's hosts where no flag set one, for commands that
    /// load no credentials (`login`).
    pub fn options_without_credentials(&self) -> ClientOptions {
        config::Settings::from_environment().apply_to(self.options())
    }

    /// A client with the credentials found in the environment or clever-tools.json.
    pub fn client(&self) -> Result<Client, cleverkit::Error> {
        let loaded = config::from_environment(self.profile.as_deref())?;
        log::debug!("credentials from {}", loaded.source);
        Client::from_loaded(&loaded, self.options())
    }
}

#[derive(Subcommand)]
enum Command {
    Curl(curl::CurlArgs),
    Login(login::LoginArgs),
    #[command(name = "self")]
    Myself(read::SelfArgs),
    Summary(read::SummaryArgs),
    Zones(read::ZonesArgs),
    Applications(read::ApplicationsArgs),
    Invoice(invoice::InvoiceArgs),
    Tokens(tokens::TokensArgs),
    // Boxed: by far the largest arguments, which would otherwise size every variant.
    Sign(Box<sign::SignArgs>),
    Demo(demo::DemoArgs),
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    Api(cleverkit::Error),
    /// Writing the output failed.
    Output(io::Error),
}

impl From<cleverkit::Error> for Failure {
    fn from(error: cleverkit::Error) -> Self {
        Failure::Api(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

pub type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    output::init_logging(cli.global.verbose);
    let global = &cli.global;
    let outcome = match cli.command {
        Command::Curl(args) => curl::run(global, args),
        Command::Login(args) => login::run(global, args),
        Command::Myself(args) => read::myself(global, args),
        Command::Summary(args) => read::summary(global, args),
        Command::Zones(args) => read::zones(global, args),
        Command::Applications(args) => read::applications(global, args),
        Command::Invoice(args) => invoice::run(global, args),
        Command::Tokens(args) => tokens::run(global, args),
        Command::Sign(args) => sign::run(*args).map_err(Failure::from),
        Command::Demo(args) => demo::run(global, args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`cleverkit curl … | head`): it has what it wanted.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(Failure::Output(error)) => {
            eprintln!("cleverkit: cannot write the output: {error}");
            ExitCode::FAILURE
        }
        Err(Failure::Api(error)) => {
            eprintln!("cleverkit: {error}");
            ExitCode::from(exit_status(&error))
        }
    }
}

/// 2 for what the user can fix in the command line or configuration, 1 for everything else.
fn exit_status(error: &cleverkit::Error) -> u8 {
    match error {
        cleverkit::Error::InvalidInput(_) | cleverkit::Error::Config(_) => 2,
        _ => 1,
    }
}
