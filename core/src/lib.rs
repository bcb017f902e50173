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
//! # Ok::<(), cleverkit::Error>(())
//! ```
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

pub mod api;
mod authority;
pub mod client;
pub mod config;
pub mod dance;
pub mod dates;
pub mod endpoints;
mod error;
mod files;
pub mod models;
pub mod oauth1;
pub mod pairs;

pub use error::{Error, OAuthStep, TransportKind};

pub use client::{ApiRequest, Auth, Client, ClientOptions, Host, Proxy, Response};
pub use endpoints::NewApiToken;
