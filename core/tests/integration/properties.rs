//! Properties of the signer over generated requests: the header round-trips through the
//! parser, the verifier accepts what the signer produced, and any change to what is signed
//! makes verification fail.

use cleverkit::oauth1::{
    self, AuthorizationHeader, Credentials, KnownSecrets, ProtocolParams, Request, SignatureMethod,
    VerifyError, percent_encode_rfc3986,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Generated {
    method: &'static str,
    host: String,
    path: Vec<String>,
    query: Vec<(String, String)>,
    form: Option<Vec<(String, String)>>,
    consumer_secret: String,
    token_secret: String,
    signature_method: SignatureMethod,
    realm: Option<String>,
    nonce: String,
}

impl Generated {
    fn url(&self) -> String {
        let mut url = format!("https://{}", self.host);
        for segment in &self.path {
            url.push('/');
            url.push_str(&percent_encode_rfc3986(segment));
        }
        url.push_str(&encode_pairs(&self.query, "?"));
        url
    }

    fn body(&self) -> Option<String> {
        self.form.as_ref().map(|pairs| encode_pairs(pairs, ""))
    }

    fn credentials(&self) -> Credentials {
        Credentials::new("consumer", self.consumer_secret.as_str())
            .unwrap()
            .with_token("token", self.token_secret.as_str())
            .with_signature_method(self.signature_method)
    }

    fn params(&self) -> ProtocolParams {
        let mut params = ProtocolParams::new(&self.nonce, 1_700_000_000);
        params.realm = self.realm.clone();
        params
    }
}

fn encode_pairs(pairs: &[(String, String)], prefix: &str) -> String {
    let joined: Vec<String> = pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                percent_encode_rfc3986(name),
                percent_encode_rfc3986(value)
            )
        })
        .collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!("{prefix}{}", joined.join("&"))
    }
}

fn text() -> impl Strategy<Value = String> {
    // Unicode of every plane, plus the characters signing gets wrong most often.
    prop_oneof![
        "[a-zA-Z0-9]{0,8}",
        "[ ~*+%&=!'()@:/?#\\[\\]é中🎉]{0,6}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((text(), text()), 0..5)
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "PATCH"]),
        "[a-z]{1,10}(\\.[a-z]{2,5})?",
        prop::collection::vec("[a-zA-Z0-9._~-]{1,6}", 0..3),
        pairs(),
        prop::option::of(pairs()),
        (text(), text()),
        prop::sample::select(vec![
            SignatureMethod::Plaintext,
            SignatureMethod::HmacSha1,
            SignatureMethod::HmacSha512,
        ]),
        prop::option::of(text()),
        "[a-zA-Z0-9]{1,32}",
    )
        .prop_map(
            |(method, host, path, query, form, secrets, signature_method, realm, nonce)| {
                Generated {
                    method,
                    host,
                    path,
                    query,
                    form,
                    consumer_secret: secrets.0,
                    token_secret: secrets.1,
                    signature_method,
                    realm,
                    nonce,
                }
            },
        )
}

const FORM: &str = "application/x-www-form-urlencoded";

fn verify_with(
    method: &str,
    url: &str,
    body: Option<&str>,
    authorization: &str,
    consumer_secret: &str,
    token_secret: &str,
) -> Result<(), VerifyError> {
    let mut request = Request::new(method, url);
    if let Some(body) = body {
        request = request.with_body(body.as_bytes(), Some(FORM));
    }
    let header = AuthorizationHeader::parse(authorization).expect("a header the signer wrote");
    oauth1::verify(&request, &header, |_, _| {
        Ok(KnownSecrets {
            consumer_secret: consumer_secret.to_owned(),
            token_secret: token_secret.to_owned(),
        })
    })
    .map(|_| ())
}

fn sign(generated: &Generated) -> oauth1::Signed {
    let (url, body) = (generated.url(), generated.body());
    let mut request = Request::new(generated.method, &url);
    if let Some(body) = &body {
        request = request.with_body(body.as_bytes(), Some(FORM));
    }
    oauth1::sign(&request, &generated.credentials(), &generated.params()).unwrap()
}

/// Replaces the alphanumeric byte at `index` (modulo the candidates) with another one, so the
/// text stays valid and its meaning changes.
fn mutate_alphanumeric(text: &str, index: usize) -> Option<String> {
    let positions: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_alphanumeric())
        .map(|(position, _)| position)
        .collect();
    let position = *positions.get(index % positions.len().max(1))?;
    let mut bytes = text.as_bytes().to_vec();
    bytes[position] = if bytes[position] == b'q' { b'r' } else { b'q' };
    String::from_utf8(bytes).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn header_round_trips_through_the_parser(generated in generated()) {
        let signed = sign(&generated);
        let header = AuthorizationHeader::parse(&signed.authorization).unwrap();
        prop_assert_eq!(header.params, signed.protocol_params());
        prop_assert_eq!(header.realm, generated.realm);
    }

    #[test]
    fn verify_accepts_what_sign_produced(generated in generated()) {
        let signed = sign(&generated);
        let verified = verify_with(
            generated.method,
            &generated.url(),
            generated.body().as_deref(),
            &signed.authorization,
            &generated.consumer_secret,
            &generated.token_secret,
        );
        prop_assert_eq!(verified, Ok(()));
    }

    #[test]
    fn any_change_to_what_is_signed_fails(generated in generated(), index in any::<usize>(), which in 0..5u8) {
        // PLAINTEXT covers only the secrets: the request itself is unsigned by design.
        if generated.signature_method == SignatureMethod::Plaintext && which < 3 {
            return Ok(());
        }
        let signed = sign(&generated);
        let (mut method, mut url, mut body) = (generated.method.to_owned(), generated.url(), generated.body());
        let (mut consumer_secret, mut token_secret) = (generated.consumer_secret.clone(), generated.token_secret.clone());
        match which {
            0 => method = if method == "GET" { "HEAD".into() } else { "GET".into() },
            1 => {
                // Only the path and query are mutated: scheme and host compare case-insensitively.
                let path_start = url.find('/').map_or(0, |i| i + 2);
                let path_start = url[path_start..].find('/').map(|i| i + path_start);
                let Some(path_start) = path_start else { return Ok(()) };
                let Some(changed) = mutate_alphanumeric(&url[path_start..], index) else { return Ok(()) };
                url = format!("{}{}", &url[..path_start], changed);
            }
            2 => {
                let Some(current) = &body else { return Ok(()) };
                let Some(changed) = mutate_alphanumeric(current, index) else { return Ok(()) };
                body = Some(changed);
            }
            3 => consumer_secret.push('x'),
            _ => token_secret.push('x'),
        }
        let verified = verify_with(&method, &url, body.as_deref(), &signed.authorization, &consumer_secret, &token_secret);
        prop_assert!(verified.is_err(), "change {} went unnoticed", which);
    }
}
