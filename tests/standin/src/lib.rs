//! A local stand-in for Clever Cloud's API: three HTTP/1.1 listeners on 127.0.0.1 (the main
//! API with OAuth 1.0a, the API bridge with Bearer tokens, and a "foreign" host that only
//! records), fixed test identities, and injectable wire-level faults.
//!
//! The server is written by hand on `std::net` so that a fault can cut a response anywhere:
//! before the head, mid-body, with a lying length or a truncated chunked body.
//!
//! ```no_run
//! use cleverkit_standin::{Fault, FaultAction, StandIn};
//!
//! let standin = StandIn::start()?;
//! standin.inject(Fault::new(FaultAction::ResetBeforeHeaders).on_path("/v2/self"));
//! println!("{}/v2/self", standin.api_url());
//! # Ok::<(), std::io::Error>(())
//! ```

mod accounts;
mod auth;
mod control;
mod echo;
mod faults;
mod fixtures;
mod form;
mod hosting;
mod http;
mod routes;
mod server;

use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub use faults::{Fault, FaultAction};
pub use fixtures::{ADDON_ID, USER_NAME};
pub use hosting::FAILING_COMMIT_PREFIX;

use server::{Shared, lock};

/// The stand-in's own OAuth consumer.
pub const CONSUMER_KEY: &str = "standin-consumer-key";
pub const CONSUMER_SECRET: &str = "standin-consumer-secret";
/// clever-tools' public consumer, accepted too so that clever-tools profiles work as they are.
pub const CLEVER_TOOLS_CONSUMER_KEY: &str = "T5nFjKeHH4AIlEveuGhB5S3xg8T19e";
pub const CLEVER_TOOLS_CONSUMER_SECRET: &str = "MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT";
/// A valid user token, with either consumer.
pub const USER_TOKEN: &str = "standin-user-token";
pub const USER_TOKEN_SECRET: &str = "standin-user-token-secret";
/// A token whose signature verifies but which expired: 401 "token expired".
pub const EXPIRED_USER_TOKEN: &str = "standin-expired-token";
pub const EXPIRED_USER_TOKEN_SECRET: &str = "standin-expired-token-secret";
/// A valid Bearer token on the bridge.
pub const API_TOKEN: &str = "standin-api-token";
/// The `apiTokenId` of `API_TOKEN` in `GET /api-tokens`.
pub const API_TOKEN_ID: &str = "apitoken_00000000-0000-4000-8000-000000000003";
pub const USER_ID: &str = "user_00000000-0000-4000-8000-000000000001";
pub const USER_EMAIL: &str = "ada@example.com";
/// What `POST /api-tokens` wants with `USER_EMAIL`.
pub const USER_PASSWORD: &str = "correct horse battery staple";
pub const MFA_CODE: &str = "123456";
pub const ORGANISATION_ID: &str = "orga_00000000-0000-4000-8000-000000000002";

/// Which of the three listeners received a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listener {
    Api,
    Bridge,
    Foreign,
}

impl Listener {
    pub fn as_str(self) -> &'static str {
        match self {
            Listener::Api => "api",
            Listener::Bridge => "bridge",
            Listener::Foreign => "foreign",
        }
    }
}

/// A request as the stand-in received it (control endpoints excepted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub listener: Listener,
    /// Which client connection carried it: equal ids mean a reused keep-alive connection.
    pub connection: u64,
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    /// In the order received, names as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        cleverkit::pairs::header(&self.headers, name)
    }
}

/// A running stand-in. Dropping it stops it: listeners closed, client connections shut down,
/// every thread joined.
pub struct StandIn {
    shared: Arc<Shared>,
    acceptors: Vec<(SocketAddr, JoinHandle<()>)>,
}

impl StandIn {
    /// Binds three listeners on 127.0.0.1 with ports chosen by the system, and serves.
    pub fn start() -> io::Result<StandIn> {
        let bind = || TcpListener::bind((Ipv4Addr::LOCALHOST, 0));
        let (api, bridge, foreign) = (bind()?, bind()?, bind()?);
        let shared = Arc::new(Shared::new(
            api.local_addr()?,
            bridge.local_addr()?,
            foreign.local_addr()?,
        ));
        let listeners = [
            (Listener::Api, api),
            (Listener::Bridge, bridge),
            (Listener::Foreign, foreign),
        ];
        // Built first, so that an error below drops it and stops the acceptors already running.
        let mut standin = StandIn {
            shared,
            acceptors: Vec::with_capacity(listeners.len()),
        };
        for (kind, listener) in listeners {
            let address = listener.local_addr()?;
            let shared = Arc::clone(&standin.shared);
            let handle = thread::Builder::new()
                .name(format!("standin-{}", kind.as_str()))
                .spawn(move || server::accept_loop(&shared, &listener, kind))?;
            standin.acceptors.push((address, handle));
        }
        Ok(standin)
    }

    /// `http://127.0.0.1:PORT`: the main API, OAuth 1.0a.
    pub fn api_url(&self) -> String {
        self.shared.base_url(Listener::Api).to_owned()
    }

    /// `http://127.0.0.1:PORT`: the API bridge, Bearer tokens or OAuth PLAINTEXT.
    pub fn bridge_url(&self) -> String {
        self.shared.base_url(Listener::Bridge).to_owned()
    }

    /// `http://127.0.0.1:PORT`: another host, which records requests and answers
    /// `200 {"foreign":true}` (where redirects lead to check what a client forwards).
    pub fn foreign_url(&self) -> String {
        self.shared.base_url(Listener::Foreign).to_owned()
    }

    /// Queues a fault for the next matching requests on the api or bridge listener.
    pub fn inject(&self, fault: impl Into<Fault>) {
        lock(&self.shared.faults).push(fault.into());
    }

    /// Drops every queued fault and every recorded request.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Every request received on the three listeners, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.recordings).clone()
    }

    /// Client connections open right now, on all listeners.
    pub fn open_connections(&self) -> usize {
        lock(&self.shared.connections).len()
    }

    /// Stops the server; the same as dropping it.
    pub fn stop(self) {}
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.shared.begin_stop();
        for (address, _) in &self.acceptors {
            // Wakes the blocking accept so that it sees the stop flag.
            let _ = TcpStream::connect(address);
        }
        for (_, handle) in self.acceptors.drain(..) {
            let _ = handle.join();
        }
        self.shared.close_connections_and_join();
    }
}
