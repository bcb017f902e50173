use std::thread;
use std::time::{Duration, Instant};

use cleverkit::oauth1::{ProtocolParams, SignatureMethod};
use cleverkit_standin::StandIn;

use crate::support::{Connection, authorization, user_credentials};

fn wait_until(condition: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn keeps_connections_alive_and_honours_close() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let url = format!("{api}/v2/self");
    let credentials = user_credentials(SignatureMethod::HmacSha1);
    let mut connection = Connection::open(&api);
    for _ in 0..20 {
        let header = authorization("GET", &url, &credentials, &ProtocolParams::fresh().unwrap());
        let response = connection.request("GET", "/v2/self", &[("Authorization", &header)], b"");
        assert_eq!(response.status(), 200);
        assert!(response.header("connection").is_none());
    }
    let recorded = standin.requests();
    assert_eq!(recorded.len(), 20);
    assert!(
        recorded
            .iter()
            .all(|request| request.connection == recorded[0].connection)
    );
    assert_eq!(standin.open_connections(), 1);

    let header = authorization("GET", &url, &credentials, &ProtocolParams::fresh().unwrap());
    let last = connection.request(
        "GET",
        "/v2/self",
        &[("Authorization", &header), ("Connection", "close")],
        b"",
    );
    assert_eq!(last.header("connection"), Some("close"));
    assert!(connection.is_closed_by_server());
    assert!(wait_until(|| standin.open_connections() == 0));
}

#[test]
fn answers_pipelined_requests_in_order() {
    let standin = StandIn::start().unwrap();
    let mut connection = Connection::open(&standin.foreign_url());
    connection
        .send_raw(b"GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n");
    for _ in 0..2 {
        assert_eq!(connection.read_response().unwrap().status(), 200);
    }
    let targets: Vec<String> = standin.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/one", "/two"]);
}

#[test]
fn refuses_garbage_and_closes() {
    let standin = StandIn::start().unwrap();
    let mut connection = Connection::open(&standin.api_url());
    connection.send_raw(b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(connection.read_response().unwrap().status(), 400);
    assert!(connection.is_closed_by_server());
}

#[test]
fn dropping_it_closes_idle_and_stalled_connections() {
    let standin = StandIn::start().unwrap();
    let mut idle = Connection::open(&standin.api_url());
    let mut stalled = Connection::open(&standin.api_url());
    standin.inject(cleverkit_standin::FaultAction::Delay {
        before_headers: Duration::from_secs(60),
    });
    stalled.send("GET", "/v2/self", &[], b"");
    assert!(wait_until(
        || standin.requests().len() == 1 && standin.open_connections() == 2
    ));
    let started = Instant::now();
    drop(standin);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(idle.is_closed_by_server());
    assert!(stalled.is_closed_by_server());
}

#[test]
fn says_continue_before_reading_an_expected_body() {
    let standin = StandIn::start().unwrap();
    let mut connection = Connection::open(&standin.foreign_url());
    connection.send_raw(
        b"POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
    );
    assert_eq!(connection.read_head().unwrap().status, 100);
    connection.send_raw(b"hello");
    assert_eq!(connection.read_response().unwrap().status(), 200);
    assert_eq!(standin.requests()[0].body, b"hello");
}
