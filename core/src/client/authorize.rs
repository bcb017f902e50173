//! The `Authorization` header of each hop, and the secrets no message may show.

use std::time::SystemTime;

use super::{Auth, Host};
use crate::Error;
use crate::oauth1::{self, Credentials, ProtocolParams, Secret, SignatureMethod};

/// Where one hop carries its credentials.
pub(super) enum Authorization {
    /// The `Authorization` header's value.
    Header(String),
    /// Protocol parameters to append to the form body, encoded.
    FormParams(String),
}

/// The client's credentials, with what is derived from them once at construction.
#[derive(Debug)]
pub(super) struct Authorizer {
    auth: Auth,
    /// The bridge takes PLAINTEXT only among OAuth signatures: the same credentials with that
    /// method, kept (with their signing key) rather than cloned per request.
    bridge_credentials: Option<Credentials>,
}

impl Authorizer {
    pub fn new(auth: Auth) -> Self {
        let bridge_credentials = match &auth {
            Auth::OAuth1(credentials) => Some(
                credentials
                    .clone()
                    .with_signature_method(SignatureMethod::Plaintext),
            ),
            Auth::ApiToken(_) => None,
        };
        Authorizer {
            auth,
            bridge_credentials,
        }
    }

    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// How one hop to `host` is authenticated: a fresh nonce and timestamp each time.
    pub fn authorize(
        &self,
        method: &str,
        url: &str,
        body: Option<(&[u8], Option<&str>)>,
        host: Host,
        in_body: bool,
    ) -> Result<Authorization, Error> {
        let credentials = match (&self.auth, &self.bridge_credentials, host) {
            (Auth::ApiToken(token), _, _) => {
                return Ok(Authorization::Header(format!("Bearer {}", token.expose())));
            }
            (Auth::OAuth1(_), Some(plaintext), Host::Bridge) => plaintext,
            (Auth::OAuth1(credentials), _, _) => credentials,
        };
        let mut request = oauth1::Request::new(method, url);
        if let Some((body, content_type)) = body {
            request = request.with_body(body, content_type);
        }
        let signed = oauth1::sign(&request, credentials, &ProtocolParams::fresh()?)?;
        Ok(if in_body {
            Authorization::FormParams(crate::pairs::form_encode(&signed.protocol_params()))
        } else {
            Authorization::Header(signed.authorization)
        })
    }

    /// When the credentials expire, if known: a 401 after that says so.
    pub fn expires_at(&self) -> Option<SystemTime> {
        match &self.auth {
            Auth::OAuth1(credentials) => credentials.expires_at(),
            Auth::ApiToken(_) => None,
        }
    }

    /// Every secret the credentials hold, to scrub from what the server sends back.
    pub fn secrets(&self) -> Vec<&str> {
        match &self.auth {
            Auth::ApiToken(token) => vec![token.expose()],
            Auth::OAuth1(credentials) => {
                let mut secrets = vec![credentials.consumer_secret().expose()];
                secrets.extend(credentials.token_secret().map(Secret::expose));
                secrets
            }
        }
    }
}
