//! What every command prints with: aligned tables, JSON passthrough, dates, and the `-v` log.

use std::io::{self, Write};
use std::time::SystemTime;

/// Prints the core's `debug` records (method, URL, status, timing) on stderr. Only the core's
/// and this tool's own: dependencies log at that level too, and nothing vouches for what their
/// records hold (a header, a token).
struct StderrLogger;

impl log::Log for StderrLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        let target = metadata.target();
        metadata.level() <= log::Level::Debug
            && (target == "cleverkit" || target.starts_with("cleverkit::"))
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("cleverkit: {}", record.args());
        }
    }

    fn flush(&self) {}
}

static LOGGER: StderrLogger = StderrLogger;

pub fn init_logging(verbose: bool) {
    // Fails only when a logger is set already, which nothing else here does.
    let _ = log::set_logger(&LOGGER);
    log::set_max_level(if verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Off
    });
}

/// Writes an API's JSON answer as it came, ending with a newline for the shell.
pub fn json_passthrough(body: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(body)?;
    if !body.ends_with(b"\n") {
        stdout.write_all(b"\n")?;
    }
    stdout.flush()
}

/// Writes a value this tool builds as one line of JSON.
pub fn json(value: &serde_json::Value) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{value}")?;
    stdout.flush()
}

/// Columns padded to their widest cell, two spaces apart; the last one is not padded.
pub fn table<const N: usize>(headers: [&str; N], rows: &[[String; N]]) -> io::Result<()> {
    let mut widths = headers.map(|header| header.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut stdout = io::stdout().lock();
    let header_row = headers.map(str::to_owned);
    for row in std::iter::once(&header_row).chain(rows) {
        let mut line = String::new();
        for (column, (cell, width)) in row.iter().zip(widths).enumerate() {
            if column + 1 == N {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        writeln!(stdout, "{}", line.trim_end())?;
    }
    stdout.flush()
}

/// One `Label  value` line per field, labels aligned; absent values are left out.
pub fn fields(fields: &[(&str, Option<String>)]) -> io::Result<()> {
    let width = fields
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let mut stdout = io::stdout().lock();
    for (label, value) in fields {
        if let Some(value) = value {
            writeln!(stdout, "{label:<width$}  {value}")?;
        }
    }
    stdout.flush()
}

/// An optional text cell: `-` when absent.
pub fn cell(value: Option<&str>) -> String {
    value.unwrap_or("-").to_owned()
}

/// A date cell in RFC 3339, or `-`.
pub fn date(when: Option<SystemTime>) -> String {
    when.map_or_else(|| "-".to_owned(), cleverkit::dates::format_rfc3339)
}

/// `1 zone`, `4 zones`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
