//! `cleverkit env`: an application's environment variables — list, set, rm, and replace them
//! all from a `.env` file. `env list` prints the `.env` form that `env replace` reads back.

use std::io::{self, Read, Write};

use clap::{Args, Subcommand};
use cleverkit::endpoints;
use cleverkit::models::EnvironmentVariable;

use crate::apps::{AppTarget, act};
use crate::exit::Exit;
use crate::output;
use crate::read::show;
use crate::{Failure, Global, Outcome};

#[derive(Args)]
#[command(
    about = "Manage an application's environment variables",
    after_help = "Examples:\n  cleverkit env list --app app_…\n  \
cleverkit env set PORT 8080 --app app_…\n  cleverkit env rm PORT --app app_…\n  \
cleverkit env list --app app_… > app.env && cleverkit env replace app.env --app app_…"
)]
pub struct EnvArgs {
    #[command(subcommand)]
    command: EnvCommand,
}

#[derive(Subcommand)]
enum EnvCommand {
    List(ListArgs),
    Set(SetArgs),
    Rm(RmArgs),
    Replace(ReplaceArgs),
}

#[derive(Args)]
#[command(about = "Print the variables as NAME=value lines (quoted where .env needs quotes)")]
struct ListArgs {
    #[command(flatten)]
    target: AppTarget,
    /// Print the API's JSON as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(about = "Add or change one variable")]
struct SetArgs {
    /// The variable's name: letters, digits, '_', '-' and '.'
    #[arg(value_name = "NAME")]
    name: String,
    /// Its value.
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    value: String,
    #[command(flatten)]
    target: AppTarget,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(about = "Remove one variable")]
struct RmArgs {
    /// The variable's name.
    #[arg(value_name = "NAME")]
    name: String,
    #[command(flatten)]
    target: AppTarget,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(
    about = "Replace every variable with those of a .env file",
    after_help = "The file is read as dotenv reads it: NAME=value lines, `export ` allowed, \
blank lines and # comments skipped; unquoted values end at a #; 'single quotes' keep their \
content as it is, \"double quotes\" read \\n, \\r, \\t, \\\" and \\\\; quoted values may span \
lines. Variables not in the file are removed.\n\nExamples:\n  \
cleverkit env replace .env --app app_…\n  printf 'A=1\\nB=2\\n' | cleverkit env replace - --app app_…"
)]
struct ReplaceArgs {
    /// The .env file, or - for standard input.
    #[arg(value_name = "FILE")]
    file: String,
    #[command(flatten)]
    target: AppTarget,
    /// Print the API's JSON answer as it came.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: EnvArgs) -> Outcome {
    let client = global.client()?;
    match args.command {
        EnvCommand::List(args) => {
            let owner = args.target.owner.id(&client)?;
            let endpoint = endpoints::environment(&owner, &args.target.app)?;
            show(&client, endpoint, args.json, |variables| {
                print_dotenv(&variables)
            })
        }
        EnvCommand::Set(args) => {
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            let endpoint =
                endpoints::set_environment_variable(&owner, app, &args.name, &args.value)?;
            act(&client, endpoint, args.json, |()| {
                format!("Set {} on {app}", args.name)
            })
        }
        EnvCommand::Rm(args) => {
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            let endpoint = endpoints::remove_environment_variable(&owner, app, &args.name)?;
            act(&client, endpoint, args.json, |()| {
                format!("Removed {} from {app}", args.name)
            })
        }
        EnvCommand::Replace(args) => {
            let text = read_input(&args.file)?;
            let variables = parse_dotenv(&text).map_err(|message| {
                Failure::Own(Exit::Usage, format!("{}: {message}", args.file))
            })?;
            let owner = args.target.owner.id(&client)?;
            let app = &args.target.app;
            let count = output::count(variables.len(), "variable");
            let endpoint = endpoints::replace_environment(&owner, app, variables)?;
            act(&client, endpoint, args.json, |()| {
                format!("Replaced the environment of {app}: {count}")
            })
        }
    }
}

fn read_input(file: &str) -> Result<String, Failure> {
    let unreadable =
        |err: io::Error| Failure::Own(Exit::CannotRead, format!("cannot read {file}: {err}"));
    if file == "-" {
        let mut text = String::new();
        io::stdin().read_to_string(&mut text).map_err(unreadable)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(unreadable)
    }
}

fn print_dotenv(variables: &[EnvironmentVariable]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    for variable in variables {
        writeln!(
            stdout,
            "{}={}",
            variable.name,
            dotenv_value(&variable.value)
        )?;
    }
    stdout.flush()
}

/// A value as `.env` writes it: bare when dotenv reads it back unchanged, else double-quoted
/// with the escapes `parse_dotenv` reads.
fn dotenv_value(value: &str) -> String {
    let needs_quotes = value.is_empty()
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace)
        || value.contains(['#', '"', '\'', '`', '\\', '\n', '\r', '\t']);
    if !needs_quotes {
        return value.to_owned();
    }
    let mut quoted = String::from("\"");
    for character in value.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

/// Reads a `.env` file as dotenv does (see `env replace --help`); a line it cannot read, a
/// quote never closed or a name given twice is an error naming the line.
fn parse_dotenv(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut variables: Vec<(String, String, usize)> = Vec::new();
    let mut rest = text;
    let mut line = 1;
    loop {
        // Blank lines and whitespace before a statement.
        let trimmed = rest.trim_start();
        line += rest[..rest.len() - trimmed.len()].matches('\n').count();
        rest = trimmed;
        if rest.is_empty() {
            break;
        }
        let end_of_line = rest.find('\n').unwrap_or(rest.len());
        if rest.starts_with('#') {
            rest = &rest[end_of_line..];
            continue;
        }
        let Some(equals) = rest[..end_of_line].find('=') else {
            return Err(format!("line {line}: expected NAME=value"));
        };
        let name = rest[..equals].trim();
        let name = name.strip_prefix("export ").map_or(name, str::trim_start);
        if name.is_empty() {
            return Err(format!("line {line}: the variable has no name"));
        }
        if let Some((_, _, first)) = variables.iter().find(|(known, _, _)| known == name) {
            return Err(format!(
                "line {line}: {name} is already set on line {first}"
            ));
        }
        let statement_line = line;
        rest = rest[equals + 1..].trim_start_matches([' ', '\t']);
        let (value, after) = match rest.chars().next() {
            Some(quote @ ('"' | '\'' | '`')) => {
                let (value, consumed) = quoted(&rest[1..], quote)
                    .ok_or_else(|| format!("line {line}: the value's {quote} is never closed"))?;
                line += rest[..1 + consumed].matches('\n').count();
                let after = &rest[1 + consumed..];
                let end = after.find('\n').unwrap_or(after.len());
                let trailing = after[..end].trim();
                if !trailing.is_empty() && !trailing.starts_with('#') {
                    return Err(format!(
                        "line {line}: unexpected {trailing:?} after the quoted value"
                    ));
                }
                (value, &after[end..])
            }
            _ => {
                let end = rest.find('\n').unwrap_or(rest.len());
                let value = rest[..end].split('#').next().unwrap_or("").trim();
                (value.to_owned(), &rest[end..])
            }
        };
        variables.push((name.to_owned(), value, statement_line));
        rest = after;
    }
    Ok(variables
        .into_iter()
        .map(|(name, value, _)| (name, value))
        .collect())
}

/// The value inside a quote opened just before `text`, and how many bytes of `text` it took
/// (closing quote included); `None` when it is never closed. Only double quotes read escapes.
fn quoted(text: &str, quote: char) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut characters = text.char_indices();
    while let Some((index, character)) = characters.next() {
        match character {
            c if c == quote => return Some((value, index + c.len_utf8())),
            '\\' if quote == '"' => match characters.next()?.1 {
                'n' => value.push('\n'),
                'r' => value.push('\r'),
                't' => value.push('\t'),
                escaped @ ('"' | '\\') => value.push(escaped),
                // Not an escape dotenv knows: kept as written.
                other => {
                    value.push('\\');
                    value.push(other);
                }
            },
            other => value.push(other),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Vec<(String, String)> {
        parse_dotenv(text).unwrap()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn reads_dotenv_files_as_dotenv_does() {
        let text = "# a comment\n\nPLAIN=value\nexport EXPORTED=yes\n  SPACED = around  \n\
INLINE=kept # dropped\nHASH=a#b\nEMPTY=\nSINGLE='it is' \nLITERAL='a\\nb # not a comment'\n\
DOUBLE=\"say \\\"hi\\\"\\n\" # after\nMULTI=\"one\ntwo\"\nBACK=`x`\nURL=postgres://u:p@h/db?x=1\n";
        assert_eq!(
            parsed(text),
            pairs(&[
                ("PLAIN", "value"),
                ("EXPORTED", "yes"),
                ("SPACED", "around"),
                ("INLINE", "kept"),
                ("HASH", "a"),
                ("EMPTY", ""),
                ("SINGLE", "it is"),
                ("LITERAL", "a\\nb # not a comment"),
                ("DOUBLE", "say \"hi\"\n"),
                ("MULTI", "one\ntwo"),
                ("BACK", "x"),
                ("URL", "postgres://u:p@h/db?x=1"),
            ])
        );
    }

    #[test]
    fn errors_name_the_line() {
        let error = |text: &str| parse_dotenv(text).unwrap_err();
        assert_eq!(
            error("A=1\n\nnot a statement\n"),
            "line 3: expected NAME=value"
        );
        assert_eq!(error("A=1\nA=2\n"), "line 2: A is already set on line 1");
        assert_eq!(
            error("A=\"open\n\n"),
            "line 1: the value's \" is never closed"
        );
        assert_eq!(error("=1\n"), "line 1: the variable has no name");
        assert!(error("A=\"x\" y\n").starts_with("line 1: unexpected"));
        // Lines are counted across multi-line values.
        assert_eq!(error("A=\"x\ny\"\nB\n"), "line 3: expected NAME=value");
    }

    #[test]
    fn what_env_list_prints_env_replace_reads_back() {
        let values = [
            "plain",
            "",
            " padded ",
            "a#b",
            "quote\"d",
            "it's",
            "back\\slash",
            "two\nlines",
            "tab\there",
            "`tick`",
            "é",
        ];
        let text: String = values
            .iter()
            .enumerate()
            .map(|(index, value)| format!("V{index}={}\n", dotenv_value(value)))
            .collect();
        let expected: Vec<(String, String)> = values
            .iter()
            .enumerate()
            .map(|(index, value)| (format!("V{index}"), value.to_string()))
            .collect();
        assert_eq!(parsed(&text), expected);
        assert_eq!(dotenv_value("plain"), "plain");
    }
}
