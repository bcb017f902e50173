//! Loading credentials the way clever-tools does, from temporary files and variables, and
//! saving profiles.

use crate::common::load;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use cleverkit::client::{DEFAULT_API_HOST, DEFAULT_BRIDGE_HOST};
use cleverkit::config::{self, CLEVER_TOOLS_CONSUMER_KEY, LoadedCredentials, NewProfile};
use cleverkit::oauth1::Credentials;
use cleverkit::{Auth, ClientOptions, Error};

fn write(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("clever-tools.json");
    std::fs::write(&path, text).unwrap();
    path
}

fn oauth(loaded: &LoadedCredentials) -> &Credentials {
    match &loaded.auth {
        Auth::OAuth1(credentials) => credentials,
        other => panic!("{other:?}"),
    }
}

const CURRENT: &str = r#"{"version":1,"profiles":[
  {"alias":"work","token":"tok-work","secret":"sec-work","userId":"user_1","email":"a@b.c",
   "overrides":{"API_HOST":"https://api.work.example","OAUTH_CONSUMER_KEY":"ck-work","OAUTH_CONSUMER_SECRET":"cs-work"}},
  {"alias":"home","token":"tok-home","secret":"sec-home","expirationDate":"2999-01-01T00:00:00Z"}
]}"#;

#[test]
fn the_first_profile_is_active_and_its_overrides_apply() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CURRENT);
    let loaded = load(&[], Some(&path), None).unwrap();
    let credentials = oauth(&loaded);
    assert_eq!(credentials.token(), Some("tok-work"));
    assert_eq!(credentials.consumer_key(), "ck-work");
    assert_eq!(loaded.api_host(), "https://api.work.example");
    assert_eq!(loaded.bridge_host(), "https://api-bridge.clever-cloud.com");
    assert!(loaded.source.contains("work"));

    let home = load(&[], Some(&path), Some("home")).unwrap();
    assert_eq!(oauth(&home).token(), Some("tok-home"));
    assert_eq!(oauth(&home).consumer_key(), CLEVER_TOOLS_CONSUMER_KEY);
    assert!(oauth(&home).expires_at().is_some());

    let error = load(&[], Some(&path), Some("nobody")).unwrap_err();
    assert!(matches!(&error, Error::Config(message) if message.contains("nobody")));
}

#[test]
fn environment_wins_over_profile_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CURRENT);
    let vars = [
        ("API_HOST", "https://api.env.example"),
        ("AUTH_BRIDGE_HOST", "https://bridge.env.example"),
        ("OAUTH_CONSUMER_KEY", "ck-env"),
        ("OAUTH_CONSUMER_SECRET", "cs-env"),
    ];
    let loaded = load(&vars, Some(&path), None).unwrap();
    assert_eq!(loaded.api_host(), "https://api.env.example");
    assert_eq!(loaded.bridge_host(), "https://bridge.env.example");
    assert_eq!(oauth(&loaded).consumer_key(), "ck-env");
    assert_eq!(oauth(&loaded).token(), Some("tok-work"));
}

#[test]
fn variables_win_over_the_usual_file_but_not_over_an_explicit_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CURRENT);
    let usual = path.to_str().unwrap();
    let loaded = load(
        &[
            ("CLEVER_TOKEN", "tok-env"),
            ("CLEVER_SECRET", "sec-env"),
            ("CONFIGURATION_FILE", usual),
        ],
        None,
        None,
    )
    .unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-env"));
    assert_eq!(oauth(&loaded).consumer_key(), CLEVER_TOOLS_CONSUMER_KEY);

    let loaded = load(
        &[
            ("CLEVER_API_TOKEN", "api-tok"),
            ("CONFIGURATION_FILE", usual),
        ],
        None,
        None,
    )
    .unwrap();
    assert!(matches!(&loaded.auth, Auth::ApiToken(token) if token.expose() == "api-tok"));

    let error = load(&[("CLEVER_TOKEN", "t")], None, None).unwrap_err();
    assert!(matches!(error, Error::Config(_)));

    // Asked for by name, the file (or the profile) is used, or it is an error naming it.
    let vars = [("CLEVER_TOKEN", "tok-env"), ("CLEVER_SECRET", "sec-env")];
    let loaded = load(&vars, Some(&path), None).unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-work"));
    let with_usual = [vars[0], vars[1], ("CONFIGURATION_FILE", usual)];
    let loaded = load(&with_usual, None, Some("home")).unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-home"));
    let error = load(&with_usual, None, Some("nope")).unwrap_err();
    assert!(matches!(&error, Error::Config(message) if message.contains("\"nope\"")));
    let missing = dir.path().join("nonexistent.json");
    let error = load(&vars, Some(&missing), None).unwrap_err();
    assert!(matches!(&error, Error::Config(message) if message.contains("nonexistent.json")));
}

/// Environment variables, as the tests pass them.
type Vars<'a> = &'a [(&'a str, &'a str)];

/// defaults < profile overrides < environment < explicit options, for every setting.
#[test]
fn settings_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let profile = |overrides: &str| {
        let text = format!(
            r#"{{"profiles":[{{"alias":"p","token":"t","secret":"s","overrides":{{{overrides}}}}}]}}"#
        );
        write(dir.path(), &text)
    };
    let profile_hosts =
        r#""API_HOST":"https://api.profile","AUTH_BRIDGE_HOST":"https://bridge.profile""#;
    let env_hosts = [
        ("API_HOST", "https://api.env"),
        ("AUTH_BRIDGE_HOST", "https://bridge.env"),
    ];
    let explicit = ClientOptions {
        api_host: Some(DEFAULT_API_HOST.into()),
        bridge_host: Some("https://bridge.explicit".into()),
        ..ClientOptions::default()
    };
    // (profile overrides, environment, explicit, expected api host, expected bridge host)
    let cases: [(&str, Vars, bool, &str, &str); 6] = [
        ("", &[], false, DEFAULT_API_HOST, DEFAULT_BRIDGE_HOST),
        (
            profile_hosts,
            &[],
            false,
            "https://api.profile",
            "https://bridge.profile",
        ),
        (
            "",
            &env_hosts,
            false,
            "https://api.env",
            "https://bridge.env",
        ),
        (
            profile_hosts,
            &env_hosts,
            false,
            "https://api.env",
            "https://bridge.env",
        ),
        // An explicit host wins even when it equals the default.
        (
            profile_hosts,
            &env_hosts,
            true,
            DEFAULT_API_HOST,
            "https://bridge.explicit",
        ),
        (
            profile_hosts,
            &[],
            true,
            DEFAULT_API_HOST,
            "https://bridge.explicit",
        ),
    ];
    for (overrides, vars, use_explicit, api, bridge) in cases {
        let path = profile(overrides);
        let loaded = load(vars, Some(&path), None).unwrap();
        let options = loaded.apply_to(if use_explicit {
            explicit.clone()
        } else {
            ClientOptions::default()
        });
        let case = format!("{overrides:?} {vars:?} {use_explicit}");
        assert_eq!(options.api_host.as_deref(), Some(api), "{case}");
        assert_eq!(options.bridge_host.as_deref(), Some(bridge), "{case}");
    }
    // The consumer: default < profile override < environment.
    let consumer = r#""OAUTH_CONSUMER_KEY":"ck-profile","OAUTH_CONSUMER_SECRET":"cs-profile""#;
    let env_consumer = [
        ("OAUTH_CONSUMER_KEY", "ck-env"),
        ("OAUTH_CONSUMER_SECRET", "cs-env"),
    ];
    let cases: [(&str, Vars, &str); 3] = [
        ("", &[], CLEVER_TOOLS_CONSUMER_KEY),
        (consumer, &[], "ck-profile"),
        (consumer, &env_consumer, "ck-env"),
    ];
    for (overrides, vars, key) in cases {
        let loaded = load(vars, Some(&profile(overrides)), None).unwrap();
        assert_eq!(oauth(&loaded).consumer_key(), key, "{overrides:?} {vars:?}");
    }
}

#[test]
fn the_legacy_format_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), r#"{"token":"tok-old","secret":"sec-old"}"#);
    let loaded = load(&[], Some(&path), None).unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-old"));
}

#[test]
fn saving_over_a_legacy_file_names_the_old_login_default_as_clever_tools_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), r#"{"token":"tok-old","secret":"sec-old"}"#);
    let credentials = Credentials::new("ck-new", "cs-new")
        .unwrap()
        .with_token("tok-new", "sec-new");
    let profile = NewProfile {
        alias: "work",
        credentials: &credentials,
        user_id: None,
        email: None,
        api_host: None,
        bridge_host: None,
    };
    config::save_profile(&path, &profile).unwrap();
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // clever-tools ignores a whole file in which a profile has no alias.
    assert_eq!(document["version"], 1);
    assert_eq!(document["profiles"][1]["alias"], "default");
    assert_eq!(document["profiles"][1]["token"], "tok-old");
    let old = load(&[], Some(&path), Some("default")).unwrap();
    assert_eq!(oauth(&old).token(), Some("tok-old"));
}

#[test]
#[cfg(not(windows))]
fn the_file_is_found_where_clever_tools_puts_it() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("clever-cloud");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("clever-tools.json"), CURRENT).unwrap();
    let xdg = dir.path().to_str().unwrap();
    let loaded = load(&[("XDG_CONFIG_HOME", xdg)], None, None).unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-work"));
    let home = load(&[("HOME", "/nonexistent")], None, None).unwrap_err();
    assert!(
        matches!(&home, Error::Config(m) if m.contains("/nonexistent/.config/clever-cloud/clever-tools.json"))
    );
    let elsewhere = write(dir.path(), r#"{"token":"tok-cf","secret":"s"}"#);
    let loaded = load(
        &[
            ("CONFIGURATION_FILE", elsewhere.to_str().unwrap()),
            ("XDG_CONFIG_HOME", xdg),
        ],
        None,
        None,
    )
    .unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-cf"));
}

/// Windows: clever-tools' file is under `%APPDATA%` (as Node's clever-tools puts it there), and
/// XDG_CONFIG_HOME and HOME mean nothing.
#[test]
#[cfg(windows)]
fn on_windows_the_file_is_found_under_appdata() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("clever-cloud");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(nested.join("clever-tools.json"), CURRENT).unwrap();
    let appdata = dir.path().to_str().unwrap();
    let loaded = load(&[("APPDATA", appdata)], None, None).unwrap();
    assert_eq!(oauth(&loaded).token(), Some("tok-work"));
    assert_eq!(
        config::config_path(&|name| (name == "APPDATA").then(|| appdata.to_owned())),
        Some(nested.join("clever-tools.json"))
    );
    assert!(
        loaded.source.contains(r"\clever-cloud\clever-tools.json"),
        "{}",
        loaded.source
    );
    // The Unix variables are not where Windows looks.
    let unix = load(
        &[("XDG_CONFIG_HOME", appdata), ("HOME", appdata)],
        None,
        None,
    )
    .unwrap_err();
    assert!(
        matches!(&unix, Error::Config(m) if m.contains("no APPDATA")),
        "{unix}"
    );
    let missing = load(&[("APPDATA", r"C:\nonexistent")], None, None).unwrap_err();
    assert!(
        matches!(&missing, Error::Config(m) if m.contains(r"C:\nonexistent\clever-cloud\clever-tools.json")),
        "{missing}"
    );
}

#[test]
fn malformed_or_missing_files_name_the_file_never_the_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        r#"{"profiles":[{"token":"tok","secret":"very-secret-value",}]}"#,
    );
    let error = load(&[], Some(&path), None).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, Error::Config(_)));
    assert!(message.contains(path.to_str().unwrap()), "{message}");
    assert!(!message.contains("very-secret-value"), "{message}");

    let wrong_type = write(
        dir.path(),
        r#"{"profiles":[{"token":1,"secret":"very-secret-value"}]}"#,
    );
    let message = load(&[], Some(&wrong_type), None).unwrap_err().to_string();
    assert!(!message.contains("very-secret-value"), "{message}");

    // A file given by name is named first, not the other ways to log in.
    let missing = dir.path().join("absent.json");
    let error = load(&[], Some(&missing), None).unwrap_err().to_string();
    let expected = format!(
        "configuration error: the clever-tools configuration file {} does not exist",
        missing.display()
    );
    assert!(error.starts_with(&expected), "{error}");
    assert!(error.contains("clever login"), "{error}");
}

#[test]
fn an_expired_login_is_reported_before_any_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        r#"{"profiles":[{"alias":"old","token":"t","secret":"s","expirationDate":"2020-01-01T00:00:00.000Z"}]}"#,
    );
    let error = load(&[], Some(&path), None).unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("expired") && m.contains("2020-01-01")),
        "{error}"
    );
}

#[test]
fn saved_profiles_are_private_atomic_and_keep_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CURRENT);
    let credentials = Credentials::new("ck-new", "cs-new")
        .unwrap()
        .with_token("tok-new", "sec-new")
        .with_expiration(Some(SystemTime::now() + Duration::from_secs(3600)));
    let profile = NewProfile {
        alias: "home",
        credentials: &credentials,
        user_id: Some("user_2"),
        email: Some("x@y.z"),
        api_host: Some("https://api.private.example"),
        bridge_host: None,
    };
    config::save_profile(&path, &profile).unwrap();
    config::save_profile(&path, &profile).unwrap();

    let loaded = load(&[], Some(&path), None).unwrap();
    assert_eq!(
        oauth(&loaded).token(),
        Some("tok-new"),
        "the saved profile is active"
    );
    assert_eq!(oauth(&loaded).consumer_key(), "ck-new");
    assert!(oauth(&loaded).expires_at().is_some());
    assert_eq!(loaded.api_host(), "https://api.private.example");
    assert_eq!(loaded.bridge_host(), "https://api-bridge.clever-cloud.com");
    let work = load(&[], Some(&path), Some("work")).unwrap();
    assert_eq!(oauth(&work).token(), Some("tok-work"));
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(document["profiles"].as_array().unwrap().len(), 2);
    assert_eq!(
        document["profiles"][1]["userId"], "user_1",
        "unknown fields kept"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left");

    let fresh = dir.path().join("sub").join("new.json");
    config::save_profile(&fresh, &profile).unwrap();
    assert_eq!(
        oauth(&load(&[], Some(&fresh), None).unwrap()).token(),
        Some("tok-new")
    );
}

#[test]
fn a_consumer_alone_is_not_saved_as_a_login() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clever-tools.json");
    let consumer = Credentials::new("ck", "cs").unwrap();
    let profile = NewProfile {
        alias: "a",
        credentials: &consumer,
        user_id: None,
        email: None,
        api_host: None,
        bridge_host: None,
    };
    let error = config::save_profile(&path, &profile).unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(!path.exists());
}
