//! The one public error: each variant is something a caller reacts to differently.

use std::time::{Duration, SystemTime};

/// The OAuth dance step that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthStep {
    /// `POST /v2/oauth/request_token`: getting a temporary token.
    RequestToken,
    /// Reading the callback the user's browser was sent back to.
    Callback,
    /// `POST /v2/oauth/access_token`: trading the verifier for the user's token.
    AccessToken,
}

impl OAuthStep {
    /// The step's name in messages: `request_token`, `callback`, `access_token`.
    pub fn as_str(self) -> &'static str {
        match self {
            OAuthStep::RequestToken => "request_token",
            OAuthStep::Callback => "callback",
            OAuthStep::AccessToken => "access_token",
        }
    }
}

impl std::fmt::Display for OAuthStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of the connection failed, for callers that react differently (the CLI's exit
/// codes: curl's 6, 7, 35…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The host name did not resolve.
    Dns,
    /// The connection was refused or could not be made.
    Connect,
    /// The TLS handshake failed (an `https://` URL to a plain-http port says so too).
    Tls,
    /// The server's certificate is not trusted: a private CA needs `ClientOptions::ca_bundle`.
    Certificate,
    /// The connection was reset or closed before the response was complete.
    Interrupted,
    /// The proxy refused or failed the connection.
    Proxy,
    /// Anything else on the wire (a malformed response, an I/O error).
    Other,
}

impl TransportKind {
    /// A short phrase for messages: `"host not found"`, `"TLS failure"`…
    pub fn as_str(self) -> &'static str {
        match self {
            TransportKind::Dns => "host not found",
            TransportKind::Connect => "connection failed",
            TransportKind::Tls => "TLS failure",
            TransportKind::Certificate => "certificate not trusted",
            TransportKind::Interrupted => "connection interrupted",
            TransportKind::Proxy => "proxy failure",
            TransportKind::Other => "transport error",
        }
    }
}

impl std::fmt::Display for TransportKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What went wrong with a call. No message ever holds a secret.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The caller passed something unusable; fix the input, retrying will not help.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// 401: the credentials were refused; log in again or fix them.
    #[error("{}", unauthorized(message, *.expired_at, code, request_id))]
    Unauthorized {
        /// What the API said, or a description of the status.
        message: String,
        /// Set when the credentials' expiry is known and has passed.
        expired_at: Option<SystemTime>,
        /// The API's error code, if it sent one.
        code: Option<String>,
        /// The `Sozu-Id` header, to quote to Clever Cloud's support.
        request_id: Option<String>,
    },
    /// 403: authenticated, but not allowed to do this.
    #[error("{}", status_sentence(403, message, code, request_id))]
    Forbidden {
        /// What the API said, or a description of the status.
        message: String,
        /// The API's error code, if it sent one.
        code: Option<String>,
        /// The `Sozu-Id` header, to quote to Clever Cloud's support.
        request_id: Option<String>,
    },
    /// 404: nothing at that path (or not visible to this user).
    #[error("{}", status_sentence(404, message, code, request_id))]
    NotFound {
        /// What the API said, or a description of the status.
        message: String,
        /// The API's error code, if it sent one.
        code: Option<String>,
        /// The `Sozu-Id` header, to quote to Clever Cloud's support.
        request_id: Option<String>,
    },
    /// 429 after the retries were spent: wait `retry_after` before calling again.
    #[error("rate limited{}{}", retry_note(*.retry_after), references(&None, request_id))]
    RateLimited {
        /// The last `Retry-After` the API sent, if any.
        retry_after: Option<Duration>,
        /// The `Sozu-Id` header, to quote to Clever Cloud's support.
        request_id: Option<String>,
    },
    /// Any other HTTP error status, with what the API said.
    #[error("{}", status_sentence(*status, message, code, request_id))]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The API's error code (`code` of v4 bodies, `id` of v2 bodies).
        code: Option<String>,
        /// What the API said, or a description of the status.
        message: String,
        /// The `Sozu-Id` header, to quote to Clever Cloud's support.
        request_id: Option<String>,
        /// The start of the response body (4 KiB at most).
        body: Option<String>,
    },
    /// The connection failed (refused, reset, DNS, TLS, proxy); often worth retrying later.
    #[error("{kind}: {message}")]
    Transport {
        /// Which part of the connection failed.
        kind: TransportKind,
        /// The underlying error, with the URL.
        message: String,
    },
    /// No answer in time.
    #[error("timed out: {0}")]
    Timeout(String),
    /// The API answered something this client does not understand.
    #[error("invalid response from {endpoint}: {message}")]
    InvalidResponse {
        /// The path or URL that answered.
        endpoint: String,
        /// What was wrong with the answer.
        message: String,
    },
    /// A local failure: the disk (missing folder, no space, permissions) or the system's
    /// randomness. Fix the machine or the path; the API was not at fault.
    #[error("local I/O error: {0}")]
    Io(String),
    /// Credentials or options could not be loaded: fix the configuration.
    #[error("configuration error: {0}")]
    Config(String),
    /// The call was cancelled (see [`crate::Cancellation`]) before it finished; what it had
    /// started may or may not have reached the API.
    #[error("cancelled: the call was cancelled before it finished")]
    Cancelled,
    /// A step of the OAuth dance failed.
    #[error("OAuth {step} failed: {message}")]
    OAuth {
        /// The step that failed.
        step: OAuthStep,
        /// What went wrong, including the underlying error's message.
        message: String,
    },
    /// A deployment that ended without success (`FAIL`, `CANCELLED`), or that had not ended
    /// when [`Client::wait_for_deployment`](crate::Client::wait_for_deployment) stopped
    /// waiting (`timed_out`: the deployment goes on). Read the application's logs, or wait
    /// again.
    #[error("{}", deployment_sentence(deployment_id, state, *timed_out))]
    Deployment {
        /// The deployment's id (a UUID).
        deployment_id: String,
        /// Its last state: `FAIL`, `CANCELLED`, or the one it was still in (`WIP`…).
        state: String,
        /// Whether the wait ended before the deployment did.
        timed_out: bool,
    },
}

impl Error {
    /// The variant's name, for logs and metrics: `"NotFound"`, `"Timeout"`…
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidInput(_) => "InvalidInput",
            Error::Unauthorized { .. } => "Unauthorized",
            Error::Forbidden { .. } => "Forbidden",
            Error::NotFound { .. } => "NotFound",
            Error::RateLimited { .. } => "RateLimited",
            Error::Http { .. } => "Http",
            Error::Transport { .. } => "Transport",
            Error::Timeout(_) => "Timeout",
            Error::InvalidResponse { .. } => "InvalidResponse",
            Error::Io(_) => "Io",
            Error::Config(_) => "Config",
            Error::Cancelled => "Cancelled",
            Error::OAuth { .. } => "OAuth",
            Error::Deployment { .. } => "Deployment",
        }
    }
}

/// `HTTP 404 Not Found: {message} (API code 4004, request id 3f62…)`.
fn status_sentence(
    status: u16,
    message: &str,
    code: &Option<String>,
    request_id: &Option<String>,
) -> String {
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .map(|reason| format!(" {reason}"))
        .unwrap_or_default();
    format!(
        "HTTP {status}{reason}: {message}{}",
        references(code, request_id)
    )
}

/// `unauthorized: the token expired at 2026-03-01T10:00:00Z, log in again`, else the status
/// sentence with the advice.
fn unauthorized(
    message: &str,
    expired_at: Option<SystemTime>,
    code: &Option<String>,
    request_id: &Option<String>,
) -> String {
    match expired_at {
        Some(when) => format!(
            "unauthorized: the token expired at {}, log in again{}",
            crate::dates::format_rfc3339(when),
            references(code, request_id)
        ),
        None => status_sentence(
            401,
            &format!("{message}; log in again or check the credentials"),
            code,
            request_id,
        ),
    }
}

/// ` (API code 4004, request id 3f62…)`, with what is known; nothing when nothing is.
fn deployment_sentence(deployment_id: &str, state: &str, timed_out: bool) -> String {
    match (timed_out, state) {
        (true, state) => format!(
            "deployment {deployment_id} had not ended when the wait did (still {state}); it goes on"
        ),
        (false, "CANCELLED") => format!("deployment {deployment_id} was cancelled"),
        (false, state) => format!("deployment {deployment_id} failed ({state})"),
    }
}

fn references(code: &Option<String>, request_id: &Option<String>) -> String {
    let known: Vec<String> = [
        code.as_ref().map(|code| format!("API code {code}")),
        request_id.as_ref().map(|id| format!("request id {id}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if known.is_empty() {
        String::new()
    } else {
        format!(" ({})", known.join(", "))
    }
}

fn retry_note(retry_after: Option<Duration>) -> String {
    retry_after
        .map(|wait| format!(": retry after {} s", wait.as_secs_f64().ceil()))
        .unwrap_or_default()
}
