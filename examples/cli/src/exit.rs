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
    DeploymentFailed,
    DeploymentCancelled,
}

impl Exit {
    pub const ALL: [Exit; 20] = [
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
        Exit::DeploymentFailed,
        Exit::DeploymentCancelled,
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
            Exit::DeploymentFailed => 113,
            Exit::DeploymentCancelled => 114,
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
            Exit::CannotWrite => {
                "cannot write the output (standard output, -o FILE, a download's folder)"
            }
            Exit::CannotRead => "cannot read an input (-d @FILE, -d @-, env replace FILE)",
            Exit::TimedOut => {
                "timed out (`apps redeploy --wait`: the deployment outlasted the wait)"
            }
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
            Exit::DeploymentFailed => "the deployment failed (`apps redeploy --wait`)",
            Exit::DeploymentCancelled => "the deployment was cancelled (`apps redeploy --wait`)",
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
            Error::Io(_) => Exit::CannotWrite,
            // Still running when the wait ended: as a timeout (the deployment goes on).
            Error::Deployment {
                timed_out: true, ..
            } => Exit::TimedOut,
            Error::Deployment { state, .. } if state == "CANCELLED" => Exit::DeploymentCancelled,
            Error::Deployment { .. } => Exit::DeploymentFailed,
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
        Failure::Api(error) => (Exit::of(error), Some(error.to_string())),
        Failure::Own(exit, message) => (*exit, Some(message.clone())),
        Failure::Quiet(failure) => (report(failure).0, None),
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
