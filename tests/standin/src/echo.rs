//! `/__standin/echo/{status}`: answers any method with that status and what it received, without
//! credentials, so that a client can be compared with curl itself on the same requests.

use serde_json::json;

use crate::http::{Body, HttpRequest, Response};

/// `/__standin/echo` (200) or `/__standin/echo/404`; `None` when the status is not a number.
pub(crate) fn handle(request: &HttpRequest, status: &str) -> Option<Response> {
    let status = match status.strip_prefix('/') {
        Some(digits) => digits
            .parse()
            .ok()
            .filter(|status| (200..600).contains(status))?,
        None if status.is_empty() => 200,
        None => return None,
    };
    let content_type = request.header("content-type");
    if request.method == "HEAD" {
        return Some(Response::new(status, "application/json", Body::empty()));
    }
    // A binary body comes back byte for byte.
    if content_type == Some("application/octet-stream") {
        let body = Body::bytes(request.body.clone());
        return Some(Response::new(status, "application/octet-stream", body));
    }
    let mut echoed = json!({
        "method": request.method,
        "target": request.target,
        "contentType": content_type,
        "body": String::from_utf8_lossy(&request.body),
    });
    if status >= 400 {
        // Shaped like a v2 error too: the id reads like the status.
        echoed["id"] = (u32::from(status / 100) * 1000 + u32::from(status % 100)).into();
        echoed["message"] = format!("echoed {status}").into();
    }
    Some(Response::json(status, &echoed))
}
