//! Responses whatever their status, for callers that show them as they came (`cleverkit curl`).

use ureq::ResponseExt;

use super::send::read_whole;
use super::{ApiRequest, Client, Response};
use crate::Error;

/// What `execute` hands back, and which redirects it follows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Follow {
    /// An error status (after the retries) comes back as a response rather than an `Err`.
    pub any_status: bool,
    /// A redirect to another host is followed, without credentials; else it is the response.
    pub other_hosts: bool,
}

impl Follow {
    /// `request` and `stream`: every redirect followed, error statuses as `Err`.
    pub const ERRORS_AS_ERR: Follow = Follow {
        any_status: false,
        other_hosts: true,
    };
}

impl Client {
    /// Sends a request and reads the whole response whatever its status, as curl does, with the
    /// URL that answered it. `Err` only when there is no response to show: transport failure,
    /// timeout, a URL or redirect refused. Retries as [`Client::request`] does; the last error
    /// status is returned. A redirect on the same host is followed and signed again; one to
    /// another host is followed without credentials when `follow_other_hosts` (curl's `-L`),
    /// else returned as it came.
    pub fn request_any_status(
        &self,
        request: &ApiRequest,
        follow_other_hosts: bool,
    ) -> Result<(String, Response), Error> {
        let resolved = self.resolve(request)?;
        let follow = Follow {
            any_status: true,
            other_hosts: follow_other_hosts,
        };
        let limit = self.inner.options.max_response_bytes;
        self.execute(request, &resolved, follow, |response| {
            let url = response.get_uri().to_string();
            Ok((url, read_whole(response, limit)?))
        })
    }

    /// The error a response read whole stands for, `None` for a success: the same error, and
    /// the same words, as [`Client::request`] gives for it (secrets scrubbed).
    pub fn error_for(&self, response: &Response, url: &str) -> Option<Error> {
        if (200..300).contains(&response.status) {
            return None;
        }
        Some(self.error_of(response, url))
    }
}
