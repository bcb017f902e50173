//! `/__standin/…` on the api listener: faults, recordings and connections over HTTP, for the
//! bindings' tests, which cannot reach the Rust API. No authentication, no recording, no faults.

use serde_json::{Value, json};

use crate::echo;
use crate::faults::Fault;
use crate::http::{HttpRequest, Response};
use crate::server::{CONTROL_PREFIX, Shared, lock};

pub(crate) fn handle(shared: &Shared, request: &HttpRequest) -> Response {
    let endpoint = request
        .path()
        .strip_prefix(CONTROL_PREFIX)
        .unwrap_or_default();
    match (request.method.as_str(), endpoint) {
        ("POST", "faults") => match Fault::from_json(&request.body) {
            Ok(fault) => {
                let mut faults = lock(&shared.faults);
                faults.push(fault);
                Response::json(200, &json!({"queued": faults.len()}))
            }
            Err(message) => Response::json(400, &json!({"error": message})),
        },
        ("GET", "requests") => {
            let recordings = lock(&shared.recordings);
            let listed: Vec<Value> = recordings
                .iter()
                .map(|recorded| {
                    json!({
                        "listener": recorded.listener.as_str(),
                        "connection": recorded.connection,
                        "method": recorded.method,
                        "target": recorded.target,
                        "headers": recorded.headers,
                        "body": String::from_utf8_lossy(&recorded.body),
                    })
                })
                .collect();
            Response::json(200, &Value::Array(listed))
        }
        ("GET", "connections") => {
            Response::json(200, &json!({"open": lock(&shared.connections).len()}))
        }
        ("POST", "reset") => {
            shared.reset();
            Response::no_content()
        }
        (_, endpoint) if endpoint.starts_with("echo") => {
            echo::handle(request, &endpoint["echo".len()..]).unwrap_or_else(|| not_found(request))
        }
        _ => not_found(request),
    }
}

fn not_found(request: &HttpRequest) -> Response {
    let message = format!("no control endpoint {} {}", request.method, request.path());
    Response::json(404, &json!({ "error": message }))
}
