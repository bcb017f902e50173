//! `AsyncClient`: every call of [`Client`] as an async method (a Python coroutine, a Kotlin
//! `suspend fun`, a Swift `async` function), run on a bounded pool of worker threads
//! ([`crate::workers`]) so that the caller's event loop never blocks.
//!
//! Each call gets its own `cleverkit::Cancellation`: when the caller stops waiting (its task
//! is cancelled, a timeout fires), UniFFI drops the call's future, and dropping it cancels the
//! call, which stops at its next safe point in the core — no further attempt, backoff, redirect
//! or download chunk.

use std::sync::Arc;

use crate::client::{Client, ClientOptions};
use crate::workers::Workers;
use crate::{CleverError, OAuth1Credentials};

/// Clever Cloud's API client for async code. Its calls are those of `Client`, awaited; they
/// run on at most `ClientOptions.worker_threads` threads, however many are in flight.
/// Cancelling the awaiting task returns at once and stops the call at its next safe point.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct AsyncClient {
    client: Client,
    workers: Workers,
}

impl std::fmt::Display for AsyncClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Async{}", self.client)
    }
}

impl std::fmt::Debug for AsyncClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Async{:?}", self.client)
    }
}

impl AsyncClient {
    /// An async client over `client`'s core (same connections), with its own pool of threads.
    pub(crate) fn over(client: &Client) -> Result<Arc<Self>, CleverError> {
        let core = client.core()?;
        Ok(Arc::new(AsyncClient {
            client: Client::wrap(core, client.worker_threads()),
            workers: Workers::new(client.worker_threads()),
        }))
    }

    fn from_client(client: Result<Arc<Client>, CleverError>) -> Result<Arc<Self>, CleverError> {
        AsyncClient::over(&*client?)
    }

    /// Runs `call` on a worker thread with a client whose calls this future's drop cancels.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Client) -> Result<T, CleverError> + Send + 'static,
    ) -> Result<T, CleverError> {
        let core = self.client.core()?;
        let worker_threads = self.client.worker_threads();
        self.workers
            .run_cancellable(move |cancellation| {
                call(&Client::wrap(
                    core.with_cancellation(cancellation),
                    worker_threads,
                ))
            })
            .await
    }
}

#[uniffi::export]
impl Client {
    /// An `AsyncClient` sharing this client's connections and credentials, for code that
    /// mixes blocking and async calls. Closing one does not close the other.
    ///
    /// Errors: `InvalidInput` when this client is closed.
    pub fn async_client(&self) -> Result<Arc<AsyncClient>, CleverError> {
        AsyncClient::over(self)
    }
}

#[uniffi::export]
impl AsyncClient {
    /// As `Client.with_oauth1`.
    #[uniffi::constructor(default(options = None))]
    pub fn with_oauth1(
        credentials: Arc<OAuth1Credentials>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        AsyncClient::from_client(Client::with_oauth1(credentials, options))
    }

    /// As `Client.with_api_token`.
    #[uniffi::constructor(default(options = None))]
    pub fn with_api_token(
        api_token: String,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        AsyncClient::from_client(Client::with_api_token(api_token, options))
    }

    /// As `Client.from_environment`.
    #[uniffi::constructor(default(options = None, profile = None))]
    pub fn from_environment(
        options: Option<ClientOptions>,
        profile: Option<String>,
    ) -> Result<Arc<Self>, CleverError> {
        AsyncClient::from_client(Client::from_environment(options, profile))
    }

    /// As `Client.from_config_file`.
    #[uniffi::constructor(default(profile = None, options = None))]
    pub fn from_config_file(
        path: String,
        profile: Option<String>,
        options: Option<ClientOptions>,
    ) -> Result<Arc<Self>, CleverError> {
        AsyncClient::from_client(Client::from_config_file(path, profile, options))
    }

    /// Releases the client; calls in progress finish, later ones raise `InvalidInput` (in
    /// Kotlin, `shutdown()`: `IllegalStateException`, as after `close()`).
    pub fn close(&self) {
        self.client.close();
    }

    /// Whether `close()` has run.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// The most worker threads this client's calls run on at once.
    pub fn worker_threads(&self) -> i32 {
        i32::try_from(self.workers.max_threads()).unwrap_or(i32::MAX)
    }
}
