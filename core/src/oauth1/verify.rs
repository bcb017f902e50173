//! Server-side verification of a signed request: what the local stand-in API uses.

use std::fmt;

use subtle::ConstantTimeEq;

use super::base_string::{EncodedParams, write_base_string};
use super::credentials::SignatureMethod;
use super::header::AuthorizationHeader;
use super::key::SigningKey;
use super::sign::Request;

/// Why a request's OAuth signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// A required parameter is absent: the consumer key, the signature, or the nonce or
    /// timestamp of an HMAC signature.
    #[error("missing OAuth parameter {0}")]
    MissingParameter(&'static str),
    /// A parameter appears twice in the header.
    #[error("OAuth parameter {0} appears more than once")]
    DuplicateParameter(String),
    /// `oauth_signature_method` is none of PLAINTEXT, HMAC-SHA1, HMAC-SHA512.
    #[error("unsupported signature method {0:?}")]
    UnsupportedSignatureMethod(String),
    /// The secrets lookup does not know the consumer key.
    #[error("unknown consumer key")]
    UnknownConsumer,
    /// The secrets lookup does not know the token, or it has expired.
    #[error("unknown or expired token")]
    UnknownToken,
    /// The signature differs from the one recomputed with the known secrets.
    #[error("the signature does not match")]
    BadSignature,
    /// The request itself is unusable: a non-numeric timestamp, a URL that does not parse.
    #[error("the request cannot be verified: {0}")]
    InvalidRequest(String),
}

/// The secrets the server holds for a consumer key and token.
pub struct KnownSecrets {
    /// The consumer's secret.
    pub consumer_secret: String,
    /// Empty for the request-token step.
    pub token_secret: String,
}

impl fmt::Debug for KnownSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KnownSecrets([redacted])")
    }
}

/// What a verified request said about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// `oauth_consumer_key`.
    pub consumer_key: String,
    /// `oauth_token`; absent for the request-token step.
    pub token: Option<String>,
    /// The method used; PLAINTEXT when the header names none.
    pub signature_method: SignatureMethod,
    /// Absent only for PLAINTEXT, as clever-tools sends it.
    pub nonce: Option<String>,
    /// `oauth_timestamp`, in Unix seconds; absent only for PLAINTEXT. Checking its age, and
    /// that the nonce was not used before, is the caller's job.
    pub timestamp: Option<u64>,
    /// Every protocol parameter but the signature (`oauth_callback`, `oauth_verifier`…).
    pub params: Vec<(String, String)>,
}

impl Verified {
    /// The value of a protocol parameter, e.g. `oauth_verifier`; `None` if absent.
    pub fn param(&self, name: &str) -> Option<&str> {
        crate::pairs::value(&self.params, name)
    }
}

/// Recomputes the signature of `request` from its header and compares it in constant time.
/// `secrets` looks up the consumer (and token, when present), or says which one is unknown.
/// A missing `oauth_signature_method` means PLAINTEXT, which clever-tools relies on.
pub fn verify(
    request: &Request<'_>,
    header: &AuthorizationHeader,
    secrets: impl FnOnce(&str, Option<&str>) -> Result<KnownSecrets, VerifyError>,
) -> Result<Verified, VerifyError> {
    for (index, (name, _)) in header.params.iter().enumerate() {
        if header.params[..index]
            .iter()
            .any(|(other, _)| other == name)
        {
            return Err(VerifyError::DuplicateParameter(name.clone()));
        }
    }
    let consumer_key = header
        .get("oauth_consumer_key")
        .ok_or(VerifyError::MissingParameter("oauth_consumer_key"))?;
    let signature = header
        .get("oauth_signature")
        .ok_or(VerifyError::MissingParameter("oauth_signature"))?;
    let signature_method = match header.get("oauth_signature_method") {
        None => SignatureMethod::Plaintext,
        Some(name) => name
            .parse()
            .map_err(|_| VerifyError::UnsupportedSignatureMethod(name.to_owned()))?,
    };
    let nonce = header.get("oauth_nonce");
    let timestamp = match header.get("oauth_timestamp") {
        Some(text) => Some(text.parse::<u64>().map_err(|_| {
            VerifyError::InvalidRequest(format!("oauth_timestamp {text:?} is not a number"))
        })?),
        None => None,
    };
    if signature_method != SignatureMethod::Plaintext {
        nonce.ok_or(VerifyError::MissingParameter("oauth_nonce"))?;
        timestamp.ok_or(VerifyError::MissingParameter("oauth_timestamp"))?;
    }
    let token = header.get("oauth_token");
    let known = secrets(consumer_key, token)?;

    let signed_params: Vec<(String, String)> = header
        .params
        .iter()
        .filter(|(name, _)| name != "oauth_signature")
        .cloned()
        .collect();
    let mut base_string = Vec::with_capacity(256 + request.url.len());
    write_base_string(
        &mut base_string,
        &request.base_string_input(),
        [],
        signed_params
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
        &mut EncodedParams::default(),
    )
    .map_err(|err| VerifyError::InvalidRequest(err.to_string()))?;
    let expected = SigningKey::new(
        signature_method,
        &known.consumer_secret,
        &known.token_secret,
    )
    .sign(&base_string);
    if !bool::from(expected.as_bytes().ct_eq(signature.as_bytes())) {
        return Err(VerifyError::BadSignature);
    }
    Ok(Verified {
        consumer_key: consumer_key.to_owned(),
        token: token.map(str::to_owned),
        signature_method,
        nonce: nonce.map(str::to_owned),
        timestamp,
        params: signed_params,
    })
}
