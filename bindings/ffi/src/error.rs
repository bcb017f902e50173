//! `CleverError`: the core's `Error`, mapped in this one place. Fields are named `detail`
//! rather than `message`, which Kotlin's `Throwable` and Swift's conventions already use.
//!
//! The text of every error is the core's: `Display` turns the record back into the core's
//! `Error` and formats that, so no message is written twice.

use std::time::{Duration, SystemTime};

use cleverkit::{OAuthStep, TransportKind};

/// The OAuth dance step that failed.
#[uniffi::remote(Enum)]
pub enum OAuthStep {
    RequestToken,
    Callback,
    AccessToken,
}

/// Which part of the connection failed.
#[uniffi::remote(Enum)]
pub enum TransportKind {
    Dns,
    Connect,
    Tls,
    Certificate,
    Interrupted,
    Proxy,
    Other,
}

/// What went wrong; each variant says how a caller should react.
#[derive(Debug, Clone, PartialEq, uniffi::Error)]
#[uniffi::export(Display)]
pub enum CleverError {
    /// Bad input from the caller: fix it, retrying will not help.
    InvalidInput { detail: String },
    /// 401: credentials refused (expired when `expired_at` is set): log in again.
    Unauthorized {
        detail: String,
        expired_at: Option<SystemTime>,
        code: Option<String>,
        request_id: Option<String>,
    },
    /// 403: not allowed.
    Forbidden {
        detail: String,
        code: Option<String>,
        request_id: Option<String>,
    },
    /// 404: nothing there.
    NotFound {
        detail: String,
        code: Option<String>,
        request_id: Option<String>,
    },
    /// 429 after retries: wait `retry_after` before calling again.
    RateLimited {
        retry_after: Option<Duration>,
        request_id: Option<String>,
    },
    /// Another HTTP error status, with what the API said.
    Http {
        /// The HTTP status (signed: Java reads it).
        status: i32,
        code: Option<String>,
        detail: String,
        request_id: Option<String>,
        body: Option<String>,
    },
    /// Connection refused or reset, DNS, TLS, proxy: `kind` says which.
    Transport { kind: TransportKind, detail: String },
    /// No answer in time.
    Timeout { detail: String },
    /// An answer this client does not understand.
    InvalidResponse { endpoint: String, detail: String },
    /// A local failure: disk, permissions, randomness.
    Io { detail: String },
    /// Credentials or options could not be loaded.
    Config { detail: String },
    /// The call was cancelled before it finished. Async calls cancelled by their task raise
    /// the language's own cancellation error instead.
    Cancelled,
    /// A step of the OAuth dance failed.
    OAuth { step: OAuthStep, detail: String },
    /// A deployment ended without success (`FAIL`, `CANCELLED`), or had not ended when
    /// `wait_for_deployment` stopped waiting (`timed_out`: it goes on).
    Deployment {
        deployment_id: String,
        state: String,
        timed_out: bool,
    },
}

impl std::error::Error for CleverError {}

/// The error's sentence, the core's `Display`: for languages whose generated errors do not show
/// it themselves (Python's `str()`).
#[uniffi::export]
pub fn error_message(error: CleverError) -> String {
    error.to_string()
}

impl std::fmt::Display for CleverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&cleverkit::Error::from(self.clone()), f)
    }
}

/// The `UrlOpener` (the one callback) raised something other than a `CleverError`: the login
/// fails at its callback step, with the exception's text as the cause.
impl From<uniffi::UnexpectedUniFFICallbackError> for CleverError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        CleverError::OAuth {
            step: OAuthStep::Callback,
            detail: format!("could not open the authorization page: {}", error.reason),
        }
    }
}

impl From<cleverkit::Error> for CleverError {
    fn from(error: cleverkit::Error) -> Self {
        use cleverkit::Error as E;
        match error {
            E::InvalidInput(detail) => CleverError::InvalidInput { detail },
            E::Unauthorized {
                message,
                expired_at,
                code,
                request_id,
            } => CleverError::Unauthorized {
                detail: message,
                expired_at,
                code,
                request_id,
            },
            E::Forbidden {
                message,
                code,
                request_id,
            } => CleverError::Forbidden {
                detail: message,
                code,
                request_id,
            },
            E::NotFound {
                message,
                code,
                request_id,
            } => CleverError::NotFound {
                detail: message,
                code,
                request_id,
            },
            E::RateLimited {
                retry_after,
                request_id,
            } => CleverError::RateLimited {
                retry_after,
                request_id,
            },
            E::Http {
                status,
                code,
                message,
                request_id,
                body,
            } => CleverError::Http {
                status: status.into(),
                code,
                detail: message,
                request_id,
                body,
            },
            E::Transport { kind, message } => CleverError::Transport {
                kind,
                detail: message,
            },
            E::Timeout(detail) => CleverError::Timeout { detail },
            E::InvalidResponse { endpoint, message } => CleverError::InvalidResponse {
                endpoint,
                detail: message,
            },
            E::Io(detail) => CleverError::Io { detail },
            E::Config(detail) => CleverError::Config { detail },
            E::Cancelled => CleverError::Cancelled,
            E::OAuth { step, message } => CleverError::OAuth {
                step,
                detail: message,
            },
            E::Deployment {
                deployment_id,
                state,
                timed_out,
            } => CleverError::Deployment {
                deployment_id,
                state,
                timed_out,
            },
            // `cleverkit::Error` is non-exhaustive; a new variant shows up as a transport error
            // until it is mapped here.
            other => CleverError::Transport {
                kind: TransportKind::Other,
                detail: other.to_string(),
            },
        }
    }
}

/// The way back, for `Display` only: field for field, so that the round trip is the identity
/// (a test checks it for every variant).
impl From<CleverError> for cleverkit::Error {
    fn from(error: CleverError) -> Self {
        use cleverkit::Error as E;
        match error {
            CleverError::InvalidInput { detail } => E::InvalidInput(detail),
            CleverError::Unauthorized {
                detail,
                expired_at,
                code,
                request_id,
            } => E::Unauthorized {
                message: detail,
                expired_at,
                code,
                request_id,
            },
            CleverError::Forbidden {
                detail,
                code,
                request_id,
            } => E::Forbidden {
                message: detail,
                code,
                request_id,
            },
            CleverError::NotFound {
                detail,
                code,
                request_id,
            } => E::NotFound {
                message: detail,
                code,
                request_id,
            },
            CleverError::RateLimited {
                retry_after,
                request_id,
            } => E::RateLimited {
                retry_after,
                request_id,
            },
            CleverError::Http {
                status,
                code,
                detail,
                request_id,
                body,
            } => E::Http {
                // Statuses come from the core, which holds them as `u16`.
                status: u16::try_from(status).unwrap_or_default(),
                code,
                message: detail,
                request_id,
                body,
            },
            CleverError::Transport { kind, detail } => E::Transport {
                kind,
                message: detail,
            },
            CleverError::Timeout { detail } => E::Timeout(detail),
            CleverError::InvalidResponse { endpoint, detail } => E::InvalidResponse {
                endpoint,
                message: detail,
            },
            CleverError::Io { detail } => E::Io(detail),
            CleverError::Config { detail } => E::Config(detail),
            CleverError::Cancelled => E::Cancelled,
            CleverError::OAuth { step, detail } => E::OAuth {
                step,
                message: detail,
            },
            CleverError::Deployment {
                deployment_id,
                state,
                timed_out,
            } => E::Deployment {
                deployment_id,
                state,
                timed_out,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant survives the round trip, so `Display` shows exactly the core's text.
    #[test]
    fn the_round_trip_is_the_identity_and_the_text_is_the_cores() {
        let text = || "text".to_owned();
        let id = || Some("sozu-1".to_owned());
        let errors = [
            cleverkit::Error::InvalidInput(text()),
            cleverkit::Error::Unauthorized {
                message: text(),
                expired_at: Some(SystemTime::UNIX_EPOCH),
                code: Some("4010".into()),
                request_id: id(),
            },
            cleverkit::Error::Forbidden {
                message: text(),
                code: None,
                request_id: id(),
            },
            cleverkit::Error::NotFound {
                message: text(),
                code: Some("4004".into()),
                request_id: id(),
            },
            cleverkit::Error::RateLimited {
                retry_after: Some(Duration::from_secs(30)),
                request_id: id(),
            },
            cleverkit::Error::Http {
                status: 500,
                code: Some("5000".into()),
                message: text(),
                request_id: id(),
                body: Some("{}".into()),
            },
            cleverkit::Error::Transport {
                kind: TransportKind::Tls,
                message: text(),
            },
            cleverkit::Error::Timeout(text()),
            cleverkit::Error::InvalidResponse {
                endpoint: "/v2/self".into(),
                message: text(),
            },
            cleverkit::Error::Io(text()),
            cleverkit::Error::Config(text()),
            cleverkit::Error::Cancelled,
            cleverkit::Error::OAuth {
                step: OAuthStep::AccessToken,
                message: text(),
            },
            cleverkit::Error::Deployment {
                deployment_id: "d-1".into(),
                state: "FAIL".into(),
                timed_out: false,
            },
        ];
        for error in errors {
            let mapped = CleverError::from(error.clone());
            assert_eq!(mapped.to_string(), error.to_string());
            assert_eq!(cleverkit::Error::from(mapped), error);
        }
    }
}
