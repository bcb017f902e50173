//! `cleverkit invoice`: downloads an invoice PDF, with a progress bar on a terminal.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{Global, Outcome, output};

#[derive(Args)]
#[command(
    about = "Download an invoice as PDF",
    after_help = "The file is written under a temporary name and renamed when complete: a \
failed download leaves nothing under the final name.\n\nExamples:\n  \
cleverkit invoice orga_00000000-0000-0000-0000-000000000000 1234\n  \
cleverkit invoice orga_00000000-0000-0000-0000-000000000000 1234 -o invoices/2025-03.pdf\n  \
cleverkit invoice orga_00000000-0000-0000-0000-000000000000 1234 --json | jq -r .file"
)]
pub struct InvoiceArgs {
    /// The organisation (orga_…) or user (user_…) the invoice belongs to.
    #[arg(value_name = "ORG_ID")]
    organisation_id: String,
    /// The invoice number.
    #[arg(value_name = "NUMBER")]
    number: String,
    /// Where to write it (default: NUMBER.pdf in the current directory).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print {"file", "bytes"} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: InvoiceArgs) -> Outcome {
    let client = global.client()?;
    let destination = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{}.pdf", args.number)));
    // The size is not known ahead (no Content-Length promised), so a spinner counts bytes.
    // Only on a terminal: in a pipe or a log it would be noise.
    let progress = if io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {msg} {bytes} ({binary_bytes_per_sec})")
        {
            bar.set_style(style);
        }
        bar.set_message(format!("invoice {}", args.number));
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    } else {
        ProgressBar::hidden()
    };
    let downloaded = client.download_invoice_with_progress(
        &args.organisation_id,
        &args.number,
        &destination,
        |written, total| {
            if let Some(total) = total {
                progress.set_length(total);
            }
            progress.set_position(written);
        },
    );
    progress.finish_and_clear();
    let written = downloaded?;
    if args.json {
        let file = destination.to_string_lossy();
        output::json(&serde_json::json!({ "file": file, "bytes": written }))?;
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "Wrote {written} bytes to {}", destination.display())?;
    Ok(())
}
