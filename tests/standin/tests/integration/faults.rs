use std::io::ErrorKind;
use std::time::{Duration, Instant};

use cleverkit::oauth1::{ProtocolParams, SignatureMethod};
use cleverkit_standin::{Fault, FaultAction, Listener, ORGANISATION_ID, StandIn};

use crate::support::{Connection, authorization, call, signed_get, user_credentials};

const INVOICE: &str =
    "/v4/billing/organisations/orga_00000000-0000-4000-8000-000000000002/invoices/10000.pdf";

/// A connection with a signed request for `target` already sent.
fn send_signed(base_url: &str, target: &str) -> Connection {
    let url = format!("{base_url}{target}");
    let header = authorization(
        "GET",
        &url,
        &user_credentials(SignatureMethod::HmacSha512),
        &ProtocolParams::fresh().unwrap(),
    );
    let mut connection = Connection::open(base_url);
    connection.send("GET", target, &[("Authorization", &header)], b"");
    connection
}

#[test]
fn status_faults_count_down_and_match_paths() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    standin.inject(
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: Some("2".into()),
            body: None,
        })
        .on_path("/v2/self")
        .times(2),
    );
    assert_eq!(
        signed_get(&api, "/v2/summary", &[]).status(),
        200,
        "other paths pass"
    );
    for _ in 0..2 {
        let unavailable = signed_get(&api, "/v2/self", &[]);
        assert_eq!(unavailable.status(), 503);
        assert_eq!(unavailable.header("retry-after"), Some("2"));
        assert_eq!(unavailable.json()["id"], 5003);
    }
    assert_eq!(signed_get(&api, "/v2/self", &[]).status(), 200);

    standin.inject(FaultAction::Status {
        status: 429,
        retry_after: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        body: None,
    });
    let limited = signed_get(&api, "/v4/products/zones", &[]);
    assert_eq!(limited.status(), 429);
    assert_eq!(
        limited.header("retry-after"),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    assert_eq!(
        limited.json()["code"],
        "too-many-requests",
        "a v4 body on a v4 path"
    );

    standin.inject(FaultAction::Status {
        status: 502,
        retry_after: None,
        body: Some("<html>bad gateway</html>".into()),
    });
    let gateway = call(&api, "GET", "/v2/self", &[]);
    assert_eq!(
        (gateway.status(), gateway.text().as_str()),
        (502, "<html>bad gateway</html>")
    );
}

#[test]
fn delay_holds_the_headers_back() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::Delay {
        before_headers: Duration::from_millis(300),
    });
    let started = Instant::now();
    let response = signed_get(&standin.api_url(), "/v2/self", &[]);
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn stall_body_pauses_mid_body_then_finishes() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::StallBody {
        after_bytes: 100,
        for_: Duration::from_millis(400),
    });
    let mut connection = send_signed(&standin.api_url(), INVOICE);
    let head = connection.read_head().unwrap();
    connection.set_read_timeout(Duration::from_millis(150));
    let timed_out = connection.read_body(&head).unwrap_err();
    assert!(matches!(
        timed_out.kind(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut
    ));
    connection.set_read_timeout(Duration::from_secs(5));
    let started = Instant::now();
    let body = connection.read_body(&head).unwrap();
    assert_eq!(body.len(), 10_000);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[test]
fn reset_before_headers_answers_nothing() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::ResetBeforeHeaders);
    let mut connection = send_signed(&standin.api_url(), "/v2/self");
    let err = connection.read_head().unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::ConnectionReset | ErrorKind::UnexpectedEof
        ),
        "{err:?}"
    );
    assert_eq!(standin.requests().len(), 1, "the request was read first");
}

#[test]
fn reset_mid_body_cuts_a_framed_body() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::ResetMidBody { after_bytes: 100 });
    let mut connection = send_signed(&standin.api_url(), INVOICE);
    let head = connection.read_head().unwrap();
    assert_eq!(head.header("content-length"), Some("10000"));
    assert!(connection.read_body(&head).is_err());
}

#[test]
fn truncated_chunked_never_sends_the_last_chunk() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::TruncatedChunked { after_bytes: 200 });
    let mut connection = send_signed(&standin.api_url(), INVOICE);
    let head = connection.read_head().unwrap();
    assert_eq!(head.header("transfer-encoding"), Some("chunked"));
    assert!(head.header("content-length").is_none());
    assert_eq!(
        connection.read_body(&head).unwrap_err().kind(),
        ErrorKind::UnexpectedEof
    );
}

#[test]
fn lying_content_length_promises_more_than_it_sends() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::LyingContentLength {
        declared: 5000,
        actual: 1000,
    });
    let mut connection = send_signed(&standin.api_url(), INVOICE);
    let head = connection.read_head().unwrap();
    assert_eq!(head.header("content-length"), Some("5000"));
    assert_eq!(
        connection.read_body(&head).unwrap_err().kind(),
        ErrorKind::UnexpectedEof
    );
}

#[test]
fn malformed_and_huge_json() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    standin.inject(FaultAction::MalformedJson);
    let malformed = call(&api, "GET", "/v2/self", &[]);
    assert_eq!(malformed.status(), 200);
    assert_eq!(malformed.header("content-type"), Some("application/json"));
    assert!(serde_json::from_slice::<serde_json::Value>(&malformed.body).is_err());

    standin.inject(FaultAction::HugeJson { bytes: 3_000_000 });
    let huge = call(&api, "GET", "/v2/self", &[]);
    assert_eq!(huge.body.len(), 3_000_000);
    assert_eq!(huge.json()["id"], cleverkit_standin::USER_ID);
}

#[test]
fn redirects_lead_elsewhere_or_in_circles() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let foreign = format!("{}/v2/self", standin.foreign_url());
    standin.inject(FaultAction::Redirect {
        status: 307,
        location: foreign.clone(),
    });
    let redirected = signed_get(&api, "/v2/self", &[]);
    assert_eq!(redirected.status(), 307);
    assert_eq!(redirected.header("location"), Some(foreign.as_str()));

    let followed = call(
        &standin.foreign_url(),
        "GET",
        "/v2/self",
        &[("Authorization", "leaked?")],
    );
    assert_eq!(followed.json(), serde_json::json!({"foreign": true}));
    let last = standin.requests().pop().unwrap();
    assert_eq!(last.listener, Listener::Foreign);
    assert_eq!(last.header("authorization"), Some("leaked?"));

    standin.inject(Fault::new(FaultAction::RedirectLoop).times(0));
    for _ in 0..3 {
        let looped = call(&standin.bridge_url(), "GET", "/v2/summary?x=1", &[]);
        assert_eq!(looped.status(), 302);
        assert_eq!(
            looped.header("location"),
            Some(format!("{}/v2/summary?x=1", standin.bridge_url()).as_str())
        );
    }
    standin.reset();
    assert_eq!(
        call(&standin.bridge_url(), "GET", "/v2/summary", &[]).status(),
        401
    );
}

#[test]
fn faults_spare_the_foreign_host() {
    let standin = StandIn::start().unwrap();
    standin.inject(FaultAction::ResetBeforeHeaders);
    assert_eq!(call(&standin.foreign_url(), "GET", "/", &[]).status(), 200);
    let target = format!("/v2/organisations/{ORGANISATION_ID}/applications");
    let mut connection = send_signed(&standin.api_url(), &target);
    assert!(
        connection.read_head().is_err(),
        "the fault waited for the api"
    );
}
