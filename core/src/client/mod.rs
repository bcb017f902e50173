//! The blocking API client: one `ureq` agent (keep-alive, shared by threads), requests signed
//! per attempt, retries with backoff, redirects followed by hand so that credentials never
//! leave the configured hosts.

mod errors;
pub(crate) mod options;
mod raw;
mod retry;
pub(crate) mod url;

use std::io::Read;
use std::sync::Arc;
use std::thread;
use std::time::{Instant, SystemTime};

use serde::de::DeserializeOwned;
use ureq::http;

pub use errors::ApiErrorBody;
pub use options::{ClientOptions, DEFAULT_API_HOST, DEFAULT_BRIDGE_HOST, Proxy};
pub use url::path_segment;

use crate::Error;
use crate::oauth1::{self, Credentials, ProtocolParams, Secret, SignatureMethod};
use errors::{ERROR_BODY_LIMIT, Failure, is_retryable_transport, transport_error};
use raw::Follow;
use url::{Origin, append_query, canonical_path_and_query, origin_of, split_origin};

/// How requests are authenticated.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// Signed per request; sent to the main API host by default.
    OAuth1(Credentials),
    /// `Authorization: Bearer`; sent to the API bridge by default.
    ApiToken(Secret),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::OAuth1(credentials) => f.debug_tuple("OAuth1").field(credentials).finish(),
            Auth::ApiToken(_) => f.write_str("ApiToken([redacted])"),
        }
    }
}

/// The kind of credentials and what is public about them; secrets show as `[redacted]`.
impl std::fmt::Display for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::OAuth1(credentials) => {
                write!(f, "oauth1 consumer_key={}", credentials.consumer_key())
            }
            Auth::ApiToken(_) => f.write_str("api_token=[redacted]"),
        }
    }
}

/// Which configured host a relative path goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The main API (`https://api.clever-cloud.com`).
    Api,
    /// The API bridge (`https://api-bridge.clever-cloud.com`), home of `/api-tokens`.
    Bridge,
}

/// Any request: a path (`/v2/self`, relative to a configured host) or an absolute URL on one
/// of the configured hosts.
#[derive(Debug, Clone, Default)]
pub struct ApiRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// Where a relative path goes; by default the host that fits the credentials.
    pub host: Option<Host>,
    /// Retry POST and PATCH too (only when the caller knows repeating them is safe).
    pub retry_non_idempotent: bool,
}

impl ApiRequest {
    pub fn new(method: impl Into<String>, path: impl Into<String>) -> Self {
        ApiRequest {
            method: method.into(),
            path: path.into(),
            ..Self::default()
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path)
    }

    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.body = Some(body.into());
        self.header("Content-Type", content_type)
    }

    pub fn json_body(self, value: &impl serde::Serialize) -> Result<Self, Error> {
        let body = serde_json::to_vec(value)
            .map_err(|err| Error::InvalidInput(format!("JSON body: {err}")))?;
        Ok(self.body(body, "application/json"))
    }

    pub fn on(mut self, host: Host) -> Self {
        self.host = Some(host);
        self
    }

    fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A response read whole (bounded by `ClientOptions::max_response_bytes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body parsed as `T`; `endpoint` names the call in the error.
    pub fn json<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|err| Error::InvalidResponse {
            endpoint: endpoint.to_owned(),
            message: format!("unexpected JSON: {err}"),
        })
    }
}

/// Redirects followed at most, per request.
const MAX_REDIRECTS: u32 = 5;

/// Clever Cloud's API client. Cheap to share: wrap it in an `Arc` and use it from any thread;
/// connections are pooled and kept alive.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_host", &self.inner.options.api_host_or_default())
            .field("bridge_host", &self.inner.options.bridge_host_or_default())
            .field("auth", &self.inner.auth)
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
            self.inner.auth
        )
    }
}

struct Inner {
    agent: ureq::Agent,
    auth: Auth,
    options: ClientOptions,
    api: Origin,
    bridge: Origin,
}

/// A request resolved to its canonical absolute URL.
struct Resolved {
    url: String,
    /// The configured host it targets: credentials go there and nowhere else.
    origin: Origin,
    host: Host,
}

impl Client {
    pub fn new(auth: Auth, options: ClientOptions) -> Result<Self, Error> {
        let api = Origin::parse(options.api_host_or_default(), "API host")?;
        let bridge = Origin::parse(options.bridge_host_or_default(), "bridge host")?;
        let agent = options.agent(api.is_loopback() && bridge.is_loopback())?;
        Ok(Client {
            inner: Arc::new(Inner {
                agent,
                auth,
                options,
                api,
                bridge,
            }),
        })
    }

    pub fn with_oauth1(credentials: Credentials, options: ClientOptions) -> Result<Self, Error> {
        Self::new(Auth::OAuth1(credentials), options)
    }

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

    pub fn auth(&self) -> &Auth {
        &self.inner.auth
    }

    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// Sends a request and reads the whole response. Error statuses come back as `Err`.
    pub fn request(&self, request: &ApiRequest) -> Result<Response, Error> {
        let resolved = self.resolve(request)?;
        let response = self.execute(request, &resolved, Follow::ERRORS_AS_ERR)?;
        self.read_whole(response, &resolved.url)
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

    /// `GET path` parsed as JSON.
    pub fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, Error> {
        self.request(&ApiRequest::get(path))?.json(path)
    }

    /// Sends a request and hands back the body unread, for streaming.
    pub(crate) fn stream(
        &self,
        request: &ApiRequest,
    ) -> Result<(String, impl Read + use<>), Error> {
        let resolved = self.resolve(request)?;
        let response = self.execute(request, &resolved, Follow::ERRORS_AS_ERR)?;
        let reader = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .reader();
        Ok((resolved.url, reader))
    }

    fn resolve(&self, request: &ApiRequest) -> Result<Resolved, Error> {
        let inner = &self.inner;
        let (host, origin, path) = match split_origin(&request.path) {
            Some((origin, path)) => {
                let host = if origin == inner.api {
                    Host::Api
                } else if origin == inner.bridge {
                    Host::Bridge
                } else {
                    return Err(Error::InvalidInput(format!(
                        "refusing to send credentials to {}: not the configured API ({}) or bridge ({}) host",
                        origin.to_url_prefix(),
                        inner.api.to_url_prefix(),
                        inner.bridge.to_url_prefix()
                    )));
                };
                (host, origin, path)
            }
            None if request.path.starts_with('/') => {
                let host = request.host.unwrap_or(match inner.auth {
                    Auth::OAuth1(_) => Host::Api,
                    Auth::ApiToken(_) => Host::Bridge,
                });
                let origin = match host {
                    Host::Api => inner.api.clone(),
                    Host::Bridge => inner.bridge.clone(),
                };
                (host, origin, request.path.as_str())
            }
            None => {
                return Err(Error::InvalidInput(format!(
                    "{:?} is neither a path starting with '/' nor an absolute URL",
                    request.path
                )));
            }
        };
        let mut path_and_query =
            canonical_path_and_query(if path.is_empty() { "/" } else { path })?;
        if path_and_query.starts_with('?') {
            path_and_query.insert(0, '/');
        }
        append_query(&mut path_and_query, &request.query);
        Ok(Resolved {
            url: format!("{}{path_and_query}", origin.to_url_prefix()),
            origin,
            host,
        })
    }

    /// Retries around redirects around single attempts; returns the first success or the error.
    fn execute(
        &self,
        request: &ApiRequest,
        resolved: &Resolved,
        follow: Follow,
    ) -> Result<http::Response<ureq::Body>, Error> {
        let options = &self.inner.options;
        let retryable = retry::is_idempotent(&request.method) || request.retry_non_idempotent;
        let mut attempt = 0;
        loop {
            let may_retry = retryable && attempt < options.max_retries;
            match self.follow_redirects(request, resolved, follow) {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => {
                    let status = response.status().as_u16();
                    let retry_after = response
                        .headers()
                        .get("retry-after")
                        .and_then(|value| value.to_str().ok())
                        .and_then(|value| retry::parse_retry_after(value, SystemTime::now()));
                    let wait = retry_after.unwrap_or_else(|| {
                        retry::backoff(attempt, options.retry_base_delay, options.max_retry_wait)
                    });
                    if may_retry
                        && retry::is_retryable_status(status)
                        && wait <= options.max_retry_wait
                    {
                        log::debug!("HTTP {status}: retrying in {} ms", wait.as_millis());
                        thread::sleep(wait);
                        attempt += 1;
                        continue;
                    }
                    if follow.any_status {
                        return Ok(response);
                    }
                    return Err(self.failure(response, &resolved.url, retry_after));
                }
                Err(AttemptError::Transport(error))
                    if may_retry && is_retryable_transport(&error) =>
                {
                    let wait =
                        retry::backoff(attempt, options.retry_base_delay, options.max_retry_wait);
                    log::debug!("{error}: retrying in {} ms", wait.as_millis());
                    thread::sleep(wait);
                    attempt += 1;
                }
                Err(AttemptError::Transport(error)) => {
                    return Err(transport_error(error, &resolved.url));
                }
                Err(AttemptError::Refused(error)) => return Err(error),
            }
        }
    }

    /// One attempt: sends, then follows redirects by hand. A redirect on the same host is signed
    /// again; one to another host is followed without credentials.
    fn follow_redirects(
        &self,
        request: &ApiRequest,
        resolved: &Resolved,
        follow: Follow,
    ) -> Result<http::Response<ureq::Body>, AttemptError> {
        let mut method = request.method.to_ascii_uppercase();
        let mut body = request.body.as_deref();
        let mut url = resolved.url.clone();
        let mut authorized = true;
        for _ in 0..=MAX_REDIRECTS {
            let response = self.send_once(&method, &url, request, body, resolved, authorized)?;
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|value| value.to_str().ok());
            let (true, Some(location)) = (matches!(status, 301 | 302 | 303 | 307 | 308), location)
            else {
                return Ok(response);
            };
            let next = resolve_location(&url, location).map_err(AttemptError::Refused)?;
            let next_origin = origin_of(&next).ok_or_else(|| {
                AttemptError::Refused(Error::InvalidResponse {
                    endpoint: url.clone(),
                    message: format!("redirect to an unusable location {location:?}"),
                })
            })?;
            if !follow.other_hosts && next_origin != resolved.origin {
                return Ok(response);
            }
            if !next_origin.https && !next_origin.is_loopback() {
                return Err(AttemptError::Refused(Error::InvalidResponse {
                    endpoint: url.clone(),
                    message: format!("refusing to follow a redirect to plain http: {next}"),
                }));
            }
            authorized &= next_origin == resolved.origin;
            if status == 303 || (matches!(status, 301 | 302) && method == "POST") {
                method = "GET".into();
                body = None;
            }
            log::debug!("HTTP {status}: redirected to {next}");
            url = next;
        }
        Err(AttemptError::Refused(Error::InvalidResponse {
            endpoint: resolved.url.clone(),
            message: format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)"),
        }))
    }

    fn send_once(
        &self,
        method: &str,
        url: &str,
        request: &ApiRequest,
        body: Option<&[u8]>,
        resolved: &Resolved,
        authorized: bool,
    ) -> Result<http::Response<ureq::Body>, AttemptError> {
        let mut builder = http::Request::builder().method(method).uri(url);
        for (name, value) in &request.headers {
            if !name.eq_ignore_ascii_case("authorization") {
                builder = builder.header(name, value);
            }
        }
        if request.header_value("accept").is_none() {
            builder = builder.header("Accept", "application/json");
        }
        if authorized {
            let content_type = request.header_value("content-type");
            let authorization = self
                .authorization(method, url, body, content_type, resolved.host)
                .map_err(AttemptError::Refused)?;
            builder = builder.header("Authorization", authorization);
        }
        let started = Instant::now();
        let refused = |err: http::Error| {
            AttemptError::Refused(Error::InvalidInput(format!("request: {err}")))
        };
        let agent = &self.inner.agent;
        // Without a body, no Content-Length or chunked framing is sent (an empty `&[u8]` body
        // would still be framed, and cost a round of delayed ACKs).
        let sent = match body {
            Some(body) => builder
                .body(body)
                .map_err(refused)
                .and_then(|http_request| agent.run(http_request).map_err(AttemptError::Transport)),
            None => builder
                .body(())
                .map_err(refused)
                .and_then(|http_request| agent.run(http_request).map_err(AttemptError::Transport)),
        };
        match &sent {
            Ok(response) => log::debug!(
                "{method} {url} → {} in {} ms",
                response.status().as_u16(),
                started.elapsed().as_millis()
            ),
            Err(_) => log::debug!(
                "{method} {url} → failed after {} ms",
                started.elapsed().as_millis()
            ),
        }
        sent
    }

    /// The `Authorization` value for one attempt: a fresh nonce and timestamp each time. The
    /// bridge only takes PLAINTEXT among OAuth signatures.
    fn authorization(
        &self,
        method: &str,
        url: &str,
        body: Option<&[u8]>,
        content_type: Option<&str>,
        host: Host,
    ) -> Result<String, Error> {
        match &self.inner.auth {
            Auth::ApiToken(token) => Ok(format!("Bearer {}", token.expose())),
            Auth::OAuth1(credentials) => {
                let plaintext;
                let credentials = if host == Host::Bridge {
                    plaintext = credentials
                        .clone()
                        .with_signature_method(SignatureMethod::Plaintext);
                    &plaintext
                } else {
                    credentials
                };
                let mut signed_request = oauth1::Request::new(method, url);
                if let Some(body) = body {
                    signed_request = signed_request.with_body(body, content_type);
                }
                let signed = oauth1::sign(&signed_request, credentials, &ProtocolParams::fresh()?)?;
                Ok(signed.authorization)
            }
        }
    }

    /// The error for a response that is not a success; reads at most 4 KiB of its body.
    fn failure(
        &self,
        response: http::Response<ureq::Body>,
        url: &str,
        retry_after: Option<std::time::Duration>,
    ) -> Error {
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("sozu-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        // A body that cannot be read still leaves the status to report.
        let _ = response
            .into_body()
            .into_reader()
            .take(ERROR_BODY_LIMIT as u64)
            .read_to_end(&mut body);
        let expires_at = match &self.inner.auth {
            Auth::OAuth1(credentials) => credentials.expires_at(),
            Auth::ApiToken(_) => None,
        };
        Failure {
            status,
            body: &body,
            request_id,
            retry_after,
            expires_at,
        }
        .into_error(url, &self.secrets())
    }

    fn secrets(&self) -> Vec<&str> {
        match &self.inner.auth {
            Auth::ApiToken(token) => vec![token.expose()],
            Auth::OAuth1(credentials) => {
                let mut secrets = vec![credentials.consumer_secret().expose()];
                secrets.extend(credentials.token_secret().map(Secret::expose));
                secrets
            }
        }
    }
}

/// Why one attempt ended without a response.
enum AttemptError {
    /// ureq failed: may be retried.
    Transport(ureq::Error),
    /// Refused before or after sending: never retried.
    Refused(Error),
}

fn header_pairs(headers: &http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// An absolute URL for a `Location` header: absolute, or a path on the current origin.
fn resolve_location(current: &str, location: &str) -> Result<String, Error> {
    let unsupported = || Error::InvalidResponse {
        endpoint: current.to_owned(),
        message: format!("unsupported redirect location {location:?}"),
    };
    let (origin, path) = match split_origin(location) {
        Some((origin, path)) => (origin, if path.is_empty() { "/" } else { path }),
        None if location.starts_with('/') => {
            (origin_of(current).ok_or_else(unsupported)?, location)
        }
        None => return Err(unsupported()),
    };
    Ok(format!(
        "{}{}",
        origin.to_url_prefix(),
        canonical_path_and_query(path)?
    ))
}
