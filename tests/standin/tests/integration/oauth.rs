use cleverkit::oauth1::{ProtocolParams, Request, SignatureMethod, new_nonce, sign};
use cleverkit_standin::{
    API_TOKEN, CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET, EXPIRED_USER_TOKEN,
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

/// What clever-tools 4.11 (@clevercloud/client's `addOauthHeader`) sends, byte for byte: no
/// method, nonce, timestamp or version, the secrets pasted in unencoded around a literal `%26`.
fn clever_tools_header(token: &str, token_secret: &str) -> String {
    format!(
        r#"OAuth oauth_consumer_key="{CLEVER_TOOLS_CONSUMER_KEY}", oauth_token="{token}", oauth_signature="{CLEVER_TOOLS_CONSUMER_SECRET}%26{token_secret}""#
    )
}

#[test]
fn accepts_clever_tools_bare_plaintext() {
    let standin = StandIn::start().unwrap();
    let header = clever_tools_header(USER_TOKEN, USER_TOKEN_SECRET);
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("authorization", &header)],
    );
    assert_eq!(response.status(), 200, "{}", response.text());
    // The same with an unencoded `&`, which older clients sent.
    let header = header.replace("%26", "&");
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("Authorization", &header)],
    );
    assert_eq!(response.status(), 200, "{}", response.text());
    // Tolerated, but still checked.
    let wrong = clever_tools_header(USER_TOKEN, "not-the-secret");
    let response = call(
        &standin.api_url(),
        "GET",
        "/v2/self",
        &[("Authorization", &wrong)],
    );
    assert_refused(&response, "bad signature");
}

#[test]
fn the_current_token_is_the_one_clever_profile_signs_with() {
    let standin = StandIn::start().unwrap();
    let current = |header: &str| {
        call(
            &standin.api_url(),
            "GET",
            "/v2/self/tokens/current",
            &[("Authorization", header)],
        )
    };
    let response = current(&clever_tools_header(USER_TOKEN, USER_TOKEN_SECRET));
    assert_eq!(response.status(), 200, "{}", response.text());
    let token = response.json();
    assert_eq!(token["token"], USER_TOKEN);
    assert_eq!(token["consumer"]["key"], CLEVER_TOOLS_CONSUMER_KEY);
    assert_eq!(token["consumer"]["name"], "Clever Tools");
    let expires = token["expirationDate"].as_u64().unwrap();
    let now = now() * 1000;
    assert!(
        expires > now && token["creationDate"].as_u64().unwrap() < now,
        "{token}"
    );
    // An expired token is refused there as anywhere: `clever profile` then says to log in.
    let expired = current(&clever_tools_header(
        EXPIRED_USER_TOKEN,
        EXPIRED_USER_TOKEN_SECRET,
    ));
    assert_refused(&expired, "token expired");
    // An API token is no OAuth token.
    let bearer = call(
        &standin.bridge_url(),
        "GET",
        "/v2/self/tokens/current",
        &[("Authorization", &crate::support::bearer(API_TOKEN))],
    );
    assert_eq!(bearer.status(), 401, "{}", bearer.text());
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
