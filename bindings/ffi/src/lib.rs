//! UniFFI bindings of the `cleverkit` core: small wrappers that convert types and errors and
//! hold no logic of their own. One file per API area.

mod client;
mod dance;
mod error;
mod host;
mod models;
mod oauth1;

pub use client::{Client, ClientOptions, CreatedApiToken, HttpResponse, Param};
pub use dance::{OAuthDance, RequestToken, UrlOpener, login_with_loopback};
pub use error::CleverError;
pub use oauth1::{OAuth1Credentials, RequestToSign, sign_request, verify_request};

uniffi::setup_scaffolding!();
