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

/// Exports one typed call of the core from one declaration, twice: as a method of `Client`,
/// and as its twin on `AsyncClient`, which runs it on a worker thread and cancels it when the
/// caller stops waiting. `cleverkit-codegen` writes one per operation of the description.
macro_rules! exported {
    (
        $(#[$($attribute:tt)*])*
        fn $name:ident($($argument:ident: $type:ty),* $(,)?) -> $answer:ty
            => |$core:ident| $call:expr
    ) => {
        #[uniffi::export]
        impl Client {
            $(#[$($attribute)*])*
            pub fn $name(&self, $($argument: $type),*) -> Result<$answer, crate::CleverError> {
                let $core = self.core()?;
                Ok($call?)
            }
        }

        #[uniffi::export]
        impl AsyncClient {
            $(#[$($attribute)*])*
            pub async fn $name(&self, $($argument: $type),*) -> Result<$answer, crate::CleverError> {
                self.run(move |client| client.$name($($argument),*)).await
            }
        }
    };
}

mod async_client;
mod client;
mod dance;
mod error;
/// Written by `cleverkit-codegen` from the API's description (`core/api`): never by hand.
mod generated {
    mod calls;
    mod models;
}
mod host;
mod oauth1;
#[cfg(unix)]
mod python_wake;
mod workers;

pub use async_client::AsyncClient;
pub use client::{
    Client, ClientOptions, CreatedApiToken, DEFAULT_WORKER_THREADS, DeploymentProgress,
    DownloadProgress, HttpResponse, Param,
};
pub use dance::{
    OAuthDance, RequestToken, UrlOpener, login_with_loopback, login_with_loopback_async,
};
pub use error::{CleverError, error_message};
pub use oauth1::{OAuth1Credentials, RequestToSign, sign_request, verify_request};

shown_as_inner!(CreatedApiToken, OAuth1Credentials, RequestToken);

uniffi::setup_scaffolding!();
