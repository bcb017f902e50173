//! Signature methods, secrets and OAuth 1.0a credentials.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::SystemTime;

use super::key::SigningKey;
use crate::Error;

/// How a request is signed (RFC 5849 §3.4). Clever Cloud recommends HMAC-SHA512.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureMethod {
    /// The key itself, no hash: only safe over TLS.
    Plaintext,
    /// HMAC-SHA1 over the signature base string.
    HmacSha1,
    /// HMAC-SHA512 over the signature base string: the default.
    #[default]
    HmacSha512,
}

impl SignatureMethod {
    /// The `oauth_signature_method` value.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::Plaintext => "PLAINTEXT",
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            SignatureMethod::HmacSha512 => "HMAC-SHA512",
        }
    }
}

impl fmt::Display for SignatureMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SignatureMethod {
    type Err = Error;

    /// Accepts the `oauth_signature_method` names, in any case.
    fn from_str(name: &str) -> Result<Self, Error> {
        [
            SignatureMethod::Plaintext,
            SignatureMethod::HmacSha1,
            SignatureMethod::HmacSha512,
        ]
        .into_iter()
        .find(|method| method.as_str().eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "unsupported signature method {name:?} (expected PLAINTEXT, HMAC-SHA1 or HMAC-SHA512)"
            ))
        })
    }
}

/// A secret string that never prints: `Debug` shows `[redacted]` and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing or for writing to a credentials file.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// OAuth 1.0a credentials: a consumer (application) and, once the dance is done, a user token.
///
/// `Debug` and `Display` show the consumer key and token and redact both secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    consumer_key: String,
    consumer_secret: Secret,
    token: Option<String>,
    token_secret: Option<Secret>,
    signature_method: SignatureMethod,
    expires_at: Option<SystemTime>,
    signing_key: DerivedKey,
}

/// The signing key, derived from the secrets and the method on the first signature and reused by
/// the next ones; a builder that changes them starts a new one. Boxed: the HMAC-SHA512 state is a
/// few hundred bytes. Always equal: it follows from the fields that are compared.
#[derive(Clone, Default)]
struct DerivedKey(OnceLock<Box<SigningKey>>);

impl PartialEq for DerivedKey {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for DerivedKey {}

impl Credentials {
    /// Consumer-only credentials (the request-token step), signed with HMAC-SHA512.
    pub fn new(
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<Secret>,
    ) -> Result<Self, Error> {
        let consumer_key = consumer_key.into();
        if consumer_key.is_empty() {
            return Err(Error::InvalidInput("the consumer key is empty".into()));
        }
        Ok(Credentials {
            consumer_key,
            consumer_secret: consumer_secret.into(),
            token: None,
            token_secret: None,
            signature_method: SignatureMethod::default(),
            expires_at: None,
            signing_key: DerivedKey::default(),
        })
    }

    /// Adds the user's token and token secret.
    pub fn with_token(mut self, token: impl Into<String>, token_secret: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self.token_secret = Some(token_secret.into());
        self.signing_key = DerivedKey::default();
        self
    }

    /// A token secret with no token: RFC 5849 §3.4.4's PLAINTEXT example signs this way.
    pub fn with_token_secret(mut self, token_secret: impl Into<Secret>) -> Self {
        self.token_secret = Some(token_secret.into());
        self.signing_key = DerivedKey::default();
        self
    }

    /// The token and its secret as a caller may hold them: both, a secret alone
    /// ([`Credentials::with_token_secret`]) or neither; a token without its secret is refused.
    pub fn with_optional_token(
        self,
        token: Option<String>,
        token_secret: Option<String>,
    ) -> Result<Self, Error> {
        match (token, token_secret) {
            (Some(token), Some(secret)) => Ok(self.with_token(token, secret)),
            (None, Some(secret)) => Ok(self.with_token_secret(secret)),
            (None, None) => Ok(self),
            (Some(_), None) => Err(Error::InvalidInput("the token has no token secret".into())),
        }
    }

    /// Signs with this method rather than HMAC-SHA512.
    pub fn with_signature_method(mut self, signature_method: SignatureMethod) -> Self {
        self.signature_method = signature_method;
        self.signing_key = DerivedKey::default();
        self
    }

    /// When the token expires, if known: an expired token is reported as such on a 401.
    pub fn with_expiration(mut self, expires_at: Option<SystemTime>) -> Self {
        self.expires_at = expires_at;
        self
    }

    /// The consumer's (application's) key: public, shown by `Display`.
    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }

    /// The consumer's secret.
    pub fn consumer_secret(&self) -> &Secret {
        &self.consumer_secret
    }

    /// The user's token; `None` before the dance's access-token step.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The user's token secret (or a request token's, during the dance).
    pub fn token_secret(&self) -> Option<&Secret> {
        self.token_secret.as_ref()
    }

    /// How requests are signed.
    pub fn signature_method(&self) -> SignatureMethod {
        self.signature_method
    }

    /// When the token expires, if known (see [`Credentials::with_expiration`]).
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        self.signing_key.0.get_or_init(|| {
            Box::new(SigningKey::new(
                self.signature_method,
                self.consumer_secret.expose(),
                self.token_secret.as_ref().map_or("", Secret::expose),
            ))
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &self.consumer_secret)
            .field("token", &self.token())
            .field("token_secret", &self.token_secret())
            .field("signature_method", &self.signature_method)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Credentials(consumer_key={}, consumer_secret=[redacted], token={}, token_secret={}, signature_method={})",
            self.consumer_key,
            self.token().unwrap_or("none"),
            if self.token_secret.is_some() {
                "[redacted]"
            } else {
                "none"
            },
            self.signature_method
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_secrets() {
        let credentials = Credentials::new("ck", "consumer-s3cret")
            .unwrap()
            .with_token("tok", "token-s3cret");
        for shown in [format!("{credentials:?}"), credentials.to_string()] {
            assert!(shown.contains("ck") && shown.contains("tok"), "{shown}");
            assert!(!shown.contains("s3cret"), "{shown}");
        }
    }

    #[test]
    fn the_signing_key_follows_the_secrets_and_the_method() {
        use crate::oauth1::{ProtocolParams, Request, sign};
        let request = Request::new("GET", "https://h/");
        let params = ProtocolParams::new("n", 1);
        let hmac = Credentials::new("ck", "cs")
            .unwrap()
            .with_signature_method(SignatureMethod::HmacSha1);
        let first = sign(&request, &hmac, &params).unwrap().signature;
        // Derived by that signature, then left behind by each change that affects it.
        let plaintext = hmac
            .clone()
            .with_signature_method(SignatureMethod::Plaintext);
        assert_eq!(
            sign(&request, &plaintext, &params).unwrap().signature,
            "cs&"
        );
        let with_token = plaintext.with_token("t", "ts");
        assert_eq!(
            sign(&request, &with_token, &params).unwrap().signature,
            "cs&ts"
        );
        let token_secret_only = Credentials::new("ck", "cs")
            .unwrap()
            .with_signature_method(SignatureMethod::Plaintext);
        assert_eq!(
            sign(&request, &token_secret_only, &params)
                .unwrap()
                .signature,
            "cs&"
        );
        let token_secret_only = token_secret_only.with_token_secret("x");
        assert_eq!(
            sign(&request, &token_secret_only, &params)
                .unwrap()
                .signature,
            "cs&x"
        );
        // Equality ignores whether the key was derived yet.
        let fresh = Credentials::new("ck", "cs")
            .unwrap()
            .with_signature_method(SignatureMethod::HmacSha1);
        assert_eq!(hmac, fresh);
        assert_eq!(sign(&request, &fresh, &params).unwrap().signature, first);
    }

    #[test]
    fn refuses_an_empty_consumer_key() {
        assert!(matches!(
            Credentials::new("", "s"),
            Err(Error::InvalidInput(_))
        ));
    }

    #[test]
    fn parses_method_names() {
        assert_eq!(
            "hmac-sha512".parse::<SignatureMethod>().unwrap(),
            SignatureMethod::HmacSha512
        );
        assert!("RSA-SHA1".parse::<SignatureMethod>().is_err());
    }
}
