//! The README's Rust snippets, run: each ```rust block must appear line for line in a test
//! below, and the tests run them against the stand-in. The first snippet reads its credentials
//! from the environment, which a test cannot set for itself: it runs in a child process of
//! this test binary, given the stand-in's variables.

use std::process::Command;

use cleverkit::oauth1::{Credentials, ProtocolParams, Request, SignatureMethod, sign};
use cleverkit::{Client, ClientOptions, Error};
use cleverkit_standin::{self as standin, StandIn};

const README: &str = include_str!("../../../README.md");
const THIS_FILE: &str = include_str!("readme.rs");

/// Every line of every ```rust block of the README, in order, somewhere in this file.
#[test]
fn every_readme_snippet_is_one_of_these_tests() {
    let mut blocks = README.split("```rust\n").skip(1).peekable();
    assert!(blocks.peek().is_some(), "no Rust snippet in the README");
    for block in blocks {
        let snippet = block.split("```").next().unwrap();
        let mut rest = THIS_FILE;
        for line in snippet.lines().filter(|line| !line.trim().is_empty()) {
            let found = rest
                .find(line.trim())
                .unwrap_or_else(|| panic!("README line not run by a test (keep the snippets as rustfmt writes them): {line}"));
            rest = &rest[found + line.trim().len()..];
        }
    }
}

#[test]
fn the_environment_snippet_runs_against_the_stand_in() {
    let standin = StandIn::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "readme::environment_snippet",
            "--ignored",
            "--nocapture",
        ])
        .current_dir(dir.path())
        .env_clear()
        .env("HOME", dir.path())
        .env("CLEVER_TOKEN", standin::USER_TOKEN)
        .env("CLEVER_SECRET", standin::USER_TOKEN_SECRET)
        .env("OAUTH_CONSUMER_KEY", standin::CONSUMER_KEY)
        .env("OAUTH_CONSUMER_SECRET", standin::CONSUMER_SECRET)
        .env("API_HOST", standin.api_url())
        .env("AUTH_BRIDGE_HOST", standin.bridge_url())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert!(
        stdout.contains(&format!("<{}>", standin::USER_EMAIL)),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("invoice.pdf")).unwrap().len(),
        4096
    );
}

/// The README's first snippet as it stands; run by the test above, with the stand-in's
/// variables (on its own it would call Clever Cloud).
#[test]
#[ignore = "run by the_environment_snippet_runs_against_the_stand_in, in a child process"]
fn environment_snippet() -> Result<(), Error> {
    // CLEVER_TOKEN + CLEVER_SECRET, CLEVER_API_TOKEN, or the active clever-tools profile.
    let client = Client::from_environment(ClientOptions::default(), None)?;
    let me = client.myself()?;
    println!("{} <{}>", me.name.unwrap_or_default(), me.email);
    for zone in client.zones()? {
        println!("{} {}", zone.name, zone.city.unwrap_or_default());
    }
    let organisation = "orga_00000000-0000-4000-8000-000000000002";
    match client.applications(organisation) {
        Err(Error::NotFound { request_id, .. }) => {
            eprintln!("no such organisation ({request_id:?})")
        }
        other => println!("{:?}", other?),
    }
    client.download_invoice(organisation, "4096", "invoice.pdf".as_ref())?;
    Ok(())
}

#[test]
fn the_signing_snippet() -> Result<(), Error> {
    let credentials = Credentials::new("consumer-key", "consumer-secret")?
        .with_token("user-token", "user-token-secret")
        .with_signature_method(SignatureMethod::HmacSha512);
    let signed = sign(
        &Request::new("GET", "https://api.clever-cloud.com/v2/self"),
        &credentials,
        &ProtocolParams::fresh()?, // or ProtocolParams::new(nonce, timestamp) to reproduce one
    )?;
    println!("Authorization: {}", signed.authorization);
    assert!(
        signed
            .authorization
            .starts_with("OAuth oauth_consumer_key=\"consumer-key\"")
    );
    Ok(())
}
