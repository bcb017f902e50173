//! OAuth 1.0a credentials and request signing.

use std::sync::Arc;
use std::time::SystemTime;

use cleverkit::oauth1::{
    self, AuthorizationHeader, KnownSecrets, ProtocolParams, Request, SignatureMethod, Signed,
};

use crate::CleverError;

/// How a request is signed. Clever Cloud recommends HMAC-SHA512.
#[uniffi::remote(Enum)]
pub enum SignatureMethod {
    Plaintext,
    HmacSha1,
    HmacSha512,
}

/// OAuth 1.0a credentials. An object rather than a record so that the secrets never print:
/// its string forms show the consumer key and token and redact both secrets.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct OAuth1Credentials {
    pub(crate) inner: oauth1::Credentials,
}

impl OAuth1Credentials {
    pub(crate) fn wrap(inner: oauth1::Credentials) -> Arc<Self> {
        Arc::new(OAuth1Credentials { inner })
    }
}

#[uniffi::export]
impl OAuth1Credentials {
    /// Consumer key and secret, plus the user's token and token secret once the dance is done
    /// (a token needs its secret; RFC 5849 §3.4.4 also shows a token secret alone).
    /// The signature method defaults to HMAC-SHA512.
    ///
    /// Errors: `InvalidInput` for an empty consumer key, or a token without its secret.
    #[uniffi::constructor(default(token = None, token_secret = None, signature_method = None))]
    pub fn new(
        consumer_key: String,
        consumer_secret: String,
        token: Option<String>,
        token_secret: Option<String>,
        signature_method: Option<SignatureMethod>,
    ) -> Result<Arc<Self>, CleverError> {
        let mut credentials = oauth1::Credentials::new(consumer_key, consumer_secret)?
            .with_optional_token(token, token_secret)?;
        if let Some(method) = signature_method {
            credentials = credentials.with_signature_method(method);
        }
        Ok(Self::wrap(credentials))
    }

    pub fn consumer_key(&self) -> String {
        self.inner.consumer_key().to_owned()
    }

    pub fn token(&self) -> Option<String> {
        self.inner.token().map(str::to_owned)
    }

    pub fn signature_method(&self) -> SignatureMethod {
        self.inner.signature_method()
    }

    /// When the token expires, if known (tokens from the OAuth dance or clever-tools).
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.inner.expires_at()
    }
}

/// A signed request: the header to send, and what was signed (to debug a mismatch).
#[uniffi::remote(Record)]
pub struct Signed {
    /// The `Authorization` header value.
    pub authorization: String,
    pub base_string: String,
    pub signature: String,
}

/// A request to sign: what the signature covers, and a fixed nonce and timestamp when a signature
/// must be reproduced.
///
/// One record rather than separate arguments: every argument crosses the FFI on its own (a
/// buffer allocated on the Rust side for each string or optional), and those crossings, not the
/// cryptography, are what a signature costs from Python or the JVM.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RequestToSign {
    /// `GET`, `POST`…
    pub method: String,
    /// Absolute `http(s)` URL with its query, as it will be sent.
    pub url: String,
    #[uniffi(default = None)]
    pub body: Option<String>,
    /// Only an `application/x-www-form-urlencoded` body is covered by the signature.
    #[uniffi(default = None)]
    pub content_type: Option<String>,
    /// A fresh 128-bit nonce when absent.
    #[uniffi(default = None)]
    pub nonce: Option<String>,
    /// The current time (Unix seconds) when absent.
    #[uniffi(default = None)]
    pub timestamp: Option<i64>,
}

/// Signs a request with the credentials' method.
///
/// Errors: `InvalidInput` for a URL that cannot be signed (relative, not http(s), white
/// space), an empty nonce or a timestamp before 1970; `Io` when there is no randomness for a
/// fresh nonce.
#[uniffi::export]
pub fn sign_request(
    request: RequestToSign,
    credentials: Arc<OAuth1Credentials>,
) -> Result<Signed, CleverError> {
    let RequestToSign {
        method,
        url,
        body,
        content_type,
        nonce,
        timestamp,
    } = request;
    let timestamp = timestamp
        .map(|seconds| {
            u64::try_from(seconds).map_err(|_| CleverError::InvalidInput {
                detail: format!("timestamp {seconds} is before 1970"),
            })
        })
        .transpose()?;
    let params = ProtocolParams::given_or_fresh(nonce, timestamp)?;
    let mut signed_request = Request::new(&method, &url);
    if let Some(body) = &body {
        signed_request = signed_request.with_body(body.as_bytes(), content_type.as_deref());
    }
    Ok(oauth1::sign(&signed_request, &credentials.inner, &params)?)
}

/// Server side: checks the `Authorization` header of a received request against the secrets.
/// A refused signature is `CleverError::Unauthorized` saying which check failed.
#[uniffi::export]
pub fn verify_request(
    method: String,
    url: String,
    body: Option<String>,
    content_type: Option<String>,
    authorization: String,
    consumer_secret: String,
    token_secret: Option<String>,
) -> Result<(), CleverError> {
    let header = AuthorizationHeader::parse(&authorization)?;
    let mut request = Request::new(&method, &url);
    if let Some(body) = &body {
        request = request.with_body(body.as_bytes(), content_type.as_deref());
    }
    oauth1::verify(&request, &header, |_, _| {
        Ok(KnownSecrets {
            consumer_secret,
            token_secret: token_secret.unwrap_or_default(),
        })
    })
    .map(|_| ())
    .map_err(|refused| CleverError::Unauthorized {
        detail: refused.to_string(),
        expired_at: None,
        code: None,
        request_id: None,
    })
}
