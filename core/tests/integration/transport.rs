//! Which part of the connection failed (`TransportKind`): a name that does not resolve, a port
//! that refuses, TLS spoken to a plain-http port, and a certificate nobody vouches for — with
//! the CA bundle that makes the same server work, so that the last case can fail.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use cleverkit::{ApiRequest, Client, ClientOptions, Error, TransportKind};
use cleverkit_standin::{self as standin, StandIn};

use crate::common::{openssl, self_signed};

fn options(api_host: String) -> ClientOptions {
    ClientOptions {
        api_host: Some(api_host),
        timeout: Duration::from_secs(5),
        max_retries: 0,
        ..ClientOptions::default()
    }
}

fn kind_of(api_host: String, ca_bundle: Option<&Path>) -> Result<(), (TransportKind, String)> {
    let options = ClientOptions {
        ca_bundle: ca_bundle.map(Path::to_path_buf),
        ..options(api_host)
    };
    let client = Client::with_api_token(standin::API_TOKEN, options).unwrap();
    match client.request(&ApiRequest::get("/").on(cleverkit::Host::Api)) {
        Ok(_) => Ok(()),
        Err(Error::Transport { kind, message }) => Err((kind, message)),
        Err(other) => panic!("not a transport error: {other:?}"),
    }
}

#[test]
fn a_name_that_does_not_resolve_is_dns() {
    // `.invalid` never resolves (RFC 6761).
    let (kind, message) = kind_of("https://cleverkit-test.invalid".into(), None).unwrap_err();
    assert_eq!(kind, TransportKind::Dns, "{message}");
}

#[test]
fn a_closed_port_is_connect() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (kind, message) = kind_of(format!("http://127.0.0.1:{port}"), None).unwrap_err();
    assert_eq!(kind, TransportKind::Connect, "{message}");
}

#[test]
fn https_to_a_plain_http_port_says_tls() {
    let standin = StandIn::start().unwrap();
    let plain = standin.api_url().replacen("http://", "https://", 1);
    let (kind, message) = kind_of(plain, None).unwrap_err();
    assert_eq!(kind, TransportKind::Tls, "{message}");
    assert!(message.contains("TLS"), "{message}");
}

/// `openssl s_server` with a self-signed certificate, stopped on drop.
struct TlsServer {
    child: Child,
    port: u16,
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tls_server(dir: &Path) -> TlsServer {
    self_signed(
        dir,
        "localhost",
        &[
            "subjectAltName=DNS:localhost",
            // An end-entity certificate: webpki refuses a CA's as a server's.
            "basicConstraints=critical,CA:FALSE",
            "extendedKeyUsage=serverAuth",
        ],
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = openssl(
        &[
            "s_server",
            "-quiet",
            "-www",
            "-cert",
            "localhost-cert.pem",
            "-key",
            "localhost-key.pem",
            "-accept",
            &port.to_string(),
        ],
        dir,
    )
    .stdin(Stdio::piped())
    .spawn()
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "openssl s_server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    TlsServer { child, port }
}

#[test]
#[cfg_attr(
    windows,
    ignore = "needs the openssl command, which Windows lacks (and Wine cannot start the Linux one)"
)]
fn an_untrusted_certificate_is_certificate_and_a_ca_bundle_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path());
    let url = format!("https://localhost:{}", server.port);
    let (kind, message) = kind_of(url.clone(), None).unwrap_err();
    assert_eq!(kind, TransportKind::Certificate, "{message}");
    let bundle = dir.path().join("localhost-cert.pem");
    assert_eq!(kind_of(url, Some(&bundle)), Ok(()));
}
