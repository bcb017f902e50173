//! Helpers shared by the integration tests (each test file is its own crate and includes this).

use std::collections::HashMap;
use std::path::Path;

use cleverkit::Error;
use cleverkit::config::{self, LoadedCredentials};

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
