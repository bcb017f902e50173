//! The endpoints: who may call each, and what it answers.

use std::time::{Duration, SystemTime};

use cleverkit::dates::{format_rfc3339, parse_date};
use cleverkit::oauth1::Verified;
use serde_json::{Map, Value, json};

use crate::accounts::{ApiToken, RequestToken, random_token};
use crate::auth::{Access, Caller, authenticate};
use crate::hosting::{self, Call};
use crate::http::{Body, Response};
use crate::server::{Exchange, lock};
use crate::{Listener, MFA_CODE, USER_EMAIL, USER_ID, USER_PASSWORD, fixtures, form};

/// Invoices shorter than this are still padded to a plausible PDF.
const MIN_INVOICE_BYTES: u64 = 64;
/// API tokens live one year at most, as on the real bridge; the minute forgives clock skew.
const MAX_API_TOKEN_LIFETIME: Duration = Duration::from_secs(365 * 24 * 3600 + 60);

pub(crate) fn respond(exchange: &Exchange) -> Response {
    let path = exchange.request.path();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let on_bridge = exchange.listener == Listener::Bridge;
    let as_user = |handler: &dyn Fn(Caller) -> Response| guarded(exchange, Access::User, handler);
    // HEAD is answered as GET is; the server sends the head only (RFC 9110 §9.3.2).
    let method = match exchange.request.method.as_str() {
        "HEAD" => "GET",
        method => method,
    };
    match (method, segments.as_slice()) {
        ("GET", ["v2", "self"]) => as_user(&|_| Response::json(200, &fixtures::user())),
        ("GET", ["v2", "self", "tokens", "current"]) => {
            as_user(&|caller| current_token(exchange, caller))
        }
        ("GET", ["v2", "summary"]) => as_user(&|_| Response::json(200, &fixtures::summary())),
        ("GET", ["v4", "products", "zones"]) => {
            as_user(&|_| Response::json(200, &fixtures::zones()))
        }
        ("GET", ["v2", "products", "instances"]) => {
            as_user(&|_| Response::json(200, &fixtures::instance_types()))
        }
        ("GET", ["v2", "organisations", owner, "applications"]) => {
            as_user(&|_| hosting::list(exchange, owner))
        }
        ("POST", ["v2", "organisations", owner, "applications"]) => {
            as_user(&|_| hosting::create(exchange, owner))
        }
        (method, ["v2", "organisations", owner, "applications", app, rest @ ..]) => {
            match Call::of(method, rest) {
                Some(call) => as_user(&|_| hosting::respond(exchange, owner, app, &call)),
                None => no_such_endpoint(exchange),
            }
        }
        ("GET", ["v2", "organisations", owner, "addons"]) => {
            as_user(&|_| hosting::addons(exchange, owner))
        }
        ("GET", ["v2", "organisations", owner, "addons", addon]) => {
            as_user(&|_| hosting::addon(exchange, owner, addon))
        }
        ("GET", ["v2", "organisations", owner, "addons", addon, "env"]) => {
            as_user(&|_| hosting::addon_environment(exchange, owner, addon))
        }
        ("GET", ["v2", "organisations", owner, "members"]) => {
            as_user(&|_| hosting::members(exchange, owner))
        }
        ("GET", ["v4", "billing", "organisations", owner, "invoices", file]) => {
            as_user(&|_| invoice(exchange, owner, file, false))
        }
        ("GET", ["v4", "billing", "organisations", owner, file]) => {
            as_user(&|_| invoice(exchange, owner, file, true))
        }
        ("POST", ["v2", "oauth", "request_token" | "request_token_query"]) => {
            guarded(exchange, Access::Consumer, &|caller| {
                request_token(exchange, caller)
            })
        }
        ("GET", ["v2", "oauth", "authorize"]) => authorize(exchange),
        ("POST", ["v2", "oauth", "access_token"]) => {
            guarded(exchange, Access::RequestToken, &|caller| {
                access_token(exchange, caller)
            })
        }
        ("GET", ["v2", "oauth", "rights"]) => guarded(exchange, Access::Consumer, &|_| {
            Response::json(200, &fixtures::rights())
        }),
        ("POST", ["api-tokens"]) if on_bridge => create_api_token(exchange),
        ("GET", ["api-tokens"]) if on_bridge => as_user(&|_| list_api_tokens(exchange)),
        ("PUT", ["api-tokens", id]) if on_bridge => as_user(&|_| update_api_token(exchange, id)),
        ("DELETE", ["api-tokens", id]) if on_bridge => as_user(&|_| delete_api_token(exchange, id)),
        _ => no_such_endpoint(exchange),
    }
}

fn no_such_endpoint(exchange: &Exchange) -> Response {
    let request = exchange.request;
    exchange.error(
        404,
        "not-found",
        format!("no such endpoint: {} {}", request.method, request.path()),
    )
}

fn guarded(exchange: &Exchange, access: Access, handler: &dyn Fn(Caller) -> Response) -> Response {
    authenticate(exchange, access).map_or_else(|refusal| refusal, handler)
}

/// The OAuth token the request was signed with: the one the caller holds, bound to the
/// consumer it signed with, with the expiry the dance announced.
fn current_token(exchange: &Exchange, caller: Caller) -> Response {
    let Caller::OAuth(verified) = caller else {
        return exchange.error(
            401,
            "bad-bearer-token",
            "bad bearer token: /v2/self/tokens/current describes an OAuth token; sign the request with OAuth 1.0a",
        );
    };
    let token = verified.token.unwrap_or_default();
    let accounts = lock(&exchange.shared.accounts);
    let Some(access_token) = accounts.access_token(&verified.consumer_key, &token) else {
        // Authentication found this token a moment ago: unreachable unless that changes.
        return exchange.error(401, "unknown-token", "unknown token");
    };
    Response::json(
        200,
        &fixtures::current_token(&fixtures::TokenFacts {
            token: &token,
            consumer_key: &verified.consumer_key,
            created_at: access_token.created_at,
            expires_at: access_token.expires_at,
            last_used_at: SystemTime::now(),
        }),
    )
}

/// An invoice PDF of as many bytes as its number says, generated as it is sent. The legacy
/// path also serves `L<digits>` numbers, which the current path does not know.
fn invoice(exchange: &Exchange, owner: &str, file: &str, legacy_path: bool) -> Response {
    if !fixtures::is_known_owner(owner) {
        return exchange.error(404, "not-found", format!("organisation {owner} not found"));
    }
    let Some(number) = file.strip_suffix(".pdf") else {
        return exchange.error(404, "not-found", format!("no invoice at {file}"));
    };
    let digits = match number.strip_prefix('L') {
        Some(digits) if legacy_path => digits,
        _ => number,
    };
    let size = (!digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()))
        .then(|| digits.parse::<u64>().ok())
        .flatten();
    match size {
        Some(size) => Response::new(
            200,
            "application/pdf",
            Body::padded(b"%PDF-1.4\n", b' ', b"%%EOF\n", size.max(MIN_INVOICE_BYTES)),
        ),
        None => exchange.error(404, "not-found", format!("invoice {number} not found")),
    }
}

fn oauth_signature(exchange: &Exchange, caller: Caller) -> Result<Verified, Response> {
    match caller {
        Caller::OAuth(verified) => Ok(verified),
        Caller::ApiToken => Err(exchange.error(
            401,
            "bad-bearer-token",
            "the OAuth dance takes an OAuth 1.0a signature",
        )),
    }
}

/// A dance parameter from the signed protocol parameters, the form body or the query.
fn dance_param(exchange: &Exchange, verified: &Verified, name: &str) -> Option<String> {
    let request = exchange.request;
    verified
        .param(name)
        .map(str::to_owned)
        .or_else(|| {
            form::is_form(request.header("content-type"))
                .then(|| form::find(&request.body, name))
                .flatten()
        })
        .or_else(|| form::find(request.query().unwrap_or_default().as_bytes(), name))
}

fn form_response(pairs: &[(&str, &str)]) -> Response {
    Response::new(
        200,
        "application/x-www-form-urlencoded",
        Body::bytes(form::encode(pairs)),
    )
}

fn request_token(exchange: &Exchange, caller: Caller) -> Response {
    let verified = match oauth_signature(exchange, caller) {
        Ok(verified) => verified,
        Err(refusal) => return refusal,
    };
    let Some(callback) = dance_param(exchange, &verified, "oauth_callback") else {
        return exchange.error(
            400,
            "missing-parameter",
            "missing oauth_callback (use \"oob\" when there is no callback URL)",
        );
    };
    let token = random_token("rt-");
    let secret = random_token("rts-");
    lock(&exchange.shared.accounts).request_tokens.insert(
        token.clone(),
        RequestToken {
            consumer_key: verified.consumer_key,
            secret: secret.clone(),
            callback,
            verifier: None,
        },
    );
    form_response(&[
        ("oauth_token", &token),
        ("oauth_token_secret", &secret),
        ("oauth_callback_confirmed", "true"),
    ])
}

/// Approves at once, as if the user had logged in and clicked "Authorize".
fn authorize(exchange: &Exchange) -> Response {
    let query = exchange.request.query().unwrap_or_default();
    let Some(token) = form::find(query.as_bytes(), "oauth_token") else {
        return exchange.error(400, "missing-parameter", "missing oauth_token");
    };
    let mut accounts = lock(&exchange.shared.accounts);
    let Some(pending) = accounts.request_tokens.get_mut(&token) else {
        return exchange.error(
            404,
            "unknown-token",
            "unknown or already used request token",
        );
    };
    let verifier = random_token("v-");
    pending.verifier = Some(verifier.clone());
    if pending.callback == "oob" {
        let page = format!("Access granted. Enter this verifier in the application:\n{verifier}\n");
        return Response::new(200, "text/plain; charset=utf-8", Body::bytes(page));
    }
    let separator = if pending.callback.contains('?') {
        '&'
    } else {
        '?'
    };
    let location = format!(
        "{}{separator}{}",
        pending.callback,
        form::encode(&[("oauth_token", &token), ("oauth_verifier", &verifier)])
    );
    Response::new(302, "text/plain; charset=utf-8", Body::empty()).with_header("Location", location)
}

fn access_token(exchange: &Exchange, caller: Caller) -> Response {
    let verified = match oauth_signature(exchange, caller) {
        Ok(verified) => verified,
        Err(refusal) => return refusal,
    };
    let unauthorized = |code: &str, message: &str| exchange.error(401, code, message);
    let Some(verifier) = dance_param(exchange, &verified, "oauth_verifier") else {
        return unauthorized("missing-parameter", "missing parameter: oauth_verifier");
    };
    let token = verified.token.unwrap_or_default();
    let mut accounts = lock(&exchange.shared.accounts);
    let Some(pending) = accounts.request_tokens.get(&token) else {
        return unauthorized(
            "unknown-token",
            "unknown token: the request token is unknown or already used",
        );
    };
    match &pending.verifier {
        None => return unauthorized("not-authorized", "the request token was not authorized yet"),
        Some(expected) if *expected != verifier => {
            return unauthorized("bad-verifier", "wrong oauth_verifier");
        }
        Some(_) => {}
    }
    let consumer_key = pending.consumer_key.clone();
    accounts.request_tokens.remove(&token);
    let (token, secret, expires_at) = accounts.issue_access_token(&consumer_key);
    form_response(&[
        ("oauth_token", &token),
        ("oauth_token_secret", &secret),
        ("expiration_date", &format_rfc3339(expires_at)),
    ])
}

pub(crate) fn json_body(exchange: &Exchange) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice(&exchange.request.body) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(exchange.error(400, "invalid-body", "the body is not a JSON object")),
    }
}

fn text_field(body: &Map<String, Value>, name: &str) -> Option<String> {
    match body.get(name)? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// `POST /api-tokens`: no Bearer needed, the user's email and password instead.
fn create_api_token(exchange: &Exchange) -> Response {
    let body = match json_body(exchange) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    let bad_request = |message: &str| exchange.error(400, "invalid-body", message);
    let (Some(email), Some(password)) = (text_field(&body, "email"), text_field(&body, "password"))
    else {
        return bad_request("email and password are required");
    };
    if !email.eq_ignore_ascii_case(USER_EMAIL) || password != USER_PASSWORD {
        return exchange.error(401, "invalid-credential", "invalid email or password");
    }
    if text_field(&body, "mfaCode").is_some_and(|code| code != MFA_CODE) {
        return exchange.error(401, "invalid-mfa-code", "invalid MFA code");
    }
    let Some(name) = text_field(&body, "name") else {
        return bad_request("name is required");
    };
    let Some(expiration) = text_field(&body, "expirationDate") else {
        return bad_request("expirationDate is required");
    };
    let Some(expires_at) = parse_date(&expiration) else {
        return bad_request("expirationDate is not an ISO 8601 date");
    };
    let now = SystemTime::now();
    if expires_at <= now {
        return bad_request("expirationDate is in the past");
    }
    if expires_at > now + MAX_API_TOKEN_LIFETIME {
        return bad_request("expirationDate is more than one year ahead");
    }
    let api_token = ApiToken {
        id: random_token("apitoken_"),
        token: random_token("api-"),
        name,
        description: text_field(&body, "description"),
        creation_date: format_rfc3339(now),
        expiration_date: format_rfc3339(expires_at),
        expires_at,
    };
    let mut created = json!({
        "apiToken": api_token.token,
        "apiTokenId": api_token.id,
        "creationDate": api_token.creation_date,
        "expirationDate": api_token.expiration_date,
        "name": api_token.name,
        "state": api_token.state(),
    });
    if let Some(description) = &api_token.description {
        created["description"] = description.as_str().into();
    }
    lock(&exchange.shared.accounts).api_tokens.push(api_token);
    Response::json(200, &created)
}

fn api_token_json(api_token: &ApiToken) -> Value {
    let mut listed = json!({
        "apiTokenId": api_token.id,
        "userId": USER_ID,
        "creationDate": api_token.creation_date,
        "expirationDate": api_token.expiration_date,
        "ip": "127.0.0.1",
        "name": api_token.name,
        "state": api_token.state(),
    });
    if let Some(description) = &api_token.description {
        listed["description"] = description.as_str().into();
    }
    listed
}

fn list_api_tokens(exchange: &Exchange) -> Response {
    let accounts = lock(&exchange.shared.accounts);
    let listed: Vec<Value> = accounts.api_tokens.iter().map(api_token_json).collect();
    Response::json(200, &Value::Array(listed))
}

fn api_token_not_found(exchange: &Exchange, id: &str) -> Response {
    exchange.error(
        404,
        "api-token-not-found",
        format!("API token {id} not found"),
    )
}

fn update_api_token(exchange: &Exchange, id: &str) -> Response {
    let body = match json_body(exchange) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    let Some(name) = text_field(&body, "name") else {
        return exchange.error(400, "invalid-body", "name is required");
    };
    let mut accounts = lock(&exchange.shared.accounts);
    let Some(api_token) = accounts
        .api_tokens
        .iter_mut()
        .find(|api_token| api_token.id == id)
    else {
        return api_token_not_found(exchange, id);
    };
    api_token.name = name;
    api_token.description = text_field(&body, "description");
    Response::json(200, &api_token_json(api_token))
}

fn delete_api_token(exchange: &Exchange, id: &str) -> Response {
    let mut accounts = lock(&exchange.shared.accounts);
    let before = accounts.api_tokens.len();
    accounts.api_tokens.retain(|api_token| api_token.id != id);
    if accounts.api_tokens.len() == before {
        return api_token_not_found(exchange, id);
    }
    Response::no_content()
}
