//! `CleverError`: the core's `Error`, mapped in this one place. Fields are named `detail`
//! rather than `message`, which Kotlin's `Throwable` and Swift's conventions already use.

use std::time::{Duration, SystemTime};

/// What went wrong; each variant says how a caller should react.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum CleverError {
    /// Bad input from the caller: fix it, retrying will not help.
    #[error("invalid input: {detail}")]
    InvalidInput { detail: String },
    /// 401: credentials refused (expired when `expired_at` is set): log in again.
    #[error("unauthorized: {detail}{}", if expired_at.is_some() { " (the token has expired: log in again)" } else { "" })]
    Unauthorized {
        detail: String,
        expired_at: Option<SystemTime>,
        request_id: Option<String>,
    },
    /// 403: not allowed.
    #[error("forbidden: {detail}")]
    Forbidden {
        detail: String,
        request_id: Option<String>,
    },
    /// 404: nothing there.
    #[error("not found: {detail}")]
    NotFound {
        detail: String,
        request_id: Option<String>,
    },
    /// 429 after retries: wait `retry_after` before calling again.
    #[error("rate limited")]
    RateLimited {
        retry_after: Option<Duration>,
        request_id: Option<String>,
    },
    /// Another HTTP error status, with what the API said.
    #[error("HTTP {status}: {detail}")]
    Http {
        status: u16,
        code: Option<String>,
        detail: String,
        request_id: Option<String>,
        body: Option<String>,
    },
    /// Connection refused or reset, DNS, TLS, proxy.
    #[error("transport error: {detail}")]
    Transport { detail: String },
    /// No answer in time.
    #[error("timed out: {detail}")]
    Timeout { detail: String },
    /// An answer this client does not understand.
    #[error("invalid response from {endpoint}: {detail}")]
    InvalidResponse { endpoint: String, detail: String },
    /// Credentials or options could not be loaded.
    #[error("configuration error: {detail}")]
    Config { detail: String },
    /// A step of the OAuth dance (`request_token`, `callback`, `access_token`) failed.
    #[error("OAuth {step} failed: {detail}")]
    OAuth { step: String, detail: String },
}

impl From<cleverkit::Error> for CleverError {
    fn from(error: cleverkit::Error) -> Self {
        use cleverkit::Error as E;
        // `detail` is the core's message without the variant's prefix, which `Display` adds.
        match error {
            E::InvalidInput(detail) => CleverError::InvalidInput { detail },
            E::Unauthorized {
                message,
                expired_at,
                request_id,
            } => CleverError::Unauthorized {
                detail: message,
                expired_at,
                request_id,
            },
            E::Forbidden {
                message,
                request_id,
            } => CleverError::Forbidden {
                detail: message,
                request_id,
            },
            E::NotFound {
                message,
                request_id,
            } => CleverError::NotFound {
                detail: message,
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
                status,
                code,
                detail: message,
                request_id,
                body,
            },
            E::Transport(detail) => CleverError::Transport { detail },
            E::Timeout(detail) => CleverError::Timeout { detail },
            E::InvalidResponse { endpoint, message } => CleverError::InvalidResponse {
                endpoint,
                detail: message,
            },
            E::Config(detail) => CleverError::Config { detail },
            E::OAuth { step, message } => CleverError::OAuth {
                step: step.as_str().to_owned(),
                detail: message,
            },
            // `cleverkit::Error` is non-exhaustive; a new variant shows up as a transport error
            // until it is mapped here.
            other => CleverError::Transport {
                detail: other.to_string(),
            },
        }
    }
}
