//! Helpers shared by the integration tests.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use cleverkit::config::{self, LoadedCredentials};
use cleverkit::oauth1::{Credentials, SignatureMethod};
use cleverkit::{ClientOptions, Error};
use cleverkit_standin::{self as standin, StandIn};

/// Options for a client of `standin`: its two hosts, and backoff short enough for tests. Each
/// area sets its own timeouts and retries over these.
pub fn standin_options(standin: &StandIn) -> ClientOptions {
    ClientOptions {
        api_host: Some(standin.api_url()),
        bridge_host: Some(standin.bridge_url()),
        retry_base_delay: Duration::from_millis(10),
        ..ClientOptions::default()
    }
}

/// The stand-in's user token under its consumer, signed with `method`.
pub fn user_credentials(method: SignatureMethod) -> Credentials {
    Credentials::new(standin::CONSUMER_KEY, standin::CONSUMER_SECRET)
        .unwrap()
        .with_token(standin::USER_TOKEN, standin::USER_TOKEN_SECRET)
        .with_signature_method(method)
}

/// `config::load` with the given environment variables (and none of the process's).
pub fn load(
    vars: &[(&str, &str)],
    file: Option<&Path>,
    profile: Option<&str>,
) -> Result<LoadedCredentials, Error> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    config::load(&|name| vars.get(name).cloned(), file, profile)
}

/// `openssl` in `dir`, quiet: the TLS tests make certificates and serve them with it.
pub fn openssl(args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new("openssl");
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A self-signed certificate for `/CN={name}` and its key, written as `{name}-cert.pem` and
/// `{name}-key.pem` in `dir`; `extensions` are `-addext` values.
pub fn self_signed(dir: &Path, name: &str, extensions: &[&str]) {
    let subject = format!("/CN={name}");
    let (key, certificate) = (format!("{name}-key.pem"), format!("{name}-cert.pem"));
    let mut args = vec![
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        &subject,
        "-keyout",
        &key,
        "-out",
        &certificate,
    ];
    for extension in extensions {
        args.extend(["-addext", extension]);
    }
    let made = openssl(&args, dir)
        .status()
        .expect("openssl is installed (scripts/install-deps.sh)");
    assert!(made.success(), "openssl {args:?}");
}
