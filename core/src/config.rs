//! Credentials the way clever-tools finds them: `CLEVER_TOKEN` + `CLEVER_SECRET`, then
//! `CLEVER_API_TOKEN`, then the active (or a named) profile of `clever-tools.json`; hosts and
//! consumer from defaults < profile overrides < environment. Also writes profiles, for
//! `cleverkit login --save`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use crate::client::options::{DEFAULT_API_HOST, DEFAULT_BRIDGE_HOST};
use crate::oauth1::{Credentials, Secret, SignatureMethod};
use crate::{Auth, ClientOptions, Error};

/// clever-tools' public OAuth consumer: the tokens of `clever login` are bound to it. Clever
/// Cloud states publishing it is not a vulnerability.
pub const CLEVER_TOOLS_CONSUMER_KEY: &str = "T5nFjKeHH4AIlEveuGhB5S3xg8T19e";
pub const CLEVER_TOOLS_CONSUMER_SECRET: &str = "MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT";

/// Where credentials were found and what they configure.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedCredentials {
    pub auth: Auth,
    pub api_host: String,
    pub bridge_host: String,
    /// For messages: "environment (CLEVER_TOKEN)", "/home/ada/.config/…/clever-tools.json (profile ada)".
    pub source: String,
}

impl LoadedCredentials {
    /// `options` with the loaded hosts, where `options` left the defaults: hosts the caller
    /// set explicitly win.
    pub fn apply_to(&self, mut options: ClientOptions) -> ClientOptions {
        if options.api_host == DEFAULT_API_HOST {
            options.api_host = self.api_host.clone();
        }
        if options.bridge_host == DEFAULT_BRIDGE_HOST {
            options.bridge_host = self.bridge_host.clone();
        }
        options
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ConfigFile {
    Current { profiles: Vec<Profile> },
    Legacy(Profile),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    #[serde(default)]
    alias: Option<String>,
    token: String,
    secret: String,
    #[serde(default)]
    expiration_date: Option<serde_json::Value>,
    #[serde(default)]
    overrides: Overrides,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct Overrides {
    api_host: Option<String>,
    auth_bridge_host: Option<String>,
    oauth_consumer_key: Option<String>,
    oauth_consumer_secret: Option<String>,
}

/// The configuration file clever-tools uses: `CONFIGURATION_FILE`, else
/// `$XDG_CONFIG_HOME/clever-cloud/clever-tools.json` (default `~/.config`; `%APPDATA%` on
/// Windows).
pub fn config_path(var: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = var("CONFIGURATION_FILE").filter(|path| !path.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let base = if cfg!(windows) {
        var("APPDATA").map(PathBuf::from)
    } else {
        var("XDG_CONFIG_HOME")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|home| Path::new(&home).join(".config")))
    }?;
    Some(base.join("clever-cloud").join("clever-tools.json"))
}

/// Loads credentials from the process environment (see the module doc).
pub fn from_environment(profile: Option<&str>) -> Result<LoadedCredentials, Error> {
    load(&|name| std::env::var(name).ok(), None, profile)
}

/// Loads credentials with variables from `var` and, when given, this configuration file
/// instead of the usual one — for tests and for platforms that cannot set variables.
pub fn load(
    var: &dyn Fn(&str) -> Option<String>,
    config_file: Option<&Path>,
    profile_name: Option<&str>,
) -> Result<LoadedCredentials, Error> {
    let var = |name: &str| var(name).filter(|value| !value.is_empty());
    let mut consumer_key = CLEVER_TOOLS_CONSUMER_KEY.to_owned();
    let mut consumer_secret = CLEVER_TOOLS_CONSUMER_SECRET.to_owned();
    let mut api_host = DEFAULT_API_HOST.to_owned();
    let mut bridge_host = DEFAULT_BRIDGE_HOST.to_owned();

    let path = config_file
        .map(Path::to_path_buf)
        .or_else(|| config_path(&var));
    let from_env = match (var("CLEVER_TOKEN"), var("CLEVER_SECRET")) {
        (Some(token), Some(secret)) => Some((token, secret)),
        (Some(_), None) | (None, Some(_)) => {
            return Err(Error::Config(
                "CLEVER_TOKEN and CLEVER_SECRET must be set together".into(),
            ));
        }
        (None, None) => None,
    };
    let api_token = var("CLEVER_API_TOKEN");

    let (user_token, source, expires_at) = if let Some((token, secret)) = from_env {
        (
            Some((token, secret)),
            "environment (CLEVER_TOKEN, CLEVER_SECRET)".to_owned(),
            None,
        )
    } else if api_token.is_some() {
        (None, "environment (CLEVER_API_TOKEN)".to_owned(), None)
    } else {
        let path = path.ok_or_else(|| {
            Error::Config(
                "no credentials: set CLEVER_API_TOKEN, or CLEVER_TOKEN and CLEVER_SECRET, or run `clever login` or `cleverkit login --save` (no HOME to find its configuration)".into(),
            )
        })?;
        let profile = read_profile(&path, profile_name)?;
        // An empty override means no override, as an empty variable does.
        let non_empty = |value: &Option<String>| value.clone().filter(|value| !value.is_empty());
        let overrides = Overrides {
            api_host: non_empty(&profile.overrides.api_host),
            auth_bridge_host: non_empty(&profile.overrides.auth_bridge_host),
            oauth_consumer_key: non_empty(&profile.overrides.oauth_consumer_key),
            oauth_consumer_secret: non_empty(&profile.overrides.oauth_consumer_secret),
        };
        if let Some(host) = &overrides.api_host {
            api_host = host.clone();
        }
        if let Some(host) = &overrides.auth_bridge_host {
            bridge_host = host.clone();
        }
        if let Some(key) = &overrides.oauth_consumer_key {
            consumer_key = key.clone();
        }
        if let Some(secret) = &overrides.oauth_consumer_secret {
            consumer_secret = secret.clone();
        }
        let name = profile.alias.as_deref().unwrap_or("default");
        let expires_at = match &profile.expiration_date {
            Some(serde_json::Value::String(text)) => crate::dates::parse_date(text),
            Some(serde_json::Value::Number(number)) => {
                number.as_i64().and_then(crate::dates::from_epoch_millis)
            }
            _ => None,
        };
        if let Some(when) = expires_at.filter(|when| *when <= SystemTime::now()) {
            return Err(Error::Config(format!(
                "the clever-tools login of profile {name:?} in {} expired at {}: run `clever login` (or `cleverkit login --save`) again",
                path.display(),
                crate::dates::format_rfc3339(when)
            )));
        }
        let source = format!("{} (profile {name:?})", path.display());
        (Some((profile.token, profile.secret)), source, expires_at)
    };

    if let Some(host) = var("API_HOST") {
        api_host = host;
    }
    if let Some(host) = var("AUTH_BRIDGE_HOST") {
        bridge_host = host;
    }
    if let Some(key) = var("OAUTH_CONSUMER_KEY") {
        consumer_key = key;
    }
    if let Some(secret) = var("OAUTH_CONSUMER_SECRET") {
        consumer_secret = secret;
    }

    let auth = match (user_token, api_token) {
        (Some((token, secret)), _) => Auth::OAuth1(
            Credentials::new(consumer_key, consumer_secret)?
                .with_token(token, secret)
                .with_signature_method(SignatureMethod::HmacSha512)
                .with_expiration(expires_at),
        ),
        (None, Some(api_token)) => Auth::ApiToken(Secret::new(api_token)),
        (None, None) => unreachable!("one of them was found above"),
    };
    Ok(LoadedCredentials {
        auth,
        api_host,
        bridge_host,
        source,
    })
}

fn read_profile(path: &Path, profile_name: Option<&str>) -> Result<Profile, Error> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Error::Config(if err.kind() == std::io::ErrorKind::NotFound {
            format!(
                "no credentials: set CLEVER_API_TOKEN, or CLEVER_TOKEN and CLEVER_SECRET, or run `clever login` or `cleverkit login --save` ({} does not exist)",
                path.display()
            )
        } else {
            format!("{}: {err}", path.display())
        })
    })?;
    // serde's messages can quote values, and values are secrets: report the place only.
    let parsed: ConfigFile = serde_json::from_str(&text).map_err(|err| {
        Error::Config(format!(
            "{}: not a clever-tools configuration (line {}, column {}: {:?} error; expected {{\"profiles\": [{{\"token\", \"secret\", …}}]}})",
            path.display(),
            err.line(),
            err.column(),
            err.classify()
        ))
    })?;
    let profiles = match parsed {
        ConfigFile::Current { profiles } => profiles,
        ConfigFile::Legacy(profile) => vec![profile],
    };
    let found = match profile_name {
        Some(name) => profiles
            .into_iter()
            .find(|profile| profile.alias.as_deref() == Some(name)),
        None => profiles.into_iter().next(),
    };
    found.ok_or_else(|| {
        Error::Config(match profile_name {
            Some(name) => format!("{}: no profile named {name:?}", path.display()),
            None => format!("{}: no profile (run `clever login`)", path.display()),
        })
    })
}

/// A profile to write with `save_profile`.
pub struct NewProfile<'a> {
    pub alias: &'a str,
    pub credentials: &'a Credentials,
    pub user_id: Option<&'a str>,
    pub email: Option<&'a str>,
    /// Hosts other than Clever Cloud's, saved as the profile's overrides.
    pub api_host: Option<&'a str>,
    pub bridge_host: Option<&'a str>,
}

/// Writes (or replaces) a profile in clever-tools' current format, first so it is active,
/// keeping the other profiles and unknown fields: atomically (a temporary file renamed over
/// the old one) and readable by the owner only (mode 0600).
pub fn save_profile(path: &Path, new: &NewProfile<'_>) -> Result<(), Error> {
    let config_error = |err: std::io::Error| Error::Config(format!("{}: {err}", path.display()));
    let mut document = match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<serde_json::Value>(&text).map_err(|_| {
            Error::Config(format!(
                "{}: exists but is not JSON; not overwriting it",
                path.display()
            ))
        })?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => serde_json::json!({}),
        Err(err) => return Err(config_error(err)),
    };
    if document.get("profiles").is_none() && document.get("token").is_some() {
        // A legacy file becomes the current format's first profile.
        let legacy = std::mem::take(&mut document);
        document = serde_json::json!({ "profiles": [legacy] });
    }
    let mut profile = serde_json::json!({
        "alias": new.alias,
        "token": new.credentials.token().unwrap_or_default(),
        "secret": new.credentials.token_secret().map(Secret::expose).unwrap_or_default(),
    });
    if let Some(when) = new.credentials.expires_at() {
        profile["expirationDate"] = crate::dates::format_rfc3339(when).into();
    }
    if let Some(user_id) = new.user_id {
        profile["userId"] = user_id.into();
    }
    if let Some(email) = new.email {
        profile["email"] = email.into();
    }
    let mut overrides = serde_json::Map::new();
    if new.credentials.consumer_key() != CLEVER_TOOLS_CONSUMER_KEY {
        overrides.insert(
            "OAUTH_CONSUMER_KEY".into(),
            new.credentials.consumer_key().into(),
        );
        overrides.insert(
            "OAUTH_CONSUMER_SECRET".into(),
            new.credentials.consumer_secret().expose().into(),
        );
    }
    if let Some(host) = new.api_host.filter(|host| *host != DEFAULT_API_HOST) {
        overrides.insert("API_HOST".into(), host.into());
    }
    if let Some(host) = new.bridge_host.filter(|host| *host != DEFAULT_BRIDGE_HOST) {
        overrides.insert("AUTH_BRIDGE_HOST".into(), host.into());
    }
    if !overrides.is_empty() {
        profile["overrides"] = overrides.into();
    }
    let mut profiles: Vec<serde_json::Value> = document["profiles"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|existing| existing["alias"].as_str() != Some(new.alias))
        .collect();
    profiles.insert(0, profile);
    document["version"] = 1.into();
    document["profiles"] = profiles.into();

    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(directory).map_err(config_error)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".clever-tools-");
    // On Windows the file inherits the user profile's ACL, private to the user already.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut temporary = builder.tempfile_in(directory).map_err(config_error)?;
    let text = serde_json::to_string_pretty(&document)
        .map_err(|err| Error::Config(format!("{}: {err}", path.display())))?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(config_error)?;
    temporary
        .persist(path)
        .map_err(|err| config_error(err.error))?;
    Ok(())
}
