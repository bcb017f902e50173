//! The client on loopback against the stand-in, with keep-alive: signed GETs per second, the
//! stand-in's own cost measured unsigned in the same run, and the peak memory growth of a
//! 100 MiB invoice download.
//!
//! `cargo bench -p cleverkit --bench client`

use std::time::{Duration, Instant};

use cleverkit::oauth1::{Credentials, SignatureMethod};
use cleverkit::{Client, ClientOptions};
use cleverkit_standin::{self as standin, StandIn};

const ROUND_TRIPS: u32 = 5_000;
const INVOICE_BYTES: u64 = 100 * 1024 * 1024;

/// `VmHWM` (peak resident set) or `VmRSS` of this process, in KiB (Linux).
fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn per_second(count: u32, elapsed: Duration) -> f64 {
    f64::from(count) / elapsed.as_secs_f64()
}

fn main() {
    let standin = StandIn::start().expect("stand-in");
    let options = ClientOptions {
        api_host: Some(standin.api_url()),
        bridge_host: Some(standin.bridge_url()),
        ..ClientOptions::default()
    };

    let unsigned = ureq::Agent::new_with_defaults();
    let control = format!("{}/__standin/connections", standin.api_url());
    let unsigned_get = || {
        let mut response = unsigned.get(&control).call().unwrap();
        response.body_mut().read_to_vec().unwrap();
    };
    (0..100).for_each(|_| unsigned_get());
    let started = Instant::now();
    (0..ROUND_TRIPS).for_each(|_| unsigned_get());
    let floor = per_second(ROUND_TRIPS, started.elapsed());

    println!("{ROUND_TRIPS} GETs over one keep-alive connection:");
    println!("  stand-in alone (unsigned ureq GET): {floor:>8.0} req/s");
    for method in [SignatureMethod::HmacSha512, SignatureMethod::Plaintext] {
        let credentials = Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
            .unwrap()
            .with_token(standin::USER_TOKEN, standin::USER_TOKEN_SECRET)
            .with_signature_method(method);
        let client = Client::with_oauth1(credentials, options.clone()).unwrap();
        client.myself().unwrap();
        let started = Instant::now();
        for _ in 0..ROUND_TRIPS {
            client
                .request(&cleverkit::ApiRequest::get("/v2/self"))
                .unwrap();
        }
        let rate = per_second(ROUND_TRIPS, started.elapsed());
        println!(
            "  cleverkit signed GET /v2/self ({method}): {rate:>8.0} req/s ({:.2}× the floor's time)",
            floor / rate
        );
    }

    let client = Client::with_api_token(standin::API_TOKEN, options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("invoice.pdf");
    let (peak_before, rss_before) = (memory_kib("VmHWM:"), memory_kib("VmRSS:"));
    let started = Instant::now();
    let written = client
        .download_invoice(
            standin::ORGANISATION_ID,
            &INVOICE_BYTES.to_string(),
            &destination,
        )
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(written, INVOICE_BYTES);
    let peak_after = memory_kib("VmHWM:");
    println!("Invoice of {} MiB streamed to disk:", INVOICE_BYTES >> 20);
    println!(
        "  {:.0} MiB/s; peak RSS {} → {} KiB (growth {} KiB; RSS before {} KiB)",
        (INVOICE_BYTES >> 20) as f64 / elapsed.as_secs_f64(),
        peak_before.unwrap_or(0),
        peak_after.unwrap_or(0),
        peak_after
            .unwrap_or(0)
            .saturating_sub(peak_before.unwrap_or(0)),
        rss_before.unwrap_or(0)
    );
}
