use cleverkit_standin::{API_TOKEN, StandIn};

use crate::support::{Connection, bearer, call, signed_get};

#[test]
fn faults_can_be_queued_over_http() {
    let standin = StandIn::start().unwrap();
    let api = standin.api_url();
    let mut control = Connection::open(&api);
    let queued = control.request(
        "POST",
        "/__standin/faults",
        &[("Content-Type", "application/json")],
        br#"{"path_prefix":"/v2/self","times":2,"status":503,"retry_after":"1"}"#,
    );
    assert_eq!(queued.status(), 200, "{}", queued.text());
    let queued = control.request(
        "POST",
        "/__standin/faults",
        &[],
        br#"{"action":"lying_content_length","declared":10,"actual":2,"path_prefix":"/v4/"}"#,
    );
    assert_eq!(queued.json()["queued"], 2);
    let unavailable = call(&api, "GET", "/v2/self", &[]);
    assert_eq!(
        (unavailable.status(), unavailable.header("retry-after")),
        (503, Some("1"))
    );

    let refused = control.request("POST", "/__standin/faults", &[], br#"{"action":"explode"}"#);
    assert_eq!(refused.status(), 400);
    assert!(refused.json()["error"].is_string());

    assert_eq!(
        control
            .request("POST", "/__standin/reset", &[], b"")
            .status(),
        204
    );
    assert_eq!(
        signed_get(&api, "/v2/self", &[]).status(),
        200,
        "the faults are gone"
    );
}

#[test]
fn recordings_show_what_was_received() {
    let standin = StandIn::start().unwrap();
    call(
        &standin.bridge_url(),
        "GET",
        "/v2/self?a=1",
        &[("Authorization", &bearer(API_TOKEN))],
    );
    let mut control = Connection::open(&standin.api_url());
    let recorded = control
        .request("GET", "/__standin/requests", &[], b"")
        .json();
    let recorded = recorded.as_array().unwrap();
    assert_eq!(
        recorded.len(),
        1,
        "control requests are not recorded: {recorded:?}"
    );
    assert_eq!(recorded[0]["listener"], "bridge");
    assert_eq!(recorded[0]["method"], "GET");
    assert_eq!(recorded[0]["target"], "/v2/self?a=1");
    let headers = recorded[0]["headers"].as_array().unwrap();
    assert!(headers.contains(&serde_json::json!(["Authorization", bearer(API_TOKEN)])));

    let open = control
        .request("GET", "/__standin/connections", &[], b"")
        .json();
    assert!(open["open"].as_u64().unwrap() >= 1);

    control.request("POST", "/__standin/reset", &[], b"");
    assert!(standin.requests().is_empty());
}

#[test]
fn control_endpoints_take_chunked_bodies() {
    let standin = StandIn::start().unwrap();
    let mut control = Connection::open(&standin.api_url());
    control.send_raw(
        b"POST /__standin/faults HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\
          f\r\n{\"action\":\"malf\r\n\
          c;ext=1\r\normed_json\"}\r\n\
          0\r\nTrailer: yes\r\n\r\n",
    );
    let queued = control.read_response().unwrap();
    assert_eq!(queued.status(), 200, "{}", queued.text());
    let broken = call(&standin.api_url(), "GET", "/v2/self", &[]);
    assert!(serde_json::from_slice::<serde_json::Value>(&broken.body).is_err());
}

#[test]
fn echo_answers_the_status_asked_with_what_it_received() {
    let standin = StandIn::start().unwrap();
    let mut control = Connection::open(&standin.api_url());
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let echoed = control.request("POST", "/__standin/echo/404?q=a%20b", &form, b"x=1");
    assert_eq!(echoed.status(), 404);
    let json = echoed.json();
    assert_eq!(json["method"], "POST");
    assert_eq!(json["target"], "/__standin/echo/404?q=a%20b");
    assert_eq!(json["contentType"], form[0].1);
    assert_eq!(json["body"], "x=1");
    assert_eq!(
        (json["id"].as_u64(), json["message"].as_str()),
        (Some(4004), Some("echoed 404"))
    );
    let bytes: Vec<u8> = (0..=255).collect();
    let binary = [("Content-Type", "application/octet-stream")];
    let echoed = control.request("PUT", "/__standin/echo", &binary, &bytes);
    assert_eq!((echoed.status(), echoed.body), (200, bytes));
    let head = control.request("HEAD", "/__standin/echo/201", &[], b"");
    assert_eq!((head.status(), head.body.len()), (201, 0));
    assert_eq!(
        control
            .request("GET", "/__standin/echo/x", &[], b"")
            .status(),
        404
    );
    assert!(standin.requests().is_empty(), "not recorded");
}
