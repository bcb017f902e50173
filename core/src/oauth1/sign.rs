//! Signing a request (RFC 5849 §3.1–3.5). Pure: the nonce and timestamp come from the caller.

use std::time::{SystemTime, UNIX_EPOCH};

use super::base_string::{BaseStringInput, EncodedParams, write_base_string};
use super::credentials::Credentials;
use super::encoding::ascii_string;
use super::header::{AuthorizationHeader, write_authorization};
use crate::Error;

/// An HTTP request as the signature covers it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `GET`, `POST`…; signed upper-cased.
    pub method: &'a str,
    /// Absolute `http(s)` URL with its query; sent byte for byte as given.
    pub url: &'a str,
    /// The body, if any.
    pub body: Option<&'a [u8]>,
    /// Only an `application/x-www-form-urlencoded` body is signed.
    pub content_type: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request without a body.
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Request {
            method,
            url,
            body: None,
            content_type: None,
        }
    }

    /// Adds a body; its form fields are signed when `content_type` is
    /// `application/x-www-form-urlencoded`.
    pub fn with_body(mut self, body: &'a [u8], content_type: Option<&'a str>) -> Self {
        self.body = Some(body);
        self.content_type = content_type;
        self
    }

    pub(crate) fn base_string_input(&self) -> BaseStringInput<'a> {
        BaseStringInput {
            method: self.method,
            url: self.url,
            body: self.body,
            content_type: self.content_type,
        }
    }
}

/// Everything of a signature that is not the request or the credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolParams {
    /// `oauth_nonce`: unique per request for a given timestamp. Must not be empty.
    pub nonce: String,
    /// Unix seconds.
    pub timestamp: u64,
    /// `realm`, sent in the header but not signed.
    pub realm: Option<String>,
    /// More `oauth_*` parameters: `oauth_callback`, `oauth_verifier`…
    pub extra: Vec<(String, String)>,
    /// Send `oauth_version="1.0"` (optional in RFC 5849; on by default).
    pub include_version: bool,
}

impl ProtocolParams {
    /// These nonce and timestamp, no realm, no extra parameter, `oauth_version` sent.
    pub fn new(nonce: impl Into<String>, timestamp: u64) -> Self {
        ProtocolParams {
            nonce: nonce.into(),
            timestamp,
            realm: None,
            extra: Vec::new(),
            include_version: true,
        }
    }

    /// A fresh nonce (128 bits from the operating system's CSPRNG) and the current time.
    pub fn fresh() -> Result<Self, Error> {
        Self::given_or_fresh(None, None)
    }

    /// The nonce and timestamp given (to reproduce a signature); a fresh nonce and the current
    /// time for those not given. No randomness is drawn when the nonce is given.
    pub fn given_or_fresh(nonce: Option<String>, timestamp: Option<u64>) -> Result<Self, Error> {
        let nonce = match nonce {
            Some(nonce) => nonce,
            None => new_nonce()?,
        };
        Ok(Self::new(nonce, timestamp.unwrap_or_else(unix_now)))
    }

    /// Adds a protocol parameter such as `oauth_callback` or `oauth_verifier`.
    pub fn with_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra.push((name.into(), value.into()));
        self
    }

    /// Sends a `realm`.
    pub fn with_realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// Leaves `oauth_version` out.
    pub fn without_version(mut self) -> Self {
        self.include_version = false;
        self
    }
}

/// 32 lower-case hex digits from 16 random bytes of the operating system's CSPRNG.
pub fn new_nonce() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|err| Error::Io(format!("no randomness for a nonce: {err}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// A signed request: what to send, and what was signed (for debugging a mismatch). `Debug`
/// hides the signature, which PLAINTEXT makes the secrets themselves.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// The `Authorization` header value: `OAuth oauth_consumer_key="…", …`.
    /// With PLAINTEXT it holds the secrets themselves, as does `signature`: never log either.
    pub authorization: String,
    /// The signature base string (RFC 5849 §3.4.1), to compare with the server's.
    pub base_string: String,
    /// `oauth_signature`, not yet percent-encoded: Base64 for HMAC, the key itself for
    /// PLAINTEXT.
    pub signature: String,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header = AuthorizationHeader::parse(&self.authorization).unwrap_or_default();
        f.debug_struct("Signed")
            .field("authorization", &header)
            .field("base_string", &self.base_string)
            .field("signature", &"[redacted]")
            .finish()
    }
}

impl Signed {
    /// Every protocol parameter with its plain value, `oauth_signature` last, for servers that
    /// want them in a form body or the query instead of the header. Read back from the header,
    /// so that signing does not pay for it.
    pub fn protocol_params(&self) -> Vec<(String, String)> {
        AuthorizationHeader::parse(&self.authorization)
            .map(|header| header.params)
            .unwrap_or_default()
    }
}

/// Names the signer sets itself; `ProtocolParams::extra` may not repeat them.
pub const RESERVED_PARAMS: [&str; 7] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
];

/// Signs a request with RFC 5849's rules.
pub fn sign(
    request: &Request<'_>,
    credentials: &Credentials,
    params: &ProtocolParams,
) -> Result<Signed, Error> {
    for (name, _) in &params.extra {
        if !name.starts_with("oauth_") || RESERVED_PARAMS.contains(&name.as_str()) {
            return Err(Error::InvalidInput(format!(
                "{name:?} cannot be an extra protocol parameter (use oauth_callback, oauth_verifier…)"
            )));
        }
    }
    if params.nonce.is_empty() {
        return Err(Error::InvalidInput("the nonce is empty".into()));
    }

    let method = credentials.signature_method();
    let mut timestamp = itoa::Buffer::new();
    let timestamp = timestamp.format(params.timestamp);
    let signer_params = [
        Some(("oauth_consumer_key", credentials.consumer_key())),
        credentials.token().map(|token| ("oauth_token", token)),
        Some(("oauth_signature_method", method.as_str())),
        Some(("oauth_timestamp", timestamp)),
        Some(("oauth_nonce", params.nonce.as_str())),
        params.include_version.then_some(("oauth_version", "1.0")),
    ];

    let mut base_string = Vec::with_capacity(256 + 2 * request.url.len());
    let mut encoded = EncodedParams::default();
    write_base_string(
        &mut base_string,
        &request.base_string_input(),
        signer_params.into_iter().flatten(),
        params
            .extra
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
        &mut encoded,
    )?;
    let signature = credentials.signing_key().sign(&base_string);
    let authorization = write_authorization(
        params.realm.as_deref(),
        encoded.protocol_params(),
        &signature,
    );
    let base_string = ascii_string(base_string);
    Ok(Signed {
        authorization,
        base_string,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth1::SignatureMethod;

    #[test]
    fn nonces_are_128_bit_hex_and_differ() {
        let (a, b) = (new_nonce().unwrap(), new_nonce().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn keeps_a_given_nonce_and_timestamp_and_makes_the_missing_ones() {
        let given = ProtocolParams::given_or_fresh(Some("n".into()), Some(7)).unwrap();
        assert_eq!((given.nonce.as_str(), given.timestamp), ("n", 7));
        let fresh = ProtocolParams::given_or_fresh(None, None).unwrap();
        assert_eq!(fresh.nonce.len(), 32);
        assert!(fresh.timestamp.abs_diff(unix_now()) <= 1);
        let half = ProtocolParams::given_or_fresh(None, Some(7)).unwrap();
        assert_eq!(half.timestamp, 7);
        assert_ne!(half.nonce, fresh.nonce);
    }

    #[test]
    fn refuses_reserved_extra_params() {
        let credentials = Credentials::new("ck", "cs").unwrap();
        for name in ["oauth_signature", "oauth_nonce", "callback"] {
            let params = ProtocolParams::new("n", 1).with_param(name, "x");
            let err = sign(&Request::new("GET", "http://h/"), &credentials, &params).unwrap_err();
            assert!(matches!(err, Error::InvalidInput(_)), "{name}");
        }
    }

    #[test]
    fn plaintext_signs_with_both_encoded_secrets() {
        let credentials = Credentials::new("ck", "a&b c")
            .unwrap()
            .with_token("t", "%x")
            .with_signature_method(SignatureMethod::Plaintext);
        let signed = sign(
            &Request::new("GET", "https://h/"),
            &credentials,
            &ProtocolParams::new("n", 1),
        )
        .unwrap();
        assert_eq!(signed.signature, "a%26b%20c&%25x");
        assert!(
            signed
                .authorization
                .contains(r#"oauth_signature="a%2526b%2520c%26%2525x""#)
        );
    }
}
