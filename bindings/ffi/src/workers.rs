//! The threads an [`AsyncClient`](crate::AsyncClient) runs the blocking core on.
//!
//! UniFFI polls an async method's future on the caller's event loop (asyncio's, a coroutine
//! dispatcher's, a Swift executor's), so the future itself must never block: it hands the call
//! to these threads and waits on a oneshot channel, which any executor can poll.
//!
//! Why a pool of our own rather than the `blocking` crate: `blocking` sizes one process-wide
//! pool from an environment variable read once (500 threads by default), while each client here
//! needs its own bound, set in its options. What this needs is small — a queue, at most
//! `max_threads` threads started when work arrives and ended after a minute without any — and
//! `futures-channel`'s oneshot carries the result back.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use cleverkit::Cancellation;
use futures_channel::oneshot;

/// How long a thread without work waits before it ends.
const IDLE_LIFETIME: Duration = Duration::from_secs(60);

type Job = Box<dyn FnOnce() + Send>;

/// A bounded pool: never more than `max_threads` threads, however many calls wait.
pub(crate) struct Workers {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a job is queued or the pool shuts down.
    work: Condvar,
    max_threads: usize,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    threads: usize,
    idle: usize,
    shut_down: bool,
}

impl Workers {
    pub(crate) fn new(max_threads: usize) -> Self {
        Workers {
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                work: Condvar::new(),
                max_threads: max_threads.max(1),
            }),
        }
    }

    /// The most threads this pool runs at once.
    pub(crate) fn max_threads(&self) -> usize {
        self.shared.max_threads
    }

    /// Runs `job` on a worker thread; the result arrives through the returned future. A job
    /// that panics is reported by the future panicking, which UniFFI turns into the
    /// language's internal error.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> T {
        let (sender, receiver) = oneshot::channel();
        self.submit(Box::new(move || {
            // The receiver is gone when the caller stopped waiting (cancelled): nobody wants
            // the result.
            let _ = sender.send(job());
        }));
        receiver
            .await
            .expect("a CleverKit worker thread panicked during the call")
    }

    /// Runs `job` with a [`Cancellation`] that dropping the returned future cancels: a caller
    /// that stops waiting (its task cancelled, a timeout) stops the call at its next safe
    /// point. After the call finished, the cancel finds nothing left to stop.
    pub(crate) async fn run_cancellable<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Cancellation) -> T + Send + 'static,
    ) -> T {
        let cancellation = Cancellation::new();
        let _cancel_on_drop = CancelOnDrop(cancellation.clone());
        self.run(move || job(&cancellation)).await
    }

    fn submit(&self, job: Job) {
        let mut state = self.shared.lock();
        state.queue.push_back(job);
        if state.idle > 0 {
            self.shared.work.notify_one();
        } else if state.threads < self.shared.max_threads {
            state.threads += 1;
            let shared = Arc::clone(&self.shared);
            let spawned = thread::Builder::new()
                .name("cleverkit-worker".into())
                .spawn(move || shared.work_until_idle());
            if spawned.is_err() {
                // The system refused a thread: the job waits for one that exists; if there is
                // none, run it here rather than never.
                state.threads -= 1;
                if state.threads == 0 {
                    let job = state.queue.pop_back();
                    drop(state);
                    if let Some(job) = job {
                        job();
                    }
                }
            }
        }
    }
}

struct CancelOnDrop(Cancellation);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

impl Drop for Workers {
    /// Threads finish the queued calls, then end.
    fn drop(&mut self) {
        self.shared.lock().shut_down = true;
        self.shared.work.notify_all();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Jobs run outside the lock, so a poisoned lock means a bug in this file only; the
        // queue is still whole.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn work_until_idle(&self) {
        let mut state = self.lock();
        loop {
            if let Some(job) = state.queue.pop_front() {
                drop(state);
                // A panicking job loses its own result (its sender is dropped) and not the
                // thread.
                let _ = catch_unwind(AssertUnwindSafe(job));
                state = self.lock();
                continue;
            }
            if state.shut_down {
                break;
            }
            state.idle += 1;
            let (woken, timeout) = self
                .work
                .wait_timeout(state, IDLE_LIFETIME)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state = woken;
            state.idle -= 1;
            if timeout.timed_out() && state.queue.is_empty() {
                break;
            }
        }
        state.threads -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pollster::block_on;
    use std::future::Future;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn many_calls_never_use_more_threads_than_the_bound() {
        let workers = Arc::new(Workers::new(4));
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..200)
            .map(|index| {
                let (workers, running, peak) = (workers.clone(), running.clone(), peak.clone());
                thread::spawn(move || {
                    block_on(workers.run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(now, Ordering::SeqCst);
                        thread::sleep(Duration::from_millis(2));
                        running.fetch_sub(1, Ordering::SeqCst);
                        index
                    }))
                })
            })
            .collect();
        let results: Vec<usize> = callers.into_iter().map(|c| c.join().unwrap()).collect();
        assert_eq!(results, (0..200).collect::<Vec<_>>());
        assert!(peak.load(Ordering::SeqCst) <= 4, "peak {peak:?}");
        assert!(workers.shared.lock().threads <= 4);
    }

    #[test]
    fn a_panicking_job_panics_its_caller_and_keeps_the_thread() {
        let workers = Workers::new(1);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            block_on(workers.run(|| -> u8 { panic!("boom") }))
        }));
        assert!(outcome.is_err());
        assert_eq!(block_on(workers.run(|| 7)), 7);
        assert_eq!(workers.shared.lock().threads, 1);
    }

    #[test]
    fn dropping_the_future_cancels_the_call() {
        let workers = Workers::new(1);
        let (started, has_started) = std::sync::mpsc::channel();
        let (seen, saw) = std::sync::mpsc::channel();
        let mut call = Box::pin(workers.run_cancellable(move |cancellation| {
            started.send(()).unwrap();
            // Stands for a call reaching its safe points.
            while !cancellation.is_cancelled() {
                thread::sleep(Duration::from_millis(1));
            }
            seen.send(()).unwrap();
        }));
        let waker = std::task::Waker::noop();
        let pending = call
            .as_mut()
            .poll(&mut std::task::Context::from_waker(waker));
        assert!(pending.is_pending());
        has_started.recv().unwrap();
        drop(call);
        saw.recv_timeout(Duration::from_secs(10))
            .expect("the call saw the cancellation");
    }
}
