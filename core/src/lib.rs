//! # CleverKit
//!
//! A client for [Clever Cloud's API](https://www.clever.cloud/developers/api/): RFC 5849-exact
//! OAuth 1.0a signing (PLAINTEXT, HMAC-SHA1, HMAC-SHA512), API tokens, typed calls. The same
//! core is shipped to Python, Kotlin and Swift through `cleverkit-ffi`.
//!
//! ## 1. Credentials
//!
//! Three ways in, from the simplest:
//!
//! - An **API token** (created in the console, with `clever tokens create` or
//!   [`Client::create_api_token`]): [`Client::with_api_token`]. Requests go to the API bridge.
//! - A **`clever login`** already done with clever-tools, or `CLEVER_TOKEN` + `CLEVER_SECRET`, or
//!   `CLEVER_API_TOKEN`: [`Client::from_environment`] finds them as clever-tools does
//!   (see [`config`]).
//! - Your own **OAuth consumer** and a user's token from the dance ([`dance::OAuthDance`], or
//!   [`dance::OAuthDance::login_with_loopback`] for a desktop app): [`Client::with_oauth1`].
//!
//! ```no_run
//! use cleverkit::{Client, ClientOptions};
//! use cleverkit::oauth1::Credentials;
//!
//! let from_clever_tools = Client::from_environment(ClientOptions::default(), None)?;
//! let with_token = Client::with_api_token("api-token", ClientOptions::default())?;
//! let credentials = Credentials::new("consumer-key", "consumer-secret")?
//!     .with_token("user-token", "user-token-secret");
//! let with_oauth = Client::with_oauth1(credentials, ClientOptions::default())?;
//! # Ok::<(), cleverkit::Error>(())
//! ```
//!
//! ## 2. Calls
//!
//! A [`Client`] is cheap to clone and safe to share between threads; it keeps connections alive.
//! Typed calls return [`models`]; [`Client::request`] sends anything, like `clever curl`.
//!
//! ```no_run
//! # let client = cleverkit::Client::with_api_token("t", Default::default())?;
//! use cleverkit::ApiRequest;
//!
//! let me = client.myself()?;
//! let summary = client.summary()?;
//! for organisation in &summary.organisations {
//!     for application in client.applications(&organisation.id)? {
//!         println!("{} {}", organisation.name, application.name);
//!     }
//! }
//! let response = client.request(&ApiRequest::get("/v4/products/zones").query("tag", "region:eu"))?;
//! client.download_invoice("orga_…", "INV-123", "invoice.pdf".as_ref())?;
//!
//! // Redeploy, then wait for the deployment to end (a failure is `Error::Deployment`).
//! if let Some(deployment) = client.redeploy_application("orga_…", "app_…", None)? {
//!     let ten_minutes = std::time::Duration::from_secs(600);
//!     client.wait_for_deployment("orga_…", "app_…", &deployment, ten_minutes, |d| {
//!         println!("{}: {:?}", d.uuid, d.state)
//!     })?;
//! }
//! # Ok::<(), cleverkit::Error>(())
//! ```
//!
//! The typed calls and models are written from the API's description (`core/api`: Clever
//! Cloud's published OpenAPI document and an overlay) by `cleverkit-codegen`.
//!
//! ## 3. Errors
//!
//! Every failure is one [`Error`], whose variant says how to react: fix the input
//! ([`Error::InvalidInput`], [`Error::Config`]), log in again ([`Error::Unauthorized`]), wait
//! ([`Error::RateLimited`]), retry later ([`Error::Transport`], [`Error::Timeout`]), or report
//! ([`Error::Http`] carries the `Sozu-Id` request id). Idempotent calls are already retried with
//! backoff. No message ever contains a secret.
//!
//! ## 4. Signing by hand
//!
//! [`oauth1::sign`] is pure — the nonce and timestamp come from the caller — which makes a
//! signature reproducible when debugging a mismatch:
//!
//! ```
//! use cleverkit::oauth1::{Credentials, ProtocolParams, Request, SignatureMethod, sign};
//!
//! let credentials = Credentials::new("consumer-key", "consumer-secret")?
//!     .with_token("user-token", "user-token-secret")
//!     .with_signature_method(SignatureMethod::HmacSha512);
//! let request = Request::new("GET", "https://api.clever-cloud.com/v2/self");
//! // `ProtocolParams::fresh()` draws a nonce and reads the clock; tests pass fixed values.
//! let signed = sign(&request, &credentials, &ProtocolParams::new("nonce", 1_700_000_000))?;
//! assert!(signed.authorization.starts_with("OAuth oauth_consumer_key=\"consumer-key\""));
//! # Ok::<(), cleverkit::Error>(())
//! ```
//!
//! ## 5. Logging
//!
//! The crate logs through the [`log`](https://docs.rs/log) facade, at `debug` level only, under
//! the `cleverkit` target (`cleverkit::client::send`). Nothing is logged until the application
//! installs a logger and enables that level. The records:
//!
//! - every request sent, once per attempt and per redirect hop, with its method, its URL (query
//!   included), the status and the time taken: `GET https://api.clever-cloud.com/v2/summary →
//!   200 in 84 ms`, or `… → failed after 10003 ms` when no response came;
//! - every retry and its wait: `HTTP 503: retrying in 500 ms`, or the transport error followed
//!   by `: retrying in 250 ms`;
//! - every redirect followed: `HTTP 302: redirected to https://…`.
//!
//! They never hold a header value (so no `Authorization`: no API token, no signature), a
//! credential or a body; OAuth parameters travel in a header or the body, never in the URL.
//! URLs are logged whole, though: a secret a caller puts in a query parameter, or a signed URL
//! a server redirects to, would show. Where credentials were found is not logged:
//! [`config::LoadedCredentials::source`] says it, and the command line's `-v` prints it.
//!
//! To see the records, install any `log` backend: with `env_logger`, call
//! `env_logger::init()` and run with `RUST_LOG=cleverkit=debug` (rather than `RUST_LOG=debug`:
//! `ureq` and `rustls` log at that level too, and nothing vouches for what their records hold).
//! The command line's `-v` prints the same records on stderr.

#![warn(missing_docs)]

pub mod api;
mod authority;
mod cancel;
pub mod client;
pub mod config;
pub mod dance;
pub mod dates;
mod deployments;
pub mod endpoints;
mod error;
mod files;
/// Written by `cleverkit-codegen` from the API's description (`core/api`): never by hand.
mod generated {
    mod calls;
    pub mod endpoints;
    #[cfg(test)]
    mod examples;
    pub mod models;
}
pub mod models;
pub mod oauth1;
pub mod pairs;

pub use cancel::Cancellation;
pub use error::{Error, OAuthStep, TransportKind};

pub use client::{ApiRequest, Auth, Client, ClientOptions, Host, Proxy, Response};
pub use endpoints::NewApiToken;
pub use models::{ApplicationUpdate, NewApplication, NewTcpRedirection};
