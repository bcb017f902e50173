//! Shared by the fuzz targets: the text format of `sign_url`'s inputs, so that seeds can be
//! written by hand or from tests/vectors/oauth1.json (see `make_seeds.py`).

use cleverkit::oauth1::{Credentials, ProtocolParams, SignatureMethod, form_pairs};

/// One request to sign, read from fuzz input: fields separated by `\n`, in this order —
/// flags (a decimal number: bits 0-1 the method, 0 PLAINTEXT, 1 HMAC-SHA1, else HMAC-SHA512;
/// bit 2 `oauth_version`; bit 3 a token; bit 4 a realm; bit 5 a body; bit 6 a content type),
/// HTTP method, URL, consumer key, consumer secret, token, token secret, nonce, timestamp,
/// realm, extra protocol parameters (a form: `oauth_callback=…&oauth_verifier=…`), content
/// type, and the body: every byte after the twelfth `\n`.
#[derive(Debug)]
pub struct SignInput {
    pub method: String,
    pub url: String,
    pub body: Option<Vec<u8>>,
    pub content_type: Option<String>,
    pub credentials: Option<Credentials>,
    pub consumer_secret: String,
    pub token_secret: String,
    pub params: ProtocolParams,
}

impl SignInput {
    pub fn parse(data: &[u8]) -> SignInput {
        let mut fields = data.splitn(13, |&b| b == b'\n');
        let mut next = || {
            fields
                .next()
                .map(|field| String::from_utf8_lossy(field).into_owned())
                .unwrap_or_default()
        };
        let flags_text = next();
        let flags = flags_text
            .trim()
            .parse::<u32>()
            .unwrap_or_else(|_| flags_text.bytes().next().map_or(0, u32::from));
        let method = next();
        let url = next();
        let consumer_key = next();
        let consumer_secret = next();
        let token = next();
        let token_secret = next();
        let nonce = next();
        let timestamp_text = next();
        let realm = next();
        let extras = next();
        let content_type = next();
        let body = data.splitn(13, |&b| b == b'\n').nth(12).unwrap_or_default();

        let signature_method = match flags & 3 {
            0 => SignatureMethod::Plaintext,
            1 => SignatureMethod::HmacSha1,
            _ => SignatureMethod::HmacSha512,
        };
        let has_token = flags & 8 != 0;
        let timestamp = timestamp_text.trim().parse::<u64>().unwrap_or_else(|_| {
            timestamp_text.bytes().fold(0u64, |sum, b| {
                sum.wrapping_mul(31).wrapping_add(u64::from(b))
            })
        });
        let mut params = ProtocolParams::new(nonce, timestamp);
        if flags & 4 == 0 {
            params = params.without_version();
        }
        if flags & 16 != 0 {
            params = params.with_realm(realm);
        }
        for (name, value) in form_pairs(extras.as_bytes()) {
            params = params.with_param(name, value);
        }
        let credentials = Credentials::new(consumer_key, consumer_secret.as_str())
            .ok()
            .map(|credentials| {
                let credentials = credentials.with_signature_method(signature_method);
                if has_token {
                    credentials.with_token(token, token_secret.as_str())
                } else if !token_secret.is_empty() {
                    credentials.with_token_secret(token_secret.as_str())
                } else {
                    credentials
                }
            });
        SignInput {
            method,
            url,
            body: (flags & 32 != 0).then(|| body.to_vec()),
            content_type: (flags & 64 != 0).then_some(content_type),
            credentials,
            consumer_secret,
            token_secret: if has_token || !token_secret.is_empty() {
                token_secret
            } else {
                String::new()
            },
            params,
        }
    }
}
