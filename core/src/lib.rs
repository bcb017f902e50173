//! # CleverKit
//!
//! A client for [Clever Cloud's API](https://www.clever.cloud/developers/api/): RFC 5849-exact
//! OAuth 1.0a signing (PLAINTEXT, HMAC-SHA1, HMAC-SHA512), API tokens, typed calls.
//! The same core is shipped to Python, Kotlin and Swift through `cleverkit-ffi`.
//!
//! ## Signing a request
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

pub mod dates;
mod error;
pub mod oauth1;

pub use error::{Error, OAuthStep};
pub mod api;
pub mod client;
pub mod config;
pub mod dance;
pub mod models;

pub use api::NewApiToken;
pub use client::{ApiRequest, Auth, Client, ClientOptions, Host, Proxy, Response};
