//! The OAuth dance and the loopback login helper against the stand-in.

use std::time::Duration;

use cleverkit::dance::OAuthDance;
use cleverkit::oauth1::SignatureMethod;
use cleverkit::{Client, Error, OAuthStep};
use cleverkit_standin::{self as standin, Fault, FaultAction, StandIn};

use crate::common::standin_options as options;

fn dance(standin: &StandIn, callback: &str) -> OAuthDance {
    OAuthDance::new(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        callback,
        SignatureMethod::HmacSha512,
        options(standin),
    )
    .unwrap()
}

/// Plays the browser up to the redirect: the URL the callback would receive.
fn approve(authorization_url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent.get(authorization_url).call().unwrap();
    assert_eq!(response.status().as_u16(), 302);
    response.headers()["location"].to_str().unwrap().to_owned()
}

fn step_of(error: &Error) -> OAuthStep {
    match error {
        Error::OAuth { step, .. } => *step,
        other => panic!("not an OAuth error: {other:?}"),
    }
}

#[test]
fn the_whole_dance_gives_working_credentials() {
    let standin = StandIn::start().unwrap();
    let dance = dance(&standin, "https://app.example.com/callback");
    let request_token = dance.request_token().unwrap();
    assert!(!format!("{request_token:?}").contains(request_token.secret.expose()));
    let url = dance.authorization_url(&request_token);
    assert!(url.starts_with(&format!(
        "{}/v2/oauth/authorize?oauth_token=",
        standin.api_url()
    )));
    let callback = approve(&url);
    assert!(callback.starts_with("https://app.example.com/callback?"));
    let verifier = dance.verify_callback(&callback, &request_token).unwrap();
    let credentials = dance.access_token(&request_token, &verifier).unwrap();
    assert!(credentials.expires_at().is_some());
    let client = Client::with_oauth1(credentials, options(&standin)).unwrap();
    assert_eq!(client.myself().unwrap().id, standin::USER_ID);

    // Both steps carry every protocol parameter in the signed form body, none in a header, as
    // Clever Cloud's API description and RFC 5849 §3.5 (one location) want.
    for (path, own) in [
        ("/v2/oauth/request_token", "oauth_callback"),
        ("/v2/oauth/access_token", "oauth_verifier"),
    ] {
        let recorded = standin
            .requests()
            .into_iter()
            .find(|request| request.target == path)
            .unwrap();
        assert_eq!(recorded.header("authorization"), None, "{path}");
        let form = cleverkit::oauth1::form_pairs(&recorded.body);
        for name in [own, "oauth_consumer_key", "oauth_nonce", "oauth_signature"] {
            assert!(
                cleverkit::pairs::value(&form, name).is_some(),
                "{path}: {name}"
            );
        }
    }
}

#[test]
fn callbacks_that_do_not_match_are_refused() {
    let standin = StandIn::start().unwrap();
    let dance = dance(&standin, "https://app.example.com/cb");
    let request_token = dance.request_token().unwrap();
    let other = dance.request_token().unwrap();
    let callback = approve(&dance.authorization_url(&other));
    let error = dance
        .verify_callback(&callback, &request_token)
        .unwrap_err();
    assert_eq!(step_of(&error), OAuthStep::Callback);
    let without_verifier = format!(
        "https://app.example.com/cb?oauth_token={}",
        request_token.token
    );
    let error = dance
        .verify_callback(&without_verifier, &request_token)
        .unwrap_err();
    assert_eq!(step_of(&error), OAuthStep::Callback);
    assert!(error.to_string().contains("oauth_verifier"), "{error}");
    let error = dance
        .access_token(&request_token, "wrong-verifier")
        .unwrap_err();
    assert_eq!(step_of(&error), OAuthStep::AccessToken);
}

#[test]
fn an_unconfirmed_callback_is_refused_unless_oob() {
    let standin = StandIn::start().unwrap();
    let unconfirmed = || FaultAction::Status {
        status: 200,
        retry_after: None,
        body: Some("oauth_token=t&oauth_token_secret=s".into()),
    };
    standin.inject(unconfirmed());
    let error = dance(&standin, "https://app.example.com/cb")
        .request_token()
        .unwrap_err();
    assert_eq!(step_of(&error), OAuthStep::RequestToken);
    assert!(error.to_string().contains("oauth_callback_confirmed"));
    standin.inject(unconfirmed());
    let token = dance(&standin, "oob").request_token().unwrap();
    assert_eq!(token.token, "t");
}

#[test]
fn server_errors_name_their_step() {
    let standin = StandIn::start().unwrap();
    let dance = dance(&standin, "oob");
    let failing = |path: &str| {
        Fault::new(FaultAction::Status {
            status: 500,
            retry_after: None,
            body: None,
        })
        .on_path(path)
    };
    standin.inject(failing("/v2/oauth/request_token"));
    assert_eq!(
        step_of(&dance.request_token().unwrap_err()),
        OAuthStep::RequestToken
    );
    let request_token = dance.request_token().unwrap();
    standin.inject(failing("/v2/oauth/access_token"));
    let error = dance.access_token(&request_token, "v").unwrap_err();
    assert_eq!(step_of(&error), OAuthStep::AccessToken);
    assert!(error.to_string().contains("500"), "{error}");
}

/// What a retry may cure stays itself, so that a desktop app tells "retry" from "log in again".
#[test]
fn a_rate_limit_or_a_timeout_during_the_dance_keeps_its_kind() {
    let standin = StandIn::start().unwrap();
    let quick = OAuthDance::new(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        "oob",
        SignatureMethod::HmacSha512,
        cleverkit::ClientOptions {
            timeout: Duration::from_millis(300),
            ..options(&standin)
        },
    )
    .unwrap();
    standin.inject(
        Fault::new(FaultAction::Status {
            status: 429,
            retry_after: Some("3600".into()),
            body: None,
        })
        .on_path("/v2/oauth/request_token"),
    );
    let error = quick.request_token().unwrap_err();
    assert!(matches!(error, Error::RateLimited { .. }), "{error:?}");
    let request_token = quick.request_token().unwrap();
    standin.inject(
        Fault::new(FaultAction::Delay {
            before_headers: Duration::from_secs(2),
        })
        .on_path("/v2/oauth/access_token"),
    );
    let error = quick.access_token(&request_token, "v").unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
}

#[test]
fn loopback_login_ignores_strays_and_returns_credentials() {
    let standin = StandIn::start().unwrap();
    let credentials = OAuthDance::login_with_loopback(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        SignatureMethod::HmacSha1,
        options(&standin),
        |url| {
            let callback = approve(&url);
            let port_start = callback.find("127.0.0.1:").unwrap() + "127.0.0.1:".len();
            let origin = &callback[..callback[port_start..].find('/').unwrap() + port_start];
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let stray = agent.get(format!("{origin}/favicon.ico")).call().unwrap();
            assert_eq!(stray.status().as_u16(), 404);
            let forged = agent
                .get(format!(
                    "{origin}/callback?oauth_token=forged&oauth_verifier=x"
                ))
                .call()
                .unwrap();
            assert_eq!(forged.status().as_u16(), 400);
            let mut page = agent.get(&callback).call().unwrap();
            assert!(
                page.body_mut()
                    .read_to_string()
                    .unwrap()
                    .contains("close this tab")
            );
            Ok(())
        },
        Duration::from_secs(10),
    )
    .unwrap();
    assert_eq!(credentials.signature_method(), SignatureMethod::HmacSha1);
    let client = Client::with_oauth1(credentials, options(&standin)).unwrap();
    assert_eq!(client.myself().unwrap().email, standin::USER_EMAIL);
}

#[test]
fn loopback_login_times_out() {
    let standin = StandIn::start().unwrap();
    let error = OAuthDance::login_with_loopback(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        SignatureMethod::HmacSha512,
        options(&standin),
        |_| Ok(()),
        Duration::from_millis(300),
    )
    .unwrap_err();
    assert_eq!(step_of(&error), OAuthStep::Callback);
    assert!(error.to_string().contains("no callback"), "{error}");
}
