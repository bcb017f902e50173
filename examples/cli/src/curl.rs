//! `cleverkit curl`: any request, signed, with curl's flags, output and exit statuses, so that
//! scripts written for `clever curl` (a wrapper of curl) run unchanged.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{IpAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};
use cleverkit::{ApiRequest, Response};

use crate::exit::Exit;
use crate::{Failure, Global, Outcome};

/// The curl flags this command takes, for its usage line: an unknown flag's error shows it.
const USAGE: &str = "cleverkit curl [FLAGS] <URL>\n\n\
Supported curl flags: -s -S -o -D -w -i -I -f --fail-with-body -L -G -d --data-raw --data-binary \
--data-urlencode --json -H -X -A -m --connect-timeout --retry --retry-delay --retry-max-time \
--compressed --cacert --url -v (short flags combine: -sSfL)";

#[derive(Args)]
#[command(
    about = "Send any request to the API, signed, with curl's flags and exit statuses",
    override_usage = USAGE,
    // curl's --compressed: the responses are always asked for gzip and read decompressed.
    arg = Arg::new("compressed").long("compressed").action(ArgAction::SetTrue)
        .help("Accepted for curl: responses are always asked for compressed (gzip)"),
    after_help = "A relative path goes to the API (OAuth credentials) or to the bridge (an API \
token); an absolute URL must be on one of the two hosts: credentials go nowhere else. Redirects \
on the same host are always followed and signed again; -L also follows those to another host, \
without credentials. As with curl, an HTTP error status prints its body and exits 0 unless -f \
is given; `cleverkit --help` lists the exit statuses.\n\n\
-w variables: http_code (response_code), http_version, size_download, size_header, size_upload, \
num_headers, time_total, time_starttransfer (here the time to the whole response), \
content_type, url_effective, url, redirect_url, remote_ip, remote_port, method, scheme, \
filename_effective, exitcode, errormsg, and %header{NAME}.\n\n\
Examples:\n  cleverkit curl /v2/self | jq -r .email\n  \
cleverkit curl -sS -w '%{http_code}\\n' -o /dev/null /v2/self\n  \
cleverkit curl -fsS -i /v4/products/zones\n  \
cleverkit curl -G --data-urlencode 'tag=region:eu' /v4/products/zones\n  \
cleverkit curl -X PUT --json '{\"name\":\"Ada\"}' /v2/self\n  \
cleverkit curl -d @body.json -H 'Content-Type: application/json' /v2/organisations\n  \
cleverkit curl -H 'Accept: application/pdf' -o 1234.pdf /v4/billing/organisations/orga_…/invoices/1234.pdf"
)]
pub struct CurlArgs {
    /// No error messages on stderr about the transfer (there is no progress meter to hide);
    /// refused options and configuration errors are still printed, as curl does.
    #[arg(short = 's', long)]
    silent: bool,
    /// With -s, still print error messages.
    #[arg(short = 'S', long)]
    show_error: bool,
    /// Write the body (and with -i the headers) to FILE instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write the status line and headers to FILE (- for stdout, before the body).
    #[arg(short = 'D', long, value_name = "FILE")]
    dump_header: Option<PathBuf>,
    /// Print FORMAT on stdout at the end: %{http_code}, %{time_total}, %header{NAME}… (the
    /// list is below), \n \r \t, %%; @FILE reads FORMAT from a file.
    #[arg(short = 'w', long, value_name = "FORMAT", value_parser = WriteOut::parse)]
    write_out: Option<WriteOut>,
    /// Print the status line (HTTP/1.1 404 Not Found) and the headers before the body.
    #[arg(short = 'i', long)]
    include: bool,
    /// Send HEAD and print the status line and the headers.
    #[arg(short = 'I', long)]
    head: bool,
    /// On an HTTP error status (400 and up) print no body and exit 22.
    #[arg(short = 'f', long)]
    fail: bool,
    /// On an HTTP error status print the body, and exit 22.
    #[arg(long)]
    fail_with_body: bool,
    /// Follow redirects to another host too, without credentials.
    #[arg(short = 'L', long)]
    location: bool,
    /// Put the data of -d, --data-urlencode… in the query string of a GET.
    #[arg(short = 'G', long)]
    get: bool,
    #[command(flatten)]
    data: Data,
    /// An extra header, repeatable. Not Authorization: the tool signs every request.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// The method (default: GET; POST with data; HEAD with -I).
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    method: Option<String>,
    /// Appended to CleverKit's own User-Agent (so is a User-Agent given with -H).
    #[arg(short = 'A', long, value_name = "NAME")]
    user_agent: Option<String>,
    /// Give up after this many seconds (fractions allowed).
    #[arg(short = 'm', long, value_name = "SECONDS", value_parser = seconds)]
    max_time: Option<Duration>,
    /// Give up connecting after this many seconds (fractions allowed).
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    connect_timeout: Option<Duration>,
    /// Retry this many times after a timeout, a refused or cut connection or a 408, 429, 500,
    /// 502, 503 or 504, whatever the method (default: none, as curl).
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    retry: u32,
    /// Wait this long between retries (default: Retry-After, else 1 s doubling up to 10 min).
    #[arg(long, value_name = "SECONDS", value_parser = seconds_or_zero)]
    retry_delay: Option<Duration>,
    /// Start no retry once this many seconds have passed since the first attempt.
    #[arg(long, value_name = "SECONDS", value_parser = seconds_or_zero)]
    retry_max_time: Option<Duration>,
    /// Trust the certificate authorities of this PEM file too, beside Mozilla's roots.
    #[arg(long, value_name = "FILE")]
    cacert: Option<PathBuf>,
    /// Refused: it would send your credentials to whoever answers. Use --cacert FILE.
    #[arg(short = 'k', long)]
    insecure: bool,
    /// Refused: the trace would hold your credentials. Use -v, which leaves them out.
    #[arg(long, value_name = "FILE")]
    trace_ascii: Option<String>,
    /// Refused, as --trace-ascii.
    #[arg(long, value_name = "FILE")]
    trace: Option<String>,
    /// The URL, as the positional URL (one or the other).
    #[arg(
        long = "url",
        id = "url_option",
        value_name = "URL",
        conflicts_with = "url",
        required_unless_present = "url"
    )]
    url_option: Option<String>,
    /// A path such as /v2/self, or an absolute URL on the API or bridge host.
    #[arg(value_name = "URL")]
    url: Option<String>,
}

pub fn run(global: &Global, args: CurlArgs) -> Outcome {
    let quiet = args.silent && !args.show_error;
    let outcome = send(global, args);
    match outcome {
        Err(failure) if quiet && !shown_when_silent(&failure) => {
            Err(Failure::Quiet(Box::new(failure)))
        }
        outcome => outcome,
    }
}

/// curl's -s hides what went wrong with the transfer, never a refused option: a usage error
/// (2) or a configuration error (110, no credentials…) is printed all the same.
fn shown_when_silent(failure: &Failure) -> bool {
    matches!(
        crate::exit::report(failure).0,
        Exit::Usage | Exit::Configuration
    )
}

fn send(global: &Global, mut args: CurlArgs) -> Outcome {
    if args.insecure {
        return Err(usage(
            "-k/--insecure is refused: without certificate checks, whoever answers gets your \
             credentials. To trust a private authority, give its certificate: --cacert FILE",
        ));
    }
    if let Some(flag) = [
        ("--trace-ascii", &args.trace_ascii),
        ("--trace", &args.trace),
    ]
    .into_iter()
    .find_map(|(flag, file)| file.is_some().then_some(flag))
    {
        return Err(usage(&format!(
            "{flag} is not supported: the trace would hold the Authorization header, your \
             credentials. -v prints the request and response heads without them"
        )));
    }
    if let Some(url) = args.url_option.take() {
        args.url = Some(url);
    }
    if let Some(write_out) = &args.write_out {
        write_out.warn_about_unknown_variables();
    }
    let (request, user_agent) = build_request(&args)?;
    let mut options = global.options();
    // Retries are curl's, below: its delays, Retry-After, --retry-max-time.
    options.max_retries = 0;
    if let Some(agent) = user_agent {
        options.user_agent_suffix = Some(format!("cli {agent}"));
    }
    if let Some(max_time) = args.max_time {
        options.timeout = max_time;
        options.connect_timeout = options.connect_timeout.min(max_time);
    }
    if let Some(connect_timeout) = args.connect_timeout {
        options.connect_timeout = connect_timeout;
    }
    options.ca_bundle = args.cacert.clone();
    let client = global.client_with(options)?;

    if global.verbose {
        eprintln!("> {} {}", request.method, request.path);
        for (name, value) in &request.headers {
            eprintln!("> {name}: {value}");
        }
    }
    let started = Instant::now();
    let sent = send_with_retries(&client, &request, &args, started, global.verbose);
    let elapsed = started.elapsed();
    let given_url = args.url.as_deref().unwrap_or_default();
    let (url, response) = match sent {
        Ok(answered) => answered,
        Err(error) => {
            // curl prints -w even when there is no response: `000` as the status.
            if let Some(write_out) = &args.write_out {
                let mut transfer = Transfer::failed(given_url, &request.method, elapsed);
                transfer.exit_code = Exit::of(&error).code();
                transfer.error = error.to_string();
                write_out.write(&transfer)?;
            }
            return Err(error.into());
        }
    };
    let head = status_line_and_headers(&response);
    if let Some(path) = args
        .dump_header
        .as_ref()
        .filter(|path| path.as_os_str() != "-")
    {
        write_output(Some(path), &[Some(head.as_bytes())])?;
    }
    let include_head = args.include || args.head;
    let to_stdout = |path: &PathBuf| path.as_os_str() == "-";
    let dump_to_stdout = args.dump_header.as_ref().is_some_and(to_stdout);
    let output_to_stdout = args.output.as_ref().is_none_or(to_stdout);
    // curl writes each header line to -D's stream, then to the output's: with -D - and -i
    // on stdout, every line comes twice in a row.
    let shown_head = if dump_to_stdout && include_head && output_to_stdout {
        head.split_inclusive('\n')
            .flat_map(|line| [line, line])
            .collect()
    } else {
        if dump_to_stdout {
            write_output(None, &[Some(head.as_bytes())])?;
        }
        head.clone()
    };
    if global.verbose {
        for line in head.lines() {
            eprintln!("< {line}");
        }
    }
    let failed = (args.fail || args.fail_with_body) && response.status >= 400;
    // curl's -f shows the head (with -i) but not the body, and creates no file for nothing.
    let hides_body = args.head || (failed && !args.fail_with_body);
    let body = (!hides_body).then_some(response.body.as_slice());
    let shown = [include_head.then_some(shown_head.as_bytes()), body];
    if !(failed && shown.iter().all(Option::is_none)) {
        write_output(args.output.as_ref(), &shown)?;
    }
    // The core's words for a failed status, as every other command prints them.
    let message = failed.then(|| {
        client.error_for(&response, &url).map_or_else(
            || format!("HTTP {}", response.status),
            |error| error.to_string(),
        )
    });
    if let Some(write_out) = &args.write_out {
        let mut transfer = Transfer::answered(&url, &response, elapsed);
        transfer.given_url = given_url.to_owned();
        transfer.method = request.method.clone();
        transfer.size_upload = request.body.as_ref().map_or(0, Vec::len);
        transfer.size_header = head.len();
        transfer.output = args
            .output
            .as_ref()
            .filter(|path| path.as_os_str() != "-")
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        if let Some(message) = &message {
            transfer.exit_code = Exit::HttpError.code();
            transfer.error.clone_from(message);
        }
        write_out.write(&transfer)?;
    }
    match message {
        Some(message) => Err(Failure::Own(Exit::HttpError, message)),
        None => Ok(()),
    }
}

/// curl's --retry: after a transient failure (a timeout, a refused or cut connection, an HTTP
/// 408, 429, 500, 502, 503 or 504), wait --retry-delay, else Retry-After, else 1 s doubling up
/// to 10 minutes; start no attempt past --retry-max-time.
fn send_with_retries(
    client: &cleverkit::Client,
    request: &ApiRequest,
    args: &CurlArgs,
    started: Instant,
    verbose: bool,
) -> Result<(String, Response), cleverkit::Error> {
    let mut attempt = 0;
    loop {
        let sent = client.request_any_status(request, args.location);
        let (problem, retry_after) = match &sent {
            Ok((_, response)) if matches!(response.status, 408 | 429 | 500 | 502 | 503 | 504) => {
                let retry_after = response
                    .header("retry-after")
                    .and_then(|value| value.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                (format!("HTTP {}", response.status), retry_after)
            }
            Err(error) if is_transient(error) => (error.to_string(), None),
            _ => return sent,
        };
        if attempt >= args.retry {
            return sent;
        }
        let wait = args
            .retry_delay
            .filter(|delay| !delay.is_zero())
            .or(retry_after)
            .unwrap_or_else(|| Duration::from_secs(1 << attempt.min(9)).min(MAX_RETRY_WAIT));
        if args
            .retry_max_time
            .filter(|budget| !budget.is_zero())
            .is_some_and(|budget| started.elapsed() + wait > budget)
        {
            return sent;
        }
        let left = args.retry - attempt;
        if !args.silent || verbose {
            eprintln!(
                "cleverkit: {problem}: retrying in {:.1} s, {left} {} left",
                wait.as_secs_f64(),
                if left == 1 { "retry" } else { "retries" }
            );
        }
        std::thread::sleep(wait);
        attempt += 1;
    }
}

/// curl's longest wait between retries.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(600);

fn is_transient(error: &cleverkit::Error) -> bool {
    use cleverkit::{Error, TransportKind};
    matches!(
        error,
        Error::Timeout(_)
            | Error::Transport {
                kind: TransportKind::Connect | TransportKind::Interrupted,
                ..
            }
    )
}

fn usage(message: &str) -> Failure {
    Failure::Own(Exit::Usage, message.to_owned())
}

/// The request the flags describe, and the User-Agent addition (-A, or -H User-Agent).
fn build_request(args: &CurlArgs) -> Result<(ApiRequest, Option<String>), Failure> {
    let url = args.url.as_deref().unwrap_or_default();
    check_url(url)?;
    let mut user_agent = args.user_agent.clone();
    let mut headers = Vec::new();
    for header in &args.headers {
        let (name, value) = header
            .split_once(':')
            .map(|(name, value)| (name.trim(), value.trim()))
            .filter(|(name, _)| !name.is_empty())
            .ok_or_else(|| usage(&format!("-H {header:?} is not \"Name: value\"")))?;
        if name.eq_ignore_ascii_case("authorization") {
            return Err(usage(
                "-H Authorization is refused: cleverkit signs every request with your \
                 credentials (CLEVER_TOKEN, CLEVER_API_TOKEN or the clever-tools profile)",
            ));
        }
        if name.eq_ignore_ascii_case("user-agent") {
            user_agent = Some(value.to_owned());
        } else {
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    let has = |wanted: &str| {
        headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(wanted))
    };
    let data = args.data.read()?;
    let mut json_headers = Vec::new();
    if data.as_ref().is_some_and(|data| data.json) {
        for name in ["Content-Type", "Accept"] {
            if !has(name) {
                json_headers.push((name.to_owned(), "application/json".to_owned()));
            }
        }
    }
    let mut target = url.to_owned();
    let mut body = None;
    match data {
        Some(data) if args.get => {
            let separator = if target.contains('?') { '&' } else { '?' };
            target = format!(
                "{target}{separator}{}",
                String::from_utf8_lossy(&data.bytes)
            );
        }
        Some(data) => {
            if !has("content-type") && !data.json {
                // What curl sends for -d, and what OAuth 1.0a signs parameter by parameter.
                headers.push((
                    "Content-Type".to_owned(),
                    "application/x-www-form-urlencoded".to_owned(),
                ));
            }
            body = Some(data.bytes);
        }
        None => {}
    }
    let method = match &args.method {
        Some(method) => method.clone(),
        None if args.head => "HEAD".to_owned(),
        None if body.is_some() => "POST".to_owned(),
        None => "GET".to_owned(),
    };
    let mut request = ApiRequest::new(method, target);
    request.headers = headers.into_iter().chain(json_headers).collect();
    request.body = body;
    Ok((request, user_agent))
}

/// A path, or an http(s) URL with a host: anything else is curl's "malformed URL" (3).
fn check_url(url: &str) -> Result<(), Failure> {
    let has_host = |rest: &str| !rest.is_empty() && !rest.starts_with(['/', '?', '#']);
    let well_formed = url.starts_with('/')
        || ["http://", "https://"].iter().any(|scheme| {
            url.get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
                && has_host(&url[scheme.len()..])
        });
    if well_formed {
        Ok(())
    } else {
        Err(Failure::Own(
            Exit::MalformedUrl,
            format!("malformed URL {url:?}: give a path such as /v2/self or an https:// URL"),
        ))
    }
}

/// `HTTP/1.1 404 Not Found`, then each header, then the blank line, with CRLF as on the wire.
/// Header names come lower-cased from the HTTP library: they are written in the usual
/// Title-Case (`Content-Type`), which is what HTTP/1.1 servers send.
fn status_line_and_headers(response: &Response) -> String {
    let reason = ureq::http::StatusCode::from_u16(response.status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("");
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{}: {value}\r\n", title_case(name)));
    }
    head.push_str("\r\n");
    head
}

fn title_case(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes the pieces to FILE, or to stdout (also for `-o -`). The file is created only now,
/// once there is a response, as curl does.
fn write_output(output: Option<&PathBuf>, pieces: &[Option<&[u8]>]) -> Outcome {
    let Some(path) = output.filter(|path| path.as_os_str() != "-") else {
        let mut stdout = io::stdout().lock();
        for piece in pieces.iter().flatten() {
            stdout.write_all(piece)?;
        }
        stdout.flush()?;
        return Ok(());
    };
    let cannot_write = |err: io::Error| {
        Failure::Own(
            Exit::CannotWrite,
            format!("cannot write {}: {err}", path.display()),
        )
    };
    let mut file = File::create(path).map_err(cannot_write)?;
    for piece in pieces.iter().flatten() {
        file.write_all(piece).map_err(cannot_write)?;
    }
    file.flush().map_err(cannot_write)
}

/// `--retry-delay 0`: seconds, fractions allowed, zero too (curl's "the default").
fn seconds_or_zero(text: &str) -> Result<Duration, String> {
    if text.parse::<f64>().is_ok_and(|seconds| seconds == 0.0) {
        return Ok(Duration::ZERO);
    }
    seconds(text)
}

/// `-m 2.5`: seconds, fractions allowed, more than zero.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("{text:?} is not a number of seconds above 0"))
}

/// What -w can report about a transfer.
struct Transfer<'a> {
    status: Option<u16>,
    size: usize,
    elapsed: Duration,
    content_type: &'a str,
    /// The URL the answer came from (after redirects).
    url: &'a str,
    /// The URL as given on the command line.
    given_url: String,
    method: String,
    headers: &'a [(String, String)],
    size_header: usize,
    size_upload: usize,
    /// The -o file, empty for stdout.
    output: String,
    exit_code: u8,
    error: String,
}

impl<'a> Transfer<'a> {
    fn answered(url: &'a str, response: &'a Response, elapsed: Duration) -> Self {
        Transfer {
            status: Some(response.status),
            size: response.body.len(),
            elapsed,
            content_type: response.header("content-type").unwrap_or(""),
            url,
            given_url: url.to_owned(),
            method: String::new(),
            headers: &response.headers,
            size_header: 0,
            size_upload: 0,
            output: String::new(),
            exit_code: 0,
            error: String::new(),
        }
    }

    fn failed(url: &'a str, method: &str, elapsed: Duration) -> Self {
        Transfer {
            status: None,
            size: 0,
            elapsed,
            content_type: "",
            url,
            given_url: url.to_owned(),
            method: method.to_owned(),
            headers: &[],
            size_header: 0,
            size_upload: 0,
            output: String::new(),
            exit_code: 0,
            error: String::new(),
        }
    }

    /// The host and port that answered, `None` when nothing did.
    fn remote(&self) -> Option<(&str, u16)> {
        self.status?;
        let (scheme, rest) = self.url.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        let authority = authority.rsplit('@').next()?;
        let default_port = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, port.parse().ok()?),
            _ => (authority, default_port),
        };
        Some((host.trim_start_matches('[').trim_end_matches(']'), port))
    }

    /// The address the host resolves to first: the one connected to, unless a proxy stands
    /// between.
    fn remote_ip(&self) -> Option<IpAddr> {
        let (host, port) = self.remote()?;
        match host.parse::<IpAddr>() {
            Ok(ip) => Some(ip),
            Err(_) => Some((host, port).to_socket_addrs().ok()?.next()?.ip()),
        }
    }

    /// Where a 3xx not followed points, as an absolute URL.
    fn redirect_url(&self) -> String {
        let location = match self.status {
            Some(300..=399) => header(self.headers, "location").unwrap_or_default(),
            _ => String::new(),
        };
        if location.starts_with('/') {
            let origin_end = self
                .url
                .find("://")
                .and_then(|at| self.url[at + 3..].find('/').map(|end| at + 3 + end))
                .unwrap_or(self.url.len());
            format!("{}{location}", &self.url[..origin_end])
        } else {
            location
        }
    }
}

/// Every value of a header, joined with ", " as curl's %header{} joins them.
fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> = headers
        .iter()
        .filter(|(header, _)| header.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// A parsed -w FORMAT: text and variables, expanded once the transfer is over.
#[derive(Debug, Clone, PartialEq)]
struct WriteOut(Vec<Piece>);

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Variable(Variable),
    /// `%header{name}`.
    Header(String),
    /// curl warns about a variable it does not know and writes nothing for it.
    Unknown(String),
}

/// The -w variables, by curl's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variable {
    HttpCode,
    HttpVersion,
    SizeDownload,
    SizeHeader,
    SizeUpload,
    NumHeaders,
    TimeTotal,
    TimeStartTransfer,
    ContentType,
    UrlEffective,
    Url,
    RedirectUrl,
    RemoteIp,
    RemotePort,
    Method,
    Scheme,
    FilenameEffective,
    ExitCode,
    ErrorMessage,
}

impl Variable {
    const ALL: [(&'static str, Variable); 20] = [
        ("http_code", Variable::HttpCode),
        ("response_code", Variable::HttpCode),
        ("http_version", Variable::HttpVersion),
        ("size_download", Variable::SizeDownload),
        ("size_header", Variable::SizeHeader),
        ("size_upload", Variable::SizeUpload),
        ("num_headers", Variable::NumHeaders),
        ("time_total", Variable::TimeTotal),
        ("time_starttransfer", Variable::TimeStartTransfer),
        ("content_type", Variable::ContentType),
        ("url_effective", Variable::UrlEffective),
        ("url", Variable::Url),
        ("redirect_url", Variable::RedirectUrl),
        ("remote_ip", Variable::RemoteIp),
        ("remote_port", Variable::RemotePort),
        ("method", Variable::Method),
        ("scheme", Variable::Scheme),
        ("filename_effective", Variable::FilenameEffective),
        ("exitcode", Variable::ExitCode),
        ("errormsg", Variable::ErrorMessage),
    ];

    fn named(name: &str) -> Option<Variable> {
        Variable::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, variable)| *variable)
    }

    fn expand(self, transfer: &Transfer) -> String {
        let answered = transfer.status.is_some();
        let seconds = |elapsed: Duration| format!("{:.6}", elapsed.as_secs_f64());
        match self {
            Variable::HttpCode => format!("{:03}", transfer.status.unwrap_or(0)),
            // The core speaks HTTP/1.1 only.
            Variable::HttpVersion => if answered { "1.1" } else { "0" }.to_owned(),
            Variable::SizeDownload => transfer.size.to_string(),
            Variable::SizeHeader => transfer.size_header.to_string(),
            Variable::SizeUpload => transfer.size_upload.to_string(),
            Variable::NumHeaders => transfer.headers.len().to_string(),
            Variable::TimeTotal => seconds(transfer.elapsed),
            // The body is read whole with the head: the total is what can be told.
            Variable::TimeStartTransfer if answered => seconds(transfer.elapsed),
            Variable::TimeStartTransfer => seconds(Duration::ZERO),
            Variable::ContentType => transfer.content_type.to_owned(),
            Variable::UrlEffective => transfer.url.to_owned(),
            Variable::Url => transfer.given_url.clone(),
            Variable::RedirectUrl => transfer.redirect_url(),
            Variable::RemoteIp => transfer
                .remote_ip()
                .map(|ip| ip.to_string())
                .unwrap_or_default(),
            Variable::RemotePort => transfer.remote().map_or(0, |(_, port)| port).to_string(),
            Variable::Method => transfer.method.to_ascii_uppercase(),
            Variable::Scheme if answered => transfer
                .url
                .split_once("://")
                .map(|(scheme, _)| scheme.to_ascii_uppercase())
                .unwrap_or_default(),
            Variable::Scheme => String::new(),
            Variable::FilenameEffective => transfer.output.clone(),
            Variable::ExitCode => transfer.exit_code.to_string(),
            Variable::ErrorMessage => transfer.error.clone(),
        }
    }
}

impl WriteOut {
    /// curl's rules: `%{name}`, `%header{name}`, `%%` for `%`, `\n` `\r` `\t`; any other `\`
    /// stays as it is.
    fn parse(format: &str) -> Result<WriteOut, String> {
        let format = match format.strip_prefix('@') {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|err| format!("cannot read the format from {path}: {err}"))?,
            None => format.to_owned(),
        };
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut rest = format.as_str();
        while let Some(c) = rest.chars().next() {
            let escaped = match (c, rest.as_bytes().get(1)) {
                ('%', Some(b'%')) => Some('%'),
                ('\\', Some(b'n')) => Some('\n'),
                ('\\', Some(b'r')) => Some('\r'),
                ('\\', Some(b't')) => Some('\t'),
                _ => None,
            };
            if let Some(escaped) = escaped {
                text.push(escaped);
                rest = &rest[2..];
                continue;
            }
            let variable = rest
                .strip_prefix("%{")
                .and_then(|inner| inner.split_once('}'))
                .map(|(name, after)| {
                    let piece = Variable::named(name)
                        .map_or_else(|| Piece::Unknown(name.to_owned()), Piece::Variable);
                    (piece, after)
                })
                .or_else(|| {
                    let (name, after) = rest.strip_prefix("%header{")?.split_once('}')?;
                    Some((Piece::Header(name.to_owned()), after))
                });
            if let Some((piece, after)) = variable {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(piece);
                rest = after;
                continue;
            }
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(WriteOut(pieces))
    }

    fn warn_about_unknown_variables(&self) {
        for piece in &self.0 {
            if let Piece::Unknown(name) = piece {
                let known: Vec<&str> = Variable::ALL.iter().map(|(name, _)| *name).collect();
                eprintln!(
                    "cleverkit: unknown --write-out variable {name:?} (known: {}, and %header{{NAME}})",
                    known.join(", ")
                );
            }
        }
    }

    fn expand(&self, transfer: &Transfer) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Variable(variable) => out.push_str(&variable.expand(transfer)),
                Piece::Header(name) => {
                    out.push_str(&header(transfer.headers, name).unwrap_or_default());
                }
                Piece::Unknown(_) => {}
            }
        }
        out
    }

    /// Always to stdout, after the body, even with -o: as curl.
    fn write(&self, transfer: &Transfer) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        stdout.write_all(self.expand(transfer).as_bytes())?;
        stdout.flush()
    }
}

/// The data flags in command-line order: curl joins their pieces with `&` in that order
/// (clap keeps one list per flag, so the order comes from the values' indices).
struct Data(Vec<(DataFlag, String)>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataFlag {
    Data,
    Raw,
    Binary,
    UrlEncode,
    Json,
}

/// The body (or with -G, the query) the data flags make.
struct Payload {
    bytes: Vec<u8>,
    /// --json was given: sent and accepted as JSON.
    json: bool,
}

impl DataFlag {
    const ALL: [DataFlag; 5] = [
        DataFlag::Data,
        DataFlag::Raw,
        DataFlag::Binary,
        DataFlag::UrlEncode,
        DataFlag::Json,
    ];

    fn id(self) -> &'static str {
        match self {
            DataFlag::Data => "data",
            DataFlag::Raw => "data-raw",
            DataFlag::Binary => "data-binary",
            DataFlag::UrlEncode => "data-urlencode",
            DataFlag::Json => "json",
        }
    }

    fn arg(self) -> Arg {
        let help = match self {
            DataFlag::Data => {
                "Send DATA as a form (POST); @FILE reads it from a file without its line \
                 breaks, @- from stdin. Repeatable: joined with &"
            }
            DataFlag::Raw => "Like -d, but an @ is just an @",
            DataFlag::Binary => "Like -d, but @FILE is sent byte for byte",
            DataFlag::UrlEncode => {
                "Like -d, URL-encoded: CONTENT, =CONTENT, NAME=CONTENT, @FILE or NAME@FILE"
            }
            DataFlag::Json => {
                "Send DATA as JSON (Content-Type and Accept: application/json); @FILE, @-"
            }
        };
        let arg = Arg::new(self.id())
            .long(self.id())
            .value_name("DATA")
            .action(ArgAction::Append)
            .help(help);
        match self {
            DataFlag::Data => arg.short('d'),
            _ => arg,
        }
    }

    /// One piece's bytes; `@FILE` and `@-` are read where curl reads them.
    fn read(self, value: &str) -> Result<Vec<u8>, Failure> {
        match self {
            DataFlag::Raw => Ok(value.as_bytes().to_vec()),
            DataFlag::Data => match value.strip_prefix('@') {
                Some(name) => {
                    let mut bytes = read_input(name)?;
                    bytes.retain(|byte| !matches!(byte, b'\r' | b'\n'));
                    Ok(bytes)
                }
                None => Ok(value.as_bytes().to_vec()),
            },
            DataFlag::Binary | DataFlag::Json => match value.strip_prefix('@') {
                Some(name) => read_input(name),
                None => Ok(value.as_bytes().to_vec()),
            },
            DataFlag::UrlEncode => {
                let (name, content) = match value.find(['=', '@']) {
                    Some(at) if value.as_bytes()[at] == b'@' => {
                        (&value[..at], read_input(&value[at + 1..])?)
                    }
                    Some(at) => (&value[..at], value.as_bytes()[at + 1..].to_vec()),
                    None => ("", value.as_bytes().to_vec()),
                };
                let encoded = url_encode(&content);
                Ok(if name.is_empty() {
                    encoded
                } else {
                    format!("{name}={encoded}")
                }
                .into_bytes())
            }
        }
    }
}

impl Data {
    /// The payload, `None` without data flags.
    fn read(&self) -> Result<Option<Payload>, Failure> {
        if self.0.is_empty() {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        for (index, (flag, value)) in self.0.iter().enumerate() {
            // curl appends --json pieces as they are, the others after an `&`.
            if index > 0 && *flag != DataFlag::Json {
                bytes.push(b'&');
            }
            bytes.extend(flag.read(value)?);
        }
        let json = self.0.iter().any(|(flag, _)| *flag == DataFlag::Json);
        Ok(Some(Payload { bytes, json }))
    }
}

impl FromArgMatches for Data {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut pieces: Vec<(usize, DataFlag, String)> = Vec::new();
        for flag in DataFlag::ALL {
            if let (Some(values), Some(indices)) = (
                matches.get_many::<String>(flag.id()),
                matches.indices_of(flag.id()),
            ) {
                pieces.extend(
                    indices
                        .zip(values)
                        .map(|(index, value)| (index, flag, value.clone())),
                );
            }
        }
        pieces.sort_by_key(|(index, ..)| *index);
        Ok(Data(
            pieces
                .into_iter()
                .map(|(_, flag, value)| (flag, value))
                .collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for Data {
    fn augment_args(command: Command) -> Command {
        DataFlag::ALL
            .into_iter()
            .fold(command, |command, flag| command.arg(flag.arg()))
    }

    fn augment_args_for_update(command: Command) -> Command {
        Self::augment_args(command)
    }
}

/// A file's bytes, or stdin's for `-`; exit 26 (curl's read error) when it cannot be read.
fn read_input(name: &str) -> Result<Vec<u8>, Failure> {
    let read = if name == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(name)
    };
    read.map_err(|err| Failure::Own(Exit::CannotRead, format!("cannot read @{name}: {err}")))
}

/// curl's --data-urlencode: unreserved bytes (RFC 3986) kept, spaces as `+`, the rest `%XX`.
/// curl writes lower-case hex; upper case is what the core canonicalises a query to anyway.
fn url_encode(bytes: &[u8]) -> String {
    let mut encoded = String::with_capacity(bytes.len() * 3);
    for &byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(char::from(byte));
            }
            b' ' => encoded.push('+'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_out_follows_curl_s_escapes() {
        let parsed = WriteOut::parse(r"%{http_code} %{nope}%%\n\t\x\\").unwrap();
        assert_eq!(
            parsed,
            WriteOut(vec![
                Piece::Variable(Variable::HttpCode),
                Piece::Text(" ".into()),
                Piece::Unknown("nope".into()),
                Piece::Text("%\n\t\\x\\\\".into()),
            ])
        );
        let response = Response {
            status: 404,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("x-two".into(), "a".into()),
                ("X-Two".into(), "b".into()),
            ],
            body: b"{\"id\":4004}".to_vec(),
        };
        let mut transfer = Transfer::answered(
            "https://api.clever-cloud.com/v2/x",
            &response,
            Duration::from_micros(1_500),
        );
        transfer.given_url = "/v2/x".into();
        transfer.method = "post".into();
        transfer.exit_code = 22;
        let more = WriteOut::parse(
            "%{http_version} %{num_headers} %header{X-TWO} %{url} %{method} %{scheme} %{exitcode} \
             %{remote_port} %{time_starttransfer}",
        )
        .unwrap();
        assert_eq!(
            more.expand(&transfer),
            "1.1 3 a, b /v2/x POST HTTPS 22 443 0.001500"
        );
        let all = WriteOut::parse(
            "%{response_code} %{size_download} %{time_total} %{content_type} %{url_effective}",
        )
        .unwrap();
        assert_eq!(
            all.expand(&transfer),
            "404 11 0.001500 application/json https://api.clever-cloud.com/v2/x"
        );
        let failed = Transfer::failed("/v2/x", "GET", Duration::ZERO);
        assert_eq!(
            WriteOut::parse("%{http_code} %{http_version} %{remote_ip}|%{remote_port} %{scheme}|")
                .unwrap()
                .expand(&failed),
            "000 0 |0 |"
        );
    }

    #[test]
    fn url_encoding_is_curl_s() {
        assert_eq!(url_encode("a b&c=~é".as_bytes()), "a+b%26c%3D~%C3%A9");
        assert_eq!(
            DataFlag::UrlEncode.read("q=a b").unwrap(),
            b"q=a+b".to_vec()
        );
        assert_eq!(DataFlag::UrlEncode.read("=a=b").unwrap(), b"a%3Db".to_vec());
        assert_eq!(DataFlag::UrlEncode.read("a b").unwrap(), b"a+b".to_vec());
    }

    #[test]
    fn urls_without_a_host_are_malformed() {
        for url in [
            "/v2/self",
            "https://api.clever-cloud.com/v2/self",
            "HTTP://h",
        ] {
            assert!(check_url(url).is_ok(), "{url}");
        }
        for url in ["v2/self", "https://", "http:///x", "ftp://h/x", ""] {
            assert!(check_url(url).is_err(), "{url}");
        }
    }

    #[test]
    fn headers_are_title_cased() {
        assert_eq!(title_case("sozu-id"), "Sozu-Id");
        assert_eq!(title_case("content-type"), "Content-Type");
    }
}
