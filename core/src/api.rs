//! Typed calls for the common endpoints.

use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::client::url::path_segment;
use crate::models::{ApiToken, Application, CreatedApiToken, Summary, User, Zone};
use crate::{ApiRequest, Client, Error, Host, TransportKind};

/// The longest an API token may live (Clever Cloud refuses more).
pub const MAX_API_TOKEN_LIFETIME: Duration = Duration::from_secs(366 * 24 * 3600);

/// What `create_api_token` needs.
#[derive(Clone)]
pub struct NewApiToken<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub mfa_code: Option<&'a str>,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub expires_at: SystemTime,
}

impl Client {
    /// `GET /v2/self`.
    pub fn myself(&self) -> Result<User, Error> {
        self.get_json("/v2/self")
    }

    /// `GET /v2/summary`.
    pub fn summary(&self) -> Result<Summary, Error> {
        self.get_json("/v2/summary")
    }

    /// `GET /v4/products/zones`.
    pub fn zones(&self) -> Result<Vec<Zone>, Error> {
        self.get_json("/v4/products/zones")
    }

    /// `GET /v2/organisations/{id}/applications` (a user id lists their personal applications).
    pub fn applications(&self, organisation_id: &str) -> Result<Vec<Application>, Error> {
        let id = path_segment(organisation_id, "organisation id")?;
        self.get_json(&format!("/v2/organisations/{id}/applications"))
    }

    /// Streams an invoice PDF to `destination`, through a temporary file beside it that is
    /// renamed on success: a failure leaves nothing under the final name. Returns the bytes
    /// written. Tries `/invoices/{number}.pdf`, then the older `/{number}.pdf` on a 404.
    pub fn download_invoice(
        &self,
        organisation_id: &str,
        invoice_number: &str,
        destination: &Path,
    ) -> Result<u64, Error> {
        self.download_invoice_with_progress(organisation_id, invoice_number, destination, |_| {})
    }

    /// `download_invoice`, calling `progress` with the bytes written so far.
    pub fn download_invoice_with_progress(
        &self,
        organisation_id: &str,
        invoice_number: &str,
        destination: &Path,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, Error> {
        let org = path_segment(organisation_id, "organisation id")?;
        let number = path_segment(invoice_number, "invoice number")?;
        let pdf = |path: String| ApiRequest::get(path).header("Accept", "application/pdf");
        let (url, mut body) = match self.stream(&pdf(format!(
            "/v4/billing/organisations/{org}/invoices/{number}.pdf"
        ))) {
            Err(Error::NotFound { .. }) => self.stream(&pdf(format!(
                "/v4/billing/organisations/{org}/{number}.pdf"
            )))?,
            other => other?,
        };

        let directory = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let local = |err: io::Error| Error::Config(format!("{}: {err}", destination.display()));
        let mut builder = tempfile::Builder::new();
        builder.prefix(".cleverkit-download-").suffix(".part");
        // A temporary file is private (0600); the invoice is an ordinary document.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let mut temporary = builder.tempfile_in(directory).map_err(local)?;
        let mut written = 0u64;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = match body.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => {
                    let message =
                        format!("{url}: download interrupted after {written} bytes: {err}");
                    // ureq reports its own timeouts inside an `io::Error` of kind `Other`.
                    let timed_out = err.kind() == io::ErrorKind::TimedOut
                        || err
                            .get_ref()
                            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
                            .is_some_and(|inner| matches!(inner, ureq::Error::Timeout(_)));
                    return Err(if timed_out {
                        Error::Timeout(message)
                    } else {
                        Error::Transport {
                            kind: TransportKind::Interrupted,
                            message,
                        }
                    });
                }
            };
            temporary.write_all(&buffer[..read]).map_err(local)?;
            written += read as u64;
            progress(written);
        }
        temporary.as_file().sync_all().map_err(local)?;
        temporary
            .persist(destination)
            .map_err(|err| local(err.error))?;
        Ok(written)
    }

    /// `GET /api-tokens` on the bridge.
    pub fn list_api_tokens(&self) -> Result<Vec<ApiToken>, Error> {
        self.request(&ApiRequest::get("/api-tokens").on(Host::Bridge))?
            .json("/api-tokens")
    }

    /// `POST /api-tokens` on the bridge, authenticated by the email and password (and MFA
    /// code); refuses an expiry more than a year ahead before calling.
    pub fn create_api_token(&self, new: &NewApiToken<'_>) -> Result<CreatedApiToken, Error> {
        let now = SystemTime::now();
        match new.expires_at.duration_since(now) {
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
        let request = ApiRequest::new("POST", "/api-tokens")
            .on(Host::Bridge)
            .json_body(&body)?;
        self.request(&request)?.json("/api-tokens")
    }

    /// `PUT /api-tokens/{id}`: renames or redescribes a token.
    pub fn update_api_token(
        &self,
        api_token_id: &str,
        name: &str,
        description: Option<&str>,
    ) -> Result<ApiToken, Error> {
        let id = path_segment(api_token_id, "API token id")?;
        let body = serde_json::json!({ "name": name, "description": description });
        let request = ApiRequest::new("PUT", format!("/api-tokens/{id}"))
            .on(Host::Bridge)
            .json_body(&body)?;
        self.request(&request)?.json("/api-tokens/{id}")
    }

    /// `DELETE /api-tokens/{id}`.
    pub fn revoke_api_token(&self, api_token_id: &str) -> Result<(), Error> {
        let id = path_segment(api_token_id, "API token id")?;
        self.request(&ApiRequest::new("DELETE", format!("/api-tokens/{id}")).on(Host::Bridge))?;
        Ok(())
    }
}
