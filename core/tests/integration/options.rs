//! Every `ClientOptions` field given something unusable: a typed error when the client is
//! built, naming the option and never a secret, and no panic (a panic in ureq's first request
//! used to be what a bad certificate or user agent gave).

use std::path::Path;
use std::time::Duration;

use cleverkit::{Client, ClientOptions, Error, Proxy};

use crate::common::{openssl, self_signed};

/// Certificates and keys, good and bad, made once per test in `dir`.
fn make_pems(dir: &Path) {
    let run = |args: &[&str]| assert!(openssl(args, dir).status().unwrap().success(), "{args:?}");
    // An X.509 v3 client certificate and its key, and another pair's key.
    self_signed(dir, "client", &[]);
    self_signed(dir, "other", &[]);
    // An X.509 v1 certificate: `x509 -req` with no extensions writes one.
    run(&[
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=v1",
        "-keyout",
        "v1-key.pem",
        "-out",
        "v1.csr",
    ]);
    run(&[
        "x509",
        "-req",
        "-in",
        "v1.csr",
        "-signkey",
        "v1-key.pem",
        "-days",
        "1",
        "-out",
        "v1-cert.pem",
    ]);
    std::fs::write(dir.join("not-pem.txt"), "not a PEM file").unwrap();
}

#[test]
#[cfg_attr(
    windows,
    ignore = "needs the openssl command, which Windows lacks (and Wine cannot start the Linux one)"
)]
fn every_unusable_option_is_a_typed_error_at_construction() {
    let dir = tempfile::tempdir().unwrap();
    make_pems(dir.path());
    let path = |name: &str| Some(dir.path().join(name));
    let host = |host: &str| Some(host.to_owned());
    let tls = |certificate: &str, key: &str| ClientOptions {
        client_certificate: path(certificate),
        client_key: path(key),
        ..ClientOptions::default()
    };
    // (what, options, the words the message must hold)
    let cases: Vec<(&str, ClientOptions, &str)> = vec![
        (
            "api_host: not a URL",
            ClientOptions {
                api_host: host("api.example.com"),
                ..Default::default()
            },
            "API host",
        ),
        (
            "api_host: ftp",
            ClientOptions {
                api_host: host("ftp://api.example.com"),
                ..Default::default()
            },
            "API host",
        ),
        (
            "api_host: plain http to a remote host",
            ClientOptions {
                api_host: host("http://api.example.com"),
                ..Default::default()
            },
            "plain http",
        ),
        (
            "api_host: a path",
            ClientOptions {
                api_host: host("https://api.example.com/prefix"),
                ..Default::default()
            },
            "has a path",
        ),
        (
            "api_host: a bad port",
            ClientOptions {
                api_host: host("https://api.example.com:99999"),
                ..Default::default()
            },
            "API host",
        ),
        (
            "api_host: user information",
            ClientOptions {
                api_host: host("https://u:p@api.example.com"),
                ..Default::default()
            },
            "API host",
        ),
        (
            "bridge_host: a path",
            ClientOptions {
                bridge_host: host("https://bridge.example.com/x?y"),
                ..Default::default()
            },
            "bridge host",
        ),
        (
            "bridge_host: empty",
            ClientOptions {
                bridge_host: host(""),
                ..Default::default()
            },
            "bridge host",
        ),
        (
            "user_agent_suffix: CR LF",
            ClientOptions {
                user_agent_suffix: host("app\r\nX-Injected: 1"),
                ..Default::default()
            },
            "user_agent_suffix",
        ),
        (
            "user_agent_suffix: a control character",
            ClientOptions {
                user_agent_suffix: host("app\u{7}"),
                ..Default::default()
            },
            "user_agent_suffix",
        ),
        (
            "timeout: Duration::MAX",
            ClientOptions {
                timeout: Duration::MAX,
                ..Default::default()
            },
            "timeout",
        ),
        (
            "connect_timeout: 31 days",
            ClientOptions {
                connect_timeout: Duration::from_secs(31 * 86_400),
                ..Default::default()
            },
            "connect_timeout",
        ),
        (
            "retry_base_delay: Duration::MAX",
            ClientOptions {
                retry_base_delay: Duration::MAX,
                ..Default::default()
            },
            "retry_base_delay",
        ),
        (
            "max_retry_wait: Duration::MAX",
            ClientOptions {
                max_retry_wait: Duration::MAX,
                ..Default::default()
            },
            "max_retry_wait",
        ),
        (
            "proxy: not a URL",
            ClientOptions {
                proxy: Proxy::Url("::::".into()),
                ..Default::default()
            },
            "proxy",
        ),
        (
            "ca_bundle: missing",
            ClientOptions {
                ca_bundle: path("missing.pem"),
                ..Default::default()
            },
            "CA bundle",
        ),
        (
            "ca_bundle: no certificate",
            ClientOptions {
                ca_bundle: path("not-pem.txt"),
                ..Default::default()
            },
            "CA bundle",
        ),
        (
            "client_certificate without client_key",
            ClientOptions {
                client_certificate: path("client-cert.pem"),
                ..Default::default()
            },
            "mutual TLS",
        ),
        (
            "client_key without client_certificate",
            ClientOptions {
                client_key: path("client-key.pem"),
                ..Default::default()
            },
            "mutual TLS",
        ),
        (
            "client_certificate: missing",
            tls("missing.pem", "client-key.pem"),
            "client certificate",
        ),
        (
            "client_certificate: no certificate in the PEM",
            tls("client-key.pem", "client-key.pem"),
            "no certificate",
        ),
        (
            "client_certificate: X.509 v1",
            tls("v1-cert.pem", "v1-key.pem"),
            "client certificate",
        ),
        (
            "client_key: not the certificate's",
            tls("client-cert.pem", "other-key.pem"),
            "client certificate",
        ),
        (
            "client_key: no key in the PEM",
            tls("client-cert.pem", "client-cert.pem"),
            "no private key",
        ),
    ];
    let key_text = std::fs::read_to_string(dir.path().join("client-key.pem")).unwrap();
    let key_body = key_text.lines().nth(1).unwrap();
    for (what, options, words) in cases {
        let built = std::panic::catch_unwind(|| Client::with_api_token("token-value", options));
        let error = match built {
            Ok(Err(error)) => error,
            Ok(Ok(_)) => panic!("{what}: accepted"),
            Err(_) => panic!("{what}: panicked"),
        };
        assert!(
            matches!(error, Error::Config(_) | Error::InvalidInput(_)),
            "{what}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(words), "{what}: {message}");
        assert!(
            !message.contains(key_body),
            "{what}: the key's content in {message}"
        );
    }

    // The same certificate and its own key are accepted: the cases above can fail.
    assert!(
        Client::with_api_token("token-value", tls("client-cert.pem", "client-key.pem")).is_ok()
    );
}

/// Durations at the edges of what is accepted build a client that answers with an error, never
/// a panic.
#[test]
fn extreme_durations_do_not_panic() {
    for duration in [Duration::ZERO, cleverkit::client::MAX_DURATION] {
        let options = ClientOptions {
            api_host: Some("http://127.0.0.1:9".into()),
            timeout: duration,
            connect_timeout: duration,
            retry_base_delay: duration,
            max_retry_wait: Duration::ZERO,
            max_retries: 1,
            ..ClientOptions::default()
        };
        let outcome = std::panic::catch_unwind(|| {
            Client::with_api_token("token-value", options).and_then(|client| client.myself())
        });
        assert!(
            matches!(outcome, Ok(Err(_))),
            "{duration:?}: {:?}",
            outcome.map(|result| result.map(|user| user.id))
        );
    }
}
