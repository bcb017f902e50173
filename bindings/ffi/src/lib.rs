//! UniFFI bindings of the `cleverkit` core: small wrappers that convert types and errors and
//! hold no logic of their own. One file per API area.

/// `Debug` and `Display` of wrapper objects are their core value's: the one text, redacted in
/// the core, that every language prints.
macro_rules! shown_as_inner {
    ($($wrapper:ty),+) => {$(
        impl std::fmt::Debug for $wrapper {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.inner, f)
            }
        }

        impl std::fmt::Display for $wrapper {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.inner, f)
            }
        }
    )+};
}

mod applications;
mod async_client;
mod client;
mod dance;
mod error;
mod host;
mod models;
mod oauth1;
#[cfg(unix)]
mod python_wake;
mod workers;

pub use async_client::AsyncClient;
pub use client::{
    Client, ClientOptions, CreatedApiToken, DEFAULT_WORKER_THREADS, DownloadProgress, HttpResponse,
    Param,
};
pub use dance::{
    OAuthDance, RequestToken, UrlOpener, login_with_loopback, login_with_loopback_async,
};
pub use error::{CleverError, error_message};
pub use oauth1::{OAuth1Credentials, RequestToSign, sign_request, verify_request};

shown_as_inner!(CreatedApiToken, OAuth1Credentials, RequestToken);

uniffi::setup_scaffolding!();
