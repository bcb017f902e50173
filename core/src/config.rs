//! Credentials the way clever-tools finds them: `CLEVER_TOKEN` + `CLEVER_SECRET`, then
//! `CLEVER_API_TOKEN`, then the active profile of `clever-tools.json`; a profile or a file asked
//! for by name is used whatever the environment holds. Hosts and consumer are [`Settings`],
//! layered: defaults < profile overrides < environment < explicit options. Also writes
//! profiles, for `cleverkit login --save`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use crate::client::options::{DEFAULT_API_HOST, DEFAULT_BRIDGE_HOST};
use crate::files::{AtomicFile, io_error};
use crate::oauth1::{Credentials, Secret, SignatureMethod};
use crate::{Auth, ClientOptions, Error};

/// clever-tools' public OAuth consumer: the tokens of `clever login` are bound to it. Clever
/// Cloud states publishing it is not a vulnerability.
pub const CLEVER_TOOLS_CONSUMER_KEY: &str = "T5nFjKeHH4AIlEveuGhB5S3xg8T19e";
/// The secret of [`CLEVER_TOOLS_CONSUMER_KEY`].
pub const CLEVER_TOOLS_CONSUMER_SECRET: &str = "MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT";

/// A setting clever-tools reads from the environment and from a profile's `overrides`, under
/// the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// `API_HOST`: the main API.
    ApiHost,
    /// `AUTH_BRIDGE_HOST`: the API bridge.
    BridgeHost,
    /// `OAUTH_CONSUMER_KEY`: the OAuth consumer user tokens are bound to.
    ConsumerKey,
    /// `OAUTH_CONSUMER_SECRET`: its secret.
    ConsumerSecret,
}

impl Setting {
    /// Every setting, in the order of [`Settings`]' table.
    pub const ALL: [Setting; 4] = [
        Setting::ApiHost,
        Setting::BridgeHost,
        Setting::ConsumerKey,
        Setting::ConsumerSecret,
    ];

    /// The environment variable, which is also the key in a profile's `overrides`.
    pub fn name(self) -> &'static str {
        self.row().0
    }

    /// The value when no layer sets it: Clever Cloud's hosts and clever-tools' consumer.
    pub fn default_value(self) -> &'static str {
        self.row().1
    }

    fn row(self) -> (&'static str, &'static str) {
        match self {
            Setting::ApiHost => ("API_HOST", DEFAULT_API_HOST),
            Setting::BridgeHost => ("AUTH_BRIDGE_HOST", DEFAULT_BRIDGE_HOST),
            Setting::ConsumerKey => ("OAUTH_CONSUMER_KEY", CLEVER_TOOLS_CONSUMER_KEY),
            Setting::ConsumerSecret => ("OAUTH_CONSUMER_SECRET", CLEVER_TOOLS_CONSUMER_SECRET),
        }
    }
}

/// One layer of settings, or several overlaid: each setting is set or not. `Debug` hides the
/// consumer secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Settings([Option<String>; 4]);

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for setting in Setting::ALL {
            if let Some(value) = self.get(setting) {
                match setting {
                    Setting::ConsumerSecret => map.entry(&setting.name(), &"[redacted]"),
                    _ => map.entry(&setting.name(), &value),
                };
            }
        }
        map.finish()
    }
}

impl Settings {
    /// The settings `lookup` knows by name (environment variables, a profile's overrides); an
    /// empty value is no value, as clever-tools treats it.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let mut settings = Settings::default();
        for setting in Setting::ALL {
            settings.set(setting, lookup(setting.name()));
        }
        settings
    }

    /// The process environment's settings.
    pub fn from_environment() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Sets (or, with `None` or an empty value, unsets) one setting.
    pub fn set(&mut self, setting: Setting, value: Option<String>) {
        self.0[setting as usize] = value.filter(|value| !value.is_empty());
    }

    /// This layer with `higher` over it: what `higher` sets wins.
    pub fn overlay(mut self, higher: &Settings) -> Self {
        for setting in Setting::ALL {
            if let Some(value) = higher.get(setting) {
                self.set(setting, Some(value.to_owned()));
            }
        }
        self
    }

    /// The value this layer sets, if any.
    pub fn get(&self, setting: Setting) -> Option<&str> {
        self.0[setting as usize].as_deref()
    }

    /// The value this layer sets, else the default.
    pub fn value(&self, setting: Setting) -> &str {
        self.get(setting).unwrap_or(setting.default_value())
    }

    /// The consumer these settings name (clever-tools' unless overridden).
    pub fn consumer(&self) -> Result<Credentials, Error> {
        Credentials::new(
            self.value(Setting::ConsumerKey),
            self.value(Setting::ConsumerSecret),
        )
    }

    /// `options` with these hosts where `options` sets none: hosts set explicitly win.
    pub fn apply_to(&self, mut options: ClientOptions) -> ClientOptions {
        options
            .api_host
            .get_or_insert_with(|| self.value(Setting::ApiHost).to_owned());
        options
            .bridge_host
            .get_or_insert_with(|| self.value(Setting::BridgeHost).to_owned());
        options
    }
}

/// Where credentials were found and what they configure.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedCredentials {
    /// How requests are authenticated.
    pub auth: Auth,
    /// Hosts and consumer: profile overrides < environment.
    pub settings: Settings,
    /// For messages: "environment (CLEVER_TOKEN)", "/home/ada/.config/…/clever-tools.json (profile ada)".
    pub source: String,
}

impl LoadedCredentials {
    /// The main API's host these credentials go to.
    pub fn api_host(&self) -> &str {
        self.settings.value(Setting::ApiHost)
    }

    /// The bridge's host these credentials go to.
    pub fn bridge_host(&self) -> &str {
        self.settings.value(Setting::BridgeHost)
    }

    /// `options` with the loaded hosts where `options` sets none: hosts set explicitly win.
    pub fn apply_to(&self, options: ClientOptions) -> ClientOptions {
        self.settings.apply_to(options)
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
    overrides: std::collections::HashMap<String, serde_json::Value>,
}

impl Profile {
    /// The settings of the profile's `overrides` (string values only).
    fn overrides(&self) -> Settings {
        Settings::from_lookup(|name| self.overrides.get(name)?.as_str().map(str::to_owned))
    }

    fn expires_at(&self) -> Option<SystemTime> {
        match &self.expiration_date {
            Some(serde_json::Value::String(text)) => crate::dates::parse_date(text),
            Some(serde_json::Value::Number(number)) => {
                number.as_i64().and_then(crate::dates::from_epoch_millis)
            }
            _ => None,
        }
    }
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

const NO_CREDENTIALS: &str = "no credentials: set CLEVER_API_TOKEN, or CLEVER_TOKEN and CLEVER_SECRET, or run `clever login` or `cleverkit login --save`";

/// Loads credentials with variables from `var`. A `config_file` or a `profile_name` is an
/// explicit request: that file's (or the usual file's) profile is used, or it is a `Config`
/// error naming it, whatever credentials the variables hold. Otherwise the variables'
/// credentials come first, then the usual file's active profile.
pub fn load(
    var: &dyn Fn(&str) -> Option<String>,
    config_file: Option<&Path>,
    profile_name: Option<&str>,
) -> Result<LoadedCredentials, Error> {
    let var = |name: &str| var(name).filter(|value| !value.is_empty());
    let environment = Settings::from_lookup(var);
    let explicit = config_file.is_some() || profile_name.is_some();
    if !explicit {
        if let Some(loaded) = from_variables(&var, &environment)? {
            return Ok(loaded);
        }
    }
    let path = match config_file {
        Some(path) => path.to_path_buf(),
        None => config_path(&var).ok_or_else(|| {
            // The variable config_path needed, by the platform's rule.
            let home = if cfg!(windows) { "APPDATA" } else { "HOME" };
            Error::Config(format!(
                "{NO_CREDENTIALS} (no {home} to find its configuration)"
            ))
        })?,
    };
    let profile = read_profile(&path, profile_name, config_file.is_some())?;
    let name = profile.alias.as_deref().unwrap_or("default");
    let expires_at = profile.expires_at();
    if let Some(when) = expires_at.filter(|when| *when <= SystemTime::now()) {
        return Err(Error::Config(format!(
            "the clever-tools login of profile {name:?} in {} expired at {}: run `clever login` (or `cleverkit login --save`) again",
            path.display(),
            crate::dates::format_rfc3339(when)
        )));
    }
    let source = format!("{} (profile {name:?})", path.display());
    let settings = profile.overrides().overlay(&environment);
    let credentials = settings
        .consumer()?
        .with_token(profile.token, profile.secret)
        .with_signature_method(SignatureMethod::HmacSha512)
        .with_expiration(expires_at);
    Ok(LoadedCredentials {
        auth: Auth::OAuth1(credentials),
        settings,
        source,
    })
}

/// Credentials from `CLEVER_TOKEN` + `CLEVER_SECRET`, else `CLEVER_API_TOKEN`, if set.
fn from_variables(
    var: &dyn Fn(&str) -> Option<String>,
    environment: &Settings,
) -> Result<Option<LoadedCredentials>, Error> {
    let (auth, source) = match (var("CLEVER_TOKEN"), var("CLEVER_SECRET")) {
        (Some(token), Some(secret)) => (
            Auth::OAuth1(
                environment
                    .consumer()?
                    .with_token(token, secret)
                    .with_signature_method(SignatureMethod::HmacSha512),
            ),
            "environment (CLEVER_TOKEN, CLEVER_SECRET)",
        ),
        (Some(_), None) | (None, Some(_)) => {
            return Err(Error::Config(
                "CLEVER_TOKEN and CLEVER_SECRET must be set together".into(),
            ));
        }
        (None, None) => match var("CLEVER_API_TOKEN") {
            Some(api_token) => (
                Auth::ApiToken(Secret::new(api_token)),
                "environment (CLEVER_API_TOKEN)",
            ),
            None => return Ok(None),
        },
    };
    Ok(Some(LoadedCredentials {
        auth,
        settings: environment.clone(),
        source: source.to_owned(),
    }))
}

/// The profile of the file at `path`; `given`: the caller named that file (an error then
/// names it first, not the other ways to log in).
fn read_profile(path: &Path, profile_name: Option<&str>, given: bool) -> Result<Profile, Error> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Error::Config(if err.kind() == std::io::ErrorKind::NotFound {
            match profile_name {
                _ if given => format!(
                    "the clever-tools configuration file {} does not exist (`clever login` or `cleverkit login --save` writes it)",
                    path.display()
                ),
                Some(name) => format!(
                    "no profile named {name:?}: {} does not exist (`cleverkit login --save --profile {name}` writes it)",
                    path.display()
                ),
                None => format!("{NO_CREDENTIALS} ({} does not exist)", path.display()),
            }
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
    /// The profile's name, as `--profile` takes it; a profile of that name is replaced.
    pub alias: &'a str,
    /// The user's token and secret, with their expiry; a consumer other than clever-tools'
    /// is saved too, key and secret, as the profile's overrides.
    pub credentials: &'a Credentials,
    /// The user's id (`user_…`), as clever-tools records it.
    pub user_id: Option<&'a str>,
    /// The user's e-mail address, as clever-tools records it.
    pub email: Option<&'a str>,
    /// Hosts other than Clever Cloud's, saved as the profile's overrides.
    pub api_host: Option<&'a str>,
    /// The API bridge, saved as `api_host` is.
    pub bridge_host: Option<&'a str>,
}

/// Writes (or replaces) a profile in clever-tools' current format, first so it is active,
/// keeping the other profiles and unknown fields: atomically (a temporary file renamed over
/// the old one) and readable by the owner only (mode 0600).
pub fn save_profile(path: &Path, new: &NewProfile<'_>) -> Result<(), Error> {
    if new.credentials.token().is_none() || new.credentials.token_secret().is_none() {
        return Err(Error::InvalidInput(
            "only a user's credentials (a token and its secret) can be saved as a login".into(),
        ));
    }
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
        // A legacy file becomes the current format's first profile, named "default" as
        // clever-tools names it: clever-tools ignores a whole file with an unnamed profile.
        let mut legacy = std::mem::take(&mut document);
        legacy["alias"] = "default".into();
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
    let mut override_unless_default = |setting: Setting, value: Option<&str>| {
        if let Some(value) = value.filter(|value| *value != setting.default_value()) {
            overrides.insert(setting.name().into(), value.into());
        }
    };
    override_unless_default(Setting::ApiHost, new.api_host);
    override_unless_default(Setting::BridgeHost, new.bridge_host);
    if new.credentials.consumer_key() != CLEVER_TOOLS_CONSUMER_KEY {
        // A consumer is saved whole: its secret goes with its key even if it is the default's.
        overrides.insert(
            Setting::ConsumerKey.name().into(),
            new.credentials.consumer_key().into(),
        );
        overrides.insert(
            Setting::ConsumerSecret.name().into(),
            new.credentials.consumer_secret().expose().into(),
        );
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
    std::fs::create_dir_all(directory).map_err(|err| io_error(path, &err))?;
    let text = serde_json::to_string_pretty(&document)
        .map_err(|err| Error::Config(format!("{}: {err}", path.display())))?;
    let private = AtomicFile {
        prefix: ".clever-tools-",
        suffix: "",
        mode: 0o600,
    };
    private.write(path, |temporary| {
        temporary
            .write_all(text.as_bytes())
            .map_err(|err| io_error(path, &err))
    })?;
    Ok(())
}
