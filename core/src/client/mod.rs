//! The blocking API client: one `ureq` agent (keep-alive, shared by threads), requests signed
//! per attempt, retries with backoff, redirects followed by hand so that credentials never
//! leave the configured hosts.
//!
//! `request` holds what a call sends and gets back, `send` the pipeline (resolve, retry,
//! redirect, one hop), `authorize` the `Authorization` header of each hop.

mod authorize;
mod errors;
pub(crate) mod options;
mod raw;
mod request;
pub(crate) mod retry;
mod send;
pub(crate) mod url;

use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

pub use errors::ApiErrorBody;
pub use options::{ClientOptions, DEFAULT_API_HOST, DEFAULT_BRIDGE_HOST, MAX_DURATION, Proxy};
pub use request::{ApiRequest, Auth, Host, Response};
pub use url::path_segment;

use crate::endpoints::Endpoint;
use crate::oauth1::{Credentials, Secret};
use crate::{Cancellation, Error};
use authorize::Authorizer;
use raw::Follow;
use send::read_whole;
use url::Origin;

/// Clever Cloud's API client. Cheap to share: wrap it in an `Arc` and use it from any thread;
/// connections are pooled and kept alive.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// Observed at each safe point of this handle's calls (see [`Client::with_cancellation`]).
    cancellation: Option<Cancellation>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_host", &self.inner.options.api_host_or_default())
            .field("bridge_host", &self.inner.options.bridge_host_or_default())
            .field("auth", self.inner.authorizer.auth())
            .finish_non_exhaustive()
    }
}

/// `Client(api_host=…, bridge_host=…, oauth1 consumer_key=…)`: never a secret.
impl std::fmt::Display for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let options = &self.inner.options;
        write!(
            f,
            "Client(api_host={}, bridge_host={}, {})",
            options.api_host_or_default(),
            options.bridge_host_or_default(),
            self.inner.authorizer.auth()
        )
    }
}

struct Inner {
    agent: ureq::Agent,
    authorizer: Authorizer,
    options: ClientOptions,
    api: Origin,
    bridge: Origin,
}

impl Client {
    /// A client with these credentials. [`Error::Config`] when a host is not an `http(s)`
    /// origin, a proxy URL is invalid or a certificate file cannot be read.
    pub fn new(auth: Auth, options: ClientOptions) -> Result<Self, Error> {
        let api = Origin::parse(options.api_host_or_default(), "API host")?;
        let bridge = Origin::parse(options.bridge_host_or_default(), "bridge host")?;
        let agent = options.agent(api.is_loopback() && bridge.is_loopback())?;
        Ok(Client {
            inner: Arc::new(Inner {
                agent,
                authorizer: Authorizer::new(auth),
                options,
                api,
                bridge,
            }),
            cancellation: None,
        })
    }

    /// A client signing with OAuth 1.0a: a consumer and, for user calls, a token.
    pub fn with_oauth1(credentials: Credentials, options: ClientOptions) -> Result<Self, Error> {
        Self::new(Auth::OAuth1(credentials), options)
    }

    /// A client sending `Authorization: Bearer` with an API token, to the API bridge.
    /// [`Error::InvalidInput`] when the token is empty.
    pub fn with_api_token(
        api_token: impl Into<Secret>,
        options: ClientOptions,
    ) -> Result<Self, Error> {
        let api_token = api_token.into();
        if api_token.expose().trim().is_empty() {
            return Err(Error::InvalidInput("the API token is empty".into()));
        }
        Self::new(Auth::ApiToken(api_token), options)
    }

    /// Credentials found the way clever-tools finds them (see [`crate::config`]).
    pub fn from_environment(options: ClientOptions, profile: Option<&str>) -> Result<Self, Error> {
        Self::from_loaded(&crate::config::from_environment(profile)?, options)
    }

    /// Like [`Client::from_environment`], with this clever-tools configuration file instead of
    /// the usual one: its active profile, or `profile`, whatever the environment's credentials.
    pub fn from_config_file(
        path: &std::path::Path,
        profile: Option<&str>,
        options: ClientOptions,
    ) -> Result<Self, Error> {
        let loaded = crate::config::load(&|name| std::env::var(name).ok(), Some(path), profile)?;
        Self::from_loaded(&loaded, options)
    }

    /// Credentials from `load`ed configuration.
    pub fn from_loaded(
        loaded: &crate::config::LoadedCredentials,
        options: ClientOptions,
    ) -> Result<Self, Error> {
        Self::new(loaded.auth.clone(), loaded.apply_to(options))
    }

    /// The same client (connections, credentials, options), whose calls stop at their next
    /// safe point once `cancellation` is cancelled, with [`Error::Cancelled`]: see
    /// [`Cancellation`].
    pub fn with_cancellation(&self, cancellation: &Cancellation) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            cancellation: Some(cancellation.clone()),
        }
    }

    /// A safe point: [`Error::Cancelled`] once this handle's cancellation is cancelled.
    pub(crate) fn checkpoint(&self) -> Result<(), Error> {
        self.cancellation
            .as_ref()
            .map_or(Ok(()), Cancellation::check)
    }

    /// Waits before a retry; a cancellation wakes it and ends the call.
    pub(crate) fn pause(&self, wait: Duration) -> Result<(), Error> {
        match &self.cancellation {
            Some(cancellation) => cancellation.sleep(wait),
            None => {
                std::thread::sleep(wait);
                Ok(())
            }
        }
    }

    /// The credentials requests are authenticated with.
    pub fn auth(&self) -> &Auth {
        self.inner.authorizer.auth()
    }

    /// The options the client was built with; hosts loaded from a profile or the environment
    /// are set in them, hosts left unset mean Clever Cloud's.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// Sends a request and reads the whole response. Error statuses come back as `Err`.
    pub fn request(&self, request: &ApiRequest) -> Result<Response, Error> {
        let resolved = self.resolve(request)?;
        let limit = self.inner.options.max_response_bytes;
        self.execute(request, &resolved, Follow::ERRORS_AS_ERR, |response| {
            read_whole(response, limit)
        })
    }

    /// A JSON call by hand: sends `json_body` (JSON text) if any and returns the response's
    /// text; a body that is not UTF-8 is `InvalidResponse`.
    pub fn request_json(
        &self,
        method: &str,
        path: &str,
        json_body: Option<&str>,
    ) -> Result<String, Error> {
        let mut request = ApiRequest::new(method, path);
        if let Some(json) = json_body {
            request = request.body(json, "application/json");
        }
        String::from_utf8(self.request(&request)?.body).map_err(|_| Error::InvalidResponse {
            endpoint: path.to_owned(),
            message: "the body is not UTF-8 text".into(),
        })
    }

    /// Calls an endpoint of [`crate::endpoints`] and parses its answer.
    pub fn call<T: DeserializeOwned>(&self, endpoint: &Endpoint<T>) -> Result<T, Error> {
        endpoint.parse(&self.request(&endpoint.request())?)
    }

    /// `GET path` parsed as JSON.
    pub fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, Error> {
        self.request(&ApiRequest::get(path))?.json(path)
    }

    /// Sends a request and hands back the body unread, for streaming: the URL, the length
    /// the response announced, the body.
    pub(crate) fn stream(
        &self,
        request: &ApiRequest,
    ) -> Result<(String, Option<u64>, impl Read + use<>), Error> {
        let resolved = self.resolve(request)?;
        let response = self.execute(request, &resolved, Follow::ERRORS_AS_ERR, Ok)?;
        let length = response
            .headers()
            .get("content-length")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse().ok());
        let reader = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .reader();
        Ok((resolved.url, length, reader))
    }
}
