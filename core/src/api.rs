//! Typed calls for the common endpoints, each on its descriptor in [`crate::endpoints`].

use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::Path;

use crate::client::retry::backoff;
use crate::endpoints::{self, NewApiToken};
use crate::files::{AtomicFile, io_error};
use crate::models::CreatedApiToken;
use crate::{Client, Error, TransportKind};

impl Client {
    /// Streams an invoice PDF to `destination`, through a temporary file beside it that is
    /// renamed on success: a failure leaves nothing under the final name. Returns the bytes
    /// written. Tries `/invoices/{number}.pdf`, then the older `/{number}.pdf` on a 404.
    pub fn download_invoice(
        &self,
        organisation_id: &str,
        invoice_number: &str,
        destination: &Path,
    ) -> Result<u64, Error> {
        self.download_invoice_with_progress(organisation_id, invoice_number, destination, |_, _| {})
    }

    /// `download_invoice`, calling `progress` with the bytes written so far and the total when
    /// the response announced it, after each chunk. A download cut
    /// before its end starts again (within `max_retries`, with their backoff), and `progress`
    /// with it, from zero.
    pub fn download_invoice_with_progress(
        &self,
        organisation_id: &str,
        invoice_number: &str,
        destination: &Path,
        mut progress: impl FnMut(u64, Option<u64>),
    ) -> Result<u64, Error> {
        let [current, legacy] = endpoints::invoice_pdf(organisation_id, invoice_number)?;
        let options = self.options();
        // The invoice is an ordinary document: readable as any other file the user saves.
        let file = AtomicFile {
            prefix: ".cleverkit-download-",
            suffix: ".part",
            mode: 0o644,
        };
        file.write(destination, |temporary| {
            let mut attempt = 0;
            loop {
                let (url, total, mut body) = match self.stream(&current.request()) {
                    Err(Error::NotFound { .. }) => self.stream(&legacy.request())?,
                    other => other?,
                };
                match self.copy_body(
                    &url,
                    &mut body,
                    temporary,
                    destination,
                    total,
                    &mut progress,
                ) {
                    // A cut download starts again from the first byte, with the backoff of any
                    // retry; the file under the final name appears only once whole.
                    Err(Error::Transport {
                        kind: TransportKind::Interrupted,
                        message,
                    }) if attempt < options.max_retries => {
                        let wait =
                            backoff(attempt, options.retry_base_delay, options.max_retry_wait);
                        log::debug!("{message}: downloading again in {} ms", wait.as_millis());
                        self.pause(wait)?;
                        temporary
                            .set_len(0)
                            .and_then(|()| temporary.rewind())
                            .map_err(|err| io_error(destination, &err))?;
                        attempt += 1;
                    }
                    outcome => return outcome,
                }
            }
        })
    }

    /// `POST /api-tokens` on the bridge, authenticated by the email and password (and MFA
    /// code); refuses an expiry more than a year ahead before calling.
    pub fn create_api_token(&self, new: &NewApiToken<'_>) -> Result<CreatedApiToken, Error> {
        self.call(&endpoints::create_api_token(new)?)
    }

    /// Copies a streamed body into `file`; returns the bytes written. A cut is `Transport`
    /// (`Interrupted`), a stall `Timeout`; a cancellation stops it between two chunks.
    fn copy_body(
        &self,
        url: &str,
        body: &mut impl Read,
        file: &mut File,
        destination: &Path,
        total: Option<u64>,
        progress: &mut impl FnMut(u64, Option<u64>),
    ) -> Result<u64, Error> {
        let mut written = 0u64;
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            self.checkpoint()?;
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
            file.write_all(&buffer[..read])
                .map_err(|err| io_error(destination, &err))?;
            written += read as u64;
            progress(written, total);
        }
    }
}
