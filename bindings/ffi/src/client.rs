//! `Client` and its options: every call of the core client.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use cleverkit::models::{ApiToken, DeploymentRecord};
use cleverkit::{ApiRequest, NewApiToken};

use crate::{AsyncClient, CleverError, OAuth1Credentials};

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
    pub max_retries: Option<i32>,
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
    pub max_response_bytes: Option<i64>,
    /// Idle keep-alive connections kept per host: as many as threads sharing the client.
    #[uniffi(default = None)]
    pub max_idle_connections: Option<i32>,
    /// For `AsyncClient`: the most worker threads running its calls at once
    /// (`DEFAULT_WORKER_THREADS`); more calls wait their turn.
    #[uniffi(default = None)]
    pub worker_threads: Option<i32>,
}

/// Worker threads of an `AsyncClient` when its options set none: as many as the idle
/// connections kept per host by default, so that each busy thread has one.
pub const DEFAULT_WORKER_THREADS: usize = 16;

impl ClientOptions {
    /// `worker_threads`, checked: at least one.
    fn worker_threads(&self) -> Result<usize, CleverError> {
        match self.worker_threads {
            None => Ok(DEFAULT_WORKER_THREADS),
            Some(count) if count >= 1 => Ok(count.unsigned_abs() as usize),
            Some(count) => Err(CleverError::InvalidInput {
                detail: format!("worker_threads must be at least 1, not {count}"),
            }),
        }
    }
}

/// A duration a caller gave: Swift sends one Rust cannot hold (negative, infinite, NaN) as
/// `Duration::MAX` (bindings/swift/checked-durations.py), which no caller means.
pub(crate) fn finite(name: &str, value: Duration) -> Result<Duration, CleverError> {
    if value == Duration::MAX {
        return Err(CleverError::InvalidInput {
            detail: format!("{name} must be a finite duration of zero or more"),
        });
    }
    Ok(value)
}

fn finite_option(name: &str, value: Option<Duration>) -> Result<Option<Duration>, CleverError> {
    value.map(|value| finite(name, value)).transpose()
}

/// A count or size of the options: signed across the FFI (Java), never negative.
fn non_negative<T: TryFrom<i64>>(name: &str, value: i64) -> Result<T, CleverError> {
    T::try_from(value).map_err(|_| CleverError::InvalidInput {
        detail: format!("{name} {value} is negative or too large"),
    })
}

impl TryFrom<ClientOptions> for cleverkit::ClientOptions {
    type Error = CleverError;

    fn try_from(options: ClientOptions) -> Result<Self, CleverError> {
        let defaults = cleverkit::ClientOptions::default();
        let proxy = match (options.proxy_url, options.use_environment_proxy) {
            (Some(url), _) => cleverkit::Proxy::Url(url),
            (None, Some(false)) => cleverkit::Proxy::None,
            (None, Some(true)) => cleverkit::Proxy::FromEnvironment,
            (None, None) => defaults.proxy,
        };
        let count = |name, value: Option<i32>, default| {
            value.map_or(Ok(default), |value| non_negative(name, value.into()))
        };
        Ok(cleverkit::ClientOptions {
            api_host: options.api_host,
            bridge_host: options.bridge_host,
            connect_timeout: finite_option("connect_timeout", options.connect_timeout)?
                .unwrap_or(defaults.connect_timeout),
            timeout: finite_option("timeout", options.timeout)?.unwrap_or(defaults.timeout),
            max_retries: count("max_retries", options.max_retries, defaults.max_retries)?,
            retry_base_delay: finite_option("retry_base_delay", options.retry_base_delay)?
                .unwrap_or(defaults.retry_base_delay),
            max_retry_wait: finite_option("max_retry_wait", options.max_retry_wait)?
                .unwrap_or(defaults.max_retry_wait),
            user_agent_suffix: options.user_agent_suffix,
            proxy,
            ca_bundle: options.ca_bundle_path.map(PathBuf::from),
            client_certificate: options.client_certificate_path.map(PathBuf::from),
            client_key: options.client_key_path.map(PathBuf::from),
            max_response_bytes: options
                .max_response_bytes
                .map_or(Ok(defaults.max_response_bytes), |bytes| {
                    non_negative("max_response_bytes", bytes)
                })?,
            max_idle_connections: options
                .max_idle_connections
                .map_or(Ok(defaults.max_idle_connections), |count| {
                    non_negative("max_idle_connections", count.into())
                })?,
        })
    }
}

/// The core's options; the `User-Agent` names the host language unless the caller set a suffix.
pub(crate) fn core_options(
    options: Option<ClientOptions>,
) -> Result<cleverkit::ClientOptions, CleverError> {
    let mut options: cleverkit::ClientOptions = options.unwrap_or_default().try_into()?;
    if options.user_agent_suffix.is_none() {
        options.user_agent_suffix = crate::host::host_language().map(str::to_owned);
    }
    Ok(options)
}

/// Hears how far a download is, after each chunk written; called on the thread doing the
/// download. A download that starts again after a cut reports from zero again.
#[uniffi::export(with_foreign)]
pub trait DownloadProgress: Send + Sync {
    /// `written` bytes so far, of `total` when the server announced the size.
    fn on_progress(&self, written: i64, total: Option<i64>);
}

/// A count a call takes (a limit): signed across the FFI (Java), never negative.
pub(crate) fn unsigned(name: &str, value: Option<i32>) -> Result<Option<u32>, CleverError> {
    value
        .map(|value| {
            u32::try_from(value).map_err(|_| CleverError::InvalidInput {
                detail: format!("{name} {value} is negative"),
            })
        })
        .transpose()
}

/// Hears of a deployment `wait_for_deployment` waits for: at the first poll and at each change
/// of its state; called on the thread that waits.
#[uniffi::export(with_foreign)]
pub trait DeploymentProgress: Send + Sync {
    /// The deployment as the last poll read it.
    fn on_state(&self, deployment: DeploymentRecord);
}

/// A size for Java, which has no unsigned types; no file reaches 2^63 bytes.
fn signed(bytes: u64) -> i64 {
    i64::try_from(bytes).unwrap_or(i64::MAX)
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
    /// The HTTP status (signed: Java reads it).
    pub status: i32,
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
    /// The size of the pool of the `AsyncClient`s made from this client.
    worker_threads: usize,
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
    /// Builds the core client with `options`, converted: the one path of every constructor.
    fn build(
        options: Option<ClientOptions>,
        core: impl FnOnce(cleverkit::ClientOptions) -> Result<cleverkit::Client, cleverkit::Error>,
    ) -> Result<Arc<Self>, CleverError> {
        let worker_threads = options
            .as_ref()
            .map_or(Ok(DEFAULT_WORKER_THREADS), ClientOptions::worker_threads)?;
        let inner = core(core_options(options)?)?;
        Ok(Arc::new(Client::wrap(inner, worker_threads)))
    }

    pub(crate) fn wrap(inner: cleverkit::Client, worker_threads: usize) -> Self {
        Client {
            inner: RwLock::new(Some(inner)),
            worker_threads,
        }
    }

    pub(crate) fn worker_threads(&self) -> usize {
        self.worker_threads
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<cleverkit::Client>> {
        // A poisoned lock only means a panic elsewhere; the option inside is still whole.
        self.inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The core client for one call: a clone (an `Arc` count), so that `close()` during the
    /// call lets it finish.
    pub(crate) fn core(&self) -> Result<cleverkit::Client, CleverError> {
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
    ///
    /// Errors: `Config` or `InvalidInput` when an option is unusable (a host with a path, a
    /// certificate rustls refuses, a negative count).
    #[uniffi::constructor(default(options = None))]
    pub fn with_oauth1(
        credentials: Arc<OAuth1Credentials>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        Client::build(options, |options| {
            cleverkit::Client::with_oauth1(credentials.inner.clone(), options)
        })
    }

    /// Sends `Authorization: Bearer`; relative paths go to the API bridge.
    ///
    /// Errors: `InvalidInput` for an empty token; `Config` or `InvalidInput` when an option is
    /// unusable (a host with a path, a certificate rustls refuses, a negative count).
    #[uniffi::constructor(default(options = None))]
    pub fn with_api_token(
        api_token: String,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        Client::build(options, |options| {
            cleverkit::Client::with_api_token(api_token, options)
        })
    }

    /// Credentials found the way clever-tools finds them: `CLEVER_TOKEN` + `CLEVER_SECRET`,
    /// `CLEVER_API_TOKEN`, or the active (or named) profile of `clever-tools.json`.
    ///
    /// Errors: `Config` when no credentials are found, the profile asked for does not exist, its
    /// login expired, or an option is unusable.
    #[uniffi::constructor(default(options = None, profile = None))]
    pub fn from_environment(
        options: Option<ClientOptions>,
        profile: Option<String>,
    ) -> Result<Arc<Self>, CleverError> {
        Client::build(options, |options| {
            cleverkit::Client::from_environment(options, profile.as_deref())
        })
    }

    /// Like `from_environment`, with this clever-tools configuration file instead of the usual
    /// one (for platforms that cannot set environment variables): its active profile, or
    /// `profile`, whatever credentials the environment holds.
    ///
    /// Errors: `Config` when the file or the profile is missing or unreadable, its login expired,
    /// or an option is unusable.
    #[uniffi::constructor(default(profile = None, options = None))]
    pub fn from_config_file(
        path: String,
        profile: Option<String>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        Client::build(options, |options| {
            cleverkit::Client::from_config_file(path.as_ref(), profile.as_deref(), options)
        })
    }

    /// Releases the core client and its idle connections; calls in progress finish, later ones
    /// raise `CleverError.InvalidInput` (in Kotlin, `shutdown()`: `IllegalStateException`, as
    /// after `close()`). Calling it again does nothing.
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
}

exported! {
    /// Streams the invoice PDF to `destination` (nothing is left there on failure); returns
    /// the bytes written. `progress`, if given, hears of each chunk written. Awaited, a
    /// cancelled download stops within one chunk and leaves no file.
    ///
    /// Errors: `NotFound` when no invoice has that number; `Io` when the destination cannot be
    /// written; `InvalidInput` for an id or number that cannot be a path segment; `Unauthorized`
    /// (log in again), `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout`
    /// (retry later), `InvalidResponse`.
    #[uniffi::method(default(progress = None))]
    fn download_invoice(
        organisation_id: String,
        invoice_number: String,
        destination: String,
        progress: Option<Arc<dyn DownloadProgress>>,
    ) -> i64
        => |core| core
            .download_invoice_with_progress(
                &organisation_id,
                &invoice_number,
                destination.as_ref(),
                |written, total| {
                    if let Some(progress) = &progress {
                        progress.on_progress(signed(written), total.map(signed));
                    }
                },
            )
            .map(signed)
}

exported! {
    /// Creates an API token from the account's email and password (and MFA code); at most one
    /// year of validity.
    ///
    /// Errors: `InvalidInput` for an expiry in the past or over a year ahead, or an empty name;
    /// `Unauthorized` for a wrong password or MFA code; `Unauthorized` (log in again),
    /// `Forbidden`, `NotFound`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry
    /// later), `InvalidResponse`.
    #[uniffi::method(default(mfa_code = None, description = None))]
    fn create_api_token(
        email: String,
        password: String,
        name: String,
        expiration: SystemTime,
        mfa_code: Option<String>,
        description: Option<String>,
    ) -> Arc<CreatedApiToken>
        => |core| core
            .create_api_token(&NewApiToken {
                email: &email,
                password: &password,
                mfa_code: mfa_code.as_deref(),
                name: &name,
                description: description.as_deref(),
                expires_at: expiration,
            })
            .map(|inner| Arc::new(CreatedApiToken { inner }))
}

/// A response read whole, as the FFI gives it.
fn http_response(response: cleverkit::Response) -> HttpResponse {
    HttpResponse {
        status: response.status.into(),
        headers: response
            .headers
            .into_iter()
            .map(|(name, value)| Param { name, value })
            .collect(),
        body: response.body,
    }
}

exported! {
    /// Any request, like `clever curl`: a path (`/v2/self`) or an absolute URL on a configured
    /// host. Error statuses raise `CleverError`.
    ///
    /// Errors: `InvalidInput` for a path that is not one, or an absolute URL on another host;
    /// `Unauthorized` (log in again), `Forbidden`, `NotFound`, `RateLimited` (wait), `Http`,
    /// `Transport` or `Timeout` (retry later), `InvalidResponse`.
    #[uniffi::method(default(query = [], headers = [], body = None))]
    fn request(
        method: String,
        path: String,
        query: Vec<Param>,
        headers: Vec<Param>,
        body: Option<Vec<u8>>,
    ) -> HttpResponse
        => |core| core
            .request(&ApiRequest {
                method,
                path,
                query: pairs(query),
                headers: pairs(headers),
                body,
                ..ApiRequest::default()
            })
            .map(http_response)
}

exported! {
    /// A JSON call: sends `json_body` (JSON text) if any, returns the response's JSON text.
    ///
    /// Errors: as `request`; `InvalidResponse` when the answer is not UTF-8 text.
    #[uniffi::method(default(json_body = None))]
    fn request_json(method: String, path: String, json_body: Option<String>) -> String
        => |core| core.request_json(&method, &path, json_body.as_deref())
}

exported! {
    /// Polls the deployment until it ends (a pause growing from 0.5 s to 10 s between polls)
    /// and returns it once `OK`; `progress` hears of it at the first poll and at each change of
    /// its state. A deployment the API does not list yet (just after a redeploy) is waited for.
    /// Awaited, cancelling the task stops the wait (the deployment goes on).
    ///
    /// Errors: `Deployment` (its id and state) when it fails, is cancelled, or has not ended
    /// after `timeout` (`timed_out`); `InvalidInput` for an id that cannot be a path segment;
    /// `NotFound` when the application does not exist; `Unauthorized` (log in again),
    /// `Forbidden`, `RateLimited` (wait), `Http`, `Transport` or `Timeout` (retry later),
    /// `InvalidResponse`.
    #[uniffi::method(default(progress = None))]
    fn wait_for_deployment(
        owner_id: String,
        application_id: String,
        deployment_id: String,
        timeout: Duration,
        progress: Option<Arc<dyn DeploymentProgress>>,
    ) -> DeploymentRecord
        => |core| core.wait_for_deployment(
            &owner_id,
            &application_id,
            &deployment_id,
            finite("timeout", timeout)?,
            |deployment| {
                if let Some(progress) = &progress {
                    progress.on_state(deployment.clone());
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Swift sends for a negative, infinite or NaN duration is refused, naming the option.
    #[test]
    fn a_duration_rust_cannot_hold_is_invalid_input() {
        let options = ClientOptions {
            timeout: Some(Duration::MAX),
            ..ClientOptions::default()
        };
        match cleverkit::ClientOptions::try_from(options) {
            Err(CleverError::InvalidInput { detail }) => {
                assert_eq!(detail, "timeout must be a finite duration of zero or more")
            }
            other => panic!("{other:?}"),
        }
        assert!(finite("timeout", Duration::from_secs(40 * 24 * 3600)).is_ok());
    }
}
