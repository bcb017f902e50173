//! `Client::request_any_status`: every status comes back as a response, and redirects to
//! another host are followed only when asked.

use std::time::Duration;

use cleverkit::oauth1::SignatureMethod;
use cleverkit::{ApiRequest, Client, ClientOptions, Error, TransportKind};
use cleverkit_standin::{Fault, FaultAction, Listener, StandIn};

use crate::common::{standin_options, user_credentials};

fn client(standin: &StandIn, max_retries: u32) -> Client {
    let options = ClientOptions {
        timeout: Duration::from_secs(5),
        max_retries,
        ..standin_options(standin)
    };
    Client::with_oauth1(user_credentials(SignatureMethod::HmacSha512), options).unwrap()
}

#[test]
fn an_error_status_comes_back_with_its_whole_body() {
    let standin = StandIn::start().unwrap();
    let (url, response) = client(&standin, 0)
        .request_any_status(&ApiRequest::get("/v2/nope"), false)
        .unwrap();
    assert_eq!(url, format!("{}/v2/nope", standin.api_url()));
    assert_eq!(response.status, 404);
    assert!(response.header("sozu-id").is_some());
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["id"], 4004);
}

#[test]
fn retryable_statuses_are_retried_then_the_last_one_returned() {
    let standin = StandIn::start().unwrap();
    standin.inject(
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: None,
            body: None,
        })
        .times(3),
    );
    let (_, response) = client(&standin, 1)
        .request_any_status(&ApiRequest::get("/v2/self"), false)
        .unwrap();
    assert_eq!(response.status, 503);
    assert_eq!(standin.requests().len(), 2, "one retry");
    let (_, response) = client(&standin, 1)
        .request_any_status(&ApiRequest::get("/v2/self"), false)
        .unwrap();
    assert_eq!(response.status, 200, "the third 503, then a success");
}

#[test]
fn a_redirect_to_another_host_is_followed_bare_only_when_asked() {
    let standin = StandIn::start().unwrap();
    let client = client(&standin, 0);
    let elsewhere = format!("{}/elsewhere", standin.foreign_url());
    let redirect = || {
        Fault::new(FaultAction::Redirect {
            status: 302,
            location: elsewhere.clone(),
        })
    };
    standin.inject(redirect());
    let (url, response) = client
        .request_any_status(&ApiRequest::get("/v2/self"), false)
        .unwrap();
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some(elsewhere.as_str()));
    assert!(url.ends_with("/v2/self"));
    assert_eq!(standin.requests().len(), 1, "not followed");

    standin.inject(redirect());
    let (url, response) = client
        .request_any_status(&ApiRequest::get("/v2/self"), true)
        .unwrap();
    assert_eq!((url.as_str(), response.status), (elsewhere.as_str(), 200));
    let foreign = standin.requests().pop().unwrap();
    assert_eq!(foreign.listener, Listener::Foreign);
    assert_eq!(foreign.header("authorization"), None);

    // A same-host redirect is followed either way, signed again.
    standin.inject(Fault::new(FaultAction::Redirect {
        status: 307,
        location: format!("{}/v2/self", standin.api_url()),
    }));
    let (_, response) = client
        .request_any_status(&ApiRequest::get("/v2/summary"), false)
        .unwrap();
    assert_eq!(response.status, 200);
    assert!(
        standin
            .requests()
            .pop()
            .unwrap()
            .header("authorization")
            .is_some()
    );
}

#[test]
fn no_response_is_still_an_error() {
    let standin = StandIn::start().unwrap();
    standin.inject(Fault::new(FaultAction::ResetBeforeHeaders));
    let error = client(&standin, 0)
        .request_any_status(&ApiRequest::get("/v2/self"), false)
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Interrupted,
                ..
            }
        ),
        "{error:?}"
    );
}
