//! `Client` and its options: every call of the core client.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use cleverkit::models::{ApiToken, Application, Summary, User, Zone};
use cleverkit::{ApiRequest, NewApiToken};

use crate::{CleverError, OAuth1Credentials};

/// Client options. Every field is optional: one left unset takes the core's default
/// (`cleverkit::ClientOptions::default()`), so `ClientOptions()` talks to Clever Cloud and a
/// default changed in the core changes every language.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct ClientOptions {
    /// The main API (`https://host[:port]`); unset: `API_HOST` or a profile's override with
    /// `from_environment`, else Clever Cloud's. Set here, it wins over any configuration.
    #[uniffi(default = None)]
    pub api_host: Option<String>,
    /// The API bridge, as `api_host` (`AUTH_BRIDGE_HOST`).
    #[uniffi(default = None)]
    pub bridge_host: Option<String>,
    #[uniffi(default = None)]
    pub connect_timeout: Option<Duration>,
    /// For each attempt of a call.
    #[uniffi(default = None)]
    pub timeout: Option<Duration>,
    /// Attempts after the first, for idempotent requests.
    #[uniffi(default = None)]
    pub max_retries: Option<u32>,
    /// The first backoff's ceiling; it doubles per attempt.
    #[uniffi(default = None)]
    pub retry_base_delay: Option<Duration>,
    /// Longest wait between attempts; a `Retry-After` beyond it ends the retries.
    #[uniffi(default = None)]
    pub max_retry_wait: Option<Duration>,
    /// Appended to `cleverkit/<version>` in the User-Agent; by default the host language.
    #[uniffi(default = None)]
    pub user_agent_suffix: Option<String>,
    /// A proxy URL; without one, `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` apply unless
    /// `use_environment_proxy` is false.
    #[uniffi(default = None)]
    pub proxy_url: Option<String>,
    #[uniffi(default = None)]
    pub use_environment_proxy: Option<bool>,
    /// The operating system's trust store is used by default; with this PEM bundle, Mozilla's
    /// roots plus the bundle are trusted instead (a private CA on a machine without it).
    #[uniffi(default = None)]
    pub ca_bundle_path: Option<String>,
    /// Mutual TLS: client certificate chain and private key (PEM files).
    #[uniffi(default = None)]
    pub client_certificate_path: Option<String>,
    #[uniffi(default = None)]
    pub client_key_path: Option<String>,
    /// Largest response read whole (downloads stream without limit).
    #[uniffi(default = None)]
    pub max_response_bytes: Option<u64>,
    /// Idle keep-alive connections kept per host: as many as threads sharing the client.
    #[uniffi(default = None)]
    pub max_idle_connections: Option<u32>,
}

impl From<ClientOptions> for cleverkit::ClientOptions {
    fn from(options: ClientOptions) -> Self {
        let defaults = cleverkit::ClientOptions::default();
        let proxy = match (options.proxy_url, options.use_environment_proxy) {
            (Some(url), _) => cleverkit::Proxy::Url(url),
            (None, Some(false)) => cleverkit::Proxy::None,
            (None, Some(true)) => cleverkit::Proxy::FromEnvironment,
            (None, None) => defaults.proxy,
        };
        cleverkit::ClientOptions {
            api_host: options.api_host,
            bridge_host: options.bridge_host,
            connect_timeout: options.connect_timeout.unwrap_or(defaults.connect_timeout),
            timeout: options.timeout.unwrap_or(defaults.timeout),
            max_retries: options.max_retries.unwrap_or(defaults.max_retries),
            retry_base_delay: options
                .retry_base_delay
                .unwrap_or(defaults.retry_base_delay),
            max_retry_wait: options.max_retry_wait.unwrap_or(defaults.max_retry_wait),
            user_agent_suffix: options.user_agent_suffix,
            proxy,
            ca_bundle: options.ca_bundle_path.map(PathBuf::from),
            client_certificate: options.client_certificate_path.map(PathBuf::from),
            client_key: options.client_key_path.map(PathBuf::from),
            max_response_bytes: options
                .max_response_bytes
                .unwrap_or(defaults.max_response_bytes),
            max_idle_connections: options
                .max_idle_connections
                .map_or(defaults.max_idle_connections, |count| count as usize),
        }
    }
}

/// The core's options; the `User-Agent` names the host language unless the caller set a suffix.
pub(crate) fn core_options(options: Option<ClientOptions>) -> cleverkit::ClientOptions {
    let mut options: cleverkit::ClientOptions = options.unwrap_or_default().into();
    if options.user_agent_suffix.is_none() {
        options.user_agent_suffix = crate::host::host_language().map(str::to_owned);
    }
    options
}

/// A query parameter or a header.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Param {
    pub name: String,
    pub value: String,
}

fn pairs(params: Vec<Param>) -> Vec<(String, String)> {
    params
        .into_iter()
        .map(|param| (param.name, param.value))
        .collect()
}

/// A response read whole.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<Param>,
    pub body: Vec<u8>,
}

/// A newly created API token. Its value is readable once through `api_token()` and never
/// printed.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct CreatedApiToken {
    pub(crate) inner: cleverkit::models::CreatedApiToken,
}

#[uniffi::export]
impl CreatedApiToken {
    /// The token's value: store it now, it is never shown again.
    pub fn api_token(&self) -> String {
        self.inner.api_token().expose().to_owned()
    }

    pub fn token(&self) -> ApiToken {
        self.inner.token.clone()
    }
}

/// Clever Cloud's API client. Thread-safe: share one across threads; connections are pooled.
/// `close()` lets go of the core client (and its idle connections) at a known point, rather
/// than whenever the foreign object is collected.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Client {
    inner: RwLock<Option<cleverkit::Client>>,
}

impl std::fmt::Display for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.read() {
            Some(inner) => std::fmt::Display::fmt(inner, f),
            None => f.write_str("Client(closed)"),
        }
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.read() {
            Some(inner) => std::fmt::Debug::fmt(inner, f),
            None => f.write_str("Client(closed)"),
        }
    }
}

impl Client {
    fn wrap(inner: cleverkit::Client) -> Arc<Self> {
        Arc::new(Client {
            inner: RwLock::new(Some(inner)),
        })
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<cleverkit::Client>> {
        // A poisoned lock only means a panic elsewhere; the option inside is still whole.
        self.inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The core client for one call: a clone (an `Arc` count), so that `close()` during the
    /// call lets it finish.
    fn core(&self) -> Result<cleverkit::Client, CleverError> {
        self.read()
            .clone()
            .ok_or_else(|| CleverError::InvalidInput {
                detail: "the client is closed".into(),
            })
    }
}

#[uniffi::export]
impl Client {
    /// Signs every request with OAuth 1.0a; relative paths go to the main API host.
    #[uniffi::constructor(default(options = None))]
    pub fn with_oauth1(
        credentials: Arc<OAuth1Credentials>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        let inner =
            cleverkit::Client::with_oauth1(credentials.inner.clone(), core_options(options))?;
        Ok(Client::wrap(inner))
    }

    /// Sends `Authorization: Bearer`; relative paths go to the API bridge.
    #[uniffi::constructor(default(options = None))]
    pub fn with_api_token(
        api_token: String,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        let inner = cleverkit::Client::with_api_token(api_token, core_options(options))?;
        Ok(Client::wrap(inner))
    }

    /// Credentials found the way clever-tools finds them: `CLEVER_TOKEN` + `CLEVER_SECRET`,
    /// `CLEVER_API_TOKEN`, or the active (or named) profile of `clever-tools.json`.
    #[uniffi::constructor(default(options = None, profile = None))]
    pub fn from_environment(
        options: Option<ClientOptions>,
        profile: Option<String>,
    ) -> Result<Arc<Self>, CleverError> {
        let inner = cleverkit::Client::from_environment(core_options(options), profile.as_deref())?;
        Ok(Client::wrap(inner))
    }

    /// Like `from_environment`, with this clever-tools configuration file instead of the usual
    /// one (for platforms that cannot set environment variables): its active profile, or
    /// `profile`, whatever credentials the environment holds.
    #[uniffi::constructor(default(profile = None, options = None))]
    pub fn from_config_file(
        path: String,
        profile: Option<String>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        let inner = cleverkit::Client::from_config_file(
            path.as_ref(),
            profile.as_deref(),
            core_options(options),
        )?;
        Ok(Client::wrap(inner))
    }

    /// Releases the core client and its idle connections; calls in progress finish, later ones
    /// raise `CleverError.InvalidInput`. Calling it again does nothing.
    pub fn close(&self) {
        let closed = self
            .inner
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        drop(closed);
    }

    /// Whether `close()` has run.
    pub fn is_closed(&self) -> bool {
        self.read().is_none()
    }

    /// Any request, like `clever curl`: a path (`/v2/self`) or an absolute URL on a configured
    /// host. Error statuses raise `CleverError`.
    #[uniffi::method(default(query = [], headers = [], body = None))]
    pub fn request(
        &self,
        method: String,
        path: String,
        query: Vec<Param>,
        headers: Vec<Param>,
        body: Option<Vec<u8>>,
    ) -> Result<HttpResponse, CleverError> {
        let request = ApiRequest {
            method,
            path,
            query: pairs(query),
            headers: pairs(headers),
            body,
            ..ApiRequest::default()
        };
        let response = self.core()?.request(&request)?;
        Ok(HttpResponse {
            status: response.status,
            headers: response
                .headers
                .into_iter()
                .map(|(name, value)| Param { name, value })
                .collect(),
            body: response.body,
        })
    }

    /// A JSON call: sends `json_body` (JSON text) if any, returns the response's JSON text.
    #[uniffi::method(default(json_body = None))]
    pub fn request_json(
        &self,
        method: String,
        path: String,
        json_body: Option<String>,
    ) -> Result<String, CleverError> {
        Ok(self
            .core()?
            .request_json(&method, &path, json_body.as_deref())?)
    }

    pub fn myself(&self) -> Result<User, CleverError> {
        Ok(self.core()?.myself()?)
    }

    pub fn summary(&self) -> Result<Summary, CleverError> {
        Ok(self.core()?.summary()?)
    }

    pub fn zones(&self) -> Result<Vec<Zone>, CleverError> {
        Ok(self.core()?.zones()?)
    }

    pub fn applications(&self, organisation_id: String) -> Result<Vec<Application>, CleverError> {
        Ok(self.core()?.applications(&organisation_id)?)
    }

    /// Streams the invoice PDF to `destination` (nothing is left there on failure); returns
    /// the bytes written.
    pub fn download_invoice(
        &self,
        organisation_id: String,
        invoice_number: String,
        destination: String,
    ) -> Result<u64, CleverError> {
        Ok(self.core()?.download_invoice(
            &organisation_id,
            &invoice_number,
            destination.as_ref(),
        )?)
    }

    pub fn list_api_tokens(&self) -> Result<Vec<ApiToken>, CleverError> {
        Ok(self.core()?.list_api_tokens()?)
    }

    /// Creates an API token from the account's email and password (and MFA code); at most one
    /// year of validity.
    #[uniffi::method(default(mfa_code = None, description = None))]
    pub fn create_api_token(
        &self,
        email: String,
        password: String,
        name: String,
        expiration: SystemTime,
        mfa_code: Option<String>,
        description: Option<String>,
    ) -> Result<Arc<CreatedApiToken>, CleverError> {
        let inner = self.core()?.create_api_token(&NewApiToken {
            email: &email,
            password: &password,
            mfa_code: mfa_code.as_deref(),
            name: &name,
            description: description.as_deref(),
            expires_at: expiration,
        })?;
        Ok(Arc::new(CreatedApiToken { inner }))
    }

    #[uniffi::method(default(description = None))]
    pub fn update_api_token(
        &self,
        api_token_id: String,
        name: String,
        description: Option<String>,
    ) -> Result<ApiToken, CleverError> {
        Ok(self
            .core()?
            .update_api_token(&api_token_id, &name, description.as_deref())?)
    }

    pub fn revoke_api_token(&self, api_token_id: String) -> Result<(), CleverError> {
        Ok(self.core()?.revoke_api_token(&api_token_id)?)
    }
}
