//! Every command's exit statuses, from one table: curl's codes where curl has one, so that
//! scripts written for `clever curl` keep working, then CleverKit's own, above curl's range.
//! `cleverkit --help` prints the table and the README shows it (a test keeps them equal).

use std::io;

use cleverkit::{Error, TransportKind};

use crate::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    Other,
    Usage,
    MalformedUrl,
    HostNotResolved,
    ConnectFailed,
    UnexpectedAnswer,
    HttpError,
    CannotWrite,
    CannotRead,
    TimedOut,
    TlsFailed,
    ConnectionCut,
    CertificateUntrusted,
    ProxyFailed,
    Configuration,
    CredentialsRefused,
    RateLimited,
}

impl Exit {
    pub const ALL: [Exit; 18] = [
        Exit::Success,
        Exit::Other,
        Exit::Usage,
        Exit::MalformedUrl,
        Exit::HostNotResolved,
        Exit::ConnectFailed,
        Exit::UnexpectedAnswer,
        Exit::HttpError,
        Exit::CannotWrite,
        Exit::CannotRead,
        Exit::TimedOut,
        Exit::TlsFailed,
        Exit::ConnectionCut,
        Exit::CertificateUntrusted,
        Exit::ProxyFailed,
        Exit::Configuration,
        Exit::CredentialsRefused,
        Exit::RateLimited,
    ];

    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Other => 1,
            Exit::Usage => 2,
            Exit::MalformedUrl => 3,
            Exit::HostNotResolved => 6,
            Exit::ConnectFailed => 7,
            Exit::UnexpectedAnswer => 8,
            Exit::HttpError => 22,
            Exit::CannotWrite => 23,
            Exit::CannotRead => 26,
            Exit::TimedOut => 28,
            Exit::TlsFailed => 35,
            Exit::ConnectionCut => 56,
            Exit::CertificateUntrusted => 60,
            Exit::ProxyFailed => 97,
            Exit::Configuration => 110,
            Exit::CredentialsRefused => 111,
            Exit::RateLimited => 112,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => {
                "success; for `curl` also an HTTP error status without --fail, as curl"
            }
            Exit::Other => "any other failure (the OAuth dance failed, …)",
            Exit::Usage => {
                "usage: an unknown flag, a bad argument or input (-k, an Authorization header)"
            }
            Exit::MalformedUrl => "malformed URL",
            Exit::HostNotResolved => "the host name did not resolve (DNS)",
            Exit::ConnectFailed => "the connection failed",
            Exit::UnexpectedAnswer => {
                "the API answered something unusable (unexpected JSON, a refused redirect)"
            }
            Exit::HttpError => {
                "an HTTP error status: 403, 404, 5xx… (`curl`: any of 400 and up, with -f, \
                 --fail or --fail-with-body only)"
            }
            Exit::CannotWrite => "cannot write the output (standard output, -o FILE)",
            Exit::CannotRead => "cannot read an input (-d @FILE, -d @-)",
            Exit::TimedOut => "timed out",
            Exit::TlsFailed => "the TLS handshake failed",
            Exit::ConnectionCut => "the connection was reset or cut before the whole response",
            Exit::CertificateUntrusted => {
                "the server's certificate is not trusted (`curl --cacert FILE` adds authorities)"
            }
            Exit::ProxyFailed => "the proxy failed",
            Exit::Configuration => {
                "configuration error or no credentials (`cleverkit login --save`, CLEVER_API_TOKEN…)"
            }
            Exit::CredentialsRefused => {
                "credentials refused, HTTP 401: log in again (`curl`: 22 with --fail, as curl)"
            }
            Exit::RateLimited => {
                "rate limited, HTTP 429: wait, then retry (`curl`: 22 with --fail)"
            }
        }
    }

    /// The status for a failure of the core.
    pub fn of(error: &Error) -> Exit {
        match error {
            Error::InvalidInput(_) => Exit::Usage,
            Error::Unauthorized { .. } => Exit::CredentialsRefused,
            Error::RateLimited { .. } => Exit::RateLimited,
            Error::Forbidden { .. } | Error::NotFound { .. } | Error::Http { .. } => {
                Exit::HttpError
            }
            Error::Transport { kind, .. } => transport_exit(*kind),
            Error::Timeout(_) => Exit::TimedOut,
            Error::InvalidResponse { .. } => Exit::UnexpectedAnswer,
            Error::Config(_) => Exit::Configuration,
            _ => Exit::Other,
        }
    }
}

/// curl's code for a transport failure.
fn transport_exit(kind: TransportKind) -> Exit {
    match kind {
        TransportKind::Dns => Exit::HostNotResolved,
        TransportKind::Connect => Exit::ConnectFailed,
        TransportKind::Tls => Exit::TlsFailed,
        TransportKind::Certificate => Exit::CertificateUntrusted,
        TransportKind::Interrupted => Exit::ConnectionCut,
        TransportKind::Proxy => Exit::ProxyFailed,
        TransportKind::Other => Exit::Other,
    }
}

/// The table under "Exit statuses:" in `cleverkit --help`.
pub fn help_table() -> String {
    let mut table = String::from("Exit statuses:");
    for exit in Exit::ALL {
        table.push_str(&format!("\n  {:>3}  {}", exit.code(), exit.meaning()));
    }
    table
}

/// The status of a failed command, and what to print on standard error (`None`: nothing).
pub fn report(failure: &Failure) -> (Exit, Option<String>) {
    match failure {
        // The reader went away (`cleverkit curl … | head`): it has what it wanted.
        Failure::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => {
            (Exit::Success, None)
        }
        Failure::Output(error) => (
            Exit::CannotWrite,
            Some(format!("cannot write the output: {error}")),
        ),
        Failure::Api(error) => (Exit::of(error), Some(describe(error))),
        Failure::Own(exit, message) => (*exit, Some(message.clone())),
        Failure::Quiet(failure) => (report(failure).0, None),
    }
}

/// The core's message, with the HTTP status and the `Sozu-Id` request id to quote to support.
fn describe(error: &Error) -> String {
    let (status, request_id) = match error {
        Error::Unauthorized { request_id, .. } => (Some(401), request_id),
        Error::Forbidden { request_id, .. } => (Some(403), request_id),
        Error::NotFound { request_id, .. } => (Some(404), request_id),
        Error::RateLimited { request_id, .. } => (Some(429), request_id),
        // Its message starts with the status already.
        Error::Http { request_id, .. } => (None, request_id),
        _ => return error.to_string(),
    };
    let details: Vec<String> = status
        .map(|status| format!("HTTP {status}"))
        .into_iter()
        .chain(request_id.as_ref().map(|id| format!("Sozu-Id {id}")))
        .collect();
    if details.is_empty() {
        error.to_string()
    } else {
        format!("{error} ({})", details.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_curl_s_where_curl_has_them() {
        let mut codes: Vec<u8> = Exit::ALL.iter().map(|exit| exit.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Exit::ALL.len());
        // curl's own numbers (curl's man page, EXIT CODES).
        let curl = [
            (Exit::Usage, 2),
            (Exit::MalformedUrl, 3),
            (Exit::HostNotResolved, 6),
            (Exit::ConnectFailed, 7),
            (Exit::HttpError, 22),
            (Exit::CannotWrite, 23),
            (Exit::CannotRead, 26),
            (Exit::TimedOut, 28),
            (Exit::TlsFailed, 35),
            (Exit::ConnectionCut, 56),
            (Exit::CertificateUntrusted, 60),
        ];
        for (exit, code) in curl {
            assert_eq!(exit.code(), code, "{exit:?}");
        }
    }

    #[test]
    fn transport_kinds_map_to_curl_s_codes() {
        let transport = |kind, message: &str| Error::Transport {
            kind,
            message: message.into(),
        };
        let cases = [
            (transport(TransportKind::Dns, "x"), 6),
            (transport(TransportKind::Connect, "x"), 7),
            (transport(TransportKind::Tls, "x"), 35),
            (transport(TransportKind::Certificate, "x"), 60),
            (transport(TransportKind::Interrupted, "x"), 56),
            (transport(TransportKind::Proxy, "x"), 97),
            (transport(TransportKind::Other, "x"), 1),
            (Error::Timeout("x".into()), 28),
            (Error::Config("x".into()), 110),
        ];
        for (error, code) in cases {
            assert_eq!(Exit::of(&error).code(), code, "{error:?}");
        }
    }

    #[test]
    fn messages_name_the_status_and_the_request_id() {
        let error = Error::NotFound {
            message: "no such endpoint".into(),
            request_id: Some("sozu-1".into()),
        };
        assert_eq!(
            describe(&error),
            "not found: no such endpoint (HTTP 404, Sozu-Id sozu-1)"
        );
    }

    #[test]
    fn the_readme_shows_the_same_table() {
        let readme = include_str!("../../../README.md");
        let mut table = String::from("| exit status | meaning |\n| --- | --- |\n");
        for exit in Exit::ALL {
            table.push_str(&format!("| {} | {} |\n", exit.code(), exit.meaning()));
        }
        assert!(
            readme.contains(&table),
            "README.md should contain:\n{table}"
        );
    }
}
