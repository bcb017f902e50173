//! Stopping a call from another thread.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::Error;

/// Stops calls from another thread: a `Cancellation` given to
/// [`Client::with_cancellation`](crate::Client::with_cancellation) is observed at every safe
/// point of a call — before each attempt, redirect hop and retry, during the backoff (the sleep
/// wakes up at once) and between the chunks of a download (which then leaves no file). A
/// request already waiting for its response headers cannot be interrupted inside ureq: it
/// ends within its timeout, and nothing more is sent or read for it.
///
/// ```
/// use cleverkit::{Cancellation, Client, ClientOptions};
///
/// let client = Client::with_api_token("api-token", ClientOptions::default())?;
/// let cancellation = Cancellation::new();
/// let cancellable = client.with_cancellation(&cancellation);
/// // Another thread (a UI's "Stop" button, a deadline) cancels:
/// let stop = cancellation.clone();
/// std::thread::spawn(move || stop.cancel()).join().unwrap();
/// // The calls in progress stop at their next safe point; later ones do not start.
/// assert_eq!(cancellable.myself().unwrap_err(), cleverkit::Error::Cancelled);
/// # Ok::<(), cleverkit::Error>(())
/// ```
///
/// Clones share the signal; once cancelled it stays cancelled.
#[derive(Clone, Default)]
pub struct Cancellation {
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    cancelled: Mutex<bool>,
    /// Wakes the backoff sleeps when `cancel` is called.
    woken: Condvar,
}

impl std::fmt::Debug for Cancellation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancellation")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl Cancellation {
    /// A signal not yet given.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the calls observing this signal at their next safe point; wakes their backoff.
    pub fn cancel(&self) {
        *self.lock() = true;
        self.state.woken.notify_all();
    }

    /// Whether [`Cancellation::cancel`] has been called.
    pub fn is_cancelled(&self) -> bool {
        *self.lock()
    }

    /// [`Error::Cancelled`] once cancelled: the check at each safe point.
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Sleeps for `wait`, or less if cancelled meanwhile (then [`Error::Cancelled`]).
    pub(crate) fn sleep(&self, wait: Duration) -> Result<(), Error> {
        let guard = self.lock();
        let (cancelled, _) = self
            .state
            .woken
            .wait_timeout_while(guard, wait, |cancelled| !*cancelled)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if *cancelled {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }

    fn lock(&self) -> MutexGuard<'_, bool> {
        // A poisoned lock only means a panic elsewhere; the flag inside is still whole.
        self.state
            .cancelled
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn cancel_wakes_a_sleep_at_once() {
        let cancellation = Cancellation::new();
        let sleeper = cancellation.clone();
        let started = Instant::now();
        let thread = std::thread::spawn(move || sleeper.sleep(Duration::from_secs(30)));
        std::thread::sleep(Duration::from_millis(50));
        cancellation.cancel();
        assert_eq!(thread.join().unwrap(), Err(Error::Cancelled));
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(cancellation.check(), Err(Error::Cancelled));
    }

    #[test]
    fn an_uncancelled_sleep_lasts_its_time() {
        let cancellation = Cancellation::new();
        let started = Instant::now();
        assert_eq!(cancellation.sleep(Duration::from_millis(30)), Ok(()));
        assert!(started.elapsed() >= Duration::from_millis(30));
        assert_eq!(cancellation.check(), Ok(()));
    }
}
