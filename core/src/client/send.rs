//! The send pipeline: a request resolved to one canonical URL, retries around redirects around
//! single hops, and the error for a response that is not a success.

use std::borrow::Cow;
use std::io::Read;
use std::time::{Instant, SystemTime};

use ureq::http;

use super::authorize::Authorization;
use super::errors::{ERROR_BODY_LIMIT, Failure, is_retryable_transport, transport_error};
use super::raw::Follow;
use super::retry;
use super::url::{Origin, append_query, canonical_path_and_query, origin_of, split_origin};
use super::{ApiRequest, Auth, Client, Host, Response};
use crate::Error;

/// Redirects followed at most, per request.
const MAX_REDIRECTS: u32 = 5;

/// A request resolved to its canonical absolute URL.
pub(super) struct Resolved {
    pub url: String,
    /// The configured host it targets: credentials go there and nowhere else.
    pub origin: Origin,
    pub host: Host,
}

/// One hop of an attempt: the first request, or a redirect followed.
struct Hop<'a> {
    method: String,
    url: String,
    body: Option<&'a [u8]>,
    /// False once a redirect left the configured host: no credentials go there.
    authorized: bool,
}

impl Client {
    pub(super) fn resolve(&self, request: &ApiRequest) -> Result<Resolved, Error> {
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
                let host = request.host.unwrap_or(match inner.authorizer.auth() {
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

    /// Retries around redirects around single attempts. `finish` reads what it needs of each
    /// response the caller gets (the whole body, or nothing to stream it): a body cut on an
    /// idempotent request is retried as a connection cut before the headers is.
    pub(super) fn execute<T>(
        &self,
        request: &ApiRequest,
        resolved: &Resolved,
        follow: Follow,
        mut finish: impl FnMut(http::Response<ureq::Body>) -> Result<T, ureq::Error>,
    ) -> Result<T, Error> {
        let options = &self.inner.options;
        let retryable = retry::is_idempotent(&request.method) || request.retry_non_idempotent;
        let mut attempt = 0;
        loop {
            self.checkpoint()?;
            let may_retry = retryable && attempt < options.max_retries;
            let outcome = match self.follow_redirects(request, resolved, follow) {
                Ok(response) if response.status().is_success() => {
                    finish(response).map_err(AttemptError::Transport)
                }
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
                        self.pause(wait)?;
                        attempt += 1;
                        continue;
                    }
                    if !follow.any_status {
                        return Err(self.failure(response, &resolved.url));
                    }
                    finish(response).map_err(AttemptError::Transport)
                }
                Err(error) => Err(error),
            };
            match outcome {
                Ok(finished) => return Ok(finished),
                Err(AttemptError::Transport(error))
                    if may_retry && is_retryable_transport(&error) =>
                {
                    let wait =
                        retry::backoff(attempt, options.retry_base_delay, options.max_retry_wait);
                    log::debug!("{error}: retrying in {} ms", wait.as_millis());
                    self.pause(wait)?;
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
        let mut hop = Hop {
            method: request.method.to_ascii_uppercase(),
            url: resolved.url.clone(),
            body: request.body.as_deref(),
            authorized: true,
        };
        for _ in 0..=MAX_REDIRECTS {
            self.checkpoint().map_err(AttemptError::Refused)?;
            let response = self.send_hop(request, resolved, &hop)?;
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|value| value.to_str().ok());
            let (true, Some(location)) = (matches!(status, 301 | 302 | 303 | 307 | 308), location)
            else {
                return Ok(response);
            };
            let next = resolve_location(&hop.url, location).map_err(AttemptError::Refused)?;
            let next_origin = origin_of(&next).ok_or_else(|| {
                AttemptError::Refused(Error::InvalidResponse {
                    endpoint: hop.url.clone(),
                    message: format!("redirect to an unusable location {location:?}"),
                })
            })?;
            if !follow.other_hosts && next_origin != resolved.origin {
                return Ok(response);
            }
            if !next_origin.https && !next_origin.is_loopback() {
                return Err(AttemptError::Refused(Error::InvalidResponse {
                    endpoint: hop.url.clone(),
                    message: format!("refusing to follow a redirect to plain http: {next}"),
                }));
            }
            hop.authorized &= next_origin == resolved.origin;
            if status == 303 || (matches!(status, 301 | 302) && hop.method == "POST") {
                hop.method = "GET".into();
                hop.body = None;
            }
            log::debug!("HTTP {status}: redirected to {next}");
            hop.url = next;
        }
        Err(AttemptError::Refused(Error::InvalidResponse {
            endpoint: resolved.url.clone(),
            message: format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)"),
        }))
    }

    /// Sends one hop: the request's headers, `Accept: application/json` unless it has one, and
    /// `Authorization` while the hop stays on the configured host.
    fn send_hop(
        &self,
        request: &ApiRequest,
        resolved: &Resolved,
        hop: &Hop<'_>,
    ) -> Result<http::Response<ureq::Body>, AttemptError> {
        let (method, url, body) = (hop.method.as_str(), hop.url.as_str(), hop.body);
        let mut builder = http::Request::builder().method(method).uri(url);
        for (name, value) in &request.headers {
            if !name.eq_ignore_ascii_case("authorization") {
                builder = builder.header(name, value);
            }
        }
        if request.header_value("accept").is_none() {
            builder = builder.header("Accept", "application/json");
        }
        let mut sent_body = body.map(Cow::Borrowed);
        if hop.authorized {
            let signed_body = body.map(|body| (body, request.header_value("content-type")));
            let authorization = self
                .inner
                .authorizer
                .authorize(
                    method,
                    url,
                    signed_body,
                    resolved.host,
                    request.oauth_params_in_body,
                )
                .map_err(AttemptError::Refused)?;
            match authorization {
                Authorization::Header(value) => builder = builder.header("Authorization", value),
                Authorization::FormParams(params) => {
                    let mut form = body.unwrap_or_default().to_vec();
                    if !form.is_empty() {
                        form.push(b'&');
                    }
                    form.extend_from_slice(params.as_bytes());
                    sent_body = Some(Cow::Owned(form));
                }
            }
        }
        let started = Instant::now();
        let refused = |err: http::Error| {
            AttemptError::Refused(Error::InvalidInput(format!("request: {err}")))
        };
        let agent = &self.inner.agent;
        // Without a body, no Content-Length or chunked framing is sent (an empty `&[u8]` body
        // would still be framed, and cost a round of delayed ACKs).
        let sent = match sent_body.as_deref() {
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

    /// The error for a response that is not a success; reads at most 4 KiB of its body.
    fn failure(&self, response: http::Response<ureq::Body>, url: &str) -> Error {
        let status = response.status().as_u16();
        let headers = header_pairs(response.headers());
        let mut body = Vec::new();
        // A body that cannot be read still leaves the status to report.
        let _ = response
            .into_body()
            .into_reader()
            .take(ERROR_BODY_LIMIT as u64)
            .read_to_end(&mut body);
        let response = Response {
            status,
            headers,
            body,
        };
        self.error_of(&response, url)
    }

    /// The error a response read (whole or its start) stands for: the one place that words it,
    /// with every known secret scrubbed.
    pub(super) fn error_of(&self, response: &Response, url: &str) -> Error {
        let retry_after = response
            .header("retry-after")
            .and_then(|value| retry::parse_retry_after(value, SystemTime::now()));
        let authorizer = &self.inner.authorizer;
        Failure {
            status: response.status,
            body: &response.body,
            request_id: response.header("sozu-id").map(str::to_owned),
            retry_after,
            expires_at: authorizer.expires_at(),
        }
        .into_error(url, &authorizer.secrets())
    }
}

/// Why one attempt ended without a response.
enum AttemptError {
    /// ureq failed: may be retried.
    Transport(ureq::Error),
    /// Refused before or after sending: never retried.
    Refused(Error),
}

/// The status, headers and whole body, bounded by `limit` (`ClientOptions::max_response_bytes`).
pub(super) fn read_whole(
    response: http::Response<ureq::Body>,
    limit: u64,
) -> Result<Response, ureq::Error> {
    let status = response.status().as_u16();
    let headers = header_pairs(response.headers());
    let body = response
        .into_body()
        .into_with_config()
        .limit(limit)
        .read_to_vec()?;
    Ok(Response {
        status,
        headers,
        body,
    })
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
