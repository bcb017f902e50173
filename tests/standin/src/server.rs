//! Listeners, connections and the shared state; what each request gets, faults included.

use std::collections::HashMap;
use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::accounts::{Accounts, random_token};
use crate::faults::{FaultAction, FaultQueue};
use crate::hosting::Hosting;
use crate::http::{
    Body, Framing, HttpRequest, Incoming, RequestReader, Response, reason_phrase, write_body,
    write_head,
};
use crate::{Listener, RecordedRequest, USER_EMAIL, USER_ID, control, routes};

/// Paths under this prefix on the api listener drive the stand-in itself.
pub(crate) const CONTROL_PREFIX: &str = "/__standin/";

/// A panicking connection thread must not take the whole stand-in down with a poisoned lock.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) struct Shared {
    urls: [String; 3],
    stopping: Mutex<bool>,
    stop_signal: Condvar,
    pub faults: Mutex<FaultQueue>,
    pub recordings: Mutex<Vec<RecordedRequest>>,
    /// A clone of each open client socket, to shut it down when stopping.
    pub connections: Mutex<HashMap<u64, TcpStream>>,
    next_connection: AtomicU64,
    workers: Mutex<Vec<JoinHandle<()>>>,
    pub accounts: Mutex<Accounts>,
    pub hosting: Mutex<Hosting>,
}

impl Shared {
    pub fn new(api: SocketAddr, bridge: SocketAddr, foreign: SocketAddr) -> Shared {
        Shared {
            urls: [api, bridge, foreign].map(|address| format!("http://{address}")),
            stopping: Mutex::new(false),
            stop_signal: Condvar::new(),
            faults: Mutex::default(),
            recordings: Mutex::default(),
            connections: Mutex::default(),
            next_connection: AtomicU64::new(1),
            workers: Mutex::default(),
            accounts: Mutex::new(Accounts::new()),
            hosting: Mutex::new(Hosting::seeded()),
        }
    }

    pub fn base_url(&self, listener: Listener) -> &str {
        let index = match listener {
            Listener::Api => 0,
            Listener::Bridge => 1,
            Listener::Foreign => 2,
        };
        &self.urls[index]
    }

    pub fn reset(&self) {
        lock(&self.faults).clear();
        lock(&self.recordings).clear();
    }

    fn is_stopping(&self) -> bool {
        *lock(&self.stopping)
    }

    pub fn begin_stop(&self) {
        *lock(&self.stopping) = true;
        self.stop_signal.notify_all();
    }

    /// Sleeps unless the stand-in stops first; false if it is stopping.
    fn pause(&self, duration: Duration) -> bool {
        let deadline = Instant::now() + duration;
        let mut stopping = lock(&self.stopping);
        while !*stopping {
            let now = Instant::now();
            if now >= deadline {
                return true;
            }
            stopping = self
                .stop_signal
                .wait_timeout(stopping, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        false
    }

    /// Shuts every client socket down (which wakes their threads' reads and writes), then
    /// joins those threads. Call once the acceptors are joined, so that no connection is added.
    pub fn close_connections_and_join(&self) {
        for stream in lock(&self.connections).values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
        let workers = std::mem::take(&mut *lock(&self.workers));
        for worker in workers {
            let _ = worker.join();
        }
    }
}

pub(crate) fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener, kind: Listener) {
    for stream in listener.incoming() {
        if shared.is_stopping() {
            return;
        }
        // A failed accept (the client gave up, descriptors ran out) only loses that client.
        let Ok(stream) = stream else { continue };
        let Ok(registered) = stream.try_clone() else {
            continue;
        };
        let id = shared.next_connection.fetch_add(1, Ordering::Relaxed);
        lock(&shared.connections).insert(id, registered);
        let worker_shared = Arc::clone(shared);
        let spawned = thread::Builder::new()
            .name(format!("standin-connection-{id}"))
            .spawn(move || {
                serve_connection(&worker_shared, kind, stream, id);
                lock(&worker_shared.connections).remove(&id);
            });
        match spawned {
            Ok(handle) => {
                let mut workers = lock(&shared.workers);
                workers.retain(|worker| !worker.is_finished());
                workers.push(handle);
            }
            Err(_) => {
                lock(&shared.connections).remove(&id);
            }
        }
    }
}

/// How a response goes on the wire.
enum Delivery {
    Whole,
    StallAfter { bytes: u64, pause: Duration },
    ResetAfter { bytes: u64 },
    TruncatedChunkedAfter { bytes: u64 },
    LyingLength { declared: u64, actual: u64 },
}

enum Outcome {
    Respond(Response, Delivery),
    /// Close with an RST and no response.
    Reset,
    Stopped,
}

fn serve_connection(shared: &Shared, listener: Listener, mut stream: TcpStream, connection: u64) {
    // Small responses must not wait for Nagle's algorithm on a reused connection.
    let _ = stream.set_nodelay(true);
    let mut reader = RequestReader::default();
    loop {
        let request = match reader.next_request(&mut stream) {
            Ok(Incoming::Request(request)) => request,
            Ok(Incoming::Malformed { status, reason }) => {
                let request_id = random_token("");
                let response = error_response("/", status, "bad-request", &reason, &request_id);
                let _ = transmit(
                    shared,
                    &mut stream,
                    response,
                    Delivery::Whole,
                    &request_id,
                    false,
                );
                return;
            }
            Ok(Incoming::Closed) | Err(_) => return,
        };
        let request_id = random_token("");
        let keep_alive = request.keep_alive;
        let reusable = match exchange(shared, listener, connection, &request, &request_id) {
            // The head GET would get, Content-Length included, and no body.
            Outcome::Respond(response, _) if request.method == "HEAD" => {
                let framing = Framing::ContentLength(response.body.len);
                write_head(&mut stream, &response, &request_id, &framing, !keep_alive)
                    .is_ok_and(|()| keep_alive)
            }
            Outcome::Respond(response, delivery) => transmit(
                shared,
                &mut stream,
                response,
                delivery,
                &request_id,
                keep_alive,
            )
            .unwrap_or(false),
            Outcome::Reset => {
                reset(&stream);
                false
            }
            Outcome::Stopped => false,
        };
        if !reusable {
            return;
        }
    }
}

/// An abrupt close: SO_LINGER 0 turns the close into an RST.
fn reset(stream: &TcpStream) {
    let _ = socket2::SockRef::from(stream).set_linger(Some(Duration::ZERO));
}

/// Whom a request reaches, and the context its handlers need.
pub(crate) struct Exchange<'a> {
    pub shared: &'a Shared,
    pub listener: Listener,
    pub request: &'a HttpRequest,
    pub request_id: &'a str,
}

impl Exchange<'_> {
    pub fn base_url(&self) -> &str {
        self.shared.base_url(self.listener)
    }

    /// An error in the body shape of the path's API version: v4 for `/v4` and
    /// `/api-tokens`, v2 elsewhere.
    pub fn error(&self, status: u16, code: &str, message: impl Into<String>) -> Response {
        error_response(
            self.request.path(),
            status,
            code,
            &message.into(),
            self.request_id,
        )
    }
}

fn error_response(
    path: &str,
    status: u16,
    code: &str,
    message: &str,
    request_id: &str,
) -> Response {
    let body = if path.starts_with("/v4/") || path.starts_with("/api-tokens") {
        json!({"apiRequestId": request_id, "code": code, "context": {}, "error": message})
    } else {
        // v2 ids read like the status: 4001 for a 401, 4004 for a 404.
        let id = u32::from(status / 100) * 1000 + u32::from(status % 100);
        json!({"id": id, "message": message, "type": "error"})
    };
    Response::json(status, &body)
}

fn exchange(
    shared: &Shared,
    listener: Listener,
    connection: u64,
    request: &HttpRequest,
    request_id: &str,
) -> Outcome {
    let path = request.path();
    if listener == Listener::Api && path.starts_with(CONTROL_PREFIX) {
        return Outcome::Respond(control::handle(shared, request), Delivery::Whole);
    }
    lock(&shared.recordings).push(RecordedRequest {
        listener,
        connection,
        method: request.method.clone(),
        target: request.target.clone(),
        headers: request.headers.clone(),
        body: request.body.clone(),
    });
    if listener == Listener::Foreign {
        return Outcome::Respond(
            Response::json(200, &json!({"foreign": true})),
            Delivery::Whole,
        );
    }
    let exchange = Exchange {
        shared,
        listener,
        request,
        request_id,
    };
    let Some(action) = lock(&shared.faults).take_matching(path) else {
        return Outcome::Respond(routes::respond(&exchange), Delivery::Whole);
    };
    let normal = |delivery| Outcome::Respond(routes::respond(&exchange), delivery);
    match action {
        FaultAction::Status {
            status,
            retry_after,
            body,
        } => {
            let mut response = match body {
                Some(body) => {
                    let is_json = serde_json::from_str::<serde_json::Value>(&body).is_ok();
                    let content_type = if is_json {
                        "application/json"
                    } else {
                        "text/plain; charset=utf-8"
                    };
                    Response::new(status, content_type, Body::bytes(body))
                }
                None => {
                    let phrase = reason_phrase(status);
                    let code = phrase.to_ascii_lowercase().replace(' ', "-");
                    exchange.error(
                        status,
                        &code,
                        format!("{phrase} (injected by the stand-in)"),
                    )
                }
            };
            if let Some(retry_after) = retry_after {
                response = response.with_header("Retry-After", retry_after);
            }
            Outcome::Respond(response, Delivery::Whole)
        }
        FaultAction::Delay { before_headers } => {
            if shared.pause(before_headers) {
                normal(Delivery::Whole)
            } else {
                Outcome::Stopped
            }
        }
        FaultAction::StallBody { after_bytes, for_ } => normal(Delivery::StallAfter {
            bytes: after_bytes,
            pause: for_,
        }),
        FaultAction::ResetBeforeHeaders => Outcome::Reset,
        FaultAction::ResetMidBody { after_bytes } => {
            normal(Delivery::ResetAfter { bytes: after_bytes })
        }
        FaultAction::TruncatedChunked { after_bytes } => {
            normal(Delivery::TruncatedChunkedAfter { bytes: after_bytes })
        }
        FaultAction::LyingContentLength { declared, actual } => {
            normal(Delivery::LyingLength { declared, actual })
        }
        FaultAction::MalformedJson => Outcome::Respond(
            Response::new(
                200,
                "application/json",
                Body::bytes(format!(
                    r#"{{"id":"{USER_ID}","email":<html>502 Bad Gateway</html>"#
                )),
            ),
            Delivery::Whole,
        ),
        FaultAction::HugeJson { bytes } => {
            let head = format!(r#"{{"id":"{USER_ID}","email":"{USER_EMAIL}","padding":""#);
            Outcome::Respond(
                Response::new(
                    200,
                    "application/json",
                    Body::padded(head.as_bytes(), b'x', b"\"}", bytes),
                ),
                Delivery::Whole,
            )
        }
        FaultAction::Redirect { status, location } => {
            Outcome::Respond(redirect(status, location), Delivery::Whole)
        }
        FaultAction::RedirectLoop => Outcome::Respond(
            redirect(302, format!("{}{}", exchange.base_url(), request.target)),
            Delivery::Whole,
        ),
    }
}

fn redirect(status: u16, location: String) -> Response {
    Response::new(status, "text/plain; charset=utf-8", Body::empty())
        .with_header("Location", location)
}

/// Sends a response as `delivery` says; true if the connection can carry another request.
fn transmit(
    shared: &Shared,
    stream: &mut TcpStream,
    mut response: Response,
    delivery: Delivery,
    request_id: &str,
    keep_alive: bool,
) -> io::Result<bool> {
    let length = response.body.len;
    let framing = match delivery {
        Delivery::TruncatedChunkedAfter { .. } => Framing::Chunked,
        Delivery::LyingLength { declared, .. } => Framing::ContentLength(declared),
        _ => Framing::ContentLength(length),
    };
    write_head(stream, &response, request_id, &framing, !keep_alive)?;
    match delivery {
        Delivery::Whole => {
            write_body(stream, &mut response.body, length, false)?;
            Ok(keep_alive)
        }
        Delivery::StallAfter { bytes, pause } => {
            write_body(stream, &mut response.body, bytes, false)?;
            if !shared.pause(pause) {
                return Ok(false);
            }
            write_body(stream, &mut response.body, length, false)?;
            Ok(keep_alive)
        }
        Delivery::ResetAfter { bytes } => {
            write_body(stream, &mut response.body, bytes, false)?;
            reset(stream);
            Ok(false)
        }
        Delivery::TruncatedChunkedAfter { bytes } => {
            write_body(stream, &mut response.body, bytes, true)?;
            Ok(false)
        }
        Delivery::LyingLength { actual, .. } => {
            write_body(stream, &mut response.body, actual, false)?;
            Ok(false)
        }
    }
}
