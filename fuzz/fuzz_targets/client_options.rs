//! A client built from arbitrary options: never a panic, when it is built or at its first
//! request; a refusal is `Config` or `InvalidInput`. Fields of the input, separated by `\n`:
//! API host, bridge host, User-Agent suffix, proxy URL, then the four durations and three
//! counts as decimal numbers (seconds for durations; any that does not parse is the default).
#![no_main]

use std::net::TcpListener;
use std::sync::OnceLock;
use std::time::Duration;

use cleverkit::{Client, ClientOptions, Error, Proxy};
use libfuzzer_sys::fuzz_target;

/// A loopback port that accepts and closes: a request is written (every header built) and
/// then fails, without the network.
fn sink() -> &'static str {
    static SINK: OnceLock<String> = OnceLock::new();
    SINK.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                drop(stream);
            }
        });
        url
    })
}

fn refused_properly(error: &Error) -> bool {
    matches!(error, Error::Config(_) | Error::InvalidInput(_))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut fields = text.split('\n');
    let mut next = || fields.next().map(str::to_owned);
    let (api_host, bridge_host, suffix, proxy) = (next(), next(), next(), next());
    let mut number = || next().and_then(|field| field.trim().parse::<u64>().ok());
    let defaults = ClientOptions::default();
    let seconds = |value: Option<u64>, default| value.map_or(default, Duration::from_secs);
    let options = ClientOptions {
        api_host,
        bridge_host,
        user_agent_suffix: suffix,
        proxy: proxy.map_or(Proxy::None, Proxy::Url),
        connect_timeout: seconds(number(), Duration::from_millis(200)),
        timeout: seconds(number(), Duration::from_millis(500)),
        retry_base_delay: seconds(number(), defaults.retry_base_delay),
        // Never a real wait: a fuzz run must not sleep.
        max_retry_wait: Duration::ZERO,
        max_retries: number().map_or(0, |count| count.min(2) as u32),
        max_response_bytes: number().unwrap_or(defaults.max_response_bytes),
        max_idle_connections: number().map_or(4, |count| count.min(64) as usize),
        ..defaults
    };
    // Built as given: the hosts are whatever the input says.
    if let Err(error) = Client::with_api_token("token", options.clone()) {
        assert!(refused_properly(&error), "{error:?}");
    }
    // Built again on the sink, and one request sent: every other option reaches ureq.
    let on_sink = ClientOptions {
        api_host: Some(sink().to_owned()),
        bridge_host: Some(sink().to_owned()),
        proxy: Proxy::None,
        ..options
    };
    match Client::with_api_token("token", on_sink) {
        Ok(client) => {
            let _ = client.myself();
        }
        Err(error) => assert!(refused_properly(&error), "{error:?}"),
    }
});
