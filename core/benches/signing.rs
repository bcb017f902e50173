//! Signing speed against references measured in the same run: the `oauth1-request` crate
//! (HMAC-SHA1) and the floor — HMAC + base64 of the same base string alone.
//!
//! `cargo bench -p cleverkit --bench signing` prints criterion's figures, then the ratios.

use std::hint::black_box;
use std::num::NonZeroU64;

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

fn bench(c: &mut Criterion) {
    let params = ProtocolParams::new(NONCE, TIMESTAMP);
    let request = Request::new("GET", URL);
    for method in [
        SignatureMethod::Plaintext,
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha512,
    ] {
        let credentials = credentials(method);
        c.bench_function(&format!("cleverkit {method}"), |b| {
            b.iter(|| oauth1::sign(black_box(&request), &credentials, &params).unwrap())
        });
    }

    let base_string = oauth1::sign(&request, &credentials(SignatureMethod::HmacSha512), &params)
        .unwrap()
        .base_string;
    c.bench_function("floor HMAC-SHA1", |b| {
        b.iter(|| hmac_base64::<Hmac<sha1::Sha1>>(black_box(&base_string)))
    });
    c.bench_function("floor HMAC-SHA512", |b| {
        b.iter(|| hmac_base64::<Hmac<sha2::Sha512>>(black_box(&base_string)))
    });

    let token = reference::Token::from_parts(
        "consumer-key",
        "consumer secret",
        "user-token",
        "token secret",
    );
    let query = reference::ParameterList::new([("limit", 10), ("offset", 20), ("sort", 0)]);
    let base = "https://api.clever-cloud.com/v2/organisations/orga_42/applications";
    c.bench_function("oauth1-request HMAC-SHA1", |b| {
        b.iter(|| {
            reference::Builder::with_token(token.as_ref(), reference::HmacSha1::new())
                .nonce(NONCE)
                .timestamp(NonZeroU64::new(TIMESTAMP))
                .get(black_box(base), &query)
        })
    });
}

/// Criterion's point estimate (mean, ns) of a benchmark, from its report on disk.
fn mean_ns(name: &str) -> Option<f64> {
    let path = format!(
        "{}/../target/criterion/{name}/new/estimates.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();

    let ratio = |ours: &str, peer: &str| match (mean_ns(ours), mean_ns(peer)) {
        (Some(ours_ns), Some(peer_ns)) => println!(
            "{ours}: {ours_ns:.0} ns; {peer}: {peer_ns:.0} ns; ratio {:.2}×",
            ours_ns / peer_ns
        ),
        _ => println!("{ours} vs {peer}: no figures (filtered out?)"),
    };
    println!("\nRatios (ours / reference; below 1 is faster):");
    ratio("cleverkit HMAC-SHA1", "oauth1-request HMAC-SHA1");
    ratio("cleverkit HMAC-SHA1", "floor HMAC-SHA1");
    ratio("cleverkit HMAC-SHA512", "floor HMAC-SHA512");
}
