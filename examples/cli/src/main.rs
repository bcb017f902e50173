//! `cleverkit`: Clever Cloud's API from the command line, on the CleverKit core.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod sign;

#[derive(Parser)]
#[command(
    name = "cleverkit",
    version,
    about = "Clever Cloud's API from the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Sign(sign::SignArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Sign(args) => sign::run(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cleverkit: {error}");
            ExitCode::from(exit_status(&error))
        }
    }
}

/// 2 for what the user can fix in the command line, 1 for everything else.
fn exit_status(error: &cleverkit::Error) -> u8 {
    match error {
        cleverkit::Error::InvalidInput(_) | cleverkit::Error::Config(_) => 2,
        _ => 1,
    }
}
