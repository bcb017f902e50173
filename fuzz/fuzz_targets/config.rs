//! `config::load` with the fuzz input as the clever-tools configuration file: never panics,
//! fails only with `Error::Config`, and neither its errors nor the `Debug` of what it loads
//! depend on a secret's value.
//!
//! The secret property is differential, because a secret may coincide with text that is
//! legitimately there (`"profiles"` is in the parse-error hint): the input is re-serialized
//! twice, as it is and with every `secret` / `OAUTH_CONSUMER_SECRET` string replaced by one
//! of the same length, and a secret of 8 characters or more may appear in the first outcome
//! only if it appears in the second too.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use cleverkit::Error;
use cleverkit::config;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("cleverkit-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("clever-tools.json")
    })
}

/// Error or `Debug` of the outcome of loading `text`, with no profile name, then with one.
fn outcome(text: &[u8], profile: Option<&str>) -> String {
    std::fs::write(path(), text).unwrap();
    match config::load(&|_| None, Some(path()), profile) {
        Ok(loaded) => format!("{loaded:?}"),
        Err(error @ Error::Config(_)) => format!("{error} {error:?}"),
        // A known bug (core/tests/fuzz_regressions.rs, ignored): an empty OAUTH_CONSUMER_KEY
        // override comes out of `Credentials::new` as InvalidInput. Tolerated here, and only
        // this one, so that fuzzing goes on past it.
        Err(error @ Error::InvalidInput(_))
            if error.to_string().contains("consumer key is empty") =>
        {
            format!("{error} {error:?}")
        }
        Err(other) => panic!("not a Config error: {other:?}"),
    }
}

const SECRET_KEYS: [&str; 2] = ["secret", "OAUTH_CONSUMER_SECRET"];

fn collect_secrets(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match inner {
                    Value::String(text) if SECRET_KEYS.contains(&key.as_str()) => {
                        out.push(text.clone())
                    }
                    _ => collect_secrets(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_secrets(item, out)),
        _ => {}
    }
}

/// A string as long as `secret` (in chars) sharing none of its characters at any position.
fn other_than(secret: &str) -> String {
    secret
        .chars()
        .map(|c| if c == 'x' { 'y' } else { 'x' })
        .collect()
}

fn replace_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match inner {
                    Value::String(text) if SECRET_KEYS.contains(&key.as_str()) => {
                        *text = other_than(text)
                    }
                    _ => replace_secrets(inner),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(replace_secrets),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    // The raw bytes: no panic, only Config errors.
    outcome(data, None);
    outcome(data, Some("work"));

    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let mut secrets = Vec::new();
    collect_secrets(&value, &mut secrets);
    secrets.retain(|secret| secret.chars().count() >= 8);
    if secrets.is_empty() {
        return;
    }
    let mut replaced = value.clone();
    replace_secrets(&mut replaced);
    let original_text = serde_json::to_vec(&value).unwrap();
    let replaced_text = serde_json::to_vec(&replaced).unwrap();
    for profile in [None, Some("work")] {
        let shown = outcome(&original_text, profile);
        let shown_without = outcome(&replaced_text, profile);
        for secret in &secrets {
            assert!(
                !shown.contains(secret.as_str()) || shown_without.contains(secret.as_str()),
                "the secret {secret:?} shows in {shown:?} (with it replaced: {shown_without:?})"
            );
        }
    }
});
