//! Responses whatever their status, for callers that show them as they came (`cleverkit curl`).

use ureq::ResponseExt;
use ureq::http;

use super::errors::transport_error;
use super::send::header_pairs;
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
        let response = self.execute(request, &resolved, follow)?;
        let url = response.get_uri().to_string();
        Ok((url.clone(), self.read_whole(response, &url)?))
    }

    /// The status, headers and body, bounded by `ClientOptions::max_response_bytes`.
    pub(super) fn read_whole(
        &self,
        response: http::Response<ureq::Body>,
        url: &str,
    ) -> Result<Response, Error> {
        let status = response.status().as_u16();
        let headers = header_pairs(response.headers());
        let body = response
            .into_body()
            .into_with_config()
            .limit(self.inner.options.max_response_bytes)
            .read_to_vec()
            .map_err(|err| transport_error(err, url))?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}
