//! `cleverkit curl`: any request, signed, like `clever curl` but without curl.

use std::io::{self, Read, Write};

use clap::Args;
use cleverkit::ApiRequest;

use crate::{Global, Outcome};

#[derive(Args)]
#[command(
    about = "Send any request to the API, authenticated, and print the response body",
    after_help = "A relative path goes to the API (OAuth credentials) or to the bridge (an API \
token); an absolute URL must be on one of the two hosts: credentials go nowhere else.\n\n\
Examples:\n  cleverkit curl /v2/self\n  cleverkit curl -i /v4/products/zones\n  \
cleverkit curl -X PUT --json -d '{\"name\":\"Ada\"}' /v2/self\n  \
cleverkit curl -d @body.json --json -X POST /v2/organisations\n  \
cleverkit curl /v4/billing/organisations/orga_…/invoices/1234.pdf -H 'Accept: application/pdf' > 1234.pdf"
)]
pub struct CurlArgs {
    /// The method (default: GET, or POST with -d).
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    method: Option<String>,
    /// An extra header; repeatable. Authorization is always the tool's own.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// The request body; @FILE reads it from a file, @- from standard input. Sent as a form
    /// unless -H sets a Content-Type or --json is given.
    #[arg(short = 'd', long = "data", value_name = "BODY")]
    data: Option<String>,
    /// Send and accept JSON (Content-Type and Accept: application/json).
    #[arg(long)]
    json: bool,
    /// Print the status line and the response headers before the body.
    #[arg(short = 'i', long = "include")]
    include: bool,
    /// A path such as /v2/self, or an absolute URL on the API or bridge host.
    #[arg(value_name = "PATH_OR_URL")]
    target: String,
}

pub fn run(global: &Global, args: CurlArgs) -> Outcome {
    let client = global.client()?;
    let method = args
        .method
        .unwrap_or_else(|| if args.data.is_some() { "POST" } else { "GET" }.to_owned());
    let mut request = ApiRequest::new(method, args.target);
    for header in &args.headers {
        let (name, value) = header
            .split_once(':')
            .filter(|(name, _)| !name.trim().is_empty())
            .ok_or_else(|| {
                cleverkit::Error::InvalidInput(format!("-H {header:?} is not \"Name: value\""))
            })?;
        request = request.header(name.trim(), value.trim());
    }
    let has = |request: &ApiRequest, header: &str| {
        request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(header))
    };
    // -H wins over what --json and -d imply, so that one request never carries two values.
    if args.json && !has(&request, "accept") {
        request = request.header("Accept", "application/json");
    }
    if let Some(data) = &args.data {
        request.body = Some(read_body(data)?);
    }
    if !has(&request, "content-type") {
        if args.json {
            request = request.header("Content-Type", "application/json");
        } else if args.data.is_some() {
            // What curl sends for -d, and what OAuth 1.0a signs parameter by parameter.
            request = request.header("Content-Type", "application/x-www-form-urlencoded");
        }
    }

    let response = client.request(&request)?;
    let mut stdout = io::stdout().lock();
    if args.include {
        writeln!(stdout, "HTTP {}", response.status)?;
        for (name, value) in &response.headers {
            writeln!(stdout, "{name}: {value}")?;
        }
        writeln!(stdout)?;
    }
    stdout.write_all(&response.body)?;
    stdout.flush()?;
    Ok(())
}

/// `-d`'s bytes: the text itself, or a file's or standard input's content after `@`.
fn read_body(data: &str) -> Result<Vec<u8>, cleverkit::Error> {
    let unreadable =
        |what: &str, err: io::Error| cleverkit::Error::InvalidInput(format!("-d {what}: {err}"));
    match data.strip_prefix('@') {
        Some("-") => {
            let mut body = Vec::new();
            io::stdin()
                .read_to_end(&mut body)
                .map_err(|err| unreadable("@-", err))?;
            Ok(body)
        }
        Some(path) => std::fs::read(path).map_err(|err| unreadable(data, err)),
        None => Ok(data.as_bytes().to_vec()),
    }
}
