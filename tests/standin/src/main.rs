//! Runs the stand-in for tests in other languages: prints one JSON line with its URLs and
//! identities, then serves until standard input reaches end of file.
//!
//! Standard input is the lifeline: a parent test process that closes the pipe, or dies, closes
//! it, and the stand-in stops and exits 0. That needs no signal handling, so it is std only.
//! SIGTERM or Ctrl-C still end it, with the default action (the OS closes its sockets).

use std::io::{self, Write};
use std::process::ExitCode;

use cleverkit_standin::{
    API_TOKEN, API_TOKEN_ID, CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET, CONSUMER_KEY,
    CONSUMER_SECRET, EXPIRED_USER_TOKEN, EXPIRED_USER_TOKEN_SECRET, MFA_CODE, ORGANISATION_ID,
    StandIn, USER_EMAIL, USER_ID, USER_NAME, USER_PASSWORD, USER_TOKEN, USER_TOKEN_SECRET,
};

fn main() -> ExitCode {
    let standin = match StandIn::start() {
        Ok(standin) => standin,
        Err(err) => {
            eprintln!("cleverkit-standin: cannot listen on 127.0.0.1: {err}");
            return ExitCode::FAILURE;
        }
    };
    let announcement = serde_json::json!({
        "api": standin.api_url(),
        "bridge": standin.bridge_url(),
        "foreign": standin.foreign_url(),
        "consumer_key": CONSUMER_KEY,
        "consumer_secret": CONSUMER_SECRET,
        "token": USER_TOKEN,
        "token_secret": USER_TOKEN_SECRET,
        "api_token": API_TOKEN,
        "api_token_id": API_TOKEN_ID,
        "organisation_id": ORGANISATION_ID,
        "user_id": USER_ID,
        "email": USER_EMAIL,
        "name": USER_NAME,
        "password": USER_PASSWORD,
        "mfa_code": MFA_CODE,
        "expired_token": EXPIRED_USER_TOKEN,
        "expired_token_secret": EXPIRED_USER_TOKEN_SECRET,
        "clever_tools_consumer_key": CLEVER_TOOLS_CONSUMER_KEY,
        "clever_tools_consumer_secret": CLEVER_TOOLS_CONSUMER_SECRET,
    });
    let mut stdout = io::stdout().lock();
    if writeln!(stdout, "{announcement}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    // Whatever the parent writes is ignored; only the end of the stream matters.
    let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
    standin.stop();
    ExitCode::SUCCESS
}
