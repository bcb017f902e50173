use std::time::{Duration, SystemTime};

use cleverkit::dates::format_rfc3339;
use cleverkit::oauth1::{ProtocolParams, SignatureMethod};
use cleverkit_standin::{
    API_TOKEN, API_TOKEN_ID, MFA_CODE, StandIn, USER_EMAIL, USER_ID, USER_PASSWORD,
};
use serde_json::json;

use crate::support::{Connection, HttpResponse, authorization, bearer, call, user_credentials};

const DAY: Duration = Duration::from_secs(24 * 3600);

fn create(standin: &StandIn, body: &serde_json::Value) -> HttpResponse {
    Connection::open(&standin.bridge_url()).request(
        "POST",
        "/api-tokens",
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

fn in_days(days: u32) -> String {
    format_rfc3339(SystemTime::now() + DAY * days)
}

#[test]
fn the_bridge_takes_bearer_tokens_and_plaintext_only() {
    let standin = StandIn::start().unwrap();
    let bridge = standin.bridge_url();
    let ok = call(
        &bridge,
        "GET",
        "/v2/self",
        &[("Authorization", &bearer(API_TOKEN))],
    );
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.json()["id"], USER_ID);

    let refused = call(
        &bridge,
        "GET",
        "/v2/self",
        &[("Authorization", &bearer("nope"))],
    );
    assert_eq!(refused.status(), 401);
    assert!(
        refused.json()["message"]
            .as_str()
            .unwrap()
            .contains("bad bearer token")
    );

    let url = format!("{bridge}/v2/self");
    let plaintext = authorization(
        "GET",
        &url,
        &user_credentials(SignatureMethod::Plaintext),
        &ProtocolParams::fresh().unwrap(),
    );
    assert_eq!(
        call(&bridge, "GET", "/v2/self", &[("Authorization", &plaintext)]).status(),
        200
    );
    let hmac = authorization(
        "GET",
        &url,
        &user_credentials(SignatureMethod::HmacSha512),
        &ProtocolParams::fresh().unwrap(),
    );
    let refused = call(&bridge, "GET", "/v2/self", &[("Authorization", &hmac)]);
    assert_eq!(refused.status(), 401);
    assert!(
        refused.json()["message"]
            .as_str()
            .unwrap()
            .contains("unsupported signature method")
    );
}

#[test]
fn created_tokens_live_until_revoked() {
    let standin = StandIn::start().unwrap();
    let bridge = standin.bridge_url();
    let created = create(
        &standin,
        &json!({"email": USER_EMAIL, "password": USER_PASSWORD, "mfaCode": MFA_CODE,
                "name": "ci", "description": "for CI", "expirationDate": in_days(30)}),
    );
    assert_eq!(created.status(), 200, "{}", created.text());
    let created = created.json();
    assert_eq!(created["state"], "ACTIVE");
    assert_eq!(created["description"], "for CI");
    let token = created["apiToken"].as_str().unwrap();
    let id = created["apiTokenId"].as_str().unwrap();
    let auth = bearer(token);
    let auth = [("Authorization", auth.as_str())];

    let listed = call(&bridge, "GET", "/api-tokens", &auth).json();
    let listed = listed.as_array().unwrap();
    assert!(
        listed
            .iter()
            .any(|entry| entry["apiTokenId"] == id && entry["userId"] == USER_ID)
    );
    assert!(
        listed
            .iter()
            .any(|entry| entry["apiTokenId"] == API_TOKEN_ID
                && entry["creationDate"].as_str().unwrap().ends_with("[UTC]"))
    );

    let mut connection = Connection::open(&bridge);
    let updated = connection.request(
        "PUT",
        &format!("/api-tokens/{id}"),
        &[auth[0], ("Content-Type", "application/json")],
        br#"{"name":"renamed","description":null}"#,
    );
    assert_eq!(updated.status(), 200);
    assert_eq!(updated.json()["name"], "renamed");
    assert!(updated.json().get("description").is_none());

    let deleted = connection.request("DELETE", &format!("/api-tokens/{id}"), &auth, b"");
    assert_eq!(deleted.status(), 204);
    let gone = call(&bridge, "GET", "/v2/self", &auth);
    assert_eq!(gone.status(), 401);
    let unknown = call(
        &bridge,
        "DELETE",
        &format!("/api-tokens/{id}"),
        &[("Authorization", &bearer(API_TOKEN))],
    );
    assert_eq!(unknown.status(), 404);
    assert_eq!(unknown.json()["code"], "api-token-not-found");
}

#[test]
fn creation_checks_credentials_mfa_and_expiry() {
    let standin = StandIn::start().unwrap();
    let wrong_password = create(
        &standin,
        &json!({"email": USER_EMAIL, "password": "wrong", "name": "x", "expirationDate": in_days(1)}),
    );
    assert_eq!(wrong_password.status(), 401);
    assert_eq!(wrong_password.json()["code"], "invalid-credential");

    let wrong_mfa = create(
        &standin,
        &json!({"email": USER_EMAIL, "password": USER_PASSWORD, "mfaCode": "000000",
                "name": "x", "expirationDate": in_days(1)}),
    );
    assert_eq!(wrong_mfa.status(), 401);
    assert_eq!(wrong_mfa.json()["code"], "invalid-mfa-code");

    let too_far = create(
        &standin,
        &json!({"email": USER_EMAIL, "password": USER_PASSWORD, "name": "x",
                "expirationDate": in_days(366)}),
    );
    assert_eq!(too_far.status(), 400);
    let body = too_far.json();
    assert!(body["apiRequestId"].is_string() && body["error"].is_string());
}
