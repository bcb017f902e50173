//! The `cleverkit` binary end to end, against a stand-in of the API started by each test.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use cleverkit_standin::{
    API_TOKEN, API_TOKEN_ID, CONSUMER_KEY, CONSUMER_SECRET, EXPIRED_USER_TOKEN,
    EXPIRED_USER_TOKEN_SECRET, Fault, FaultAction, Listener, MFA_CODE, ORGANISATION_ID, StandIn,
    USER_EMAIL, USER_ID, USER_PASSWORD, USER_TOKEN, USER_TOKEN_SECRET,
};
use predicates::prelude::*;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_cleverkit");

/// Everything that could bring in the developer's own credentials or hosts.
const INHERITED: [&str; 12] = [
    "CLEVER_TOKEN",
    "CLEVER_SECRET",
    "CLEVER_API_TOKEN",
    "API_HOST",
    "AUTH_BRIDGE_HOST",
    "OAUTH_CONSUMER_KEY",
    "OAUTH_CONSUMER_SECRET",
    "CONFIGURATION_FILE",
    "XDG_CONFIG_HOME",
    "APPDATA",
    "CLEVERKIT_PASSWORD",
    "CLEVERKIT_MFA_CODE",
];

/// A stand-in and a private home for one test.
struct Setup {
    standin: StandIn,
    home: TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup {
            standin: StandIn::start().expect("the stand-in starts"),
            home: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn config_file(&self) -> PathBuf {
        self.home.path().join("clever-tools.json")
    }

    /// No credentials; the stand-in's hosts and a configuration file that does not exist yet.
    fn bare(&self) -> Command {
        let mut command = Command::new(BIN);
        for name in INHERITED {
            command.env_remove(name);
        }
        command
            .env("HOME", self.home.path())
            .env("CONFIGURATION_FILE", self.config_file())
            .env("API_HOST", self.standin.api_url())
            .env("AUTH_BRIDGE_HOST", self.standin.bridge_url())
            .current_dir(self.home.path())
            .timeout(Duration::from_secs(60));
        command
    }

    /// With the stand-in's user token, signed with its consumer.
    fn user(&self) -> Command {
        let mut command = self.bare();
        command
            .env("CLEVER_TOKEN", USER_TOKEN)
            .env("CLEVER_SECRET", USER_TOKEN_SECRET)
            .env("OAUTH_CONSUMER_KEY", CONSUMER_KEY)
            .env("OAUTH_CONSUMER_SECRET", CONSUMER_SECRET);
        command
    }

    /// With the stand-in's API token.
    fn api_token(&self) -> Command {
        let mut command = self.bare();
        command.env("CLEVER_API_TOKEN", API_TOKEN);
        command
    }
}

fn stdout_of(command: &mut Command) -> String {
    let output = command.assert().success().get_output().stdout.clone();
    String::from_utf8(output).expect("UTF-8 output")
}

fn json_of(command: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(command)).expect("JSON output")
}

#[test]
fn self_prints_a_table_or_the_api_json() {
    let setup = Setup::new();
    setup
        .user()
        .arg("self")
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"(?m)^ID +user_00000000-0000-4000-8000-000000000001$")
                .unwrap(),
        )
        .stdout(predicate::str::is_match(r"(?m)^Name +Ada Lovelace$").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^Email +ada@example\.com$").unwrap());
    let user = json_of(setup.user().args(["self", "--json"]));
    assert_eq!(user["id"], USER_ID);
    assert_eq!(user["email"], USER_EMAIL);
    // Passthrough: fields the core's model does not know are kept.
    assert!(user.get("standinUnknownField").is_some());
}

#[test]
fn summary_lists_the_organisations() {
    let setup = Setup::new();
    let table = stdout_of(setup.user().arg("summary"));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("ID "));
    let engines = lines
        .iter()
        .find(|line| line.starts_with(ORGANISATION_ID))
        .expect("the shared organisation");
    assert!(engines.contains("Analytical Engines") && engines.contains("DEVELOPER"));
    // Columns are aligned: every row's NAME starts where the header's does.
    let name_column = lines[0].find("NAME").unwrap();
    assert!(
        lines[1..]
            .iter()
            .all(|line| line[name_column - 2..].starts_with("  ")
                && !line[name_column..].starts_with(' '))
    );
    let summary = json_of(setup.user().args(["summary", "--json"]));
    assert_eq!(summary["organisations"].as_array().unwrap().len(), 2);
}

#[test]
fn zones_lists_every_zone() {
    let setup = Setup::new();
    let table = stdout_of(setup.user().arg("zones"));
    assert!(table.starts_with("NAME"));
    assert!(table.contains("par   Paris"), "{table}");
    assert!(table.contains("region:na infra:ovh"));
    assert_eq!(table.lines().count(), 5);
    let zones = json_of(setup.user().args(["zones", "--json"]));
    assert_eq!(zones.as_array().unwrap().len(), 4);
}

#[test]
fn applications_lists_an_organisation_s_applications() {
    let setup = Setup::new();
    let table = stdout_of(setup.user().args(["applications", ORGANISATION_ID]));
    assert!(table.contains("engine-api") && table.contains("engine-worker"));
    assert!(table.contains("STOPPED"));
    assert!(
        !table.contains("notes"),
        "the personal app belongs to the user"
    );
    let apps = json_of(setup.user().args(["applications", USER_ID, "--json"]));
    assert_eq!(apps[0]["name"], "notes");
    setup
        .user()
        .args(["applications", "orga_unknown"])
        .assert()
        .code(22)
        .stderr(predicate::str::starts_with(
            "cleverkit: HTTP 404 Not Found: organisation orga_unknown not found (API code 4004, request id ",
        ));
    setup.user().args(["applications", ".."]).assert().code(2);
}

#[test]
fn curl_prints_the_body() {
    let setup = Setup::new();
    let user: serde_json::Value =
        serde_json::from_str(&stdout_of(setup.user().args(["curl", "/v2/self"]))).unwrap();
    assert_eq!(user["id"], USER_ID);
    // An absolute URL on the bridge, with the API token.
    let url = format!("{}/api-tokens", setup.standin.bridge_url());
    let tokens = json_of(setup.api_token().args(["curl", &url]));
    assert_eq!(tokens[0]["apiTokenId"], API_TOKEN_ID);
}

#[test]
fn curl_include_prints_the_status_and_headers_first() {
    let setup = Setup::new();
    let output = stdout_of(setup.user().args(["curl", "-i", "/v4/products/zones"]));
    let (head, body) = output
        .split_once("\r\n\r\n")
        .expect("a blank line after the headers");
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(
        head.contains("\r\nContent-Type: application/json"),
        "{head}"
    );
    assert!(head.contains("\r\nSozu-Id: "), "{head}");
    assert!(serde_json::from_str::<serde_json::Value>(body).is_ok());
}

#[test]
fn curl_sends_methods_headers_and_bodies() {
    let setup = Setup::new();
    let created = json_of(setup.user().args([
        "curl",
        "-X",
        "PUT",
        "--json",
        r#"{"name":"renamed"}"#,
        &format!("{}/api-tokens/{API_TOKEN_ID}", setup.standin.bridge_url()),
    ]));
    assert_eq!(created["name"], "renamed");
    let request = setup.standin.requests().pop().unwrap();
    assert_eq!(request.method, "PUT");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.body, br#"{"name":"renamed"}"#);
    setup
        .user()
        .args(["curl", "-H", "no colon", "/v2/self"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Name: value"));
}

#[test]
fn curl_prints_an_error_status_s_body_and_exits_0_unless_told_to_fail() {
    let setup = Setup::new();
    let body = stdout_of(setup.user().args(["curl", "/v2/no-such-thing"]));
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["id"], 4004);
    let failed = setup
        .user()
        .args(["curl", "-f", "/v2/no-such-thing"])
        .assert()
        .code(22)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "cleverkit: HTTP 404 Not Found: no such endpoint: GET /v2/no-such-thing (API code 4004, request id "
        ),
        "{stderr}"
    );
    assert!(
        predicate::str::is_match(r"request id [0-9a-f]{32}\)\n$")
            .unwrap()
            .eval(&stderr),
        "{stderr}"
    );
    let with_body = setup
        .user()
        .args(["curl", "--fail-with-body", "/v2/no-such-thing"])
        .assert()
        .code(22)
        .get_output()
        .stdout
        .clone();
    assert!(with_body.starts_with(b"{\"id\":4004"));
}

#[test]
fn curl_output_is_byte_for_byte_the_invoice() {
    let setup = Setup::new();
    let path = format!("/v4/billing/organisations/{ORGANISATION_ID}/invoices/70000.pdf");
    let output = setup
        .user()
        .args(["curl", "-H", "Accept: application/pdf", &path])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    setup
        .user()
        .args(["invoice", ORGANISATION_ID, "70000", "-o", "same.pdf"])
        .assert()
        .success();
    let file = std::fs::read(setup.home.path().join("same.pdf")).unwrap();
    assert_eq!(output.len(), 70_000);
    assert!(output == file, "curl and invoice agree on every byte");
}

#[test]
fn invoice_writes_exactly_the_pdf() {
    let setup = Setup::new();
    setup
        .user()
        .args(["invoice", ORGANISATION_ID, "123456"])
        .assert()
        .success()
        .stdout("Wrote 123456 bytes to 123456.pdf\n")
        // Not a terminal: no progress bar.
        .stderr("");
    let pdf = std::fs::read(setup.home.path().join("123456.pdf")).unwrap();
    assert_eq!(pdf.len(), 123_456);
    assert!(pdf.starts_with(b"%PDF"));

    let elsewhere = setup.home.path().join("invoices").join("march.pdf");
    std::fs::create_dir(elsewhere.parent().unwrap()).unwrap();
    setup
        .user()
        .args(["invoice", ORGANISATION_ID, "2048", "-o"])
        .arg(&elsewhere)
        .assert()
        .success();
    assert_eq!(std::fs::metadata(&elsewhere).unwrap().len(), 2048);

    setup
        .user()
        .args(["invoice", ORGANISATION_ID, "nope"])
        .assert()
        .code(22)
        .stderr(predicate::str::contains("not found"));
    assert!(!setup.home.path().join("nope.pdf").exists());
}

#[test]
fn tokens_list_create_update_revoke() {
    let setup = Setup::new();
    let table = stdout_of(setup.api_token().args(["tokens", "list"]));
    assert!(table.starts_with("ID "));
    assert!(table.contains(API_TOKEN_ID) && table.contains("ACTIVE"));

    let output = setup
        .api_token()
        .args([
            "tokens",
            "create",
            "--name",
            "ci",
            "--description",
            "GitHub Actions",
        ])
        .env("CLEVERKIT_PASSWORD", USER_PASSWORD)
        .env("CLEVERKIT_MFA_CODE", MFA_CODE)
        .assert()
        .success()
        .stderr(predicate::str::contains("only time"))
        .get_output()
        .clone();
    let token = String::from_utf8(output.stdout).unwrap();
    let token = token.trim();
    assert!(
        !token.is_empty() && !token.contains(' '),
        "the token alone: {token:?}"
    );

    // The new token works, and is listed without its value.
    let listed = json_of(
        setup
            .bare()
            .env("CLEVER_API_TOKEN", token)
            .args(["tokens", "list", "--json"]),
    );
    assert!(!listed.to_string().contains(token));
    let created = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|listed| listed["name"] == "ci")
        .expect("the new token is listed");
    assert_eq!(created["description"], "GitHub Actions");
    let id = created["apiTokenId"].as_str().unwrap().to_owned();

    setup
        .api_token()
        .args(["tokens", "update", &id, "--name", "ci-deploy"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ci-deploy"));
    setup
        .api_token()
        .args(["tokens", "revoke", &id])
        .assert()
        .success()
        .stdout(format!("Revoked API token {id}\n"));
    let after = stdout_of(setup.api_token().args(["tokens", "list"]));
    assert!(!after.contains(&id));
    setup
        .api_token()
        .args(["tokens", "revoke", &id])
        .assert()
        .code(22)
        .stderr(predicate::str::contains("not found"));
}

/// A command line as the shell splits it: words, "double quotes" kept together.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            c => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

/// How far ahead of now an RFC 3339 date is, in seconds.
fn seconds_ahead(date: &serde_json::Value) -> i64 {
    let at = cleverkit::dates::parse_date(date.as_str().expect("a date")).expect("RFC 3339");
    let now = std::time::SystemTime::now();
    match at.duration_since(now) {
        Ok(ahead) => ahead.as_secs() as i64,
        Err(behind) => -(behind.duration().as_secs() as i64),
    }
}

/// The API overview's own command lines (https://www.clever-cloud.com/developers/api/),
/// `clever` replaced by `cleverkit` and nothing else, against the stand-in.
#[test]
fn the_seed_s_tokens_command_lines_work_verbatim() {
    let setup = Setup::new();
    let run = |line: &str| {
        let mut command = setup.user();
        command
            .args(words(line.strip_prefix("clever ").unwrap()))
            .env("CLEVERKIT_PASSWORD", USER_PASSWORD)
            .env("CLEVERKIT_MFA_CODE", MFA_CODE);
        command
    };
    run("clever features enable tokens").assert().success();
    let token = stdout_of(&mut run(r#"clever tokens create "CI job Foobar""#));
    assert!(
        !token.trim().is_empty() && !token.trim().contains(' '),
        "{token}"
    );
    let quick = stdout_of(&mut run(
        r#"clever tokens create "Quick local test" --expiration 1h"#,
    ));
    assert!(!quick.trim().is_empty(), "{quick}");
    let listed = json_of(&mut run("clever tokens -F json"));
    let named = |name: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|token| token["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {listed}"))
            .clone()
    };
    let ci = named("CI job Foobar");
    let year = 365 * 86_400;
    let ahead = seconds_ahead(&ci["expirationDate"]);
    assert!(
        (year - 300..=year).contains(&ahead),
        "one year by default: {ahead} s"
    );
    let ahead = seconds_ahead(&named("Quick local test")["expirationDate"]);
    assert!((3300..=3600).contains(&ahead), "one hour: {ahead} s");
    assert!(
        !listed.to_string().contains(token.trim()),
        "never a token's value"
    );

    // The overview's placeholder id: sent as it is, and the bridge does not know it.
    run("clever tokens revoke api_tokens_xxx")
        .assert()
        .code(22)
        .stderr(predicate::str::contains("api_tokens_xxx not found"));
    let sent = setup.standin.requests().pop().unwrap();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("DELETE", "/api-tokens/api_tokens_xxx")
    );
    let id = ci["apiTokenId"].as_str().unwrap();
    run(&format!("clever tokens revoke {id}"))
        .assert()
        .success();
    let table = stdout_of(&mut run("clever tokens"));
    assert!(
        table.starts_with("ID ") && table.contains("Quick local test"),
        "{table}"
    );
    assert!(!table.contains(id), "{table}");
}

/// clever-tools' `-e` forms, and today's flags kept as aliases.
#[test]
fn tokens_take_clever_tools_forms_and_the_older_flags() {
    let setup = Setup::new();
    let created = |args: &[&str]| {
        json_of(
            setup
                .api_token()
                .args(["tokens", "create"])
                .args(args)
                .args(["-F", "json"])
                .env("CLEVERKIT_PASSWORD", USER_PASSWORD)
                .env("CLEVERKIT_MFA_CODE", MFA_CODE),
        )
    };
    let week = created(&["weekly", "-e", "2w"]);
    assert_eq!(week["name"], "weekly");
    let ahead = seconds_ahead(&week["expirationDate"]);
    assert!(
        (14 * 86_400 - 300..=14 * 86_400).contains(&ahead),
        "{ahead}"
    );
    let in_30_days = std::time::SystemTime::now() + Duration::from_secs(30 * 86_400);
    let day = cleverkit::dates::format_rfc3339(in_30_days)[..10].to_owned();
    let dated = created(&["dated", "--expiration", &day]);
    assert_eq!(dated["expirationDate"], format!("{day}T00:00:00Z"));
    let older = created(&["--name", "older", "--expires-in", "10"]);
    let ahead = seconds_ahead(&older["expirationDate"]);
    assert!(
        (10 * 86_400 - 300..=10 * 86_400).contains(&ahead),
        "{ahead}"
    );
    let listed = json_of(setup.api_token().args(["tokens", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 4, "{listed}");
    assert_eq!(
        json_of(setup.api_token().args(["tokens", "--json"])),
        listed
    );

    // Refused before any password is asked, with a sentence saying why.
    for (args, words) in [
        (&["x", "-e", "2y"][..], "one year at most"),
        (&["x", "-e", "soon"], "neither a duration"),
        (&["x", "-e", "2020-01-01"], "not in the future"),
        (&["x", "--name", "y"], "cannot be used with"),
        (&[], "NAME"),
        (
            &["x", "-e", "1h", "--expires-in", "3"],
            "cannot be used with",
        ),
    ] {
        setup
            .api_token()
            .args(["tokens", "create"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(words));
    }
    setup
        .api_token()
        .args(["tokens", "-F", "yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("human, json"));
    setup
        .user()
        .args(["features", "enable", "kv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no feature \"kv\""));
}

#[test]
fn tokens_create_refuses_bad_input_and_bad_passwords() {
    let setup = Setup::new();
    setup
        .user()
        .args(["tokens", "create", "--name", "x", "--expires-in", "400"])
        .assert()
        .code(2);
    setup
        .user()
        .args(["tokens", "create", "--name", "x"])
        .env("CLEVERKIT_PASSWORD", "wrong")
        .assert()
        .code(111)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "cleverkit: HTTP 401 Unauthorized: invalid email or password",
        ));
    // --email skips GET /v2/self; the user's OAuth credentials work on the bridge too.
    setup
        .user()
        .args(["tokens", "create", "--name", "x", "--email", USER_EMAIL])
        .env("CLEVERKIT_PASSWORD", USER_PASSWORD)
        .env("CLEVERKIT_MFA_CODE", "000000")
        .assert()
        .code(111)
        .stderr(predicate::str::contains("MFA"));
}

#[test]
fn sign_matches_the_oauth_core_example() {
    // OAuth Core 1.0, appendix A.5.
    let signed = json_of(Command::new(BIN).args([
        "sign",
        "--method",
        "GET",
        "--url",
        "http://photos.example.net/photos?file=vacation.jpg&size=original",
        "--consumer-key",
        "dpf43f3p2l4k3l03",
        "--consumer-secret",
        "kd94hf93k423kf44",
        "--token",
        "nnch734d00sl2jdk",
        "--token-secret",
        "pfkkdhi9sl3r4s00",
        "--signature-method",
        "HMAC-SHA1",
        "--nonce",
        "kllo9940pd9333jh",
        "--timestamp",
        "1191242096",
        "--json",
    ]));
    assert_eq!(signed["signature"], "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    assert!(
        signed["authorization"]
            .as_str()
            .unwrap()
            .contains(r#"oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D""#)
    );
}

#[test]
fn sign_refuses_bad_input_with_status_2() {
    let base = [
        "sign",
        "--url",
        "https://api.clever-cloud.com/v2/self",
        "--consumer-key",
        "k",
        "--consumer-secret",
        "s",
    ];
    Command::new(BIN)
        .args(base)
        .args(["--signature-method", "MD5"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("cleverkit: "));
    Command::new(BIN)
        .args(base)
        .args(["--oauth-param", "no-equals-sign"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("NAME=VALUE"));
    // A usage error, from clap.
    Command::new(BIN)
        .args(["sign", "--url", "x"])
        .assert()
        .code(2);
}

#[test]
fn login_without_a_browser_saves_the_profile() {
    let setup = Setup::new();
    let config = setup.config_file();
    std::fs::write(
        &config,
        r#"{"profiles":[{"alias":"other","token":"other-token","secret":"other-secret"}]}"#,
    )
    .unwrap();
    let mut child = std::process::Command::new(BIN);
    for name in INHERITED {
        child.env_remove(name);
    }
    let mut child = child
        .env("HOME", setup.home.path())
        .env("CONFIGURATION_FILE", &config)
        .args(["--api-host", &setup.standin.api_url()])
        .args(["login", "--no-browser", "--save", "--profile", "work"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let url = loop {
        let mut line = String::new();
        assert_ne!(stderr.read_line(&mut line).unwrap(), 0, "no URL printed");
        if line.contains("/v2/oauth/authorize") {
            break line.trim().to_owned();
        }
    };
    // The user's browser: the stand-in approves and redirects to the loopback listener.
    let agent: ureq::Agent = ureq::Agent::config_builder().proxy(None).build().into();
    let page = agent
        .get(&url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(page.contains("logged in"), "{page}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}{rest}");
    assert!(
        stdout.starts_with(&format!(
            "Logged in as Ada Lovelace <{USER_EMAIL}> ({USER_ID})\n"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("Saved profile \"work\""));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&config).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    let profiles = saved["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 2);
    assert_eq!(profiles[0]["alias"], "work");
    assert_eq!(profiles[0]["email"], USER_EMAIL);
    assert!(
        profiles[0]["token"]
            .as_str()
            .is_some_and(|token| !token.is_empty())
    );
    assert!(
        profiles[0]["secret"]
            .as_str()
            .is_some_and(|secret| !secret.is_empty())
    );
    assert_eq!(profiles[1]["alias"], "other");
    assert_eq!(profiles[1]["token"], "other-token");

    // The saved profile works.
    setup
        .bare()
        .args(["--profile", "work", "self"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Ada Lovelace"));
}

#[test]
fn demo_runs_every_step() {
    Command::new(BIN)
        .arg("demo")
        .timeout(Duration::from_secs(120))
        .assert()
        .success()
        .stdout(predicate::str::contains("10. GET /api-tokens again"))
        .stdout(predicate::str::contains("bytes to"))
        .stdout(predicate::str::contains("went WIP → OK."))
        .stdout(predicate::str::contains("14. DELETE"))
        .stdout(predicate::str::contains("Done"));
}

#[test]
fn verbose_logs_requests_and_never_a_secret() {
    let setup = Setup::new();
    let secrets = [USER_TOKEN_SECRET, CONSUMER_SECRET, API_TOKEN];
    let runs = [
        setup.user().args(["-v", "self"]).assert().success(),
        setup
            .api_token()
            .args(["tokens", "list", "--verbose"])
            .assert()
            .success(),
        setup
            .user()
            .args(["-v", "curl", "/v2/nope"])
            .assert()
            .success(),
        Command::new(BIN).args(["-v", "demo"]).assert().success(),
    ];
    for run in &runs {
        let output = run.get_output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        for secret in secrets {
            assert!(
                !stderr.contains(secret) && !stdout.contains(secret),
                "{secret} printed"
            );
        }
    }
    let stderr = String::from_utf8_lossy(&runs[0].get_output().stderr).into_owned();
    let line = format!("GET {}/v2/self → 200 in ", setup.standin.api_url());
    assert!(stderr.contains(&line), "{stderr}");
    assert!(stderr.contains(" ms"));
    let stderr = String::from_utf8_lossy(&runs[1].get_output().stderr).into_owned();
    assert!(stderr.contains(&format!(
        "GET {}/api-tokens → 200",
        setup.standin.bridge_url()
    )));
    let stderr = String::from_utf8_lossy(&runs[2].get_output().stderr).into_owned();
    assert!(stderr.contains("/v2/nope → 404"), "{stderr}");
    // Without -v, nothing but the output.
    setup.user().arg("self").assert().success().stderr("");
}

#[test]
fn missing_credentials_exit_110_with_a_clear_message() {
    let setup = Setup::new();
    for command in [&["self"][..], &["tokens", "list"], &["curl", "/v2/self"]] {
        setup
            .bare()
            .args(command)
            .assert()
            .code(110)
            .stderr(predicate::str::starts_with(
                "cleverkit: configuration error: no credentials",
            ))
            .stderr(predicate::str::contains("CLEVER_API_TOKEN"));
    }
    setup
        .bare()
        .env("CLEVER_TOKEN", USER_TOKEN)
        .arg("self")
        .assert()
        .code(110)
        .stderr(predicate::str::contains("CLEVER_SECRET"));
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let commands: [&[&str]; 15] = [
        &[],
        &["curl"],
        &["login"],
        &["self"],
        &["summary"],
        &["zones"],
        &["applications"],
        &["invoice"],
        &["tokens"],
        &["tokens", "list"],
        &["tokens", "create"],
        &["tokens", "update"],
        &["tokens", "revoke"],
        &["features"],
        &["demo"],
    ];
    for command in commands {
        Command::new(BIN)
            .args(command)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:\n  cleverkit"));
    }
    Command::new(BIN)
        .args(["sign", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

/// `cleverkit curl ARGS` against the stand-in's echo path, parsed.
fn echo(setup: &Setup, args: &[&str]) -> serde_json::Value {
    json_of(setup.user().arg("curl").args(args))
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn curl_short_flags_combine_as_in_curl() {
    let setup = Setup::new();
    setup
        .user()
        .args(["curl", "-sSfo", "me.json", "/v2/self"])
        .assert()
        .success()
        .stdout("");
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(setup.home.path().join("me.json")).unwrap()).unwrap();
    assert_eq!(saved["id"], USER_ID);
    let user = json_of(setup.user().args(["curl", "-fsSL", "-o", "-", "/v2/self"]));
    assert_eq!(user["email"], USER_EMAIL);
    std::fs::write(setup.home.path().join("form.txt"), "a=1\n&b=2\r\n").unwrap();
    let echoed = echo(&setup, &["-XPUT", "-d@form.txt", "/__standin/echo"]);
    assert_eq!(echoed["method"], "PUT");
    assert_eq!(echoed["body"], "a=1&b=2", "-d @FILE drops line breaks");
}

#[test]
fn curl_silent_hides_errors_and_show_error_brings_them_back() {
    let setup = Setup::new();
    setup
        .user()
        .args(["curl", "-sf", "/v2/nope"])
        .assert()
        .code(22)
        .stdout("")
        .stderr("");
    setup
        .user()
        .args(["curl", "-sSf", "/v2/nope"])
        .assert()
        .code(22)
        .stderr(predicate::str::starts_with(
            "cleverkit: HTTP 404 Not Found: ",
        ));
}

/// curl -s still prints option errors: refusals and configuration errors are not transfer
/// errors, and a script's author must see them.
#[test]
fn curl_silent_still_prints_refusals_and_configuration_errors() {
    let setup = Setup::new();
    setup
        .user()
        .args(["curl", "-s", "-k", "/v2/self"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--cacert FILE"));
    setup
        .user()
        .args(["curl", "-sf", "-H", "Authorization: Bearer x", "/v2/self"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("signs every request"));
    setup
        .bare()
        .args(["curl", "-s", "/v2/self"])
        .assert()
        .code(110)
        .stderr(predicate::str::starts_with(
            "cleverkit: configuration error: no credentials",
        ));
    setup
        .user()
        .args(["curl", "-s", "-m", "99999999999", "/v2/self"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("timeout"));
    // A transfer error stays silent, as with curl.
    setup
        .user()
        .args(["curl", "-s", "v2/self"])
        .assert()
        .code(3)
        .stderr("");
}

#[test]
fn curl_writes_the_body_to_a_file_and_write_out_to_stdout() {
    let setup = Setup::new();
    let format = "%{http_code} %{size_download} %{content_type} %{url_effective} %{time_total}\\n";
    let stdout = stdout_of(setup.user().args([
        "curl",
        "-o",
        "zones.json",
        "-w",
        format,
        "/v4/products/zones",
    ]));
    let body = std::fs::read(setup.home.path().join("zones.json")).unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
    let fields: Vec<&str> = stdout.trim_end_matches('\n').split(' ').collect();
    assert_eq!(
        fields[..4],
        [
            "200",
            &body.len().to_string(),
            "application/json",
            &format!("{}/v4/products/zones", setup.standin.api_url()),
        ]
    );
    assert!(fields[4].parse::<f64>().unwrap() > 0.0, "{stdout}");
    assert!(stdout.ends_with('\n'));
    // The body of an error status goes to the file too, unless -f.
    setup
        .user()
        .args(["curl", "-s", "-o", "nope.json", "/v2/nope"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(setup.home.path().join("nope.json"))
            .unwrap()
            .contains("4004")
    );
    setup
        .user()
        .args(["curl", "-sf", "-o", "none.json", "/v2/nope"])
        .assert()
        .code(22);
    assert!(
        !setup.home.path().join("none.json").exists(),
        "curl -f creates no file"
    );
    setup
        .user()
        .args(["curl", "-o", "missing/dir/x.json", "/v2/self"])
        .assert()
        .code(23)
        .stderr(predicate::str::contains("cannot write missing/dir/x.json"));
}

#[test]
fn curl_head_and_include_print_a_real_status_line() {
    let setup = Setup::new();
    let head = stdout_of(setup.user().args(["curl", "-I", "/__standin/echo/201"]));
    assert!(
        head.starts_with("HTTP/1.1 201 Created\r\nSozu-Id: "),
        "{head}"
    );
    assert!(head.ends_with("Content-Length: 0\r\n\r\n"), "{head}");
    let included = stdout_of(setup.user().args(["curl", "-i", "/v2/nope"]));
    let (head, body) = included.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
    assert!(body.starts_with("{\"id\":4004"), "{body}");
    // With -f, curl still shows the head, not the body.
    let failed = setup
        .user()
        .args(["curl", "-f", "-i", "/v2/nope"])
        .assert()
        .code(22);
    let stdout = String::from_utf8_lossy(&failed.get_output().stdout).into_owned();
    assert!(stdout.starts_with("HTTP/1.1 404 Not Found\r\n") && stdout.ends_with("\r\n\r\n"));
}

#[test]
fn curl_follows_other_hosts_redirects_only_with_location() {
    let setup = Setup::new();
    let elsewhere = format!("{}/elsewhere", setup.standin.foreign_url());
    let redirect = || {
        Fault::new(FaultAction::Redirect {
            status: 302,
            location: elsewhere.clone(),
        })
        .on_path("/v2/self")
    };
    setup.standin.inject(redirect());
    let head = stdout_of(setup.user().args(["curl", "-i", "/v2/self"]));
    assert!(head.starts_with("HTTP/1.1 302 Found\r\n"), "{head}");
    assert!(
        head.contains(&format!("\r\nLocation: {elsewhere}\r\n")),
        "{head}"
    );
    setup.standin.inject(redirect());
    let followed = json_of(setup.user().args(["curl", "-L", "/v2/self"]));
    assert_eq!(followed["foreign"], true);
    let foreign = setup.standin.requests().pop().unwrap();
    assert_eq!(foreign.listener, Listener::Foreign);
    assert_eq!(
        foreign.header("authorization"),
        None,
        "no credentials elsewhere"
    );
}

#[test]
fn curl_get_puts_the_data_in_the_query() {
    let setup = Setup::new();
    let echoed = echo(
        &setup,
        &[
            "-G",
            "-d",
            "a=1",
            "--data-urlencode",
            "q=a b&c",
            "/__standin/echo?x=y",
        ],
    );
    assert_eq!(echoed["method"], "GET");
    assert_eq!(echoed["target"], "/__standin/echo?x=y&a=1&q=a+b%26c");
    assert_eq!(echoed["body"], "");
}

#[test]
fn curl_data_flags_join_in_order_and_read_files_as_curl_does() {
    let setup = Setup::new();
    std::fs::write(setup.home.path().join("line.txt"), "x y\n").unwrap();
    let echoed = json_of(
        setup
            .user()
            .args([
                "curl",
                "--data-raw",
                "@raw",
                "--data-binary",
                "@line.txt",
                "-d",
                "@-",
            ])
            .args([
                "--data-urlencode",
                "name@line.txt",
                "--data-urlencode",
                "=é",
                "/__standin/echo",
            ])
            .write_stdin("from\nstdin"),
    );
    assert_eq!(echoed["method"], "POST");
    assert_eq!(echoed["contentType"], "application/x-www-form-urlencoded");
    assert_eq!(echoed["body"], "@raw&x y\n&fromstdin&name=x+y%0A&%C3%A9");
    let json = echo(
        &setup,
        &["--json", "{\"a\":", "--json", "1}", "/__standin/echo"],
    );
    assert_eq!(
        (json["body"].as_str(), json["contentType"].as_str()),
        (Some("{\"a\":1}"), Some("application/json"))
    );
    setup
        .user()
        .args(["curl", "-d", "@missing.txt", "/v2/self"])
        .assert()
        .code(26)
        .stderr(predicate::str::contains("cannot read @missing.txt"));
}

#[test]
fn curl_binary_bodies_are_untouched() {
    let setup = Setup::new();
    let bytes: Vec<u8> = (0..=255).rev().collect();
    std::fs::write(setup.home.path().join("bytes.bin"), &bytes).unwrap();
    let output = setup
        .user()
        .args([
            "curl",
            "--data-binary",
            "@bytes.bin",
            "-H",
            "Content-Type: application/octet-stream",
        ])
        .arg("/__standin/echo")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(output, bytes);
}

#[test]
fn curl_sends_repeated_headers_and_appends_the_user_agent() {
    let setup = Setup::new();
    setup
        .user()
        .args([
            "curl",
            "-H",
            "X-One: 1",
            "-H",
            "X-Two: 2",
            "-X",
            "DELETE",
            "-A",
            "deploy.sh/2",
        ])
        .arg("/v2/self")
        .assert()
        .success();
    let request = setup.standin.requests().pop().unwrap();
    assert_eq!(request.method, "DELETE");
    assert_eq!(
        (request.header("x-one"), request.header("x-two")),
        (Some("1"), Some("2"))
    );
    let agent = request.header("user-agent").unwrap();
    assert!(
        agent.starts_with("cleverkit/") && agent.ends_with(" cli deploy.sh/2"),
        "{agent}"
    );
    setup
        .user()
        .args([
            "curl",
            "-H",
            "User-Agent: other/1",
            "/v2/self",
            "--compressed",
        ])
        .assert()
        .success();
    let agent = setup.standin.requests().pop().unwrap();
    assert!(
        agent
            .header("user-agent")
            .unwrap()
            .ends_with(" cli other/1")
    );
}

/// `curl -I` on an endpoint: the head GET gets, with its Content-Length, and no body.
#[test]
fn curl_head_on_an_endpoint_prints_get_s_head() {
    let setup = Setup::new();
    let body = stdout_of(setup.user().args(["curl", "/v2/self"]));
    let head = stdout_of(
        setup
            .user()
            .args(["curl", "-I", "-w", "%{size_download}", "/v2/self"]),
    );
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(
        head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())),
        "{head}"
    );
    assert!(head.ends_with("\r\n\r\n0"), "no body: {head}");
    let sent = setup.standin.requests().pop().unwrap();
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("HEAD", "/v2/self")
    );
}

#[test]
fn curl_refuses_trace_and_unknown_flags_without_a_misleading_tip() {
    let setup = Setup::new();
    for flag in ["--trace-ascii", "--trace"] {
        setup
            .user()
            .args(["curl", "-s", flag, "trace.txt", "/v2/self"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "the trace would hold the Authorization header",
            ))
            .stderr(predicate::str::contains("-v prints"));
    }
    let unknown = setup
        .user()
        .args(["curl", "-Z", "/v2/self"])
        .assert()
        .code(2);
    let stderr = stderr_of(&unknown);
    assert!(stderr.contains("'-Z'"), "{stderr}");
    assert!(!stderr.contains("as a value"), "{stderr}");
    assert!(stderr.contains("Supported curl flags:"), "{stderr}");
    setup
        .user()
        .args(["curl", "--url", "/v2/self", "/v2/summary"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    assert!(setup.standin.requests().is_empty(), "nothing sent");
    assert!(!setup.home.path().join("trace.txt").exists());
}

#[test]
fn curl_retry_delay_and_retry_max_time_bound_the_retries() {
    let setup = Setup::new();
    let unavailable = |times| {
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: Some("30".into()),
            body: None,
        })
        .on_path("/v2/self")
        .times(times)
    };
    let attempts = |setup: &Setup| {
        setup
            .standin
            .requests()
            .iter()
            .filter(|request| request.target == "/v2/self")
            .count()
    };
    // --retry-delay wins over Retry-After: 30 s.
    setup.standin.inject(unavailable(2));
    let started = std::time::Instant::now();
    let user =
        json_of(
            setup
                .user()
                .args(["curl", "--retry", "3", "--retry-delay", "0.5", "/v2/self"]),
        );
    assert_eq!(user["id"], USER_ID);
    let elapsed = started.elapsed();
    assert!(
        (Duration::from_millis(1000)..Duration::from_secs(10)).contains(&elapsed),
        "{elapsed:?}"
    );
    assert_eq!(attempts(&setup), 3);

    // Always 503: attempts at 0, 0.5 and 1 s, then none past 1.2 s.
    setup.standin.reset();
    setup.standin.inject(unavailable(0));
    let run = setup
        .user()
        .args(["curl", "-f", "--retry", "10", "--retry-delay", "0.5"])
        .args(["--retry-max-time", "1.2", "/v2/self"])
        .assert()
        .code(22);
    assert_eq!(attempts(&setup), 3);
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains("cleverkit: HTTP 503: retrying in 0.5 s, 10 retries left\n"),
        "{stderr}"
    );
}

#[test]
fn curl_refuses_insecure_authorization_and_unknown_flags() {
    let setup = Setup::new();
    let refused = setup
        .user()
        .args(["curl", "-k", "/v2/self"])
        .assert()
        .code(2);
    assert!(stderr_of(&refused).contains("--cacert FILE"));
    let refused = setup
        .user()
        .args(["curl", "-H", "authorization: Bearer x", "/v2/self"])
        .assert()
        .code(2);
    assert!(stderr_of(&refused).contains("signs every request"));
    let unknown = setup
        .user()
        .args(["curl", "--proxy-insecure", "/v2/self"])
        .assert()
        .code(2);
    let stderr = stderr_of(&unknown);
    assert!(stderr.contains("'--proxy-insecure'"), "{stderr}");
    assert!(
        stderr.contains("Supported curl flags: -s -S -o -D -w -i -I -f"),
        "{stderr}"
    );
    assert!(setup.standin.requests().is_empty(), "nothing sent");
}

#[test]
fn curl_times_out_and_retries_when_told() {
    let setup = Setup::new();
    setup.standin.inject(
        Fault::new(FaultAction::Delay {
            before_headers: Duration::from_secs(3),
        })
        .on_path("/v2/self"),
    );
    let started = std::time::Instant::now();
    setup
        .user()
        .args(["curl", "-m", "0.5", "--connect-timeout", "2", "/v2/self"])
        .assert()
        .code(28)
        .stderr(predicate::str::contains("timed out"));
    assert!(started.elapsed() < Duration::from_secs(3));
    let unavailable = || {
        Fault::new(FaultAction::Status {
            status: 503,
            retry_after: Some("0".into()),
            body: None,
        })
        .on_path("/v2/self")
        .times(2)
    };
    setup.standin.inject(unavailable());
    setup
        .user()
        .args(["curl", "-f", "/v2/self"])
        .assert()
        .code(22);
    setup.standin.reset();
    setup.standin.inject(unavailable());
    let user = json_of(setup.user().args(["curl", "--retry", "2", "/v2/self"]));
    assert_eq!(user["id"], USER_ID);
}

/// A self-signed CA certificate: only its parsing matters, the stand-in speaks plain HTTP.
const TEST_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBjzCCATWgAwIBAgIUGgsmbvttJ3TITr1TJFcH2Cek9ZIwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRY2xldmVya2l0IHRlc3QgQ0EwIBcNMjYxMjAxMjMyMjI0WhgP
MjEyNjExMDcyMzIyMjRaMBwxGjAYBgNVBAMMEWNsZXZlcmtpdCB0ZXN0IENBMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFGg+MavqDDYJysdpzmawUr1W8pTPGlSL
CFNyiWTfISX8eFLnZsJ5ud9lP9L6auoVRg8I/JnnLuwHwbxFCzOihKNTMFEwHQYD
VR0OBBYEFCEcIxAk13p1v6bzFPCw3FF9c2+QMB8GA1UdIwQYMBaAFCEcIxAk13p1
v6bzFPCw3FF9c2+QMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIg
ZuvhJGjJ5NM8IlviUdUkCf8z58dU2z7JqwAmRTYi2QECIQC+pHAp5WkWmDcSomwR
Rheuch0EVpd4t94mCoPmx1gU9A==
-----END CERTIFICATE-----
";

#[test]
fn curl_cacert_takes_a_pem_bundle() {
    let setup = Setup::new();
    std::fs::write(setup.home.path().join("ca.pem"), TEST_CA).unwrap();
    std::fs::write(setup.home.path().join("empty.pem"), "no certificate here\n").unwrap();
    let user = json_of(
        setup
            .user()
            .args(["curl", "--cacert", "ca.pem", "/v2/self"]),
    );
    assert_eq!(user["id"], USER_ID);
    for bundle in ["empty.pem", "missing.pem"] {
        setup
            .user()
            .args(["curl", "--cacert", bundle, "/v2/self"])
            .assert()
            .code(110)
            .stderr(predicate::str::contains("CA bundle"));
    }
}

#[test]
fn curl_exit_codes_tell_transport_failures_apart() {
    let setup = Setup::new();
    let api_port = setup
        .standin
        .api_url()
        .rsplit(':')
        .next()
        .unwrap()
        .to_owned();
    let on_host = |host: &str, args: &[&str]| {
        let mut command = setup.user();
        command.env("API_HOST", host).arg("curl").args(args);
        command
    };
    // A port nothing listens on: bound, then released.
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = format!("http://127.0.0.1:{closed_port}");
    let refused = on_host(&closed, &["-w", "%{http_code}", "/v2/self"])
        .assert()
        .code(7);
    assert_eq!(
        refused.get_output().stdout,
        b"000",
        "-w still printed, as curl does"
    );
    // Straight to the resolver: a proxy would answer for the name.
    let mut unresolved = on_host("https://host.invalid", &["/v2/self"]);
    for proxy in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        unresolved.env_remove(proxy);
    }
    unresolved.assert().code(6);
    // TLS spoken to a plain-HTTP port.
    on_host(&format!("https://127.0.0.1:{api_port}"), &["/v2/self"])
        .assert()
        .code(35);
    setup
        .standin
        .inject(Fault::new(FaultAction::ResetBeforeHeaders));
    setup.user().args(["curl", "/v2/self"]).assert().code(56);
    setup
        .user()
        .args(["curl", "v2/self"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("malformed URL"));
    setup
        .user()
        .args(["curl", "-m", "abc", "/v2/self"])
        .assert()
        .code(2);
}

#[test]
fn every_command_uses_the_same_exit_statuses() {
    let setup = Setup::new();
    setup
        .bare()
        .env("CLEVER_TOKEN", EXPIRED_USER_TOKEN)
        .env("CLEVER_SECRET", EXPIRED_USER_TOKEN_SECRET)
        .env("OAUTH_CONSUMER_KEY", CONSUMER_KEY)
        .env("OAUTH_CONSUMER_SECRET", CONSUMER_SECRET)
        .arg("self")
        .assert()
        .code(111)
        .stderr(predicate::str::starts_with(
            "cleverkit: HTTP 401 Unauthorized: token expired; log in again or check the credentials (API code 4001, request id ",
        ));
    setup.standin.inject(
        Fault::new(FaultAction::Status {
            status: 429,
            retry_after: Some("0".into()),
            body: None,
        })
        .on_path("/v4/products/zones")
        .times(0),
    );
    setup
        .user()
        .arg("zones")
        .assert()
        .code(112)
        .stderr(predicate::str::starts_with("cleverkit: rate limited"));
    setup.standin.reset();
    setup
        .standin
        .inject(Fault::new(FaultAction::MalformedJson).on_path("/v2/self"));
    setup.user().arg("self").assert().code(8);
    setup
        .standin
        .inject(Fault::new(FaultAction::ResetBeforeHeaders).times(0));
    setup.user().arg("summary").assert().code(56);
}

#[test]
fn every_command_that_prints_takes_json() {
    let setup = Setup::new();
    let invoice = json_of(
        setup
            .user()
            .args(["invoice", ORGANISATION_ID, "2048", "--json"]),
    );
    assert_eq!(
        (invoice["file"].as_str(), invoice["bytes"].as_u64()),
        (Some("2048.pdf"), Some(2048))
    );
    let created = json_of(
        setup
            .api_token()
            .args([
                "tokens",
                "create",
                "--name",
                "ci",
                "--expires-in",
                "10",
                "--json",
            ])
            .env("CLEVERKIT_PASSWORD", USER_PASSWORD)
            .env("CLEVERKIT_MFA_CODE", MFA_CODE),
    );
    let id = created["apiTokenId"].as_str().unwrap().to_owned();
    assert!(
        created["apiToken"]
            .as_str()
            .is_some_and(|token| !token.is_empty())
    );
    assert_eq!(created["name"], "ci");
    assert!(
        created["expirationDate"]
            .as_str()
            .is_some_and(|date| date.ends_with('Z'))
    );
    let updated = json_of(
        setup
            .api_token()
            .args(["tokens", "update", &id, "--name", "cd", "--json"]),
    );
    assert_eq!(
        (updated["apiTokenId"].as_str(), updated["name"].as_str()),
        (Some(id.as_str()), Some("cd"))
    );
    assert_eq!(updated["state"], "ACTIVE");
    let revoked = json_of(setup.api_token().args(["tokens", "revoke", &id, "--json"]));
    assert_eq!(
        revoked,
        serde_json::json!({"apiTokenId": id, "revoked": true})
    );
}

#[test]
fn help_separates_each_command_s_options_from_the_global_ones() {
    let help = stdout_of(Command::new(BIN).args(["curl", "--help"]));
    let (own, global) = help
        .split_once("Global options:")
        .expect("a Global options section");
    assert!(
        own.contains("-s, --silent") && own.contains("--data-urlencode <DATA>"),
        "{help}"
    );
    assert!(
        global.contains("--api-host <URL>") && !global.contains("--silent"),
        "{help}"
    );
    assert!(!own.contains("--api-host"));
    let top = stdout_of(Command::new(BIN).arg("--help"));
    assert!(top.contains("Exit statuses:\n    0  success"), "{top}");
    assert!(
        top.contains("\n  111  credentials refused, HTTP 401: log in again"),
        "{top}"
    );
}

#[test]
fn curl_verbose_prints_the_heads_and_never_a_secret() {
    let setup = Setup::new();
    let run = setup
        .user()
        .args([
            "curl",
            "-v",
            "-H",
            "X-Trace: 1",
            "-d",
            "a=1",
            "/__standin/echo/201",
        ])
        .assert()
        .success();
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains("> POST /__standin/echo/201\n> X-Trace: 1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("< HTTP/1.1 201 Created\n< Sozu-Id: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("< Content-Type: application/json\n"),
        "{stderr}"
    );
    for secret in [
        USER_TOKEN_SECRET,
        CONSUMER_SECRET,
        "oauth_signature",
        "Authorization",
    ] {
        assert!(!stderr.contains(secret), "{secret} in {stderr}");
    }
}

/// What a run of curl or `cleverkit curl` leaves behind, `Sozu-Id` values masked (each
/// response has its own).
#[derive(Debug, PartialEq)]
struct Trace {
    status: Option<i32>,
    stdout: String,
    stderr: String,
    /// Every file written in the run's folder, by name.
    files: Vec<(String, String)>,
}

fn trace(command: &mut Command, folder: &std::path::Path) -> Trace {
    let output = command
        .current_dir(folder)
        .output()
        .expect("the command runs");
    let mask = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .split('\n')
            .map(|line| match line.strip_prefix("Sozu-Id: ") {
                Some(id) => format!("Sozu-Id: …{}", if id.ends_with('\r') { "\r" } else { "" }),
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut files: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, mask(&std::fs::read(&path).unwrap()))
        })
        .collect();
    files.sort();
    Trace {
        status: output.status.code(),
        stdout: mask(&output.stdout),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        files,
    }
}

/// Debian's curl and `cleverkit curl`, given the same flags on the stand-in's unauthenticated
/// echo path, print the same, write the same files and exit the same; only the credentials,
/// which curl has none of here and which the echo ignores, differ.
#[test]
fn curl_and_cleverkit_curl_agree() {
    let curl = std::env::var("CURL").unwrap_or_else(|_| "curl".into());
    let version = std::process::Command::new(&curl).arg("--version").output();
    assert!(
        version.is_ok_and(|output| output.status.success()),
        "this test compares with curl: install it (scripts/install-deps.sh does, on Debian)"
    );
    let setup = Setup::new();
    let echo = format!("{}/__standin/echo", setup.standin.api_url());
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = format!("http://127.0.0.1:{closed_port}/x");
    let redirected = format!("{}/v2/redirected", setup.standin.api_url());
    let cases: Vec<Vec<String>> = [
        &["-s", "-i", "{echo}"][..],
        &["-s", "-i", "{echo}/404"],
        &["-s", "-w", "%{http_code}", "{echo}/404"],
        &["-sf", "-w", "%{http_code}\\n", "-o", "-", "{echo}/502"],
        &[
            "-s",
            "-w",
            "%{http_code} %{content_type} %{size_download}\\n",
            "-o",
            "out.json",
            "{echo}/201",
        ],
        &["-s", "-o", "out.json", "{echo}/500"],
        &["-s", "-f", "{echo}/404"],
        &["-s", "-f", "-o", "out.json", "{echo}/403"],
        &["-s", "-f", "-i", "{echo}/404"],
        &["-sSf", "{echo}/200"],
        &["-s", "--fail-with-body", "{echo}/400"],
        &["-s", "-I", "{echo}"],
        &["-s", "-I", "-o", "head.txt", "{echo}/204"],
        &[
            "-s",
            "-G",
            "--data-urlencode",
            "q=a b&c",
            "-d",
            "x=1",
            "{echo}?page=2",
        ],
        &[
            "-s",
            "-d",
            "a=1",
            "--data-urlencode",
            "b=c d",
            "--data-raw",
            "@e",
            "{echo}/201",
        ],
        &["-s", "-X", "PUT", "--json", "{\"a\":1}", "{echo}"],
        &["-s", "-w", "%{http_code}", "{closed}"],
        &["-s", "-i", "{redirected}"],
        &["-s", "-L", "{redirected}"],
        // -D, --url, and -w's other variables.
        &["-s", "-D", "head.txt", "-o", "out.json", "{echo}/201"],
        &["-s", "-D", "-", "{echo}/404"],
        &["-s", "-i", "-D", "-", "{echo}/201"],
        &["-s", "-I", "-D", "-", "{echo}/204"],
        &["-s", "-f", "-D", "head.txt", "{echo}/404"],
        &["-s", "--url", "{echo}/201"],
        &[
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version} %{remote_ip} %{remote_port} %{size_download} %{url_effective} \
             %{url} %{method} %{scheme} %{size_header} %{num_headers} %{exitcode} \
             %header{content-type} %{filename_effective}|%{redirect_url}\\n",
            "{echo}/201?a=b",
        ],
        &[
            "-s",
            "-d",
            "a=1",
            "-o",
            "out.json",
            "-w",
            "%{size_upload} %{method} %{filename_effective}",
            "{echo}",
        ],
        &["-sf", "-w", "%{exitcode} %{http_code}", "{echo}/500"],
        &[
            "-s",
            "-w",
            "%{http_version} %{remote_ip}|%{remote_port} %{exitcode} %{scheme}|%{method}",
            "{closed}",
        ],
        &["-s", "-w", "%{redirect_url} %{http_code}", "{redirected}"],
    ]
    .iter()
    .map(|case| {
        case.iter()
            .map(|arg| {
                arg.replace("{echo}", &echo)
                    .replace("{closed}", &closed)
                    .replace("{redirected}", &redirected)
            })
            .collect()
    })
    .collect();
    // Faults come before authentication: curl, without credentials, gets the redirect too.
    let redirect_elsewhere = || {
        setup.standin.inject(
            Fault::new(FaultAction::Redirect {
                status: 302,
                location: format!("{}/elsewhere", setup.standin.foreign_url()),
            })
            .on_path("/v2/redirected"),
        );
    };
    for args in &cases {
        let url = args.last().unwrap();
        let origin = url[..url[8..].find('/').map_or(url.len(), |at| at + 8)].to_owned();
        let (curl_folder, cleverkit_folder) = (TempDir::new().unwrap(), TempDir::new().unwrap());
        let mut real = Command::new(&curl);
        for proxy in [
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
        ] {
            real.env_remove(proxy);
        }
        // -q first: no ~/.curlrc.
        real.env("HOME", curl_folder.path()).arg("-q").args(args);
        if url == &redirected {
            redirect_elsewhere();
        }
        let expected = trace(&mut real, curl_folder.path());
        let mut ours = setup.user();
        ours.env("API_HOST", &origin).arg("curl").args(args);
        if url == &redirected {
            redirect_elsewhere();
        }
        let actual = trace(&mut ours, cleverkit_folder.path());
        assert_eq!(actual, expected, "curl {}", args.join(" "));
    }
}

/// Every flag that feeds a client option, given something unusable: the exit status of its
/// kind and a message naming the option, never a panic (101).
#[test]
fn unusable_option_flags_are_refused_before_any_request() {
    let setup = Setup::new();
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["--api-host", "https://api.example.com/prefix", "self"],
            110,
            "has a path",
        ),
        (
            &[
                "--bridge-host",
                "ftp://bridge.example.com",
                "tokens",
                "list",
            ],
            110,
            "bridge host",
        ),
        (
            &["--api-host", "http://api.example.com", "self"],
            110,
            "plain http",
        ),
        (&["--timeout", "99999999999", "self"], 2, "timeout"),
        (
            &["curl", "--cacert", "/nonexistent/ca.pem", "/v2/self"],
            110,
            "CA bundle",
        ),
        (&["curl", "-m", "99999999999", "/v2/self"], 2, "timeout"),
    ];
    for (args, code, words) in cases {
        setup
            .user()
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(words));
    }
    assert!(setup.standin.requests().is_empty());
}

/// A profile asked for by name is used or is an error naming it, even when the environment
/// holds credentials.
#[test]
fn an_explicit_profile_wins_over_the_environment_credentials() {
    let setup = Setup::new();
    setup
        .user()
        .args(["--profile", "nope", "self"])
        .assert()
        .code(110)
        .stderr(predicate::str::contains("\"nope\""));
    assert!(setup.standin.requests().is_empty());
}
