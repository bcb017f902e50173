//! From an HTTP failure to the one public `Error`: status codes, v2 and v4 error bodies, the
//! `Sozu-Id` request id, and transport failures — with every known secret scrubbed.

use std::time::{Duration, SystemTime};

use crate::oauth1::percent_encode_rfc3986;
use crate::{Error, TransportKind};

/// The most of an error body kept in `Error::Http::body`.
pub(crate) const ERROR_BODY_LIMIT: usize = 4 * 1024;

/// What the API said about an error: v2 `{id, message, type}` or v4 `{code, error, apiRequestId}`.
/// Public for callers that read error bodies themselves (and for the fuzz targets).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ApiErrorBody {
    /// The error code: v4's `code`, else v2's numeric `id` as text (`"4004"`).
    pub code: Option<String>,
    /// The message: v2's `message`, else v4's `error`.
    pub message: Option<String>,
}

impl ApiErrorBody {
    /// Never fails: a body that is not a JSON error gives empty fields.
    pub fn parse(body: &[u8]) -> Self {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Self::default();
        };
        let text = |key: &str| match &json[key] {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        };
        ApiErrorBody {
            code: text("code").or_else(|| text("id")),
            message: text("message").or_else(|| text("error")),
        }
    }
}

/// Replaces every occurrence of a secret with `[redacted]`: error bodies can echo a request,
/// whose `Authorization` header carries PLAINTEXT secrets encoded once or twice.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut text = text.to_owned();
    for secret in secrets.iter().filter(|secret| secret.len() >= 4) {
        let once = percent_encode_rfc3986(secret);
        let twice = percent_encode_rfc3986(&once);
        for form in [twice, once, secret.to_string()] {
            text = text.replace(&form, "[redacted]");
        }
    }
    text
}

/// A response that is not a success.
pub(crate) struct Failure<'a> {
    pub status: u16,
    pub body: &'a [u8],
    pub request_id: Option<String>,
    pub retry_after: Option<Duration>,
    /// When the credentials expire, if known: a 401 after that says so.
    pub expires_at: Option<SystemTime>,
}

impl Failure<'_> {
    pub fn into_error(self, endpoint: &str, secrets: &[&str]) -> Error {
        let parsed = ApiErrorBody::parse(self.body);
        let body_start = &self.body[..self.body.len().min(ERROR_BODY_LIMIT)];
        let body_text = scrub(&String::from_utf8_lossy(body_start), secrets);
        let message = scrub(
            &parsed.message.unwrap_or_else(|| endpoint.to_owned()),
            secrets,
        );
        let request_id = self.request_id;
        match self.status {
            401 => {
                let expired_at = self.expires_at.filter(|when| *when <= SystemTime::now());
                Error::Unauthorized {
                    message,
                    expired_at,
                    code: parsed.code,
                    request_id,
                }
            }
            403 => Error::Forbidden {
                message,
                code: parsed.code,
                request_id,
            },
            404 => Error::NotFound {
                message,
                code: parsed.code,
                request_id,
            },
            429 => Error::RateLimited {
                retry_after: self.retry_after,
                request_id,
            },
            status => Error::Http {
                status,
                code: parsed.code,
                message,
                request_id,
                body: (!body_text.is_empty()).then_some(body_text),
            },
        }
    }
}

/// What had not finished when a timeout fired, in the words of `ClientOptions` (ureq's own
/// names, such as `global`, mean nothing to a caller).
fn timeout_phase(which: ureq::Timeout) -> &'static str {
    use ureq::Timeout as T;
    match which {
        T::Resolve | T::Connect => "no connection within the connect timeout",
        T::RecvResponse => "no response within the timeout",
        T::RecvBody | T::PerRead => "the response was not read whole within the timeout",
        T::SendRequest | T::SendBody | T::PerWrite => "the request was not sent within the timeout",
        _ => "the call did not finish within the timeout",
    }
}

/// A failure of ureq before any response: says TLS when it is TLS, never "invalid token".
pub(crate) fn transport_error(error: ureq::Error, url: &str) -> Error {
    use std::io::ErrorKind as K;
    use ureq::Error as U;
    let transport = |kind, message: String| Error::Transport { kind, message };
    match error {
        U::Timeout(which) => Error::Timeout(format!("{url}: {}", timeout_phase(which))),
        U::Io(io) if io.kind() == K::TimedOut => Error::Timeout(format!("{url}: {io}")),
        U::Io(io) => {
            let kind = match io.kind() {
                // rustls reports a failed handshake as an I/O error around its own.
                _ if io
                    .get_ref()
                    .is_some_and(|inner| inner.is::<rustls::Error>()) =>
                {
                    let tls = io.get_ref().and_then(|inner| inner.downcast_ref());
                    tls.map_or(TransportKind::Tls, tls_kind)
                }
                // What a plain-http port answers to a TLS hello.
                K::InvalidData if url.starts_with("https:") => TransportKind::Tls,
                K::ConnectionRefused => TransportKind::Connect,
                K::ConnectionReset
                | K::ConnectionAborted
                | K::BrokenPipe
                | K::UnexpectedEof
                | K::NotConnected => TransportKind::Interrupted,
                _ => TransportKind::Other,
            };
            let message = match kind {
                TransportKind::Tls | TransportKind::Certificate => format!("{url}: TLS: {io}"),
                _ => format!("{url}: {io}"),
            };
            transport(kind, message)
        }
        U::HostNotFound => transport(TransportKind::Dns, format!("{url}: host not found (DNS)")),
        U::ConnectionFailed => {
            transport(TransportKind::Connect, format!("{url}: connection failed"))
        }
        U::Tls(why) => transport(TransportKind::Tls, format!("{url}: TLS: {why}")),
        U::Rustls(why) => transport(tls_kind(&why), format!("{url}: TLS: {why}")),
        U::ConnectProxyFailed(why) => {
            transport(TransportKind::Proxy, format!("{url}: proxy: {why}"))
        }
        U::Pem(why) => Error::Config(format!("certificate or key PEM: {why}")),
        U::InvalidProxyUrl => Error::Config("invalid proxy URL".into()),
        U::BodyExceedsLimit(limit) => Error::InvalidResponse {
            endpoint: url.to_owned(),
            message: format!("the response body is over the {limit} byte limit"),
        },
        other => transport(TransportKind::Other, format!("{url}: {other}")),
    }
}

/// A refused certificate apart from the other TLS failures: the fix differs (a CA bundle).
fn tls_kind(error: &rustls::Error) -> TransportKind {
    match error {
        rustls::Error::InvalidCertificate(_) => TransportKind::Certificate,
        _ => TransportKind::Tls,
    }
}

/// Whether a transport failure is worth another attempt: the connection failed or was cut.
pub(crate) fn is_retryable_transport(error: &ureq::Error) -> bool {
    use std::io::ErrorKind as K;
    match error {
        ureq::Error::ConnectionFailed => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            K::ConnectionRefused
                | K::ConnectionReset
                | K::ConnectionAborted
                | K::BrokenPipe
                | K::UnexpectedEof
                | K::NotConnected
        ),
        ureq::Error::Protocol(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_says_what_had_not_finished_in_the_options_words() {
        let text =
            |which| transport_error(ureq::Error::Timeout(which), "https://h/v2/self").to_string();
        assert_eq!(
            text(ureq::Timeout::Global),
            "timed out: https://h/v2/self: the call did not finish within the timeout"
        );
        assert_eq!(
            text(ureq::Timeout::Connect),
            "timed out: https://h/v2/self: no connection within the connect timeout"
        );
        assert!(!text(ureq::Timeout::RecvBody).contains("RecvBody"));
    }

    #[test]
    fn parses_v2_and_v4_bodies() {
        assert_eq!(
            ApiErrorBody::parse(br#"{"id":4004,"message":"Not found","type":"error"}"#),
            ApiErrorBody {
                code: Some("4004".into()),
                message: Some("Not found".into())
            }
        );
        assert_eq!(
            ApiErrorBody::parse(br#"{"apiRequestId":"r","code":"clever.x","error":"Nope"}"#),
            ApiErrorBody {
                code: Some("clever.x".into()),
                message: Some("Nope".into())
            }
        );
        assert_eq!(ApiErrorBody::parse(b"<html>"), ApiErrorBody::default());
    }

    #[test]
    fn maps_statuses_and_scrubs_secrets() {
        let failure = |status| Failure {
            status,
            body: br#"{"message":"bad header OAuth sig=topsecret"}"#,
            request_id: Some("sozu-1".into()),
            retry_after: Some(Duration::from_secs(3)),
            expires_at: None,
        };
        let error = failure(500).into_error("/v2/self", &["topsecret"]);
        let Error::Http {
            status,
            message,
            body,
            request_id,
            ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(*status, 500);
        assert_eq!(request_id.as_deref(), Some("sozu-1"));
        assert!(!message.contains("topsecret") && !body.as_ref().unwrap().contains("topsecret"));
        assert!(matches!(
            failure(401).into_error("e", &[]),
            Error::Unauthorized { .. }
        ));
        assert!(matches!(
            failure(403).into_error("e", &[]),
            Error::Forbidden { .. }
        ));
        assert!(matches!(
            failure(404).into_error("e", &[]),
            Error::NotFound { .. }
        ));
        assert_eq!(
            failure(429).into_error("e", &[]),
            Error::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
                request_id: Some("sozu-1".into())
            }
        );
    }

    #[test]
    fn an_expired_token_says_so() {
        let failure = Failure {
            status: 401,
            body: b"{}",
            request_id: None,
            retry_after: None,
            expires_at: Some(SystemTime::UNIX_EPOCH),
        };
        let error = failure.into_error("/v2/self", &[]);
        assert!(error.to_string().contains("expired"), "{error}");
    }
}
