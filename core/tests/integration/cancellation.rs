//! `Cancellation`: a cancelled call stops at its next safe point — no attempt after it, the
//! backoff cut short, a download stopped between chunks with no file left — and ends in
//! `Error::Cancelled`.

use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use cleverkit::dance::OAuthDance;
use cleverkit::oauth1::SignatureMethod;
use cleverkit::{Cancellation, Client, ClientOptions, Error};
use cleverkit_standin::{self as standin, FaultAction, Listener, StandIn};

use crate::common::{standin_options, user_credentials};

fn client(options: ClientOptions) -> Client {
    Client::with_oauth1(user_credentials(SignatureMethod::HmacSha512), options).unwrap()
}

fn api_requests(standin: &StandIn) -> usize {
    standin
        .requests()
        .iter()
        .filter(|request| request.listener == Listener::Api)
        .count()
}

/// Waits until the stand-in has recorded `count` requests on its API listener.
fn wait_for_requests(standin: &StandIn, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while api_requests(standin) < count {
        assert!(Instant::now() < deadline, "the request never arrived");
        thread::sleep(Duration::from_millis(5));
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_call_cancelled_before_it_starts_sends_nothing() {
    let standin = StandIn::start().unwrap();
    let cancellation = Cancellation::new();
    cancellation.cancel();
    let client = client(standin_options(&standin)).with_cancellation(&cancellation);
    assert_eq!(client.myself().unwrap_err(), Error::Cancelled);
    assert_eq!(api_requests(&standin), 0);
    assert_eq!(
        Error::Cancelled.to_string(),
        "cancelled: the call was cancelled before it finished"
    );
}

#[test]
fn cancelling_during_the_backoff_wakes_it_and_stops_the_retries() {
    let standin = StandIn::start().unwrap();
    // A 503 asking for 20 s: without the cancellation the call would sleep that long, then retry.
    standin.inject(FaultAction::Status {
        status: 503,
        retry_after: Some("20".into()),
        body: None,
    });
    let options = ClientOptions {
        max_retries: 3,
        max_retry_wait: Duration::from_secs(60),
        ..standin_options(&standin)
    };
    let cancellation = Cancellation::new();
    let cancellable = client(options).with_cancellation(&cancellation);
    let call = thread::spawn(move || cancellable.myself());
    wait_for_requests(&standin, 1);
    thread::sleep(Duration::from_millis(100));
    let cancelled_at = Instant::now();
    cancellation.cancel();
    assert_eq!(call.join().unwrap().unwrap_err(), Error::Cancelled);
    let returned_after = cancelled_at.elapsed();
    eprintln!(
        "returned {} ms after the cancel",
        returned_after.as_millis()
    );
    assert!(
        returned_after < Duration::from_secs(5),
        "{returned_after:?}"
    );
    thread::sleep(Duration::from_millis(200));
    assert_eq!(api_requests(&standin), 1, "no retry after the cancel");
}

#[test]
fn a_cancelled_download_stops_between_chunks_and_leaves_no_file() {
    let standin = StandIn::start().unwrap();
    // 4 MiB, stalled for 2 s after the first 256 KiB: the cancel comes during the stall and is
    // seen at the next chunk.
    let invoice_bytes: u64 = 4 * 1024 * 1024;
    standin.inject(FaultAction::StallBody {
        after_bytes: 256 * 1024,
        for_: Duration::from_secs(2),
    });
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("invoice.pdf");
    let cancellation = Cancellation::new();
    let cancellable = client(standin_options(&standin)).with_cancellation(&cancellation);
    let (progressed, progress) = mpsc::channel();
    let target = destination.clone();
    let call = thread::spawn(move || {
        cancellable.download_invoice_with_progress(
            standin::ORGANISATION_ID,
            &invoice_bytes.to_string(),
            &target,
            |written, total| {
                let _ = progressed.send((written, total));
            },
        )
    });
    let (written, total) = progress.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(written > 0 && written < invoice_bytes);
    assert_eq!(total, Some(invoice_bytes), "Content-Length is the total");
    cancellation.cancel();
    assert_eq!(call.join().unwrap().unwrap_err(), Error::Cancelled);
    let reported: Vec<(u64, Option<u64>)> = progress.try_iter().collect();
    let last = reported.last().map_or(written, |(written, _)| *written);
    assert!(last < invoice_bytes, "stopped before the end: {last}");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn a_finished_download_reports_its_progress_up_to_the_total() {
    let standin = StandIn::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("invoice.pdf");
    let mut reported = Vec::new();
    let written = client(standin_options(&standin))
        .download_invoice_with_progress(
            standin::ORGANISATION_ID,
            "1048576",
            &destination,
            |written, total| reported.push((written, total)),
        )
        .unwrap();
    assert_eq!(written, 1_048_576);
    assert!(reported.windows(2).all(|pair| pair[0].0 < pair[1].0));
    assert_eq!(reported.last(), Some(&(1_048_576, Some(1_048_576))));
}

#[test]
fn a_loopback_login_cancelled_while_it_waits_for_the_browser_ends_at_once() {
    let standin = StandIn::start().unwrap();
    let cancellation = Cancellation::new();
    let cancel_from_opener = cancellation.clone();
    let started = Instant::now();
    let outcome = OAuthDance::login_with_loopback_cancellable(
        standin::CONSUMER_KEY,
        standin::CONSUMER_SECRET,
        SignatureMethod::HmacSha512,
        standin_options(&standin),
        // The user closes the window instead of approving: nothing will come back.
        move |_url| {
            cancel_from_opener.cancel();
            Ok(())
        },
        Duration::from_secs(60),
        &cancellation,
    );
    assert_eq!(outcome.unwrap_err(), Error::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(10));
}
