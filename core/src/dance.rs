//! The OAuth 1.0a dance that turns a consumer into user credentials (RFC 5849 §2), and a
//! desktop helper that catches the browser's redirect on a loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use subtle::ConstantTimeEq;

use crate::oauth1::{Credentials, Secret, SignatureMethod, form_pairs, percent_encode_rfc3986};
use crate::{ApiRequest, Cancellation, Client, ClientOptions, Error, OAuthStep, pairs};

/// How long [`OAuthDance::login_with_loopback`] waits for the user by default.
pub const DEFAULT_LOGIN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// A temporary token from the first step. Its secret never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestToken {
    /// `oauth_token`: what the authorization URL carries and the callback must give back.
    pub token: String,
    /// `oauth_token_secret`: signs the access-token step.
    pub secret: Secret,
}

impl std::fmt::Debug for RequestToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestToken")
            .field("token", &self.token)
            .field("secret", &self.secret)
            .finish()
    }
}

impl std::fmt::Display for RequestToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RequestToken(token={}, secret=[redacted])", self.token)
    }
}

/// The three steps of the dance, for one consumer and one callback.
#[derive(Debug, Clone)]
pub struct OAuthDance {
    consumer: Credentials,
    callback: String,
    options: ClientOptions,
    /// Stops the steps' requests (see [`OAuthDance::with_cancellation`]).
    cancellation: Option<Cancellation>,
}

/// A failure of a step as the caller should react to it: what retrying may cure (a timeout, a
/// rate limit, the connection, the disk) stays itself; anything else is the step's `OAuth`.
fn step_error(step: OAuthStep) -> impl Fn(Error) -> Error {
    move |cause| match cause {
        Error::OAuth { .. }
        | Error::Timeout(_)
        | Error::RateLimited { .. }
        | Error::Transport { .. }
        | Error::Io(_)
        | Error::Cancelled => cause,
        cause => Error::OAuth {
            step,
            message: cause.to_string(),
        },
    }
}

impl OAuthDance {
    /// `callback` is where the user's browser is sent back (`oob` when there is none).
    pub fn new(
        consumer_key: &str,
        consumer_secret: &str,
        callback: &str,
        signature_method: SignatureMethod,
        options: ClientOptions,
    ) -> Result<Self, Error> {
        let consumer = Credentials::new(consumer_key, consumer_secret)?
            .with_signature_method(signature_method);
        if callback.is_empty() {
            return Err(Error::InvalidInput(
                "the callback is empty (use \"oob\")".into(),
            ));
        }
        Ok(OAuthDance {
            consumer,
            callback: callback.to_owned(),
            options,
            cancellation: None,
        })
    }

    /// The same dance, whose steps stop at their next safe point once `cancellation` is
    /// cancelled, with [`Error::Cancelled`] (see [`Cancellation`]).
    pub fn with_cancellation(&self, cancellation: &Cancellation) -> Self {
        OAuthDance {
            cancellation: Some(cancellation.clone()),
            ..self.clone()
        }
    }

    fn client(&self, credentials: Credentials) -> Result<Client, Error> {
        let client = Client::with_oauth1(credentials, self.options.clone())?;
        Ok(match &self.cancellation {
            Some(cancellation) => client.with_cancellation(cancellation),
            None => client,
        })
    }

    /// Step 1: `POST /v2/oauth/request_token` with the callback.
    pub fn request_token(&self) -> Result<RequestToken, Error> {
        let error = step_error(OAuthStep::RequestToken);
        let body = pairs::form_encode(&[("oauth_callback", &self.callback)]);
        let request = ApiRequest {
            oauth_params_in_body: true,
            ..ApiRequest::new("POST", "/v2/oauth/request_token")
                .body(body, "application/x-www-form-urlencoded")
        };
        let response = self
            .client(self.consumer.clone())
            .and_then(|client| client.request(&request))
            .map_err(&error)?;
        let pairs = form_pairs(&response.body);
        let confirmed = pairs::value(&pairs, "oauth_callback_confirmed") == Some("true");
        if !confirmed && self.callback != "oob" {
            return Err(error(Error::InvalidResponse {
                endpoint: "/v2/oauth/request_token".into(),
                message: "the server did not confirm the callback (oauth_callback_confirmed)"
                    .into(),
            }));
        }
        match (
            pairs::value(&pairs, "oauth_token"),
            pairs::value(&pairs, "oauth_token_secret"),
        ) {
            (Some(token), Some(secret)) if !token.is_empty() => Ok(RequestToken {
                token: token.to_owned(),
                secret: Secret::new(secret),
            }),
            _ => Err(error(Error::InvalidResponse {
                endpoint: "/v2/oauth/request_token".into(),
                message: "no oauth_token and oauth_token_secret in the answer".into(),
            })),
        }
    }

    /// Step 2: the page where the user approves, to open in a browser.
    pub fn authorization_url(&self, request_token: &RequestToken) -> String {
        format!(
            "{}/v2/oauth/authorize?oauth_token={}",
            self.options.api_host_or_default().trim_end_matches('/'),
            percent_encode_rfc3986(&request_token.token)
        )
    }

    /// Checks the URL the browser came back to and returns the verifier. Its `oauth_token`
    /// must be the request token (compared in constant time): anything else is refused.
    pub fn verify_callback(
        &self,
        callback_url: &str,
        request_token: &RequestToken,
    ) -> Result<String, Error> {
        let refuse = |message: &str| Error::OAuth {
            step: OAuthStep::Callback,
            message: message.to_owned(),
        };
        let query = callback_url
            .split_once('?')
            .map(|(_, query)| query.split('#').next().unwrap_or(""))
            .ok_or_else(|| refuse("the callback URL has no query"))?;
        let pairs = form_pairs(query.as_bytes());
        let token = pairs::value(&pairs, "oauth_token")
            .ok_or_else(|| refuse("the callback has no oauth_token"))?;
        if !bool::from(token.as_bytes().ct_eq(request_token.token.as_bytes())) {
            return Err(refuse(
                "the callback's oauth_token is not the request token: refusing it",
            ));
        }
        match pairs::value(&pairs, "oauth_verifier") {
            Some(verifier) if !verifier.is_empty() => Ok(verifier.to_owned()),
            _ => Err(refuse("the callback has no oauth_verifier")),
        }
    }

    /// Step 3: `POST /v2/oauth/access_token`, signed with the request token; returns the
    /// user's credentials with their expiration date.
    pub fn access_token(
        &self,
        request_token: &RequestToken,
        verifier: &str,
    ) -> Result<Credentials, Error> {
        let error = step_error(OAuthStep::AccessToken);
        let signing = self
            .consumer
            .clone()
            .with_token(&request_token.token, request_token.secret.clone());
        let body = pairs::form_encode(&[("oauth_verifier", verifier)]);
        let request = ApiRequest {
            oauth_params_in_body: true,
            ..ApiRequest::new("POST", "/v2/oauth/access_token")
                .body(body, "application/x-www-form-urlencoded")
        };
        let response = self
            .client(signing)
            .and_then(|client| client.request(&request))
            .map_err(&error)?;
        let pairs = form_pairs(&response.body);
        let (Some(token), Some(secret)) = (
            pairs::value(&pairs, "oauth_token"),
            pairs::value(&pairs, "oauth_token_secret"),
        ) else {
            return Err(error(Error::InvalidResponse {
                endpoint: "/v2/oauth/access_token".into(),
                message: "no oauth_token and oauth_token_secret in the answer".into(),
            }));
        };
        let expires_at = pairs::value(&pairs, "expiration_date").and_then(crate::dates::parse_date);
        Ok(Credentials::new(
            self.consumer.consumer_key(),
            self.consumer.consumer_secret().clone(),
        )?
        .with_token(token, secret)
        .with_signature_method(self.consumer.signature_method())
        .with_expiration(expires_at))
    }

    /// The whole dance for a desktop program: listens on `127.0.0.1`, uses
    /// `http://127.0.0.1:PORT/callback` as the callback, hands the authorization URL to
    /// `opener` (which opens a browser or prints it; it runs on its own thread), waits up to
    /// `timeout` for the matching redirect — stray requests get a 404 — and returns the user's
    /// credentials.
    pub fn login_with_loopback(
        consumer_key: &str,
        consumer_secret: &str,
        signature_method: SignatureMethod,
        options: ClientOptions,
        opener: impl FnOnce(String) -> Result<(), Error> + Send + 'static,
        timeout: Duration,
    ) -> Result<Credentials, Error> {
        Self::login_with_loopback_cancellable(
            consumer_key,
            consumer_secret,
            signature_method,
            options,
            opener,
            timeout,
            &Cancellation::new(),
        )
    }

    /// [`OAuthDance::login_with_loopback`], which `cancellation` stops (with
    /// [`Error::Cancelled`]) while it waits for the browser or during a step's request.
    pub fn login_with_loopback_cancellable(
        consumer_key: &str,
        consumer_secret: &str,
        signature_method: SignatureMethod,
        options: ClientOptions,
        opener: impl FnOnce(String) -> Result<(), Error> + Send + 'static,
        timeout: Duration,
        cancellation: &Cancellation,
    ) -> Result<Credentials, Error> {
        let callback_error = |message: String| Error::OAuth {
            step: OAuthStep::Callback,
            message,
        };
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|err| callback_error(format!("cannot listen on 127.0.0.1: {err}")))?;
        let port = listener
            .local_addr()
            .map_err(|err| callback_error(err.to_string()))?
            .port();
        let callback = format!("http://127.0.0.1:{port}/callback");
        let dance = OAuthDance::new(
            consumer_key,
            consumer_secret,
            &callback,
            signature_method,
            options,
        )?
        .with_cancellation(cancellation);
        let request_token = dance.request_token()?;
        let url = dance.authorization_url(&request_token);
        let (opened, opener_outcome) = mpsc::channel();
        thread::spawn(move || {
            // The receiver may be gone after a timeout: nothing is waiting for the outcome.
            let _ = opened.send(opener(url));
        });

        listener
            .set_nonblocking(true)
            .map_err(|err| callback_error(err.to_string()))?;
        let deadline = Instant::now() + timeout;
        loop {
            cancellation.check()?;
            match opener_outcome.try_recv() {
                // The opener said it already, at the step it failed.
                Ok(Err(cause @ Error::OAuth { .. })) => return Err(cause),
                Ok(Err(cause)) => {
                    return Err(callback_error(format!(
                        "could not open the authorization page: {cause}"
                    )));
                }
                _ => {}
            }
            if Instant::now() >= deadline {
                return Err(callback_error(format!(
                    "no callback within {:.1} s",
                    timeout.as_secs_f64()
                )));
            }
            let stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {
                    thread::sleep(Duration::from_millis(20));
                    continue;
                }
                Err(err) => return Err(callback_error(err.to_string())),
            };
            if let Some(verifier) = answer_callback(stream, &dance, &request_token) {
                return dance.access_token(&request_token, &verifier);
            }
        }
    }
}

/// Answers one browser request: the verifier for the matching callback (the page says the tab
/// may close), `None` for anything else (404, or 400 for a callback that does not match).
fn answer_callback(
    mut stream: TcpStream,
    dance: &OAuthDance,
    request_token: &RequestToken,
) -> Option<String> {
    // A client that never sends its request line must not hold the helper.
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut request_line = String::new();
    BufReader::new((&stream).take(8 * 1024))
        .read_line(&mut request_line)
        .ok()?;
    let target = request_line.split_whitespace().nth(1).unwrap_or("");
    let (status, page, verifier) = if target.split('?').next() != Some("/callback") {
        ("404 Not Found", "Not found.", None)
    } else {
        match dance.verify_callback(target, request_token) {
            Ok(verifier) => (
                "200 OK",
                "CleverKit: you are logged in. You may close this tab.",
                Some(verifier),
            ),
            Err(_) => (
                "400 Bad Request",
                "CleverKit: this callback does not match the login in progress.",
                None,
            ),
        }
    };
    let html = format!("<!doctype html><meta charset=utf-8><title>CleverKit</title><p>{page}</p>");
    // The browser may be gone already: the verifier is what matters.
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}",
        html.len()
    );
    verifier
}
