//! `cleverkit`: Clever Cloud's API from the command line, on the CleverKit core.

use std::io;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use cleverkit::{Client, ClientOptions, config};

mod apps;
mod curl;
mod demo;
mod domains;
mod env;
mod exit;
mod features;
mod invoice;
mod linked;
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
    after_help = format!("{HELP}\n\n{}", exit::help_table())
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

const HELP: &str = "Credentials are found the way clever-tools finds them: CLEVER_TOKEN and \
CLEVER_SECRET, then CLEVER_API_TOKEN, then the active (or --profile) profile of \
clever-tools.json (CONFIGURATION_FILE, or ~/.config/clever-cloud/clever-tools.json). \
API_HOST, AUTH_BRIDGE_HOST, OAUTH_CONSUMER_KEY and OAUTH_CONSUMER_SECRET override the hosts \
and the consumer.\n\nExamples:\n  cleverkit demo\n  cleverkit login --save\n  cleverkit self\n  \
cleverkit -v curl /v2/summary\n  cleverkit tokens list --json\n  cleverkit apps list\n  \
cleverkit env replace .env --app app_…";

/// Where every command's help lists the options of `Global`, apart from its own.
const GLOBAL: &str = "Global options";

/// Options every command takes, before or after its name.
#[derive(Args)]
pub struct Global {
    /// The main API (default: API_HOST, else https://api.clever-cloud.com).
    #[arg(long, global = true, value_name = "URL", help_heading = GLOBAL)]
    api_host: Option<String>,
    /// The API bridge (default: AUTH_BRIDGE_HOST, else https://api-bridge.clever-cloud.com).
    #[arg(long, global = true, value_name = "URL", help_heading = GLOBAL)]
    bridge_host: Option<String>,
    /// The clever-tools profile to use, or to save with `login --save` (default: the active one;
    /// "default" when saving).
    #[arg(long, global = true, value_name = "NAME", help_heading = GLOBAL)]
    profile: Option<String>,
    /// Give up on a request after this many seconds.
    #[arg(long, global = true, value_name = "SECONDS", help_heading = GLOBAL,
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: Option<u64>,
    /// Print each request (method, URL, status, timing) on stderr. Never prints a secret.
    #[arg(short, long, global = true, help_heading = GLOBAL)]
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
        self.client_with(self.options())
    }

    /// `client()` with options a command adjusted (curl's timeouts, retries, CA bundle).
    pub fn client_with(&self, options: ClientOptions) -> Result<Client, cleverkit::Error> {
        let loaded = config::from_environment(self.profile.as_deref())?;
        log::debug!("credentials from {}", loaded.source);
        Client::from_loaded(&loaded, options)
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
    Apps(apps::AppsArgs),
    Env(env::EnvArgs),
    Domains(domains::DomainsArgs),
    Deployments(apps::DeploymentsArgs),
    Addons(apps::AddonsArgs),
    Invoice(invoice::InvoiceArgs),
    Tokens(tokens::TokensArgs),
    Features(features::FeaturesArgs),
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
    /// A failure this tool names itself (curl's --fail, an unreadable -d @FILE…).
    Own(exit::Exit, String),
    /// Exits as the inner failure does, without a message (curl's -s).
    Quiet(Box<Failure>),
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    output::init_logging(cli.global.verbose);
    let global = &cli.global;
    let outcome = match cli.command {
        Command::Curl(args) => curl::run(global, args),
        Command::Login(args) => login::run(global, args),
        Command::Myself(args) => read::myself(global, args),
        Command::Summary(args) => read::summary(global, args),
        Command::Zones(args) => read::zones(global, args),
        Command::Applications(args) => read::applications(global, args),
        Command::Apps(args) => apps::run(global, args),
        Command::Env(args) => env::run(global, args),
        Command::Domains(args) => domains::run(global, args),
        Command::Deployments(args) => apps::deployments(global, args),
        Command::Addons(args) => apps::addons(global, args),
        Command::Invoice(args) => invoice::run(global, args),
        Command::Tokens(args) => tokens::run(global, args),
        Command::Features(args) => features::run(args),
        Command::Sign(args) => sign::run(*args).map_err(Failure::from),
        Command::Demo(args) => demo::run(global, args),
    };
    let Err(failure) = outcome else {
        return ExitCode::SUCCESS;
    };
    let (exit, message) = exit::report(&failure);
    if let Some(message) = message {
        eprintln!("cleverkit: {message}");
    }
    ExitCode::from(exit.code())
}

/// clap's error, exit 2 (0 for --help and --version). An unknown flag gets no "to pass '-D' as a
/// value, use '-- -D'" tip: a flag of curl's this tool lacks is not a value, and the usage
/// line that follows lists the flags there are.
fn usage_error(error: &clap::Error) -> ExitCode {
    if error.kind() != clap::error::ErrorKind::UnknownArgument {
        error.exit();
    }
    let rendered = error.render().to_string();
    let mut text = String::new();
    let mut skip_blank = false;
    for line in rendered.split_inclusive('\n') {
        if line.trim_start().starts_with("tip: to pass '") {
            skip_blank = true;
            continue;
        }
        if skip_blank && line.trim().is_empty() {
            skip_blank = false;
            continue;
        }
        skip_blank = false;
        text.push_str(line);
    }
    eprint!("{text}");
    ExitCode::from(exit::Exit::Usage.code())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Every option and argument of every command says what it is for.
    #[test]
    fn every_option_has_help_text() {
        fn check(command: &clap::Command, path: &str) {
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if !matches!(id, "help" | "version") {
                    assert!(arg.get_help().is_some(), "{path} {id} has no help text");
                }
            }
            for sub in command.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        let mut command = Cli::command();
        command.build();
        check(&command, "cleverkit");
    }

    /// clap drops a doc comment's final "." — even when the "." is the text's last word, as in
    /// "letters, digits, _, - and ." — and leaves the space before it.
    #[test]
    fn no_help_text_is_cut_short() {
        fn check(command: &clap::Command, path: &str) {
            let texts = command
                .get_arguments()
                .filter_map(|arg| arg.get_help().map(|help| (arg.get_id().to_string(), help)))
                .chain(command.get_about().map(|about| ("about".to_owned(), about)));
            for (id, text) in texts {
                let text = text.to_string();
                assert_eq!(text.trim_end(), text, "{path} {id}: {text:?}");
                let last = text.rsplit(' ').next().unwrap_or_default();
                assert!(
                    !matches!(last, "and" | "or"),
                    "{path} {id} ends mid-sentence: {text:?}"
                );
            }
            for sub in command.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        let mut command = Cli::command();
        command.build();
        check(&command, "cleverkit");
    }
}
