use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cleverkit_standin::{API_TOKEN, CONSUMER_KEY, ORGANISATION_ID, USER_ID};

use crate::support::{bearer, call};

#[test]
fn prints_its_urls_and_exits_when_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cleverkit-standin"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let announced: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(announced["consumer_key"], CONSUMER_KEY);
    assert_eq!(announced["api_token"], API_TOKEN);
    assert_eq!(announced["organisation_id"], ORGANISATION_ID);
    assert_eq!(announced["user_id"], USER_ID);
    for key in ["api", "foreign", "consumer_secret", "token", "token_secret"] {
        assert!(announced[key].is_string(), "{key}");
    }
    let bridge = announced["bridge"].as_str().unwrap();
    let me = call(
        bridge,
        "GET",
        "/v2/self",
        &[("Authorization", &bearer(API_TOKEN))],
    );
    assert_eq!(me.status(), 200);

    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after stdin closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
}
