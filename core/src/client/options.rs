//! Client options and the `ureq` agent they configure.

use std::path::PathBuf;
use std::time::Duration;

use std::net::{IpAddr, SocketAddr};

use ureq::http::Uri;
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use crate::Error;
use crate::authority::user_info_range;

/// Which proxy requests go through. `Debug` hides a password in the proxy URL.
#[derive(Clone, PartialEq, Eq, Default)]
pub enum Proxy {
    /// `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY`, honouring `NO_PROXY` (the default).
    /// Ignored when both configured hosts are loopback: no proxy can reach them.
    #[default]
    FromEnvironment,
    /// Direct connections.
    None,
    /// This proxy (`http://user:pass@proxy:3128`, `socks5://…`).
    Url(String),
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Proxy::FromEnvironment => f.write_str("FromEnvironment"),
            Proxy::None => f.write_str("None"),
            Proxy::Url(url) => f.debug_tuple("Url").field(&without_password(url)).finish(),
        }
    }
}

/// `http://user:pass@proxy:3128` → `http://user:[redacted]@proxy:3128`.
fn without_password(url: &str) -> String {
    match user_info_range(url) {
        Some(user_info) => {
            let user = url[user_info.clone()].split(':').next().unwrap_or_default();
            format!(
                "{}{user}:[redacted]{}",
                &url[..user_info.start],
                &url[user_info.end..]
            )
        }
        None => url.to_owned(),
    }
}

/// Everything a client can be told; `ClientOptions::default()` talks to Clever Cloud.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// The main API, `https://host[:port]`. `None`: the configured one (`API_HOST`, a profile's
    /// override) with [`Client::from_environment`](crate::Client::from_environment), else
    /// [`DEFAULT_API_HOST`]. A host set here wins over any configuration.
    pub api_host: Option<String>,
    /// The API bridge, as `api_host` (`AUTH_BRIDGE_HOST`, else [`DEFAULT_BRIDGE_HOST`]).
    pub bridge_host: Option<String>,
    /// Longest wait for a connection to open.
    pub connect_timeout: Duration,
    /// Longest one attempt may take, from connecting to the end of the body; each retry and
    /// each redirect hop gets its own. It bounds streamed downloads too.
    pub timeout: Duration,
    /// Attempts after the first, for idempotent requests.
    pub max_retries: u32,
    /// The first backoff's ceiling; it doubles per attempt.
    pub retry_base_delay: Duration,
    /// Longest wait between attempts; a `Retry-After` beyond it ends the retries.
    pub max_retry_wait: Duration,
    /// Appended to `cleverkit/<version>` in the `User-Agent` (an app name, a language).
    pub user_agent_suffix: Option<String>,
    /// Which proxy to go through; `HTTPS_PROXY` and the like by default.
    pub proxy: Proxy,
    /// Certificate authorities (PEM) trusted with Mozilla's roots, instead of the operating
    /// system's trust store used by default.
    pub ca_bundle: Option<PathBuf>,
    /// Client certificate chain and private key (PEM) for mutual TLS.
    pub client_certificate: Option<PathBuf>,
    /// The private key (PEM) of `client_certificate`; one without the other is
    /// [`Error::Config`].
    pub client_key: Option<PathBuf>,
    /// Largest response read whole (downloads stream and have no limit).
    pub max_response_bytes: u64,
    /// Idle keep-alive connections kept per host: as many as threads sharing the client.
    pub max_idle_connections: usize,
}

/// The longest any duration of the options may be.
pub const MAX_DURATION: Duration = Duration::from_secs(30 * 86_400);

/// Clever Cloud's main API.
pub const DEFAULT_API_HOST: &str = "https://api.clever-cloud.com";
/// Clever Cloud's API bridge, home of `/api-tokens` and of API-token authentication.
pub const DEFAULT_BRIDGE_HOST: &str = "https://api-bridge.clever-cloud.com";

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            api_host: None,
            bridge_host: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_retries: 3,
            retry_base_delay: Duration::from_millis(250),
            max_retry_wait: Duration::from_secs(30),
            user_agent_suffix: None,
            proxy: Proxy::FromEnvironment,
            ca_bundle: None,
            client_certificate: None,
            client_key: None,
            max_response_bytes: 32 * 1024 * 1024,
            max_idle_connections: 16,
        }
    }
}

impl ClientOptions {
    /// `api_host`, or Clever Cloud's when unset.
    pub fn api_host_or_default(&self) -> &str {
        self.api_host.as_deref().unwrap_or(DEFAULT_API_HOST)
    }

    /// `bridge_host`, or Clever Cloud's when unset.
    pub fn bridge_host_or_default(&self) -> &str {
        self.bridge_host.as_deref().unwrap_or(DEFAULT_BRIDGE_HOST)
    }

    /// `cleverkit/<version>`, then the suffix.
    pub fn user_agent(&self) -> String {
        let base = concat!("cleverkit/", env!("CARGO_PKG_VERSION"));
        match &self.user_agent_suffix {
            Some(suffix) if !suffix.is_empty() => format!("{base} {suffix}"),
            _ => base.to_owned(),
        }
    }

    pub(crate) fn agent(&self, loopback_only: bool) -> Result<ureq::Agent, Error> {
        for (name, duration) in [
            ("connect_timeout", self.connect_timeout),
            ("timeout", self.timeout),
            ("retry_base_delay", self.retry_base_delay),
            ("max_retry_wait", self.max_retry_wait),
        ] {
            // ureq adds the timeouts to the clock, which overflows (a panic) near
            // `Duration::MAX`.
            if duration > MAX_DURATION {
                return Err(Error::InvalidInput(format!(
                    "{name} of {} s is over the limit of {} days",
                    duration.as_secs(),
                    MAX_DURATION.as_secs() / 86_400
                )));
            }
        }
        let user_agent = self.user_agent();
        // ureq would panic on it at the first request.
        if ureq::http::HeaderValue::from_str(&user_agent).is_err() {
            return Err(Error::InvalidInput(format!(
                "user_agent_suffix {:?} cannot go in a header: no line breaks or control characters",
                self.user_agent_suffix.as_deref().unwrap_or_default()
            )));
        }
        let proxy = match &self.proxy {
            Proxy::FromEnvironment if loopback_only => None,
            Proxy::FromEnvironment => ureq::Proxy::try_from_env(),
            Proxy::None => None,
            Proxy::Url(url) => Some(ureq::Proxy::new(url).map_err(|err| {
                Error::Config(format!("proxy {:?}: {err}", without_password(url)))
            })?),
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_idle_connections(2 * self.max_idle_connections)
            .max_idle_connections_per_host(self.max_idle_connections)
            .timeout_connect(Some(self.connect_timeout))
            .timeout_global(Some(self.timeout))
            .user_agent(user_agent)
            .proxy(proxy)
            .tls_config(self.tls_config()?)
            .build();
        Ok(ureq::Agent::with_parts(
            config,
            DefaultConnector::default(),
            IpLiteralResolver::default(),
        ))
    }

    /// The operating system's trust store by default (corporate CAs installed there work);
    /// with `ca_bundle`, Mozilla's roots plus the bundle.
    fn tls_config(&self) -> Result<TlsConfig, Error> {
        let mut tls = TlsConfig::builder();
        if let Some(path) = &self.ca_bundle {
            let mut roots: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .map(|der| Certificate::from_der(der.as_ref()).to_owned())
                .collect();
            let (certificates, _) = read_pem(path, "CA bundle")?;
            if certificates.is_empty() {
                return Err(Error::Config(format!(
                    "CA bundle {}: no certificate in it",
                    path.display()
                )));
            }
            roots.extend(certificates);
            tls = tls.root_certs(RootCerts::new_with_certs(&roots));
        } else {
            tls = tls.root_certs(RootCerts::PlatformVerifier);
        }
        match (&self.client_certificate, &self.client_key) {
            (Some(certificate_path), Some(key_path)) => {
                let (chain, _) = read_pem(certificate_path, "client certificate")?;
                let (_, key) = read_pem(key_path, "client key")?;
                if chain.is_empty() {
                    return Err(Error::Config(format!(
                        "client certificate {}: no certificate in it",
                        certificate_path.display()
                    )));
                }
                let key = key.ok_or_else(|| {
                    Error::Config(format!(
                        "client key {}: no private key in it",
                        key_path.display()
                    ))
                })?;
                let read = |path: &PathBuf| std::fs::read(path).unwrap_or_default();
                check_client_certificate(&read(certificate_path), &read(key_path)).map_err(
                    |why| {
                        Error::Config(format!(
                            "client certificate {} with key {}: {why}",
                            certificate_path.display(),
                            key_path.display()
                        ))
                    },
                )?;
                tls = tls.client_cert(Some(ClientCert::new_with_certs(&chain, key)));
            }
            (None, None) => {}
            _ => {
                return Err(Error::Config(
                    "mutual TLS needs both a client certificate and its key".into(),
                ));
            }
        }
        Ok(tls.build())
    }
}

/// ureq's resolver starts a thread per request to bound the lookup when a timeout is set, even
/// for an IP address; an address needs no lookup, so it is answered here, thread-free.
#[derive(Debug, Default)]
struct IpLiteralResolver(DefaultResolver);

impl Resolver for IpLiteralResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        let literal = host.trim_start_matches('[').trim_end_matches(']');
        let default_port = if uri.scheme_str() == Some("https") {
            443
        } else {
            80
        };
        match literal.parse::<IpAddr>() {
            Ok(ip) => {
                let mut addresses = self.empty();
                addresses.push(SocketAddr::new(ip, uri.port_u16().unwrap_or(default_port)));
                Ok(addresses)
            }
            // The system resolver's failure is an I/O error ("failed to lookup address
            // information"): it is a host not found, and says so to the caller.
            Err(_) => self
                .0
                .resolve(uri, config, timeout)
                .map_err(|error| match error {
                    ureq::Error::Io(_) => ureq::Error::HostNotFound,
                    other => other,
                }),
        }
    }
}

/// What rustls checks when ureq builds its TLS configuration, which it does at the first
/// request and with a panic on failure: that the certificate parses (X.509 v3) and the key is
/// the certificate's. Checked here, at construction, to fail with a `Config` error instead.
/// rustls' messages name the problem, never the key's bytes.
fn check_client_certificate(certificate_pem: &[u8], key_pem: &[u8]) -> Result<(), String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain = CertificateDer::pem_slice_iter(certificate_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| err.to_string())?;
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|err| err.to_string())?;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .and_then(|builder| {
            builder
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_client_auth_cert(chain, key)
        })
        .map(drop)
        .map_err(|err| err.to_string())
}

type PemContents = (Vec<Certificate<'static>>, Option<PrivateKey<'static>>);

fn read_pem(path: &PathBuf, what: &str) -> Result<PemContents, Error> {
    let bytes = std::fs::read(path)
        .map_err(|err| Error::Config(format!("{what} {}: {err}", path.display())))?;
    let mut certificates = Vec::new();
    let mut key = None;
    for item in ureq::tls::parse_pem(&bytes) {
        match item.map_err(|err| Error::Config(format!("{what} {}: {err}", path.display())))? {
            PemItem::Certificate(certificate) => certificates.push(certificate),
            PemItem::PrivateKey(private_key) => key = Some(private_key),
            _ => {}
        }
    }
    Ok((certificates, key))
}
