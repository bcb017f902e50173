//! `cleverkit features`: clever-tools' feature flags, accepted so that its scripts run. Every
//! command of this tool is always available; `tokens` is the one clever-tools hides.

use std::io::Write;

use clap::{Args, Subcommand};

use crate::exit::Exit;
use crate::{Failure, Outcome};

/// What clever-tools calls `tokens`, which this tool has without a flag.
const KNOWN: [&str; 1] = ["tokens"];

#[derive(Args)]
#[command(
    about = "Accepted for clever-tools' scripts: `tokens` needs no feature flag here",
    after_help = "clever-tools hides some commands behind `clever features enable NAME`. \
cleverkit has no feature flags: its `tokens` commands are always there, so \
`features enable tokens` succeeds and changes nothing.\n\nExamples:\n  \
cleverkit features enable tokens"
)]
pub struct FeaturesArgs {
    #[command(subcommand)]
    command: FeaturesCommand,
}

#[derive(Subcommand)]
enum FeaturesCommand {
    /// Succeeds for `tokens`, always available here.
    Enable(FeatureArgs),
    /// Succeeds for `tokens`, which stays available.
    Disable(FeatureArgs),
}

#[derive(Args)]
struct FeatureArgs {
    /// The clever-tools feature: tokens.
    #[arg(value_name = "FEATURE")]
    name: String,
}

pub fn run(args: FeaturesArgs) -> Outcome {
    let (FeaturesCommand::Enable(feature) | FeaturesCommand::Disable(feature)) = args.command;
    if !KNOWN.contains(&feature.name.as_str()) {
        return Err(Failure::Own(
            Exit::Usage,
            format!(
                "cleverkit has no feature {:?}: it has no feature flags, and `tokens` is always available",
                feature.name
            ),
        ));
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "cleverkit needs no feature flag: `{}` is always available.",
        feature.name
    )?;
    Ok(())
}
