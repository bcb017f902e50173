//! Typed calls for the common endpoints, each on its descriptor in [`crate::endpoints`].

use std::io::{self, Read, Write};
use std::path::Path;

use crate::endpoints::{self, NewApiToken};
use crate::files::AtomicFile;
use crate::models::{ApiToken, Application, CreatedApiToken, Summary, User, Zone};
use crate::{Client, Error, TransportKind};

impl Client {
    /// `GET /v2/self`.
    pub fn myself(&self) -> Result<User, Error> {
        self.call(&endpoints::myself())
    }

    /// `GET /v2/summary`.
    pub fn summary(&self) -> Result<Summary, Error> {
        self.call(&endpoints::summary())
    }

    /// `GET /v4/products/zones`.
    pub fn zones(&self) -> Result<Vec<Zone>, Error> {
        self.call(&endpoints::zones())
    }

    /// `GET /v2/organisations/{id}/applications` (a user id lists their personal applications).
    pub fn applications(&self, organisation_id: &str) -> Result<Vec<Application>, Error> {
        self.call(&endpoints::applications(organisation_id)?)
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
        let [current, legacy] = endpoints::invoice_pdf(organisation_id, invoice_number)?;
        let (url, mut body) = match self.stream(&current.request()) {
            Err(Error::NotFound { .. }) => self.stream(&legacy.request())?,
            other => other?,
        };
        let local = |err: io::Error| Error::Config(format!("{}: {err}", destination.display()));
        // The invoice is an ordinary document: readable as any other file the user saves.
        let file = AtomicFile {
            prefix: ".cleverkit-download-",
            suffix: ".part",
            mode: 0o644,
        };
        file.write(destination, local, |temporary| {
            let mut written = 0u64;
            let mut buffer = vec![0u8; 64 * 1024];
            loop {
                let read = match body.read(&mut buffer) {
                    Ok(0) => return Ok(written),
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
        })
    }

    /// `GET /api-tokens` on the bridge.
    pub fn list_api_tokens(&self) -> Result<Vec<ApiToken>, Error> {
        self.call(&endpoints::list_api_tokens())
    }

    /// `POST /api-tokens` on the bridge, authenticated by the email and password (and MFA
    /// code); refuses an expiry more than a year ahead before calling.
    pub fn create_api_token(&self, new: &NewApiToken<'_>) -> Result<CreatedApiToken, Error> {
        self.call(&endpoints::create_api_token(new)?)
    }

    /// `PUT /api-tokens/{id}`: renames or redescribes a token.
    pub fn update_api_token(
        &self,
        api_token_id: &str,
        name: &str,
        description: Option<&str>,
    ) -> Result<ApiToken, Error> {
        self.call(&endpoints::update_api_token(
            api_token_id,
            name,
            description,
        )?)
    }

    /// `DELETE /api-tokens/{id}`.
    pub fn revoke_api_token(&self, api_token_id: &str) -> Result<(), Error> {
        self.call(&endpoints::revoke_api_token(api_token_id)?)
    }
}
