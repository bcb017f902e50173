//! Wire-level faults against the stand-in: each one ends in its documented `Error` variant,
//! in bounded time, without a panic. Table-driven; every case prints one line (variant and
//! elapsed time) for RELIABILITY.md: `cargo test -p cleverkit --test faults -- --nocapture`.

use std::net::TcpListener;
use std::path::Path;
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime};

use cleverkit::oauth1::{Credentials, SignatureMethod};
use cleverkit::{ApiRequest, Client, ClientOptions, Error};
use cleverkit_standin::{self as standin, Fault, FaultAction, Listener, StandIn};

/// The peak-memory test takes it for writing: nothing else may allocate while it measures.
static MEMORY: RwLock<()> = RwLock::new(());

const TIMEOUT: Duration = Duration::from_millis(1000);

fn options(standin: &StandIn) -> ClientOptions {
    ClientOptions {
        timeout: TIMEOUT,
        connect_timeout: Duration::from_secs(2),
        max_retry_wait: Duration::from_secs(5),
        ..crate::common::standin_options(standin)
    }
}

fn client(options: ClientOptions) -> Client {
    let credentials = Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
        .unwrap()
        .with_token(standin::USER_TOKEN, standin::USER_TOKEN_SECRET)
        .with_signature_method(SignatureMethod::HmacSha512);
    Client::with_oauth1(credentials, options).unwrap()
}

/// What a case calls.
#[derive(Clone, Copy)]
enum Call {
    /// `GET /v2/self`, parsed as JSON.
    Myself,
    /// A 256 KiB invoice streamed to a file.
    Download,
}

/// A port where nothing listens: bound, then released.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

struct Case {
    name: &'static str,
    faults: Vec<Fault>,
    call: Call,
    max_retries: u32,
    /// Point the API host at a closed port.
    closed_port: bool,
    /// `Ok` or the variant expected; several when either is documented.
    expect: &'static [&'static str],
    /// The message must contain this.
    message_has: Option<&'static str>,
    /// Bounds on the call's duration.
    at_least: Duration,
    at_most: Duration,
    /// Requests the stand-in must have recorded (api listener), when known.
    requests: Option<usize>,
    /// A 429 whose `Retry-After` is an HTTP date this far ahead, computed when injected.
    retry_at: Option<Duration>,
}

impl Case {
    fn new(name: &'static str, call: Call, expect: &'static [&'static str]) -> Case {
        Case {
            name,
            faults: Vec::new(),
            call,
            max_retries: 3,
            closed_port: false,
            expect,
            message_has: None,
            at_least: Duration::ZERO,
            at_most: Duration::from_secs(3),
            requests: None,
            retry_at: None,
        }
    }

    fn fault(mut self, fault: impl Into<Fault>) -> Case {
        self.faults.push(fault.into());
        self
    }

    fn retries(mut self, max_retries: u32) -> Case {
        self.max_retries = max_retries;
        self
    }

    fn within(mut self, at_least: Duration, at_most: Duration) -> Case {
        self.at_least = at_least;
        self.at_most = at_most;
        self
    }

    fn message(mut self, text: &'static str) -> Case {
        self.message_has = Some(text);
        self
    }

    fn requests(mut self, count: usize) -> Case {
        self.requests = Some(count);
        self
    }
}

const INVOICE_BYTES: usize = 256 * 1024;

/// Runs one case on its own stand-in; returns a line for the report.
fn run(case: &Case) -> String {
    let standin = StandIn::start().unwrap();
    let mut options = options(&standin);
    options.max_retries = case.max_retries;
    if case.closed_port {
        options.api_host = Some(format!("http://127.0.0.1:{}", closed_port()));
    }
    let client = client(options);
    for fault in &case.faults {
        standin.inject(fault.clone());
    }
    if let Some(ahead) = case.retry_at {
        let date = httpdate::fmt_http_date(SystemTime::now() + ahead);
        standin.inject(status(429, Some(date)));
    }
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("invoice.pdf");
    let started = Instant::now();
    let outcome: Result<(), Error> = match case.call {
        Call::Myself => client.myself().map(|user| {
            assert_eq!(user.id, standin::USER_ID, "{}", case.name);
        }),
        Call::Download => client
            .download_invoice(
                standin::ORGANISATION_ID,
                &INVOICE_BYTES.to_string(),
                &destination,
            )
            .map(|written| assert_eq!(written, INVOICE_BYTES as u64, "{}", case.name)),
    };
    let elapsed = started.elapsed();
    let got = match &outcome {
        Ok(()) => "Ok",
        Err(error) => error.kind(),
    };
    assert!(
        case.expect.contains(&got),
        "{}: expected {:?}, got {outcome:?}",
        case.name,
        case.expect
    );
    if let (Some(text), Err(error)) = (case.message_has, &outcome) {
        assert!(
            error.to_string().contains(text),
            "{}: {error} lacks {text:?}",
            case.name
        );
    }
    assert!(
        elapsed >= case.at_least && elapsed <= case.at_most,
        "{}: took {elapsed:?}, expected {:?}..={:?}",
        case.name,
        case.at_least,
        case.at_most
    );
    if let Some(count) = case.requests {
        let api = standin
            .requests()
            .iter()
            .filter(|request| request.listener == Listener::Api)
            .count();
        assert_eq!(api, count, "{}: requests recorded", case.name);
    }
    if matches!(case.call, Call::Download) {
        assert_no_partial_file(dir.path(), &destination, outcome.is_ok(), case.name);
    }
    let message = outcome
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    format!(
        "| {} | {got} | {} ms | {} |",
        case.name,
        elapsed.as_millis(),
        message.replace('|', "\\|")
    )
}

/// A failed download leaves no file under its name and no temporary file beside it.
fn assert_no_partial_file(dir: &Path, destination: &Path, succeeded: bool, name: &str) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    if succeeded {
        assert_eq!(names, ["invoice.pdf"], "{name}");
        assert_eq!(
            std::fs::metadata(destination).unwrap().len(),
            INVOICE_BYTES as u64
        );
    } else {
        assert!(names.is_empty(), "{name}: left behind {names:?}");
    }
}

fn status(status: u16, retry_after: Option<String>) -> FaultAction {
    FaultAction::Status {
        status,
        retry_after,
        body: None,
    }
}

fn print_table(lines: &[String]) {
    eprintln!("| case | result | elapsed | message |\n| --- | --- | --- | --- |");
    for line in lines {
        eprintln!("{line}");
    }
}

#[test]
fn connection_faults() {
    let _shared = MEMORY.read().unwrap();
    let cases = [
        Case {
            closed_port: true,
            ..Case::new(
                "connection refused (closed port), 0 retries",
                Call::Myself,
                &["Transport"],
            )
            .retries(0)
        },
        Case {
            closed_port: true,
            ..Case::new(
                "connection refused (closed port), 3 retries",
                Call::Myself,
                &["Transport"],
            )
        },
        Case::new(
            "reset before headers, 0 retries",
            Call::Myself,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::ResetBeforeHeaders)
        .requests(1),
        Case::new("reset before headers x2, 3 retries", Call::Myself, &["Ok"])
            .fault(Fault::new(FaultAction::ResetBeforeHeaders).times(2))
            .requests(3),
        Case::new(
            "reset before headers x4, 3 retries",
            Call::Myself,
            &["Transport"],
        )
        .fault(Fault::new(FaultAction::ResetBeforeHeaders).times(4))
        .requests(4),
        // Linux drops unread data when the RST lands: a reset "mid-body" can reach the client
        // as a reset before the head, which would be retried. No retries keeps it one attempt.
        Case::new(
            "reset mid JSON body (after 20 B), 0 retries",
            Call::Myself,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::ResetMidBody { after_bytes: 20 })
        .requests(1),
        Case::new(
            "reset mid download (after 128 KiB), 0 retries",
            Call::Download,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::ResetMidBody {
            after_bytes: 128 * 1024,
        })
        .message("interrupted"),
        // A body cut on an idempotent call is retried like a cut before the head.
        Case::new(
            "reset mid JSON body (after 20 B) once, 3 retries",
            Call::Myself,
            &["Ok"],
        )
        .fault(FaultAction::ResetMidBody { after_bytes: 20 })
        .requests(2),
        Case::new(
            "reset mid download (after 128 KiB) once, 3 retries",
            Call::Download,
            &["Ok"],
        )
        .fault(FaultAction::ResetMidBody {
            after_bytes: 128 * 1024,
        })
        .requests(2),
        Case::new(
            "truncated chunked JSON body (after 20 B), 0 retries",
            Call::Myself,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::TruncatedChunked { after_bytes: 20 })
        .requests(1),
        Case::new(
            "truncated chunked JSON body (after 20 B) once, 3 retries",
            Call::Myself,
            &["Ok"],
        )
        .fault(FaultAction::TruncatedChunked { after_bytes: 20 })
        .requests(2),
        Case::new(
            "truncated chunked download (after 128 KiB), 0 retries",
            Call::Download,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::TruncatedChunked {
            after_bytes: 128 * 1024,
        }),
        Case::new(
            "truncated chunked download (after 128 KiB) x4, 3 retries",
            Call::Download,
            &["Transport"],
        )
        .fault(
            Fault::new(FaultAction::TruncatedChunked {
                after_bytes: 128 * 1024,
            })
            .times(4),
        )
        .requests(4),
        Case::new(
            "truncated chunked download (after 128 KiB) once, 3 retries",
            Call::Download,
            &["Ok"],
        )
        .fault(FaultAction::TruncatedChunked {
            after_bytes: 128 * 1024,
        })
        .requests(2),
        Case::new(
            "Content-Length 100000, 20 B sent, close, 0 retries",
            Call::Myself,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::LyingContentLength {
            declared: 100_000,
            actual: 20,
        }),
        Case::new(
            "Content-Length 100000, 20 B sent, close, once, 3 retries",
            Call::Myself,
            &["Ok"],
        )
        .fault(FaultAction::LyingContentLength {
            declared: 100_000,
            actual: 20,
        })
        .requests(2),
        Case::new(
            "download: Content-Length lies (128 KiB sent), 0 retries",
            Call::Download,
            &["Transport"],
        )
        .retries(0)
        .fault(FaultAction::LyingContentLength {
            declared: INVOICE_BYTES as u64,
            actual: 128 * 1024,
        }),
        Case::new(
            "download: Content-Length lies (128 KiB sent) once, 3 retries",
            Call::Download,
            &["Ok"],
        )
        .fault(FaultAction::LyingContentLength {
            declared: INVOICE_BYTES as u64,
            actual: 128 * 1024,
        })
        .requests(2),
    ];
    let lines: Vec<String> = cases.iter().map(run).collect();
    print_table(&lines);
}

#[test]
fn timeouts_end_within_the_timeout_plus_20_percent() {
    let _shared = MEMORY.read().unwrap();
    let bound = TIMEOUT + TIMEOUT / 5;
    let cases = [
        Case::new(
            "headers after 3 s, timeout 1 s, 0 retries",
            Call::Myself,
            &["Timeout"],
        )
        .retries(0)
        .fault(FaultAction::Delay {
            before_headers: Duration::from_secs(3),
        })
        .within(TIMEOUT, bound),
        Case::new(
            "headers after 3 s, timeout 1 s, 3 retries (a timeout is not retried)",
            Call::Myself,
            &["Timeout"],
        )
        .fault(FaultAction::Delay {
            before_headers: Duration::from_secs(3),
        })
        .within(TIMEOUT, bound)
        .requests(1),
        Case::new(
            "JSON body stalls 3 s after 20 B, timeout 1 s",
            Call::Myself,
            &["Timeout"],
        )
        .fault(FaultAction::StallBody {
            after_bytes: 20,
            for_: Duration::from_secs(3),
        })
        .within(TIMEOUT, bound),
        Case::new("headers after 500 ms, timeout 1 s", Call::Myself, &["Ok"])
            .fault(FaultAction::Delay {
                before_headers: Duration::from_millis(500),
            })
            .within(Duration::from_millis(500), bound),
    ];
    let lines: Vec<String> = cases.iter().map(run).collect();
    print_table(&lines);
}

/// The stalled download ends in time, but as `Transport("… download interrupted … timeout:
/// global")`: `download_invoice_with_progress` (core/src/api.rs, the `Err(err)` arm of its read
/// loop) turns every read error into `Error::Transport`, and ureq hands its timeout to a reader
/// as `io::Error::other(ureq::Error::Timeout(_))` (kind `Other`, not `TimedOut`).
#[test]
fn a_stalled_download_is_a_timeout() {
    let _shared = MEMORY.read().unwrap();
    let bound = TIMEOUT + TIMEOUT / 5;
    let case = Case::new(
        "download stalls 3 s after 128 KiB, timeout 1 s",
        Call::Download,
        &["Timeout"],
    )
    .fault(FaultAction::StallBody {
        after_bytes: 128 * 1024,
        for_: Duration::from_secs(3),
    })
    .within(TIMEOUT, bound);
    print_table(&[run(&case)]);
}

#[test]
fn statuses_retries_and_bad_bodies() {
    let _shared = MEMORY.read().unwrap();
    let ms = Duration::from_millis;
    let cases = [
        Case::new("429, Retry-After: 1", Call::Myself, &["Ok"])
            .fault(status(429, Some("1".into())))
            .within(ms(950), ms(2500))
            .requests(2),
        // A date has whole seconds: two seconds ahead is a wait of one to two seconds.
        Case {
            retry_at: Some(Duration::from_secs(2)),
            ..Case::new(
                "429, Retry-After: HTTP date 2 s ahead",
                Call::Myself,
                &["Ok"],
            )
        }
        .within(ms(900), ms(2500))
        .requests(2),
        Case::new(
            "429, Retry-After: 3600 (over max_retry_wait)",
            Call::Myself,
            &["RateLimited"],
        )
        .fault(status(429, Some("3600".into())))
        .within(Duration::ZERO, ms(500))
        .requests(1),
        Case::new("503 then 200", Call::Myself, &["Ok"])
            .fault(status(503, None))
            .requests(2),
        Case::new("503 x3 then 200 (3 retries)", Call::Myself, &["Ok"])
            .fault(Fault::new(status(503, None)).times(3))
            .requests(4),
        Case::new("503 x4 (retries spent)", Call::Myself, &["Http"])
            .fault(Fault::new(status(503, None)).times(4))
            .message("503")
            .requests(4),
        Case::new("malformed JSON", Call::Myself, &["InvalidResponse"])
            .fault(FaultAction::MalformedJson)
            .message("/v2/self")
            .requests(1),
        Case::new("redirect loop", Call::Myself, &["InvalidResponse"])
            .fault(Fault::new(FaultAction::RedirectLoop).times(0))
            .message("redirect")
            .requests(6),
        Case::new("download: 503 then the PDF", Call::Download, &["Ok"])
            .fault(Fault::new(status(503, None)).on_path("/v4/billing")),
    ];
    let lines: Vec<String> = cases.iter().map(run).collect();
    print_table(&lines);
}

#[test]
fn a_redirect_to_another_host_is_followed_without_credentials() {
    let _shared = MEMORY.read().unwrap();
    for status in [301, 302, 303, 307, 308] {
        let standin = StandIn::start().unwrap();
        let client = client(options(&standin));
        standin.inject(FaultAction::Redirect {
            status,
            location: format!("{}/landing?x=1", standin.foreign_url()),
        });
        let response = client.request(&ApiRequest::get("/v2/self")).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.body, br#"{"foreign":true}"#);
        let requests = standin.requests();
        assert_eq!(requests.len(), 2, "{status}");
        assert_eq!(requests[0].listener, Listener::Api);
        assert!(requests[0].header("authorization").is_some());
        assert_eq!(requests[1].listener, Listener::Foreign);
        assert_eq!(requests[1].target, "/landing?x=1");
        assert_eq!(
            requests[1].header("authorization"),
            None,
            "{status}: credentials went to another host"
        );
    }
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_any_connection() {
    let _shared = MEMORY.read().unwrap();
    let standin = StandIn::start().unwrap();
    let hosts = [
        "http://api.clever-cloud.com",
        "http://api.invalid:8080",
        "http://localhost.invalid",
        "http://127.0.0.1.invalid",
        "http://[::ffff:7f00:1]:8080",
        "http://0.0.0.0:8080",
    ];
    for host in hosts {
        for bridge in [false, true] {
            let mut options = options(&standin);
            if bridge {
                options.bridge_host = Some(host.into());
            } else {
                options.api_host = Some(host.into());
            }
            let credentials =
                Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET).unwrap();
            let error = Client::with_oauth1(credentials, options.clone()).unwrap_err();
            assert!(matches!(error, Error::Config(_)), "{host}: {error:?}");
            assert!(error.to_string().contains("https"), "{error}");
            let error = Client::with_api_token(standin::API_TOKEN, options).unwrap_err();
            assert!(matches!(error, Error::Config(_)), "{host}: {error:?}");
        }
    }
    // Loopback stays allowed in every spelling.
    for host in ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"] {
        let options = ClientOptions {
            api_host: Some(host.into()),
            ..options(&standin)
        };
        assert!(Client::with_api_token("t0ken", options).is_ok(), "{host}");
    }
    assert!(standin.requests().is_empty());
}

/// `VmHWM` or `VmRSS` of this process, in bytes.
fn proc_status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|line| line.starts_with(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<u64>()
        .unwrap()
        * 1024
}

#[test]
fn a_body_over_the_limit_is_refused_with_bounded_memory() {
    let _alone = MEMORY.write().unwrap();
    assert_eq!(
        ClientOptions::default().max_response_bytes,
        32 * 1024 * 1024
    );
    const LIMIT: u64 = 4 * 1024 * 1024;
    const SENT: u64 = 256 * 1024 * 1024;
    let standin = StandIn::start().unwrap();
    let client = client(ClientOptions {
        max_response_bytes: LIMIT,
        timeout: Duration::from_secs(10),
        ..options(&standin)
    });
    // Warm up: connection, TLS-free agent, allocator arenas.
    client.myself().unwrap();
    // "5" resets the peak RSS to the current RSS (Linux ≥ 4.0).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = if reset {
        proc_status_kib("VmRSS:")
    } else {
        proc_status_kib("VmHWM:")
    };
    standin.inject(FaultAction::HugeJson { bytes: SENT });
    let started = Instant::now();
    let error = client.myself().unwrap_err();
    let elapsed = started.elapsed();
    let peak = proc_status_kib("VmHWM:");
    let Error::InvalidResponse { endpoint, message } = &error else {
        panic!("{error:?}")
    };
    assert!(endpoint.ends_with("/v2/self"), "{endpoint}");
    assert!(message.contains(&LIMIT.to_string()), "{message}");
    let growth = peak.saturating_sub(before);
    eprintln!(
        "| {SENT} B JSON, limit {LIMIT} B | InvalidResponse | {} ms | peak RSS growth {} KiB ({:.2}× the limit; HWM reset: {reset}) | {error} |",
        elapsed.as_millis(),
        growth / 1024,
        growth as f64 / LIMIT as f64
    );
    assert!(
        growth <= 2 * LIMIT + 1024 * 1024,
        "peak RSS grew by {growth} bytes for a {LIMIT} byte limit"
    );
    // The same client still works afterwards.
    client.myself().unwrap();
}
