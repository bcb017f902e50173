//! `cleverkit apps`, `env`, `domains`, `deployments` and `addons` end to end: one application's
//! life through the binary, against a stand-in started by each test.

use std::time::Duration;

use assert_cmd::Command;
use cleverkit_standin::{
    CONSUMER_KEY, CONSUMER_SECRET, ORGANISATION_ID, StandIn, USER_TOKEN, USER_TOKEN_SECRET,
};
use predicates::prelude::*;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_cleverkit");

/// Everything that could bring in the developer's own credentials or hosts.
const INHERITED: [&str; 10] = [
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
];

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

    /// `cleverkit ARGS` as the stand-in's user, in a private home.
    fn run(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        for name in INHERITED {
            command.env_remove(name);
        }
        command
            .env("HOME", self.home.path())
            .env("CONFIGURATION_FILE", self.home.path().join("none.json"))
            .env("API_HOST", self.standin.api_url())
            .env("AUTH_BRIDGE_HOST", self.standin.bridge_url())
            .env("CLEVER_TOKEN", USER_TOKEN)
            .env("CLEVER_SECRET", USER_TOKEN_SECRET)
            .env("OAUTH_CONSUMER_KEY", CONSUMER_KEY)
            .env("OAUTH_CONSUMER_SECRET", CONSUMER_SECRET)
            .current_dir(self.home.path())
            .timeout(Duration::from_secs(60))
            .args(args);
        command
    }

    fn stdout(&self, args: &[&str]) -> String {
        let output = self
            .run(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(output).expect("UTF-8 output")
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.stdout(args)).expect("JSON output")
    }
}

/// `--app APP --org ORG` after `args`.
fn on<'a>(args: &[&'a str], app: &'a str) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--app", app, "--org", ORGANISATION_ID]);
    all
}

#[test]
fn one_application_from_creation_to_deletion() {
    let setup = Setup::new();
    let created = setup.json(&[
        "apps",
        "create",
        "shop",
        "--type",
        "node",
        "--max-instances",
        "2",
        "--org",
        ORGANISATION_ID,
        "--json",
    ]);
    let app = created["id"].as_str().unwrap().to_owned();
    let app = app.as_str();
    // The API's JSON as it came: fields the core's models do not read are there.
    assert_eq!(created["instance"]["lifetime"], "REGULAR");
    assert_eq!(created["instance"]["maxInstances"], 2);

    let listed = setup.stdout(&["apps", "list", "--org", ORGANISATION_ID]);
    assert!(
        listed
            .lines()
            .any(|line| line.starts_with(app) && line.contains(" shop ")),
        "{listed}"
    );
    setup
        .run(&["apps", "show", app, "--org", ORGANISATION_ID])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^Name +shop$").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^Instances +1 to 2$").unwrap());

    // The environment: one variable, then a whole .env file, listed as .env again.
    setup.stdout(&on(&["env", "set", "PORT", "8080"], app));
    std::fs::write(
        setup.home.path().join("app.env"),
        "# production\nexport NODE_ENV=production\nGREETING=\"hello\\nworld\"\nDATABASE_URL='postgres://db/x?a=1#b'\n",
    )
    .unwrap();
    setup
        .run(&on(&["env", "replace", "app.env"], app))
        .assert()
        .success()
        .stdout(format!("Replaced the environment of {app}: 3 variables\n"));
    assert_eq!(
        setup.stdout(&on(&["env", "list"], app)),
        "DATABASE_URL=\"postgres://db/x?a=1#b\"\nGREETING=\"hello\\nworld\"\nNODE_ENV=production\n"
    );
    setup.stdout(&on(&["env", "rm", "GREETING"], app));
    let environment = setup.json(&on(&["env", "list", "--json"], app));
    let names: Vec<&str> = environment
        .as_array()
        .unwrap()
        .iter()
        .map(|variable| variable["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["DATABASE_URL", "NODE_ENV"]);

    // Domains and the primary one.
    setup.stdout(&on(&["domains", "add", "shop.example.com"], app));
    let primary = setup.json(&on(&["domains", "primary", "--json"], app));
    assert_eq!(primary, serde_json::json!({"fqdn": null}));
    setup.stdout(&on(&["domains", "primary", "shop.example.com"], app));
    setup
        .run(&on(&["domains", "list"], app))
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^shop\.example\.com +yes$").unwrap());
    let primary = setup.json(&on(&["domains", "primary", "--json"], app));
    assert_eq!(primary["fqdn"], "shop.example.com");
    setup.stdout(&on(&["domains", "rm", "shop.example.com"], app));
    let domains = setup.json(&on(&["domains", "list", "--json"], app));
    assert_eq!(domains.as_array().unwrap().len(), 1, "{domains}");

    // A redeploy names its deployment, which `deployments` lists; stop adds another.
    let commit = "4f2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";
    let redeploy = setup.json(&[
        "apps",
        "redeploy",
        app,
        "--commit",
        commit,
        "--org",
        ORGANISATION_ID,
        "--json",
    ]);
    let deployment = redeploy["deploymentId"].as_str().unwrap();
    let deployments = setup.json(&on(&["deployments", "--json"], app));
    assert_eq!(deployments[0]["uuid"], deployment);
    setup
        .run(&["apps", "stop", app, "--org", ORGANISATION_ID])
        .assert()
        .success()
        .stdout(format!("Stopped application {app}\n"));
    let newest = setup.stdout(&on(&["deployments", "--limit", "1"], app));
    let rows: Vec<&str> = newest.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{newest}");
    assert!(
        rows[0].contains(" UNDEPLOY ") && rows[0].contains(" 4f2c1d9e "),
        "{newest}"
    );
    let all = setup.stdout(&on(&["deployments"], app));
    assert_eq!(all.lines().count(), 3, "{all}");

    // Deleting asks for --yes; afterwards the application is a 404 (exit 22).
    setup
        .run(&["apps", "delete", app, "--org", ORGANISATION_ID])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    setup.stdout(&["apps", "delete", app, "--yes", "--org", ORGANISATION_ID]);
    setup
        .run(&["apps", "show", app, "--org", ORGANISATION_ID])
        .assert()
        .code(22)
        .stderr(predicate::str::contains("404").and(predicate::str::contains("4004")));
}

#[test]
fn the_owner_defaults_to_the_logged_in_user() {
    let setup = Setup::new();
    let mine = setup.stdout(&["apps", "list"]);
    assert!(mine.contains(" notes "), "{mine}");
    assert!(!mine.contains("engine-api"), "{mine}");
    setup
        .run(&["addons", "--org", ORGANISATION_ID])
        .assert()
        .success()
        .stdout(predicate::str::contains("postgresql-addon"));
    let addons = setup.json(&["addons", "--json"]);
    assert_eq!(addons, serde_json::json!([]));
}

#[test]
fn bad_input_exits_with_usage_or_cannot_read() {
    let setup = Setup::new();
    setup
        .run(&[
            "apps",
            "create",
            "x",
            "--type",
            "cobol",
            "--org",
            ORGANISATION_ID,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("docker, node, static"));
    let app = "app_00000000-0000-4000-8000-000000000012";
    setup
        .run(&on(&["env", "replace", "missing.env"], app))
        .assert()
        .code(26)
        .stderr(predicate::str::contains("missing.env"));
    std::fs::write(setup.home.path().join("bad.env"), "A=1\nnot a statement\n").unwrap();
    setup
        .run(&on(&["env", "replace", "bad.env"], app))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.env: line 2"));
    setup
        .run(&on(&["env", "set", "NOT VALID", "x"], app))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid input"));
    setup
        .run(&on(&["domains", "add", "favourite"], app))
        .assert()
        .code(2);
    // A domain already routed elsewhere: the API's 400 (exit 22).
    setup.stdout(&on(&["domains", "add", "taken.example.com"], app));
    let other = "app_00000000-0000-4000-8000-000000000013";
    setup
        .run(&on(&["domains", "add", "taken.example.com"], other))
        .assert()
        .code(22)
        .stderr(predicate::str::contains("already used"));
    // `env replace -` reads standard input.
    setup
        .run(&on(&["env", "replace", "-"], app))
        .write_stdin("ONLY=one\n")
        .assert()
        .success();
    assert_eq!(setup.stdout(&on(&["env", "list"], app)), "ONLY=one\n");
}

#[test]
fn each_domain_command_says_what_it_does() {
    let about = |command: &str| {
        let output = Command::new(BIN)
            .args(["domains", command, "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let help = String::from_utf8(output).unwrap();
        help.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(about("add"), "Route a domain to the application");
    assert_eq!(about("rm"), "Stop routing a domain to the application");
    Command::new(BIN)
        .args(["env", "set", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "The variable's name: letters, digits, '_', '-' and '.'\n",
        ));
}

const ENGINE_API: &str = "app_00000000-0000-4000-8000-000000000012";

/// As clever-tools: an id without its owner, or a unique name, is found in /v2/summary; with
/// neither, the application linked in .clever.json.
#[test]
fn an_application_is_found_without_its_owner() {
    let setup = Setup::new();
    for app in [ENGINE_API, "engine-api"] {
        setup
            .run(&["apps", "show", app])
            .assert()
            .success()
            .stdout(predicate::str::is_match(r"(?m)^Name +engine-api$").unwrap())
            .stdout(predicate::str::contains(ORGANISATION_ID));
    }
    let asked: Vec<String> = setup
        .standin
        .requests()
        .iter()
        .map(|request| request.target.clone())
        .collect();
    assert!(asked.contains(&"/v2/summary".to_owned()), "{asked:?}");
    setup
        .run(&["apps", "show", "nope"])
        .assert()
        .code(22)
        .stderr(predicate::str::contains("no application named \"nope\""));
    setup
        .run(&["apps", "show", "app_00000000-0000-4000-8000-000000000099"])
        .assert()
        .code(22)
        .stderr(predicate::str::contains("not found in any organisation"));
    // No application given and nothing linked: a sentence, not a request.
    setup
        .run(&["apps", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".clever.json"));

    // clever-tools' .clever.json, in a parent folder.
    let linked = serde_json::json!({"apps": [{
        "app_id": ENGINE_API,
        "org_id": ORGANISATION_ID,
        "deploy_url": "https://push-n3-par-clevercloud-customers.services.clever-cloud.com/app.git",
        "git_ssh_url": "git+ssh://git@push-n3-par-clevercloud-customers.services.clever-cloud.com/app.git",
        "name": "engine-api",
        "alias": "engine-api",
    }]});
    std::fs::write(setup.home.path().join(".clever.json"), linked.to_string()).unwrap();
    let nested = setup.home.path().join("src");
    std::fs::create_dir(&nested).unwrap();
    setup.standin.reset();
    setup
        .run(&["apps", "status"])
        .current_dir(&nested)
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^Application +engine-api \(app_").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^State +SHOULD_BE_UP$").unwrap());
    assert!(
        setup
            .standin
            .requests()
            .iter()
            .all(|request| request.target != "/v2/summary"),
        "the linked owner is used as it is"
    );
    // Two linked applications and no default: which one?
    let two = serde_json::json!({"apps": [
        {"app_id": ENGINE_API, "org_id": ORGANISATION_ID, "alias": "api"},
        {"app_id": "app_00000000-0000-4000-8000-000000000013", "org_id": ORGANISATION_ID, "alias": "worker"},
    ]});
    std::fs::write(setup.home.path().join(".clever.json"), two.to_string()).unwrap();
    setup
        .run(&["apps", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "links 2 applications (api, worker)",
        ));
}

#[test]
fn applications_takes_the_owner_as_org() {
    let setup = Setup::new();
    let listed = setup.stdout(&["applications", "--org", ORGANISATION_ID]);
    assert!(
        listed.contains("engine-api") && !listed.contains("notes"),
        "{listed}"
    );
    let mine = setup.stdout(&["applications"]);
    assert!(
        mine.contains("notes") && !mine.contains("engine-api"),
        "{mine}"
    );
    // The positional form still works, hidden from the help.
    assert_eq!(setup.stdout(&["applications", ORGANISATION_ID]), listed);
    let help = String::from_utf8(
        Command::new(BIN)
            .args(["applications", "--help"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(
        help.contains("--org <OWNER_ID>") && !help.contains("ORG_ID"),
        "{help}"
    );
}

#[test]
fn apps_scale_update_restart_and_status() {
    let setup = Setup::new();
    setup
        .run(&[
            "apps",
            "scale",
            "engine-api",
            "--flavor",
            "S",
            "--instances",
            "2",
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^Flavors +S$").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^Instances +2$").unwrap());
    setup
        .run(&[
            "apps",
            "scale",
            ENGINE_API,
            "--min-instances",
            "1",
            "--max-instances",
            "4",
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^Instances +1 to 4$").unwrap());
    let updated = setup.json(&[
        "apps",
        "update",
        ENGINE_API,
        "--name",
        "engine-api-eu",
        "--force-https",
        "true",
        "--json",
    ]);
    assert_eq!(updated["name"], "engine-api-eu");
    assert_eq!(updated["instance"]["maxInstances"], 4);
    setup
        .run(&["apps", "scale", ENGINE_API])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to change"));
    setup
        .run(&[
            "apps",
            "scale",
            ENGINE_API,
            "--flavor",
            "S",
            "--max-flavor",
            "M",
        ])
        .assert()
        .code(2);

    // restart: the running commit again.
    setup
        .run(&["apps", "restart", ENGINE_API, "--org", ORGANISATION_ID])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "Restarting {ENGINE_API} on commit 01234567 (deployment "
        )));
    let newest = setup.json(&on(&["deployments", "--limit", "1", "--json"], ENGINE_API));
    assert_eq!(
        newest[0]["commit"],
        "0123456789abcdef0123456789abcdef01234567"
    );
    setup
        .run(&["apps", "status", ENGINE_API])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^Commit +0123456789abcdef").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^Last deployment +DEPLOY ").unwrap());
    let status = setup.json(&["apps", "status", ENGINE_API, "--json"]);
    assert_eq!(status["maxInstances"], 4);
    assert!(status["lastDeployment"]["id"].is_string(), "{status}");

    // A fresh application has nothing to restart: a sentence, not the API's bare 400.
    let created = setup.json(&[
        "apps",
        "create",
        "fresh",
        "--type",
        "node",
        "--org",
        ORGANISATION_ID,
        "--json",
    ]);
    let fresh = created["id"].as_str().unwrap();
    setup
        .run(&["apps", "restart", fresh, "--org", ORGANISATION_ID])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never been deployed"));
}

/// `apps redeploy --wait[=DURATION]`: exit 0 with a line per state when the deployment ends
/// OK, 113 when it fails, 28 when it outlasts the wait; JSON lines with --json.
#[test]
fn redeploy_waits_for_the_deployment_and_exits_per_outcome() {
    let setup = Setup::new();
    let app = "app_00000000-0000-4000-8000-000000000012";
    let org = ["--org", ORGANISATION_ID];
    let redeploy = |extra: &[&str]| {
        let mut args = vec!["apps", "redeploy", app, "--wait"];
        args.extend_from_slice(&org);
        args.extend_from_slice(extra);
        setup.run(&args).assert()
    };

    redeploy(&[])
        .success()
        .stdout(predicate::str::starts_with(format!(
            "Deployed {app} (deployment "
        )))
        .stderr(predicate::str::contains(": WIP\n").and(predicate::str::contains(": OK\n")));

    let output = redeploy(&["--json"]).success().get_output().stdout.clone();
    let states: Vec<String> = String::from_utf8(output)
        .unwrap()
        .lines()
        .map(|line| {
            let line: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(line["application"], app);
            line["state"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(states, ["WIP", "OK"]);

    let failing = format!(
        "{}0123456789abcdef0123456789abcdef0123",
        cleverkit_standin::FAILING_COMMIT_PREFIX
    );
    redeploy(&["--commit", &failing])
        .code(113)
        .stderr(predicate::str::contains("failed (FAIL)"));
    let mut args = vec!["apps", "redeploy", app, "--wait=0s"];
    args.extend_from_slice(&org);
    setup
        .run(&args)
        .assert()
        .code(28)
        .stderr(predicate::str::contains("still WIP"));
    setup
        .run(&["apps", "redeploy", app, "--wait=soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a duration"));
}
