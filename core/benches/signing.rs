//! Signing speed against references measured in the same run: the `oauth1-request` crate
//! (HMAC-SHA1) and the floor — HMAC + base64 of the same base string alone.
//!
//! `cargo bench -p cleverkit --bench signing` prints criterion's figures, then the ratios,
//! measured apart in interleaved rounds (criterion runs one benchmark after the other, and on a
//! shared machine the load drifts between them).

use std::hint::black_box;
use std::num::NonZeroU64;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cleverkit::oauth1::{self, Credentials, ProtocolParams, Request, SignatureMethod};
use criterion::Criterion;
use hmac::{Hmac, Mac};
use oauth1_request as reference;

const URL: &str = "https://api.clever-cloud.com/v2/organisations/orga_42/applications?limit=10&offset=20&sort=name";
const NONCE: &str = "4b3c6cf9a1d2e8f07a6b5c4d3e2f1a0b";
const TIMESTAMP: u64 = 1_700_000_000;
const KEY: &str = "consumer%20secret&token%20secret";

fn credentials(method: SignatureMethod) -> Credentials {
    Credentials::new("consumer-key", "consumer secret")
        .unwrap()
        .with_token("user-token", "token secret")
        .with_signature_method(method)
}

fn hmac_base64<M: Mac + hmac::digest::KeyInit>(message: &str) -> String {
    let mut mac = <M as Mac>::new_from_slice(KEY.as_bytes()).unwrap();
    mac.update(message.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// A benchmarked function and its name.
type Contender = (String, Box<dyn FnMut()>);

/// Every contender: ours for each method, the floors, and oauth1-request.
fn contenders() -> Vec<Contender> {
    let params = ProtocolParams::new(NONCE, TIMESTAMP);
    let request = Request::new("GET", URL);
    let mut contenders: Vec<Contender> = Vec::new();
    for method in [
        SignatureMethod::Plaintext,
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha512,
    ] {
        let credentials = credentials(method);
        let params = params.clone();
        contenders.push((
            format!("cleverkit {method}"),
            Box::new(move || {
                black_box(oauth1::sign(black_box(&request), &credentials, &params).unwrap());
            }),
        ));
    }

    let base_string = oauth1::sign(&request, &credentials(SignatureMethod::HmacSha512), &params)
        .unwrap()
        .base_string;
    let message = base_string.clone();
    contenders.push((
        "floor HMAC-SHA1".into(),
        Box::new(move || {
            black_box(hmac_base64::<Hmac<sha1::Sha1>>(black_box(&message)));
        }),
    ));
    contenders.push((
        "floor HMAC-SHA512".into(),
        Box::new(move || {
            black_box(hmac_base64::<Hmac<sha2::Sha512>>(black_box(&base_string)));
        }),
    ));

    let token = reference::Token::from_parts(
        "consumer-key",
        "consumer secret",
        "user-token",
        "token secret",
    );
    let query = reference::ParameterList::new([("limit", 10), ("offset", 20), ("sort", 0)]);
    let base = "https://api.clever-cloud.com/v2/organisations/orga_42/applications";
    contenders.push((
        "oauth1-request HMAC-SHA1".into(),
        Box::new(move || {
            black_box(
                reference::Builder::with_token(token.as_ref(), reference::HmacSha1::new())
                    .nonce(NONCE)
                    .timestamp(NonZeroU64::new(TIMESTAMP))
                    .get(black_box(base), &query),
            );
        }),
    ));
    contenders
}

/// Nanoseconds per call of each contender: the best of interleaved rounds, so that a change in
/// the machine's load hits every contender alike.
fn interleaved_best_ns(contenders: &mut [Contender]) -> Vec<f64> {
    const ROUNDS: usize = 15;
    const CALLS: u32 = 20_000;
    let mut best = vec![f64::INFINITY; contenders.len()];
    for _ in 0..ROUNDS {
        for ((_, function), best) in contenders.iter_mut().zip(&mut best) {
            let started = Instant::now();
            for _ in 0..CALLS {
                function();
            }
            *best = best.min(started.elapsed().as_nanos() as f64 / f64::from(CALLS));
        }
    }
    best
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    for (name, function) in &mut contenders() {
        criterion.bench_function(name, |b| b.iter(&mut *function));
    }
    criterion.final_summary();

    let mut contenders = contenders();
    let best = interleaved_best_ns(&mut contenders);
    let ns = |name: &str| {
        let index = contenders.iter().position(|(n, _)| n == name).unwrap();
        best[index]
    };
    println!("\nInterleaved rounds, best of each (ns per call):");
    for ((name, _), best) in contenders.iter().zip(&best) {
        println!("  {name:<26} {best:8.0}");
    }
    println!("Ratios (ours / reference; below 1 is faster):");
    for (ours, peer, target) in [
        ("cleverkit HMAC-SHA1", "oauth1-request HMAC-SHA1", 1.0),
        ("cleverkit HMAC-SHA1", "floor HMAC-SHA1", f64::INFINITY),
        ("cleverkit HMAC-SHA512", "floor HMAC-SHA512", 1.6),
    ] {
        let ratio = ns(ours) / ns(peer);
        let verdict = match target {
            t if t.is_finite() && ratio <= t => format!(" (target <= {t}: met)"),
            t if t.is_finite() => format!(" (target <= {t}: NOT met)"),
            _ => String::new(),
        };
        println!("  {ours} / {peer}: {ratio:.2}x{verdict}");
    }
}
