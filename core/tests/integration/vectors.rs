//! Every shared vector of `tests/vectors/oauth1.json` (computed by oauthlib): base string,
//! signature and header parameters must match byte for byte, and the verifier must accept it.

use cleverkit::oauth1::{
    self, AuthorizationHeader, Credentials, KnownSecrets, ProtocolParams, Request,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct VectorFile {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    method: String,
    url: String,
    body: Option<String>,
    content_type: Option<String>,
    consumer_key: String,
    consumer_secret: String,
    token: Option<String>,
    token_secret: Option<String>,
    signature_method: String,
    nonce: String,
    timestamp: u64,
    realm: Option<String>,
    oauth_params: Vec<(String, String)>,
    include_version: bool,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    base_string: String,
    signature: String,
    header_params: Vec<(String, String)>,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/oauth1.json");
    let text = std::fs::read_to_string(path).expect("tests/vectors/oauth1.json");
    let file: VectorFile = serde_json::from_str(&text).expect("valid vector file");
    assert!(file.cases.len() >= 40, "too few vectors");
    file.cases
}

fn credentials(case: &Case) -> Credentials {
    let mut credentials = Credentials::new(&case.consumer_key, case.consumer_secret.as_str())
        .unwrap()
        .with_signature_method(case.signature_method.parse().unwrap());
    credentials = match (&case.token, &case.token_secret) {
        (Some(token), Some(secret)) => credentials.with_token(token, secret.as_str()),
        (None, Some(secret)) => credentials.with_token_secret(secret.as_str()),
        _ => credentials,
    };
    credentials
}

fn request(case: &Case) -> Request<'_> {
    let request = Request::new(&case.method, &case.url);
    match &case.body {
        Some(body) => request.with_body(body.as_bytes(), case.content_type.as_deref()),
        None => request,
    }
}

fn params(case: &Case) -> ProtocolParams {
    let mut params = ProtocolParams::new(&case.nonce, case.timestamp);
    params.realm = case.realm.clone();
    params.include_version = case.include_version;
    params.extra = case.oauth_params.clone();
    params
}

#[test]
fn every_vector_signs_byte_for_byte() {
    let mut failures = Vec::new();
    for case in cases() {
        let signed = oauth1::sign(&request(&case), &credentials(&case), &params(&case))
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        if signed.base_string != case.expected.base_string {
            failures.push(format!(
                "{}: base string\n  got      {}\n  expected {}",
                case.name, signed.base_string, case.expected.base_string
            ));
        }
        if signed.signature != case.expected.signature {
            failures.push(format!("{}: signature {}", case.name, signed.signature));
        }
        let header = AuthorizationHeader::parse(&signed.authorization).unwrap();
        let mut header_params = header.params.clone();
        header_params.sort();
        if header_params != case.expected.header_params {
            failures.push(format!("{}: header params {header_params:?}", case.name));
        }
        if header.realm != case.realm {
            failures.push(format!("{}: realm {:?}", case.name, header.realm));
        }
        let mut protocol_params = signed.protocol_params();
        protocol_params.sort();
        assert_eq!(protocol_params, header_params, "{}", case.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_vector_verifies_on_the_server_side() {
    for case in cases() {
        let signed = oauth1::sign(&request(&case), &credentials(&case), &params(&case)).unwrap();
        let header = AuthorizationHeader::parse(&signed.authorization).unwrap();
        let lookup = |secret: &str| {
            let secret = secret.to_owned();
            let token_secret = case.token_secret.clone().unwrap_or_default();
            let case = &case;
            move |key: &str, token: Option<&str>| {
                assert_eq!(key, case.consumer_key);
                assert_eq!(token, case.token.as_deref());
                Ok(KnownSecrets {
                    consumer_secret: secret,
                    token_secret,
                })
            }
        };
        let verified = oauth1::verify(&request(&case), &header, lookup(&case.consumer_secret))
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        assert_eq!(verified.nonce.as_deref(), Some(case.nonce.as_str()));
        let refused = oauth1::verify(&request(&case), &header, lookup("not-the-secret"));
        assert_eq!(
            refused.unwrap_err(),
            oauth1::VerifyError::BadSignature,
            "{}",
            case.name
        );
    }
}
