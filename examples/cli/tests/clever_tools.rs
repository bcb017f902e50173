//! CleverKit and the real clever-tools share logins, both ways, against the stand-in.
//!
//! clever-tools (npm `clever-tools` 4.11.0) is installed by `scripts/install-deps.sh` under
//! `/opt/cleverkit/clever-tools`; `CLEVER_TOOLS_BIN` names another `clever`. Without it these
//! tests fail: they do not skip.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use cleverkit::dates::{format_rfc3339, parse_date};
use cleverkit::{Client, ClientOptions, config};
use cleverkit_standin::{
    CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET, CONSUMER_KEY, CONSUMER_SECRET,
    Listener, RecordedRequest, StandIn, USER_EMAIL, USER_ID, USER_NAME, USER_TOKEN,
    USER_TOKEN_SECRET,
};
use predicates::prelude::*;
use serde_json::{Value, json};
use tempfile::TempDir;

const CLEVERKIT: &str = env!("CARGO_BIN_EXE_cleverkit");
const DEFAULT_CLEVER_TOOLS_BIN: &str = "/opt/cleverkit/clever-tools/node_modules/.bin/clever";

/// The real `clever`, or a failure that says how to install it.
fn clever_tools_bin() -> PathBuf {
    let path = std::env::var_os("CLEVER_TOOLS_BIN")
        .map_or_else(|| PathBuf::from(DEFAULT_CLEVER_TOOLS_BIN), PathBuf::from);
    assert!(
        path.is_file(),
        "clever-tools is not installed: no `clever` at {} (CLEVER_TOOLS_BIN, default {DEFAULT_CLEVER_TOOLS_BIN}). \
         Run scripts/install-deps.sh, which runs `npm install --prefix /opt/cleverkit/clever-tools clever-tools@4.11.0`.",
        path.display()
    );
    path
}

/// A stand-in and a private home, shared by both tools.
struct Setup {
    standin: StandIn,
    home: TempDir,
}

/// Where the tools find clever-tools.json.
#[derive(Clone, Copy)]
enum ConfigAt<'a> {
    /// No CONFIGURATION_FILE: both must resolve `$XDG_CONFIG_HOME/clever-cloud/clever-tools.json`.
    XdgDefault,
    File(&'a Path),
}

impl Setup {
    fn new() -> Setup {
        Setup {
            standin: StandIn::start().expect("the stand-in starts"),
            home: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn xdg_config_home(&self) -> PathBuf {
        self.home.path().join("xdg")
    }

    fn xdg_config_file(&self) -> PathBuf {
        self.xdg_config_home()
            .join("clever-cloud")
            .join("clever-tools.json")
    }

    /// A cleared environment: both tools read their hosts, consumer and credentials from it
    /// (clever-tools every variable of its schema, CONSOLE_URL and lower-case `token` too), and
    /// neither may touch the developer's files.
    fn confine(&self, command: &mut std::process::Command, config_at: ConfigAt<'_>) {
        command
            .env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.xdg_config_home())
            .current_dir(self.home.path());
        if let ConfigAt::File(path) = config_at {
            command.env("CONFIGURATION_FILE", path);
        }
    }

    /// The real `clever`, confined.
    fn clever(&self, config_at: ConfigAt<'_>) -> Command {
        let mut command = std::process::Command::new(clever_tools_bin());
        self.confine(&mut command, config_at);
        command
            // `node` (the script's interpreter) and `curl` (which `clever curl` runs).
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            // Its update notifier would ask GitHub for tags; it has no telemetry.
            .env("NO_UPDATE_NOTIFIER", "1")
            .env("NO_COLOR", "1");
        let mut command = Command::from_std(command);
        command.timeout(Duration::from_secs(60));
        command
    }

    /// `cleverkit`, confined the same way.
    fn cleverkit(&self, config_at: ConfigAt<'_>) -> Command {
        let mut command = std::process::Command::new(CLEVERKIT);
        self.confine(&mut command, config_at);
        let mut command = Command::from_std(command);
        command.timeout(Duration::from_secs(60));
        command
    }

    /// `cleverkit login --no-browser --save` with `extra` arguments; the user's browser is a
    /// small HTTP client that follows the stand-in's approval back to the loopback listener.
    fn cleverkit_login(&self, config_file: &Path, extra: &[&str]) {
        let mut command = std::process::Command::new(CLEVERKIT);
        self.confine(&mut command, ConfigAt::File(config_file));
        let mut child = command
            .args(["--api-host", &self.standin.api_url()])
            .args(["--bridge-host", &self.standin.bridge_url()])
            .args(["login", "--no-browser", "--save"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cleverkit login starts");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let url = loop {
            let mut line = String::new();
            assert_ne!(stderr.read_line(&mut line).unwrap(), 0, "no URL printed");
            if line.contains("/v2/oauth/authorize") {
                break line.trim().to_owned();
            }
        };
        let browser: ureq::Agent = ureq::Agent::config_builder().proxy(None).build().into();
        browser
            .get(&url)
            .call()
            .expect("the approval reaches cleverkit");
        let mut rest = String::new();
        stderr.read_to_string(&mut rest).unwrap();
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stdout}{rest}");
        assert!(stdout.contains("Saved profile"), "{stdout}");
    }

    /// The requests the stand-in's main API received for `target`.
    fn api_requests_for(&self, target: &str) -> Vec<RecordedRequest> {
        self.standin
            .requests()
            .into_iter()
            .filter(|request| request.listener == Listener::Api && request.target == target)
            .collect()
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("{} is not readable: {err}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|err| panic!("{} is not JSON: {err}", path.display()))
}

fn stdout_json(command: &mut Command) -> Value {
    let output = command.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&output).unwrap_or_else(|err| {
        panic!(
            "not JSON ({err}): {}",
            String::from_utf8_lossy(&output).trim()
        )
    })
}

/// What clever-tools 4.11 sends (@clevercloud/client's `addOauthHeader`): PLAINTEXT without
/// method, nonce, timestamp or version, the secrets unencoded around a literal `%26`.
fn clever_tools_authorization(consumer: (&str, &str), token: &str, token_secret: &str) -> String {
    let (consumer_key, consumer_secret) = consumer;
    format!(
        r#"OAuth oauth_consumer_key="{consumer_key}", oauth_token="{token}", oauth_signature="{consumer_secret}%26{token_secret}""#
    )
}

/// The header with its signature hidden, for failure messages: it holds both secrets.
fn redacted(authorization: &str) -> String {
    match authorization.find("oauth_signature=\"") {
        Some(start) => {
            let rest = &authorization[start + "oauth_signature=\"".len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            authorization.replacen(&rest[..end], "[redacted]", 1)
        }
        None => authorization.to_owned(),
    }
}

fn assert_sent_by_clever_tools(request: &RecordedRequest, expected: &str) {
    let sent = request.header("authorization").unwrap_or_default();
    assert!(
        sent == expected,
        "{} {}: not clever-tools' bare PLAINTEXT with the expected consumer and token: {} (expected {})",
        request.method,
        request.target,
        redacted(sent),
        redacted(expected)
    );
}

/// `clever profile` prints an expiry the way `toLocaleString("en-US", …)` does, "Mar 2, 2027,
/// 14:16 UTC"; the hour is left out of the comparison (ICU may write midnight as 24:00).
fn expiry_date_as_clever_prints_it(when: SystemTime) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let rfc3339 = format_rfc3339(when);
    let year = &rfc3339[0..4];
    let month: usize = rfc3339[5..7].parse().unwrap();
    let day: u32 = rfc3339[8..10].parse().unwrap();
    format!("Expires on {} {day}, {year}, ", MONTHS[month - 1])
}

#[test]
fn a_profile_from_clever_login_is_used_by_cleverkit() {
    let setup = Setup::new();
    let (api, bridge) = (setup.standin.api_url(), setup.standin.bridge_url());
    setup
        .clever(ConfigAt::XdgDefault)
        .args([
            "login",
            "--token",
            USER_TOKEN,
            "--secret",
            USER_TOKEN_SECRET,
        ])
        .args(["--api-host", &api, "--auth-bridge-host", &bridge])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Login successful as default ({USER_EMAIL})"
        )));

    // clever-tools checked the token with GET /v2/self, in its own way.
    let checks = setup.api_requests_for("/v2/self");
    assert_eq!(checks.len(), 1, "{checks:#?}");
    assert_sent_by_clever_tools(
        &checks[0],
        &clever_tools_authorization(
            (CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET),
            USER_TOKEN,
            USER_TOKEN_SECRET,
        ),
    );
    // Its profile, at the place CleverKit looks too when CONFIGURATION_FILE is unset.
    let written = read_json(&setup.xdg_config_file());
    assert_eq!(written["version"], 1);
    let profiles = written["profiles"].as_array().expect("a profiles array");
    assert_eq!(profiles.len(), 1);
    let profile = &profiles[0];
    assert_eq!(profile["alias"], "default");
    assert_eq!(profile["token"], USER_TOKEN);
    assert_eq!(profile["userId"], USER_ID);
    assert_eq!(profile["email"], USER_EMAIL);
    assert_eq!(
        profile["overrides"],
        json!({"API_HOST": api, "AUTH_BRIDGE_HOST": bridge})
    );
    // A login with --token knows no expiry.
    assert!(profile.get("expirationDate").is_none(), "{profile}");

    // The CLI: no host given, so the profile's API_HOST override must lead to the stand-in.
    setup.standin.reset();
    setup
        .cleverkit(ConfigAt::XdgDefault)
        .arg("self")
        .assert()
        .success()
        .stdout(predicate::str::is_match(format!("(?m)^Name +{USER_NAME}$")).unwrap());
    let user = stdout_json(
        setup
            .cleverkit(ConfigAt::XdgDefault)
            .args(["self", "--json"]),
    );
    assert_eq!(user["id"], USER_ID);
    let calls = setup.api_requests_for("/v2/self");
    assert_eq!(calls.len(), 2, "{calls:#?}");
    let signed = calls[1].header("authorization").unwrap_or_default();
    // Signed RFC-exact with the consumer clever-tools' tokens are bound to.
    for part in [
        format!(r#"oauth_consumer_key="{CLEVER_TOOLS_CONSUMER_KEY}""#),
        format!(r#"oauth_token="{USER_TOKEN}""#),
        r#"oauth_signature_method="HMAC-SHA512""#.to_owned(),
        "oauth_nonce=".to_owned(),
    ] {
        assert!(signed.contains(&part), "{part} not in {}", redacted(signed));
    }

    // The library, given the same two variables and nothing else.
    let home = setup.home.path().to_owned();
    let xdg = setup.xdg_config_home();
    let variables = move |name: &str| match name {
        "HOME" => Some(home.to_string_lossy().into_owned()),
        "XDG_CONFIG_HOME" => Some(xdg.to_string_lossy().into_owned()),
        _ => None,
    };
    let loaded = config::load(&variables, None, None).expect("the clever-tools profile loads");
    assert_eq!(loaded.api_host(), api);
    assert_eq!(loaded.bridge_host(), bridge);
    assert!(
        loaded
            .source
            .contains(&*setup.xdg_config_file().to_string_lossy()),
        "{}",
        loaded.source
    );
    let client = Client::from_loaded(&loaded, ClientOptions::default()).unwrap();
    assert_eq!(client.myself().expect("GET /v2/self").id, USER_ID);
}

#[test]
fn a_clever_login_with_another_consumer_is_used_by_cleverkit() {
    let setup = Setup::new();
    let config_file = setup.home.path().join("clever-tools.json");
    setup
        .clever(ConfigAt::File(&config_file))
        .args([
            "login",
            "--token",
            USER_TOKEN,
            "--secret",
            USER_TOKEN_SECRET,
        ])
        .args(["--api-host", &setup.standin.api_url()])
        .args(["--oauth-consumer-key", CONSUMER_KEY])
        .args(["--oauth-consumer-secret", CONSUMER_SECRET])
        .assert()
        .success();
    let overrides = &read_json(&config_file)["profiles"][0]["overrides"];
    assert_eq!(overrides["OAUTH_CONSUMER_KEY"], CONSUMER_KEY);

    setup.standin.reset();
    let user = stdout_json(
        setup
            .cleverkit(ConfigAt::File(&config_file))
            .args(["self", "--json"]),
    );
    assert_eq!(user["id"], USER_ID);
    let calls = setup.api_requests_for("/v2/self");
    let signed = calls[0].header("authorization").unwrap_or_default();
    assert!(
        signed.contains(&format!(r#"oauth_consumer_key="{CONSUMER_KEY}""#)),
        "the profile's consumer override is not used: {}",
        redacted(signed)
    );
}

#[test]
fn a_profile_from_cleverkit_login_is_used_by_clever_curl_and_clever_profile() {
    let setup = Setup::new();
    let api = setup.standin.api_url();
    let config_file = setup.home.path().join("clever-tools.json");
    setup.cleverkit_login(&config_file, &[]);
    let saved = read_json(&config_file);
    let profile = &saved["profiles"][0];
    let token = profile["token"].as_str().expect("a token").to_owned();
    let secret = profile["secret"].as_str().expect("a secret").to_owned();
    let expires_at = parse_date(profile["expirationDate"].as_str().expect("an expiry"))
        .expect("an ISO 8601 expiry");
    assert_ne!(token, USER_TOKEN, "a token of the dance, not the fixed one");
    let expected_authorization = clever_tools_authorization(
        (CLEVER_TOOLS_CONSUMER_KEY, CLEVER_TOOLS_CONSUMER_SECRET),
        &token,
        &secret,
    );

    setup.standin.reset();
    let user = stdout_json(
        setup
            .clever(ConfigAt::File(&config_file))
            .args(["curl", "--silent", "--show-error", "--fail"])
            .arg(format!("{api}/v2/self")),
    );
    assert_eq!(user["id"], USER_ID);
    let curled = setup.api_requests_for("/v2/self");
    assert_eq!(curled.len(), 1, "{curled:#?}");
    assert!(
        curled[0]
            .header("user-agent")
            .is_some_and(|agent| agent.starts_with("curl/")),
        "clever curl runs the system's curl"
    );
    assert_sent_by_clever_tools(&curled[0], &expected_authorization);

    // `clever profile` asks /v2/self and /v2/self/tokens/current with the saved token.
    setup.standin.reset();
    let shown = stdout_json(
        setup
            .clever(ConfigAt::File(&config_file))
            .args(["profile", "--format", "json"]),
    );
    let current = setup.api_requests_for("/v2/self/tokens/current");
    assert_eq!(current.len(), 1, "{:#?}", setup.standin.requests());
    assert_sent_by_clever_tools(&current[0], &expected_authorization);
    assert_eq!(shown["alias"], "default");
    assert_eq!(shown["id"], USER_ID);
    assert_eq!(shown["email"], USER_EMAIL);
    assert_eq!(shown["name"], USER_NAME);
    assert_eq!(shown["isTokenValid"], true);
    assert_eq!(shown["isProfileActive"], true);
    assert_eq!(shown["has2FA"], true, "the user's preferredMFA is TOTP");
    let shown_expiry = shown["tokenExpiration"]
        .as_str()
        .and_then(parse_date)
        .unwrap_or_else(|| panic!("no tokenExpiration in {shown}"));
    assert_eq!(
        format_rfc3339(shown_expiry),
        format_rfc3339(expires_at),
        "the token's expiry as the stand-in tells it and as cleverkit saved it"
    );
    // clever-tools prefers the API's expiry to the profile's: without the saved one, the
    // stand-in's alone must still give the same instant.
    let mut without_expiry = saved.clone();
    without_expiry["profiles"][0]
        .as_object_mut()
        .unwrap()
        .remove("expirationDate");
    std::fs::write(&config_file, without_expiry.to_string()).unwrap();
    let shown = stdout_json(
        setup
            .clever(ConfigAt::File(&config_file))
            .args(["profile", "--format", "json"]),
    );
    let told_by_the_api = shown["tokenExpiration"].as_str().and_then(parse_date);
    assert_eq!(
        told_by_the_api.map(format_rfc3339),
        Some(format_rfc3339(expires_at))
    );

    setup
        .clever(ConfigAt::File(&config_file))
        .arg("profile")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "default ({USER_EMAIL}) [active]"
        )))
        .stdout(predicate::str::contains(USER_NAME))
        .stdout(predicate::str::contains(expiry_date_as_clever_prints_it(
            expires_at,
        )))
        .stdout(predicate::str::contains(format!("API_HOST: {api}")));
}

#[test]
fn a_cleverkit_profile_with_its_own_consumer_is_used_by_clever_curl() {
    let setup = Setup::new();
    let api = setup.standin.api_url();
    let config_file = setup.home.path().join("clever-tools.json");
    setup.cleverkit_login(
        &config_file,
        &[
            "--consumer-key",
            CONSUMER_KEY,
            "--consumer-secret",
            CONSUMER_SECRET,
            "--profile",
            "standin",
        ],
    );
    let profile = &read_json(&config_file)["profiles"][0];
    assert_eq!(profile["alias"], "standin");
    let (token, secret) = (
        profile["token"].as_str().unwrap(),
        profile["secret"].as_str().unwrap(),
    );

    setup.standin.reset();
    let user = stdout_json(
        setup
            .clever(ConfigAt::File(&config_file))
            .args(["curl", "--silent", "--show-error", "--fail"])
            .arg(format!("{api}/v2/self")),
    );
    assert_eq!(user["id"], USER_ID);
    // The token is bound to the stand-in's consumer: clever-tools must take it from overrides.
    assert_sent_by_clever_tools(
        &setup.api_requests_for("/v2/self")[0],
        &clever_tools_authorization((CONSUMER_KEY, CONSUMER_SECRET), token, secret),
    );
    let shown = stdout_json(
        setup
            .clever(ConfigAt::File(&config_file))
            .args(["profile", "--format", "json"]),
    );
    assert_eq!(shown["alias"], "standin");
    assert_eq!(shown["isTokenValid"], true);
}

#[test]
fn a_legacy_file_upgraded_by_cleverkit_login_stays_readable_by_clever_tools() {
    let setup = Setup::new();
    let config_file = setup.home.path().join("clever-tools.json");
    // clever-tools' old format: one login, no alias.
    std::fs::write(
        &config_file,
        json!({"token": USER_TOKEN, "secret": USER_TOKEN_SECRET}).to_string(),
    )
    .unwrap();
    setup.cleverkit_login(&config_file, &["--profile", "work"]);

    // clever-tools ignores a whole file whose profiles miss an alias ("No profile found"):
    // the old login must come back as clever-tools itself converts it, "default".
    let listed = stdout_json(
        setup
            .clever(ConfigAt::File(&config_file))
            // The old login has no API_HOST override: keep it on the stand-in too.
            .env("API_HOST", setup.standin.api_url())
            .args(["profile", "list", "--format", "json"]),
    );
    let aliases: Vec<&str> = listed
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {listed}"))
        .iter()
        .map(|profile| profile["alias"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(aliases, ["work", "default"]);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|profile| profile["isTokenValid"] == true),
        "{listed}"
    );
}
