//! Each endpoint described once: method, path (segments escaped), host, body, what it answers
//! and the label its errors name. The typed calls of [`Client`](crate::Client), the command
//! line's `--json` output and the bindings all build their requests from these.
//!
//! ```no_run
//! # let client = cleverkit::Client::with_api_token("t", Default::default())?;
//! use cleverkit::endpoints;
//!
//! let applications = client.call(&endpoints::applications("orga_…")?)?;
//! // The same request, its answer kept as the API sent it:
//! let raw = client.request(&endpoints::applications("orga_…")?.request())?;
//! # Ok::<(), cleverkit::Error>(())
//! ```

use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde::de::DeserializeOwned;

pub(crate) mod checks;

pub use crate::generated::endpoints::*;
pub use crate::models::{ApplicationUpdate, NewApplication};

use crate::client::path_segment;
use crate::models::CreatedApiToken;
use crate::{ApiRequest, Error, Host, Response};

/// The longest an API token may live (Clever Cloud refuses more).
pub const MAX_API_TOKEN_LIFETIME: Duration = Duration::from_secs(366 * 24 * 3600);

/// One call of the API and the type of its answer.
#[derive(Debug, Clone)]
pub struct Endpoint<T> {
    request: ApiRequest,
    /// The path with placeholders (`/v2/organisations/{id}/applications`): what errors name.
    label: &'static str,
    answer: fn(&Response, &'static str) -> Result<T, Error>,
}

impl<T: DeserializeOwned> Endpoint<T> {
    /// An endpoint that answers JSON.
    pub(crate) fn new(method: &str, path: String, label: &'static str) -> Self {
        Endpoint {
            request: ApiRequest::new(method, path),
            label,
            answer: |response, label| response.json(label),
        }
    }
}

impl Endpoint<()> {
    /// An endpoint whose answer, if any, says nothing the caller needs.
    pub(crate) fn without_answer(method: &str, path: String, label: &'static str) -> Self {
        Endpoint {
            request: ApiRequest::new(method, path),
            label,
            answer: |_, _| Ok(()),
        }
    }
}

impl<T> Endpoint<T> {
    /// An endpoint whose answer `answer` reads (one the plain JSON reading does not fit).
    pub(crate) fn answering(
        method: &str,
        path: String,
        label: &'static str,
        answer: fn(&Response, &'static str) -> Result<T, Error>,
    ) -> Self {
        Endpoint {
            request: ApiRequest::new(method, path),
            label,
            answer,
        }
    }

    pub(crate) fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.request = self.request.query(name, value);
        self
    }

    pub(crate) fn on(mut self, host: Host) -> Self {
        self.request = self.request.on(host);
        self
    }

    pub(crate) fn json_body(mut self, body: &serde_json::Value) -> Result<Self, Error> {
        self.request = self.request.json_body(body)?;
        Ok(self)
    }

    /// A body written from a record, with the property names of its schema.
    pub(crate) fn serialized_body(self, body: &impl Serialize) -> Result<Self, Error> {
        let body = serde_json::to_value(body)
            .map_err(|error| Error::InvalidInput(format!("the request body: {error}")))?;
        self.json_body(&body)
    }

    /// The request to send.
    pub fn request(&self) -> ApiRequest {
        self.request.clone()
    }

    /// What errors call this endpoint: its path with placeholders.
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// The answer, parsed from a success response.
    pub fn parse(&self, response: &Response) -> Result<T, Error> {
        (self.answer)(response, self.label)
    }
}

/// An invoice's PDF: `/v4/billing/organisations/{id}/invoices/{number}.pdf`, and the older
/// `/v4/billing/organisations/{id}/{number}.pdf` that answers where the first one is a 404.
pub fn invoice_pdf(
    organisation_id: &str,
    invoice_number: &str,
) -> Result<[Endpoint<()>; 2], Error> {
    let org = path_segment(organisation_id, "organisation id")?;
    let number = path_segment(invoice_number, "invoice number")?;
    let pdf = |path: String, label| {
        let mut endpoint = Endpoint::without_answer("GET", path, label);
        endpoint.request = endpoint.request.header("Accept", "application/pdf");
        endpoint
    };
    Ok([
        pdf(
            format!("/v4/billing/organisations/{org}/invoices/{number}.pdf"),
            "/v4/billing/organisations/{id}/invoices/{number}.pdf",
        ),
        pdf(
            format!("/v4/billing/organisations/{org}/{number}.pdf"),
            "/v4/billing/organisations/{id}/{number}.pdf",
        ),
    ])
}

/// The API's code for "this application has no primary domain" (clever-tools reads it so):
/// [`Client::primary_domain`](crate::Client::primary_domain) returns none on it.
pub const NO_PRIMARY_DOMAIN: &str = "4021";

/// What `create_api_token` needs.
#[derive(Clone)]
pub struct NewApiToken<'a> {
    /// The account's email address.
    pub email: &'a str,
    /// The account's password: the bridge authenticates this call with it.
    pub password: &'a str,
    /// The current MFA code, when MFA is on.
    pub mfa_code: Option<&'a str>,
    /// A name to recognise the token by.
    pub name: &'a str,
    /// What the token is for.
    pub description: Option<&'a str>,
    /// At most [`MAX_API_TOKEN_LIFETIME`] ahead.
    pub expires_at: SystemTime,
}

/// `POST /api-tokens` on the bridge. Refuses, before any request, an expiry in the past or
/// more than a year ahead and an empty name.
pub fn create_api_token(new: &NewApiToken<'_>) -> Result<Endpoint<CreatedApiToken>, Error> {
    match new.expires_at.duration_since(SystemTime::now()) {
        Err(_) => {
            return Err(Error::InvalidInput(
                "the API token's expiration date is in the past".into(),
            ));
        }
        Ok(lifetime) if lifetime > MAX_API_TOKEN_LIFETIME => {
            return Err(Error::InvalidInput(
                "an API token lives at most one year: choose an earlier expiration date".into(),
            ));
        }
        Ok(_) => {}
    }
    if new.name.trim().is_empty() {
        return Err(Error::InvalidInput("the API token needs a name".into()));
    }
    let millis = new
        .expires_at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64);
    let mut body = serde_json::json!({
        "email": new.email,
        "password": new.password,
        "name": new.name,
        "expirationDate": millis,
    });
    if let Some(code) = new.mfa_code {
        body["mfaCode"] = code.into();
    }
    if let Some(description) = new.description {
        body["description"] = description.into();
    }
    Endpoint::new("POST", "/api-tokens".into(), "/api-tokens")
        .on(Host::Bridge)
        .json_body(&body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped_and_labels_keep_placeholders() {
        let endpoint = applications("orga x/../y").unwrap();
        assert_eq!(
            endpoint.request().path,
            "/v2/organisations/orga%20x%2F..%2Fy/applications"
        );
        assert_eq!(endpoint.label(), "/v2/organisations/{id}/applications");
        assert!(applications("..").is_err());
        assert_eq!(
            revoke_api_token("t").unwrap().request().host,
            Some(Host::Bridge)
        );
    }

    #[test]
    fn api_tokens_are_checked_before_any_request() {
        let new = |expires_at, name| NewApiToken {
            email: "a@b.c",
            password: "p",
            mfa_code: None,
            name,
            description: None,
            expires_at,
        };
        let now = SystemTime::now();
        let day = Duration::from_secs(86_400);
        assert!(create_api_token(&new(now - day, "ci")).is_err());
        assert!(create_api_token(&new(now + 400 * day, "ci")).is_err());
        assert!(create_api_token(&new(now + day, " ")).is_err());
        let request = create_api_token(&new(now + day, "ci")).unwrap().request();
        let body: serde_json::Value = serde_json::from_slice(&request.body.unwrap()).unwrap();
        assert_eq!(body["name"], "ci");
        assert!(body.get("mfaCode").is_none());
    }
}
