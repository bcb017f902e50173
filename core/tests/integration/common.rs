//! Helpers shared by the integration tests.

use std::collections::HashMap;
use std::path::Path;
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
