//! Checking a caller: OAuth 1.0a signatures with the core's verifier (plus the timestamp
//! window and nonce replay), and Bearer API tokens on the bridge.

use std::time::{SystemTime, UNIX_EPOCH};

use cleverkit::oauth1::{
    AuthorizationHeader, KnownSecrets, Request, Verified, VerifyError, verify,
};

use crate::Listener;
use crate::form;
use crate::http::Response;
use crate::server::{Exchange, lock};

/// How far an `oauth_timestamp` may be from the server's clock, either way.
const TIMESTAMP_WINDOW_SECS: u64 = 300;

/// What an endpoint asks of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// Consumer signature; a user token is optional (the request-token step, rights).
    Consumer,
    /// Consumer signature with a request token (the access-token step).
    RequestToken,
    /// A user: OAuth with a user token, or a Bearer API token on the bridge.
    User,
}

pub(crate) enum Caller {
    OAuth(Verified),
    ApiToken,
}

/// The caller, or the 401 to answer.
pub(crate) fn authenticate(exchange: &Exchange, access: Access) -> Result<Caller, Response> {
    let request = exchange.request;
    let unauthorized = |code: &str, message: String| exchange.error(401, code, message);
    match request.header("authorization") {
        Some(value) => match bearer_token(value) {
            Some(token) => check_bearer(exchange, access, token),
            None => {
                let header = AuthorizationHeader::parse(value)
                    .map_err(|err| unauthorized("invalid-authorization-header", err.to_string()))?;
                if oauth_params_outside_header(exchange).is_some() {
                    // RFC 5849 §3.5: one location only, as oauthlib's endpoints insist.
                    return Err(exchange.error(
                        400,
                        "split-protocol-parameters",
                        "protocol parameters in more than one location: oauth_* parameters in the Authorization header and in the query or form body",
                    ));
                }
                check_oauth(exchange, access, &header, &request.target, &request.body)
            }
        },
        None => match oauth_params_outside_header(exchange) {
            Some((header, target, body)) => check_oauth(exchange, access, &header, &target, &body),
            None => Err(unauthorized(
                "missing-credentials",
                "missing credentials: no Authorization header and no oauth_* parameters".into(),
            )),
        },
    }
}

fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn check_bearer(exchange: &Exchange, access: Access, token: &str) -> Result<Caller, Response> {
    let refuse = |message: &str| Err(exchange.error(401, "bad-bearer-token", message));
    if exchange.listener != Listener::Bridge {
        return refuse(
            "bad bearer token: the main API takes OAuth 1.0a signatures; Bearer tokens go to the API bridge",
        );
    }
    if access != Access::User {
        return refuse("bad bearer token: this endpoint takes an OAuth 1.0a signature");
    }
    if lock(&exchange.shared.accounts)
        .active_api_token(token)
        .is_none()
    {
        return refuse("bad bearer token: unknown, expired or revoked API token");
    }
    Ok(Caller::ApiToken)
}

/// Verifies the signature over `target` and `body` (the request's own, or with the oauth_*
/// parameters taken out when they travelled outside the header).
fn check_oauth(
    exchange: &Exchange,
    access: Access,
    header: &AuthorizationHeader,
    target: &str,
    body: &[u8],
) -> Result<Caller, Response> {
    let unauthorized = |code: &str, message: String| exchange.error(401, code, message);
    let method = header.get("oauth_signature_method");
    if exchange.listener == Listener::Bridge
        && method.is_some_and(|method| !method.eq_ignore_ascii_case("PLAINTEXT"))
    {
        return Err(unauthorized(
            "unsupported-signature-method",
            format!(
                "unsupported signature method {:?}: the API bridge accepts only Bearer tokens or OAuth PLAINTEXT",
                method.unwrap_or_default()
            ),
        ));
    }
    let request = exchange.request;
    let url = format!("{}{target}", exchange.base_url());
    let signed =
        Request::new(&request.method, &url).with_body(body, request.header("content-type"));
    let mut accounts = lock(&exchange.shared.accounts);
    let verified = verify(&signed, header, |consumer_key, token| {
        let consumer_secret = accounts
            .consumer_secret(consumer_key)
            .ok_or(VerifyError::UnknownConsumer)?;
        let token_secret = match (access, token) {
            (Access::RequestToken, Some(token)) => accounts
                .request_tokens
                .get(token)
                .filter(|pending| pending.consumer_key == consumer_key)
                .map(|pending| pending.secret.clone())
                .ok_or(VerifyError::UnknownToken)?,
            (Access::RequestToken | Access::User, None) => {
                return Err(VerifyError::MissingParameter("oauth_token"));
            }
            (Access::Consumer | Access::User, Some(token)) => accounts
                .access_token_secret(consumer_key, token)
                .ok_or(VerifyError::UnknownToken)?,
            (Access::Consumer, None) => String::new(),
        };
        Ok(KnownSecrets {
            consumer_secret: consumer_secret.to_owned(),
            token_secret,
        })
    })
    .map_err(|err| {
        let (code, kind) = match &err {
            VerifyError::MissingParameter(_) => ("missing-parameter", "missing parameter"),
            VerifyError::DuplicateParameter(_) => ("duplicate-parameter", "duplicate parameter"),
            VerifyError::UnsupportedSignatureMethod(_) => (
                "unsupported-signature-method",
                "unsupported signature method",
            ),
            VerifyError::UnknownConsumer => ("unknown-consumer", "unknown consumer"),
            VerifyError::UnknownToken => ("unknown-token", "unknown token"),
            VerifyError::BadSignature => ("bad-signature", "bad signature"),
            VerifyError::InvalidRequest(_) => ("invalid-request", "invalid request"),
        };
        unauthorized(code, format!("{kind}: {err}"))
    })?;

    if let Some(timestamp) = verified.timestamp {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        if now.abs_diff(timestamp) > TIMESTAMP_WINDOW_SECS {
            return Err(unauthorized(
                "timestamp-out-of-window",
                format!(
                    "timestamp out of window: oauth_timestamp {timestamp} is {} s from the server's clock {now} (±{TIMESTAMP_WINDOW_SECS} s allowed)",
                    now.abs_diff(timestamp)
                ),
            ));
        }
    }
    if let Some(nonce) = &verified.nonce
        && !accounts.first_use_of_nonce(&verified.consumer_key, nonce)
    {
        return Err(unauthorized(
            "replayed-nonce",
            "replayed nonce: this oauth_nonce was already used with this consumer key".into(),
        ));
    }
    if access != Access::RequestToken
        && let Some(token) = &verified.token
        && accounts
            .access_token(&verified.consumer_key, token)
            .is_some_and(|access_token| access_token.expires_at <= SystemTime::now())
    {
        return Err(unauthorized("token-expired", "token expired".into()));
    }
    Ok(Caller::OAuth(verified))
}

/// RFC 5849 §3.5.2–3.5.3: with no Authorization header, protocol parameters may come in the
/// query or a form body. They are lifted into a header, and the target and body are rebuilt
/// without them, which is what the client signed.
fn oauth_params_outside_header(
    exchange: &Exchange,
) -> Option<(AuthorizationHeader, String, Vec<u8>)> {
    let request = exchange.request;
    let mut header = AuthorizationHeader::default();
    let query = request.query().unwrap_or_default();
    let kept_query = take_oauth_params(query.as_bytes(), &mut header.params);
    let body = if form::is_form(request.header("content-type")) {
        take_oauth_params(&request.body, &mut header.params)
    } else {
        request.body.clone()
    };
    if header.params.is_empty() {
        return None;
    }
    let mut target = request.path().to_owned();
    if !kept_query.is_empty() {
        target.push('?');
        target.push_str(&String::from_utf8_lossy(&kept_query));
    }
    Some((header, target, body))
}

/// Moves the decoded `oauth_*` pairs of a form into `params`; returns the form without them.
fn take_oauth_params(form: &[u8], params: &mut Vec<(String, String)>) -> Vec<u8> {
    let mut kept: Vec<&[u8]> = Vec::new();
    for piece in form.split(|&byte| byte == b'&') {
        match form::raw_pairs(piece).next() {
            Some((name, value)) if name.starts_with(b"oauth_") => {
                params.push((form::decode(name), form::decode(value)));
            }
            _ => kept.push(piece),
        }
    }
    kept.join(&b'&')
}
