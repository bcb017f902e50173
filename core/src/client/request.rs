//! What a call sends and gets back: the request, the response, the credentials and the host
//! a path goes to.

use serde::de::DeserializeOwned;

use crate::Error;
use crate::oauth1::{Credentials, Secret};

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
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE`…
    pub method: String,
    /// `/v2/self`, or `https://api.clever-cloud.com/v2/self`; may carry a query of its own.
    /// Anything else is [`Error::InvalidInput`] when sent, as is a URL on another host.
    pub path: String,
    /// Query parameters appended to the path's, unencoded, in order (repeats kept).
    pub query: Vec<(String, String)>,
    /// Extra headers, as given. An `Authorization` header here is dropped: the credentials
    /// supply their own.
    pub headers: Vec<(String, String)>,
    /// The body. A form body's fields are covered by the OAuth 1.0a signature.
    pub body: Option<Vec<u8>>,
    /// Where a relative path goes; by default the host that fits the credentials.
    pub host: Option<Host>,
    /// Retry POST and PATCH too (only when the caller knows repeating them is safe).
    pub retry_non_idempotent: bool,
    /// Send the OAuth protocol parameters in the form body rather than the `Authorization`
    /// header (RFC 5849 §3.5.2), as the dance's endpoints describe them. Needs an
    /// `application/x-www-form-urlencoded` body; API tokens ignore it.
    pub oauth_params_in_body: bool,
}

impl ApiRequest {
    /// A request with no query, header or body.
    pub fn new(method: impl Into<String>, path: impl Into<String>) -> Self {
        ApiRequest {
            method: method.into(),
            path: path.into(),
            ..Self::default()
        }
    }

    /// A `GET` request.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path)
    }

    /// Adds a query parameter (unencoded: it is encoded when sent).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body and adds its `Content-Type` header.
    pub fn body(mut self, body: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.body = Some(body.into());
        self.header("Content-Type", content_type)
    }

    /// Sets `value` as a JSON body. [`Error::InvalidInput`] when it does not serialise.
    pub fn json_body(self, value: &impl serde::Serialize) -> Result<Self, Error> {
        let body = serde_json::to_vec(value)
            .map_err(|err| Error::InvalidInput(format!("JSON body: {err}")))?;
        Ok(self.body(body, "application/json"))
    }

    /// Sends a relative path to this host rather than the one that fits the credentials.
    pub fn on(mut self, host: Host) -> Self {
        self.host = Some(host);
        self
    }

    pub(super) fn header_value(&self, name: &str) -> Option<&str> {
        crate::pairs::header(&self.headers, name)
    }
}

/// A response read whole (bounded by `ClientOptions::max_response_bytes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code: 2xx from [`Client::request`](crate::Client::request), any from
    /// [`Client::request_any_status`](crate::Client::request_any_status).
    pub status: u16,
    /// Every header, in order, as received.
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::pairs::header(&self.headers, name)
    }

    /// The body parsed as `T`; `endpoint` names the call in the error.
    pub fn json<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|err| Error::InvalidResponse {
            endpoint: endpoint.to_owned(),
            message: format!("unexpected JSON: {err}"),
        })
    }
}
