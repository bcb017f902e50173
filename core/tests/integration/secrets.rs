//! Secret hygiene: with distinctive secret values, every error path reachable from the public
//! API (each `Error` variant through the stand-in and bad inputs, the dance, the configuration)
//! and every `Debug`/`Display` of the types that hold secrets must show none of them — neither
//! raw nor percent-encoded once or twice (the forms a PLAINTEXT `Authorization` header carries).

use crate::common::load;

use std::time::{Duration, SystemTime};

use cleverkit::config::{self, NewProfile};
use cleverkit::dance::{OAuthDance, RequestToken};
use cleverkit::models::CreatedApiToken;
use cleverkit::oauth1::{
    Credentials, ProtocolParams, Request, Secret, SignatureMethod, percent_encode_rfc3986, sign,
};
use cleverkit::{ApiRequest, Auth, Client, ClientOptions, Error, Proxy};
use cleverkit_standin::{self as standin, Fault, FaultAction, StandIn};

/// Secrets with bytes that percent-encoding changes, so that encoded leaks are told apart.
const CONSUMER_SECRET: &str = "cs-Q7v!x/9+k&Zp%w~consumer";
const TOKEN_SECRET: &str = "ts-M3r#u=8?L@d^e token";
const API_TOKEN: &str = "at-W5n/Bearer+Qz9&api";
const PASSWORD: &str = "pw-Hunter2/Stapler&Horse";
const PROXY_PASSWORD: &str = "px-Pr0xyPassw0rd";

/// Every secret in play, the stand-in's own included, in every form that could leak.
struct Checker {
    forms: Vec<(String, String)>,
    checked: usize,
    leaks: Vec<String>,
}

impl Checker {
    fn new(extra: &[&str]) -> Checker {
        let mut forms = Vec::new();
        let secrets = [
            CONSUMER_SECRET,
            TOKEN_SECRET,
            API_TOKEN,
            PASSWORD,
            PROXY_PASSWORD,
            standin::CONSUMER_SECRET,
            standin::USER_TOKEN_SECRET,
            standin::EXPIRED_USER_TOKEN_SECRET,
            standin::API_TOKEN,
            standin::USER_PASSWORD,
        ];
        for secret in secrets.iter().chain(extra) {
            let once = percent_encode_rfc3986(secret);
            let twice = percent_encode_rfc3986(&once);
            for form in [secret.to_string(), once, twice] {
                if !forms.iter().any(|(known, _)| *known == form) {
                    forms.push((form, secret.to_string()));
                }
            }
        }
        Checker {
            forms,
            checked: 0,
            leaks: Vec::new(),
        }
    }

    fn check(&mut self, label: &str, shown: &str) {
        self.checked += 1;
        for (form, secret) in &self.forms {
            if shown.contains(form.as_str()) {
                self.leaks
                    .push(format!("{label}: {secret:?} (as {form:?}) in {shown}"));
            }
        }
    }

    fn error(&mut self, label: &str, error: &Error) {
        self.check(label, &error.to_string());
        self.check(label, &format!("{error:?}"));
    }

    fn finish(self, what: &str) {
        eprintln!(
            "{what}: {} strings checked against {} secret forms, {} leaks",
            self.checked,
            self.forms.len(),
            self.leaks.len()
        );
        assert!(self.leaks.is_empty(), "{}", self.leaks.join("\n"));
    }
}

fn options(standin: &StandIn) -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(500),
        retry_base_delay: Duration::from_millis(5),
        max_retry_wait: Duration::from_secs(1),
        max_retries: 1,
        ..crate::common::standin_options(standin)
    }
}

fn user(method: SignatureMethod) -> Credentials {
    Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
        .unwrap()
        .with_token(standin::USER_TOKEN, standin::USER_TOKEN_SECRET)
        .with_signature_method(method)
}

fn distinctive(method: SignatureMethod) -> Credentials {
    Credentials::new("ck-distinctive", CONSUMER_SECRET)
        .unwrap()
        .with_token("tok-distinctive", TOKEN_SECRET)
        .with_signature_method(method)
}

/// A body that echoes what a careless server might: the secrets and a PLAINTEXT header.
fn echo_body(authorization: &str, secrets: &[&str]) -> String {
    serde_json::json!({
        "message": format!("bad request, you sent {authorization} with {}", secrets.join(" and ")),
        "error": format!("echo {authorization}"),
        "id": 4000,
    })
    .to_string()
}

fn plaintext_header(credentials: &Credentials, url: &str) -> String {
    let plaintext = credentials
        .clone()
        .with_signature_method(SignatureMethod::Plaintext);
    sign(
        &Request::new("GET", url),
        &plaintext,
        &ProtocolParams::new("n", 1),
    )
    .unwrap()
    .authorization
}

#[test]
fn debug_and_display_of_every_type_holding_a_secret() {
    let mut checker = Checker::new(&[]);
    let standin = StandIn::start().unwrap();
    for method in [
        SignatureMethod::Plaintext,
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha512,
    ] {
        let credentials = distinctive(method).with_expiration(Some(SystemTime::now()));
        checker.check("Credentials Debug", &format!("{credentials:?}"));
        checker.check("Credentials Display", &credentials.to_string());
        checker.check(
            "Credentials Debug (alternate)",
            &format!("{credentials:#?}"),
        );
        let token_secret_only = Credentials::new("ck", CONSUMER_SECRET)
            .unwrap()
            .with_token_secret(TOKEN_SECRET)
            .with_signature_method(method);
        checker.check("Credentials Debug", &format!("{token_secret_only:?}"));
        checker.check("Credentials Display", &token_secret_only.to_string());
        let auth = Auth::OAuth1(credentials.clone());
        checker.check("Auth Debug", &format!("{auth:?} {auth:#?}"));
        let client = Client::with_oauth1(credentials.clone(), options(&standin)).unwrap();
        checker.check("Client Debug", &format!("{client:?} {client:#?}"));
        checker.check("Client::auth Debug", &format!("{:?}", client.auth()));
        let dance =
            OAuthDance::new("ck", CONSUMER_SECRET, "oob", method, options(&standin)).unwrap();
        checker.check("OAuthDance Debug", &format!("{dance:?} {dance:#?}"));
        // With PLAINTEXT the signature is the secrets: a signed request and a parsed header
        // must not show it.
        let signed = sign(
            &Request::new("GET", "https://api.example.com/v2/self"),
            &credentials,
            &ProtocolParams::new("n", 1),
        )
        .unwrap();
        checker.check("Signed Debug", &format!("{signed:?} {signed:#?}"));
        let header = cleverkit::oauth1::AuthorizationHeader::parse(&signed.authorization).unwrap();
        checker.check(
            "AuthorizationHeader Debug",
            &format!("{header:?} {header:#?}"),
        );
    }
    for secret in [CONSUMER_SECRET, TOKEN_SECRET, API_TOKEN] {
        checker.check(
            "Secret Debug",
            &format!("{:?} {:#?}", Secret::new(secret), Secret::from(secret)),
        );
    }
    let auth = Auth::ApiToken(Secret::new(API_TOKEN));
    checker.check("Auth Debug", &format!("{auth:?} {auth:#?}"));
    let client = Client::with_api_token(API_TOKEN, options(&standin)).unwrap();
    checker.check("Client Debug", &format!("{client:?} {client:#?}"));

    let request_token = RequestToken {
        token: "request-token".into(),
        secret: Secret::new(TOKEN_SECRET),
    };
    checker.check(
        "RequestToken Debug",
        &format!("{request_token:?} {request_token:#?}"),
    );

    let created: CreatedApiToken = serde_json::from_value(serde_json::json!({
        "apiToken": API_TOKEN,
        "apiTokenId": "apitoken_1",
        "name": "ci",
        "expirationDate": "2030-01-01T00:00:00Z",
        "state": "ACTIVE",
    }))
    .unwrap();
    assert_eq!(created.api_token().expose(), API_TOKEN);
    checker.check(
        "CreatedApiToken Debug",
        &format!("{created:?} {created:#?}"),
    );

    // LoadedCredentials from each source.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clever-tools.json");
    std::fs::write(
        &file,
        serde_json::json!({"profiles": [{
            "alias": "work", "token": "tok", "secret": TOKEN_SECRET,
            "overrides": {"OAUTH_CONSUMER_KEY": "ck", "OAUTH_CONSUMER_SECRET": CONSUMER_SECRET},
        }]})
        .to_string(),
    )
    .unwrap();
    let sources: [&[(&str, &str)]; 3] = [
        &[
            ("CLEVER_TOKEN", "tok"),
            ("CLEVER_SECRET", TOKEN_SECRET),
            ("OAUTH_CONSUMER_SECRET", CONSUMER_SECRET),
        ],
        &[("CLEVER_API_TOKEN", API_TOKEN)],
        &[],
    ];
    for vars in sources {
        let loaded = load(vars, Some(&file), None).unwrap();
        checker.check(
            "LoadedCredentials Debug",
            &format!("{loaded:?} {loaded:#?}"),
        );
        let client = Client::from_loaded(&loaded, options(&standin)).unwrap();
        checker.check("Client Debug", &format!("{client:?}"));
    }
    checker.finish("Debug/Display");
}

/// Each `Error` variant the client can return, reached through the stand-in with its own
/// credentials (so that the requests get as far as they can) and with distinctive ones.
#[test]
fn every_client_error_path() {
    let mut checker = Checker::new(&[]);
    let standin = StandIn::start().unwrap();
    let mut variants = std::collections::BTreeSet::new();
    // Each client with the secrets it holds: a server may echo those, and the client must
    // scrub them (it cannot know anyone else's).
    let oauth = |credentials: Credentials| {
        let secrets = vec![
            credentials.consumer_secret().expose().to_owned(),
            credentials.token_secret().unwrap().expose().to_owned(),
        ];
        let header = plaintext_header(&credentials, &format!("{}/v2/self", standin.api_url()));
        let client = Client::with_oauth1(credentials, options(&standin)).unwrap();
        (client, secrets, header)
    };
    let bearer = |token: &str| {
        let client = Client::with_api_token(token, options(&standin)).unwrap();
        (client, vec![token.to_owned()], format!("Bearer {token}"))
    };
    let clients: Vec<(&str, ClientUnderTest)> = vec![
        ("PLAINTEXT", oauth(user(SignatureMethod::Plaintext))),
        ("HMAC-SHA512", oauth(user(SignatureMethod::HmacSha512))),
        ("API token", bearer(standin::API_TOKEN)),
        (
            "distinctive HMAC-SHA1",
            oauth(distinctive(SignatureMethod::HmacSha1)),
        ),
        ("distinctive API token", bearer(API_TOKEN)),
    ];
    let faults = |echo: &str| -> Vec<(&str, Fault)> {
        vec![
            ("401 echo", status_fault(401, echo)),
            ("403 echo", status_fault(403, echo)),
            ("404 echo", status_fault(404, echo)),
            (
                "429 echo",
                Fault::new(FaultAction::Status {
                    status: 429,
                    retry_after: Some("3600".into()),
                    body: Some(echo.to_owned()),
                }),
            ),
            ("500 echo", status_fault(500, echo)),
            (
                "502 echo, text",
                status_fault(502, &format!("upstream said: {echo}")),
            ),
            (
                "reset before headers",
                Fault::new(FaultAction::ResetBeforeHeaders).times(2),
            ),
            (
                "reset mid body",
                Fault::new(FaultAction::ResetMidBody { after_bytes: 10 }),
            ),
            (
                "delay",
                Fault::new(FaultAction::Delay {
                    before_headers: Duration::from_secs(2),
                }),
            ),
            (
                "stall body",
                Fault::new(FaultAction::StallBody {
                    after_bytes: 10,
                    for_: Duration::from_secs(2),
                }),
            ),
            (
                "truncated chunked",
                Fault::new(FaultAction::TruncatedChunked { after_bytes: 10 }),
            ),
            (
                "lying length",
                Fault::new(FaultAction::LyingContentLength {
                    declared: 10_000,
                    actual: 10,
                }),
            ),
            ("malformed JSON", Fault::new(FaultAction::MalformedJson)),
            (
                "huge JSON",
                Fault::new(FaultAction::HugeJson {
                    bytes: 64 * 1024 * 1024,
                }),
            ),
            (
                "redirect loop",
                Fault::new(FaultAction::RedirectLoop).times(0),
            ),
            (
                "redirect to plain http",
                Fault::new(FaultAction::Redirect {
                    status: 302,
                    location: "http://example.invalid/x".into(),
                }),
            ),
        ]
    };
    for (name, (client, secrets, header)) in &clients {
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        // A PLAINTEXT header carries the secrets percent-encoded, which is only scrubbed when
        // encoding leaves them unchanged: see the ignored test below for the other case.
        let unchanged_by_encoding = secrets
            .iter()
            .all(|secret| percent_encode_rfc3986(secret) == *secret);
        let header = if unchanged_by_encoding {
            header.as_str()
        } else {
            ""
        };
        for (fault_name, fault) in faults(&echo_body(header, &secrets)) {
            standin.reset();
            standin.inject(fault);
            for outcome in [client.myself().map(drop), client.zones().map(drop)] {
                if let Err(error) = outcome {
                    variants.insert(error.kind());
                    checker.error(&format!("{name} / {fault_name}"), &error);
                }
            }
        }
        // Inputs refused before sending.
        for path in [
            "no-slash",
            "/100%zz",
            "ftp://x/",
            "https://elsewhere.example/v2/self",
        ] {
            let error = client.request(&ApiRequest::get(path)).unwrap_err();
            variants.insert(error.kind());
            checker.error(&format!("{name} / bad path {path}"), &error);
        }
        let error = client.applications("..").unwrap_err();
        checker.error(&format!("{name} / bad id"), &error);
        let dir = tempfile::tempdir().unwrap();
        let error = client
            .download_invoice(
                standin::ORGANISATION_ID,
                "4096",
                &dir.path().join("missing/dir/x.pdf"),
            )
            .unwrap_err();
        checker.error(&format!("{name} / download to a missing directory"), &error);
    }
    standin.reset();

    // Credentials the stand-in refuses, expired ones, a closed port, plain http elsewhere.
    let refused: Vec<(&str, Result<Client, Error>)> = vec![
        (
            "wrong secrets",
            Client::with_oauth1(
                Credentials::new(standin::CONSUMER_KEY, CONSUMER_SECRET)
                    .unwrap()
                    .with_token(standin::USER_TOKEN, TOKEN_SECRET),
                options(&standin),
            ),
        ),
        (
            "wrong API token",
            Client::with_api_token(API_TOKEN, options(&standin)),
        ),
        (
            "expired",
            Client::with_oauth1(
                Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
                    .unwrap()
                    .with_token(
                        standin::EXPIRED_USER_TOKEN,
                        standin::EXPIRED_USER_TOKEN_SECRET,
                    )
                    .with_expiration(Some(
                        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
                    )),
                options(&standin),
            ),
        ),
        (
            "closed port",
            Client::with_oauth1(
                distinctive(SignatureMethod::Plaintext),
                ClientOptions {
                    api_host: Some("http://127.0.0.1:1".into()),
                    ..options(&standin)
                },
            ),
        ),
        (
            "plain http",
            Client::with_api_token(
                API_TOKEN,
                ClientOptions {
                    api_host: Some("http://api.example.invalid".into()),
                    ..options(&standin)
                },
            ),
        ),
        (
            "empty API token",
            Client::with_api_token("", options(&standin)),
        ),
        (
            "missing CA bundle",
            Client::with_api_token(
                API_TOKEN,
                ClientOptions {
                    ca_bundle: Some("/nonexistent/ca.pem".into()),
                    ..options(&standin)
                },
            ),
        ),
    ];
    for (name, client) in refused {
        let error = match client {
            Ok(client) => client.myself().unwrap_err(),
            Err(error) => error,
        };
        variants.insert(error.kind());
        checker.error(name, &error);
    }

    // API token creation: the password is a secret too.
    let client = Client::with_api_token(standin::API_TOKEN, options(&standin)).unwrap();
    for (password, mfa) in [
        (PASSWORD, Some(standin::MFA_CODE)),
        (standin::USER_PASSWORD, Some("000000")),
    ] {
        let error = client
            .create_api_token(&cleverkit::NewApiToken {
                email: standin::USER_EMAIL,
                password,
                mfa_code: mfa,
                name: "ci",
                description: None,
                expires_at: SystemTime::now() + Duration::from_secs(3600),
            })
            .unwrap_err();
        variants.insert(error.kind());
        checker.error("create_api_token", &error);
    }
    eprintln!("variants reached: {variants:?}");
    for expected in [
        "InvalidInput",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "RateLimited",
        "Http",
        "Transport",
        "Timeout",
        "InvalidResponse",
        "Config",
    ] {
        assert!(
            variants.contains(expected),
            "{expected} not reached: {variants:?}"
        );
    }
    checker.finish("client errors");
}

/// A client, the secrets it holds, and what its `Authorization` header looks like.
type ClientUnderTest = (Client, Vec<String>, String);

fn status_fault(status: u16, body: &str) -> Fault {
    Fault::new(FaultAction::Status {
        status,
        retry_after: None,
        body: Some(body.to_owned()),
    })
}

/// A server that echoes the `Authorization` header of a PLAINTEXT request sends the secrets back
/// percent-encoded; the client scrubs only their raw form from error messages and bodies.
#[test]
fn an_echoed_plaintext_header_is_scrubbed_in_every_encoding() {
    let mut checker = Checker::new(&[]);
    let standin = StandIn::start().unwrap();
    let credentials = distinctive(SignatureMethod::Plaintext);
    let client = Client::with_oauth1(credentials.clone(), options(&standin)).unwrap();
    let url = format!("{}/v2/self", standin.api_url());
    let header = plaintext_header(&credentials, &url);
    for status in [401, 403, 404, 500] {
        standin.inject(status_fault(status, &echo_body(&header, &[])));
        let error = client.myself().unwrap_err();
        checker.error(&format!("{status} echoing the header"), &error);
    }
    checker.finish("echoed PLAINTEXT header");
}

/// Raw secrets echoed by the server are scrubbed from every error status.
#[test]
fn raw_secrets_echoed_by_the_server_are_scrubbed() {
    let mut checker = Checker::new(&[]);
    let standin = StandIn::start().unwrap();
    for (credentials, secrets) in [
        (
            distinctive(SignatureMethod::HmacSha1),
            [CONSUMER_SECRET, TOKEN_SECRET],
        ),
        (
            user(SignatureMethod::Plaintext),
            [standin::CONSUMER_SECRET, standin::USER_TOKEN_SECRET],
        ),
    ] {
        let client = Client::with_oauth1(credentials, options(&standin)).unwrap();
        for status in [400, 401, 403, 404, 409, 500] {
            standin.inject(status_fault(status, &echo_body("[header]", &secrets)));
            let error = client.myself().unwrap_err();
            checker.error(&format!("{status} echoing raw secrets"), &error);
        }
    }
    let client = Client::with_api_token(API_TOKEN, options(&standin)).unwrap();
    standin.inject(status_fault(
        401,
        &echo_body(&format!("Bearer {API_TOKEN}"), &[API_TOKEN]),
    ));
    let error = client.myself().unwrap_err();
    checker.error("401 echoing the bearer token", &error);
    checker.finish("raw echoes");
}

#[test]
fn dance_errors() {
    let mut checker = Checker::new(&[]);
    let standin = StandIn::start().unwrap();
    let dance = |consumer_secret: &str, callback: &str| {
        OAuthDance::new(
            standin::CONSUMER_KEY,
            consumer_secret,
            callback,
            SignatureMethod::HmacSha512,
            options(&standin),
        )
        .unwrap()
    };
    // A consumer secret the stand-in does not know.
    let error = dance(CONSUMER_SECRET, "oob").request_token().unwrap_err();
    checker.error("request_token, wrong consumer secret", &error);
    let good = dance(standin::CONSUMER_SECRET, "https://app.example.com/cb");
    let request_token = good.request_token().unwrap();
    let token_secret = request_token.secret.expose().to_owned();
    let mut checker_with_request_secret = Checker::new(&[&token_secret]);
    // Wrong verifier, then a callback for another token, a callback without a verifier.
    let error = good
        .access_token(&request_token, "wrong-verifier")
        .unwrap_err();
    checker_with_request_secret.error("access_token, wrong verifier", &error);
    for callback in [
        "https://app.example.com/cb?oauth_token=other&oauth_verifier=v".to_owned(),
        format!(
            "https://app.example.com/cb?oauth_token={}",
            request_token.token
        ),
        "https://app.example.com/cb".to_owned(),
    ] {
        let error = good.verify_callback(&callback, &request_token).unwrap_err();
        checker_with_request_secret.error("verify_callback", &error);
    }
    // The server fails each step, echoing the secrets (the request-token step cannot know the
    // secret it is about to receive).
    standin.inject(
        status_fault(500, &echo_body("", &[standin::CONSUMER_SECRET]))
            .on_path("/v2/oauth/request_token"),
    );
    standin.inject(
        status_fault(
            500,
            &echo_body("", &[standin::CONSUMER_SECRET, &token_secret]),
        )
        .on_path("/v2/oauth/access_token"),
    );
    let error = good.request_token().unwrap_err();
    checker_with_request_secret.error("request_token, 500 echo", &error);
    let error = good.access_token(&request_token, "v").unwrap_err();
    checker_with_request_secret.error("access_token, 500 echo", &error);
    // An unconfirmed callback, an answer without tokens.
    standin.inject(FaultAction::Status {
        status: 200,
        retry_after: None,
        body: Some(format!("oauth_token=t&oauth_token_secret={TOKEN_SECRET}")),
    });
    let error = good.request_token().unwrap_err();
    checker.error("request_token, unconfirmed", &error);
    standin.inject(FaultAction::Status {
        status: 200,
        retry_after: None,
        body: Some(format!("oauth_token_secret={TOKEN_SECRET}")),
    });
    let error = good.access_token(&request_token, "v").unwrap_err();
    checker.error("access_token, no token", &error);
    // The loopback helper: a timeout, and an opener that fails.
    let error = OAuthDance::login_with_loopback(
        standin::CONSUMER_KEY,
        CONSUMER_SECRET,
        SignatureMethod::Plaintext,
        options(&standin),
        |_| Ok(()),
        Duration::from_millis(200),
    )
    .unwrap_err();
    checker.error("login_with_loopback, wrong consumer secret", &error);
    let error = OAuthDance::login_with_loopback(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        SignatureMethod::Plaintext,
        options(&standin),
        |_| Ok(()),
        Duration::from_millis(200),
    )
    .unwrap_err();
    checker.error("login_with_loopback, timeout", &error);
    let error = OAuthDance::login_with_loopback(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        SignatureMethod::Plaintext,
        options(&standin),
        |_| Err(Error::InvalidInput("no browser".into())),
        Duration::from_secs(5),
    )
    .unwrap_err();
    checker.error("login_with_loopback, opener fails", &error);
    let error = OAuthDance::new(
        "",
        CONSUMER_SECRET,
        "oob",
        SignatureMethod::Plaintext,
        options(&standin),
    )
    .unwrap_err();
    checker.error("OAuthDance::new, empty key", &error);
    let error = OAuthDance::new(
        "ck",
        CONSUMER_SECRET,
        "",
        SignatureMethod::Plaintext,
        options(&standin),
    )
    .unwrap_err();
    checker.error("OAuthDance::new, empty callback", &error);
    checker.finish("dance errors");
    checker_with_request_secret.finish("dance errors (request token secret)");
}

#[test]
fn configuration_errors() {
    let mut checker = Checker::new(&[]);
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let secret = TOKEN_SECRET;
    let consumer = CONSUMER_SECRET;
    let texts = [
        format!(r#"{{"token":"t","secret":"{secret}", oops}}"#),
        format!(r#"{{"profiles":[{{"token":"t","secret":"{secret}"}}], "#),
        format!(r#"{{"profiles":[{{"token":7,"secret":"{secret}"}}]}}"#),
        format!(r#"{{"profiles":[{{"token":"t","secret":["{secret}"]}}]}}"#),
        format!(r#"{{"profiles":[{{"token":"t","secret":{{"{secret}":1}}}}]}}"#),
        format!(r#"{{"profiles":[{{"token":"{secret}"}}]}}"#),
        format!(
            r#"{{"profiles":[{{"token":"t","secret":"{secret}","expirationDate":"2001-01-01T00:00:00Z"}}]}}"#
        ),
        format!(r#"{{"profiles":[{{"token":"t","secret":"{secret}","expirationDate":1000}}]}}"#),
        format!(
            r#"{{"profiles":[{{"token":"t","secret":"{secret}","overrides":{{"OAUTH_CONSUMER_SECRET":"{consumer}","OAUTH_CONSUMER_KEY":""}}}}]}}"#
        ),
        format!(
            r#"{{"profiles":[{{"token":"t","secret":"{secret}","overrides":{{"OAUTH_CONSUMER_SECRET":7}}}}]}}"#
        ),
        format!(
            r#"{{"profiles":[{{"token":"t","secret":"{secret}","overrides":{{"OAUTH_CONSUMER_SECRET":"{consumer}","API_HOST":["{consumer}"]}}}}]}}"#
        ),
        format!(r#"{{"profiles":[]}} {secret}"#),
        format!("\"{secret}\""),
        secret.to_owned(),
        format!(r#"{{"profiles":[{{"alias":"a","token":"t","secret":"{secret}"}}]}}"#),
    ];
    for (index, text) in texts.iter().enumerate() {
        let path = file(&format!("config-{index}.json"), text);
        for profile in [None, Some("nobody")] {
            match load(&[], Some(&path), profile) {
                Err(error) => checker.error(&format!("config {index} {profile:?}"), &error),
                Ok(loaded) => {
                    checker.check(&format!("config {index} loaded"), &format!("{loaded:?}"))
                }
            }
        }
    }
    let variables: [&[(&str, &str)]; 3] = [
        &[("CLEVER_SECRET", TOKEN_SECRET)],
        &[("CLEVER_TOKEN", "t")],
        &[
            ("HOME", "/nonexistent"),
            ("OAUTH_CONSUMER_SECRET", CONSUMER_SECRET),
        ],
    ];
    for vars in variables {
        let error = load(vars, None, None).unwrap_err();
        checker.error("variables", &error);
    }
    let error = load(&[], Some(dir.path()), None).unwrap_err();
    checker.error("a directory as the file", &error);
    let error = load(&[], Some(&dir.path().join("missing.json")), None).unwrap_err();
    checker.error("a missing file", &error);

    // Saving over a file that is not JSON, or into a path under a file.
    let credentials = distinctive(SignatureMethod::HmacSha512);
    let profile = NewProfile {
        alias: "a",
        credentials: &credentials,
        user_id: None,
        email: None,
        api_host: None,
        bridge_host: None,
    };
    let not_json = file("not-json.json", &format!("not json {secret}"));
    let error = config::save_profile(&not_json, &profile).unwrap_err();
    checker.error("save over non-JSON", &error);
    let error = config::save_profile(&not_json.join("under-a-file.json"), &profile).unwrap_err();
    checker.error("save under a file", &error);
    checker.finish("configuration errors");
}

/// `ClientOptions` derives `Debug`, so a proxy URL with a password shows it in the `Debug` of
/// the options (no longer in `Client`'s, which is short); an invalid proxy URL quotes it in
/// `Error::Config`.
#[test]
fn a_proxy_password_never_shows() {
    let mut checker = Checker::new(&[]);
    let standin = StandIn::start().unwrap();
    let proxy = format!("http://proxyuser:{PROXY_PASSWORD}@127.0.0.1:9");
    let with_proxy = ClientOptions {
        proxy: Proxy::Url(proxy),
        ..options(&standin)
    };
    checker.check("ClientOptions Debug", &format!("{with_proxy:?}"));
    let client = Client::with_api_token(API_TOKEN, with_proxy).unwrap();
    checker.check("Client Debug", &format!("{client:?}"));
    let bad = ClientOptions {
        proxy: Proxy::Url(format!("gopher://proxyuser:{PROXY_PASSWORD}@[::1")),
        ..options(&standin)
    };
    if let Err(error) = Client::with_api_token(API_TOKEN, bad) {
        checker.error("invalid proxy URL", &error);
    }
    checker.finish("proxy password");
}
