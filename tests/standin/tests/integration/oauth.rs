use cleverkit::oauth1::{ProtocolParams, Request, SignatureMethod, new_nonce, sign};
use cleverkit_standin::{
    CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET, EXPIRED_USER_TOKEN,
    EXPIRED_USER_TOKEN_SECRET, StandIn, USER_ID, USER_TOKEN, USER_TOKEN_SECRET,
};

use crate::support::{authorization, call, signed_get, user_credentials};

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn assert_refused(response: &crate::support::HttpResponse, message_part: &str) {
    assert_eq!(response.status(), 401, "{}", response.text());
    let body = response.json();
    assert_eq!(body["id"], 4001);
    assert_eq!(body["type"], "error");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains(message_part), "{message}");
}

#[test]
fn accepts_every_signature_method() {
    let standin = StandIn::start().unwrap();
    let url = format!("{}/v2/self", standin.api_url());
    for method in [
        SignatureMethod::Plaintext,
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha512,
    ] {
        let header = authorization(
            "GET",
            &url,
            &user_credentials(method),
            &ProtocolParams::fresh().unwrap(),
        );
        let response = call(
            &standin.api_url(),
            "GET",
            "/v2/self",
            &[("Authorization", &header)],
        );
        assert_eq!(response.status(), 200, "{method}: {}", response.text());
        assert_eq!(response.json()["id"], USER_ID);
        assert!(response.header("sozu-id").is_some_and(|id| !id.is_empty()));
    }
}

#[test]
fn accepts_clever_tools_bare_plaintext() {
    let standin = StandIn::start().unwrap();
    // As clever-tools sends it: no method, nonce or timestamp, secrets not encoded.
    let header = format!(
        r#"OAuth oauth_consumer_key="{CLEVER_TOOLS_CONSUMER_KEY}", oauth_token="{USER_TOKEN}", oauth_signature="{CLEVER_TOOLS_CONSUMER_SECRET}&{USER_TOKEN_SECRET}""#
    );
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("Authorization", &header)],
    );
    assert_eq!(response.status(), 200, "{}", response.text());
}

#[test]
fn refuses_a_bad_signature() {
    let standin = StandIn::start().unwrap();
    let url = format!("{}/v2/self", standin.api_url());
    // Signed for another path.
    let header = authorization(
        "GET",
        &format!("{url}x"),
        &user_credentials(SignatureMethod::HmacSha512),
        &ProtocolParams::fresh().unwrap(),
    );
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("Authorization", &header)],
    );
    assert_refused(&response, "bad signature");
}

#[test]
fn refuses_a_stale_timestamp() {
    let standin = StandIn::start().unwrap();
    let url = format!("{}/v2/self", standin.api_url());
    let stale = ProtocolParams::new(new_nonce().unwrap(), now() - 301);
    let header = authorization(
        "GET",
        &url,
        &user_credentials(SignatureMethod::HmacSha1),
        &stale,
    );
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("Authorization", &header)],
    );
    assert_refused(&response, "timestamp out of window");
}

#[test]
fn refuses_a_replayed_nonce() {
    let standin = StandIn::start().unwrap();
    let url = format!("{}/v2/self", standin.api_url());
    let header = authorization(
        "GET",
        &url,
        &user_credentials(SignatureMethod::HmacSha512),
        &ProtocolParams::new("same-nonce", now()),
    );
    let headers = [("Authorization", header.as_str())];
    assert_eq!(
        call(&standin.api_url(), "GET", "/v2/self", &headers).status(),
        200
    );
    let replayed = call(&standin.api_url(), "GET", "/v2/self", &headers);
    assert_refused(&replayed, "replayed nonce");
}

#[test]
fn says_which_check_failed() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    assert_refused(&call(&api, "GET", "/v2/self", &[]), "missing credentials");
    assert_refused(
        &call(
            &api,
            "GET",
            "/v2/self",
            &[(
                "Authorization",
                r#"OAuth oauth_consumer_key="nobody", oauth_signature="x&y""#,
            )],
        ),
        "unknown consumer",
    );
    assert_refused(
        &call(
            &api,
            "GET",
            "/v2/self",
            &[(
                "Authorization",
                r#"OAuth oauth_consumer_key="standin-consumer-key", oauth_signature_method="RSA-SHA1", oauth_signature="x""#,
            )],
        ),
        "unsupported signature method",
    );
    assert_refused(
        &call(
            &api,
            "GET",
            "/v2/self",
            &[(
                "Authorization",
                r#"OAuth oauth_consumer_key="standin-consumer-key", oauth_signature_method="HMAC-SHA1", oauth_signature="x""#,
            )],
        ),
        "missing parameter",
    );
    assert_refused(
        &call(
            &api,
            "GET",
            "/v2/self",
            &[("Authorization", "Bearer whatever")],
        ),
        "bad bearer token",
    );
}

#[test]
fn refuses_an_expired_token_after_verifying_it() {
    let standin = StandIn::start().unwrap();
    let credentials = user_credentials(SignatureMethod::HmacSha512)
        .with_token(EXPIRED_USER_TOKEN, EXPIRED_USER_TOKEN_SECRET);
    let url = format!("{}/v2/self", standin.api_url());
    let header = authorization("GET", &url, &credentials, &ProtocolParams::fresh().unwrap());
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("Authorization", &header)],
    );
    assert_refused(&response, "token expired");
}

#[test]
fn signs_over_the_query_as_received() {
    let standin = StandIn::start().unwrap();
    let target = "/v2/summary?b=2&a=1&a=%20x&empty=";
    let response = signed_get(&standin.api_url(), target, &[]);
    assert_eq!(response.status(), 200, "{}", response.text());
}

#[test]
fn takes_protocol_parameters_from_the_query() {
    let standin = StandIn::start().unwrap();
    let url = format!("{}/v2/self?x=1", standin.api_url());
    let signed = sign(
        &Request::new("GET", &url),
        &user_credentials(SignatureMethod::HmacSha512),
        &ProtocolParams::fresh().unwrap(),
    )
    .unwrap();
    let query: Vec<String> = signed
        .protocol_params()
        .iter()
        .map(|(name, value)| {
            format!(
                "{name}={}",
                cleverkit::oauth1::percent_encode_rfc3986(value)
            )
        })
        .collect();
    let target = format!("/v2/self?x=1&{}", query.join("&"));
    let response = call(&standin.api_url(), "GET", &target, &[]);
    assert_eq!(response.status(), 200, "{}", response.text());
}
