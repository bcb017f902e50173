//! Faults: queued misbehaviours that the next matching requests on the api or bridge listener
//! get instead of (or on top of) their normal answer.

use std::collections::VecDeque;
use std::time::Duration;

use serde::Deserialize;

/// One queued fault: which requests it hits, how many times, and what it does.
///
/// JSON (the control endpoint): `{"path_prefix": "/v2/self", "times": 2, "action": "status",
/// "status": 503, "retry_after": "1"}`; the action's fields sit beside `action`, durations are
/// in milliseconds (`before_headers_ms`, `for_ms`). An object with `status` but no `action`
/// is a status fault.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Fault {
    /// Matches request paths (the target before `?`) that start with it; `None` matches all.
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// How many matching requests it applies to; 0 means every one until a reset.
    #[serde(default = "once")]
    pub times: u32,
    #[serde(flatten)]
    pub action: FaultAction,
}

fn once() -> u32 {
    1
}

/// What a fault does to the request it hits.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum FaultAction {
    /// Answers this status instead; the body defaults to a real v2 or v4 error body.
    Status {
        status: u16,
        /// Sent verbatim: seconds (`"2"`) or an HTTP date.
        #[serde(default)]
        retry_after: Option<String>,
        #[serde(default)]
        body: Option<String>,
    },
    /// Waits, then answers normally (for timeouts).
    Delay {
        #[serde(rename = "before_headers_ms", with = "millis")]
        before_headers: Duration,
    },
    /// Sends the head and `after_bytes` of the normal body, stalls, then sends the rest.
    StallBody {
        after_bytes: u64,
        #[serde(rename = "for_ms", with = "millis")]
        for_: Duration,
    },
    /// Reads the request, then closes the socket with an RST and no response.
    ResetBeforeHeaders,
    /// Sends the head with the full Content-Length and `after_bytes` of the body, then an RST.
    ResetMidBody { after_bytes: u64 },
    /// Sends the normal body chunked, stops after `after_bytes`, closes with no last chunk.
    TruncatedChunked { after_bytes: u64 },
    /// Declares `declared` bytes, sends the first `actual` bytes of the normal body, closes.
    LyingContentLength { declared: u64, actual: u64 },
    /// 200 with `Content-Type: application/json` and a body that is not JSON.
    MalformedJson,
    /// 200 with a valid JSON body of `bytes` bytes (a user with a long unknown field), streamed.
    HugeJson { bytes: u64 },
    /// Answers a redirect to `location` (absolute, or a path on the same listener).
    Redirect { status: u16, location: String },
    /// 302 to the request's own URL.
    RedirectLoop,
}

impl Fault {
    /// A fault for the next request, whatever its path.
    pub fn new(action: FaultAction) -> Fault {
        Fault {
            path_prefix: None,
            times: 1,
            action,
        }
    }

    /// Only for request paths starting with `prefix`.
    pub fn on_path(mut self, prefix: impl Into<String>) -> Fault {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// For this many matching requests (0: every one until a reset).
    pub fn times(mut self, times: u32) -> Fault {
        self.times = times;
        self
    }

    /// Parses the control endpoint's JSON shape.
    pub(crate) fn from_json(body: &[u8]) -> Result<Fault, String> {
        let mut value: serde_json::Value =
            serde_json::from_slice(body).map_err(|err| format!("the body is not JSON: {err}"))?;
        if let Some(object) = value.as_object_mut()
            && !object.contains_key("action")
            && object.contains_key("status")
        {
            object.insert("action".to_owned(), "status".into());
        }
        serde_json::from_value(value).map_err(|err| format!("not a fault: {err}"))
    }
}

impl From<FaultAction> for Fault {
    fn from(action: FaultAction) -> Fault {
        Fault::new(action)
    }
}

/// Faults in the order they were queued.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    faults: VecDeque<Fault>,
}

impl FaultQueue {
    pub fn push(&mut self, fault: Fault) {
        self.faults.push_back(fault);
    }

    pub fn len(&self) -> usize {
        self.faults.len()
    }

    pub fn clear(&mut self) {
        self.faults.clear();
    }

    /// The action of the oldest fault matching `path`, used up once.
    pub fn take_matching(&mut self, path: &str) -> Option<FaultAction> {
        let index = self.faults.iter().position(|fault| {
            fault
                .path_prefix
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
        })?;
        let fault = &mut self.faults[index];
        let action = fault.action.clone();
        match fault.times {
            0 => {}
            1 => {
                self.faults.remove(index);
            }
            _ => fault.times -= 1,
        }
        Some(action)
    }
}

mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        u64::deserialize(deserializer).map(Duration::from_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_shapes() {
        let fault = Fault::from_json(
            br#"{"path_prefix":"/v2/self","times":2,"status":503,"retry_after":"1"}"#,
        )
        .unwrap();
        assert_eq!(
            fault,
            Fault::new(FaultAction::Status {
                status: 503,
                retry_after: Some("1".into()),
                body: None
            })
            .on_path("/v2/self")
            .times(2)
        );
        let fault =
            Fault::from_json(br#"{"action":"stall_body","after_bytes":10,"for_ms":1500}"#).unwrap();
        assert_eq!(
            fault.action,
            FaultAction::StallBody {
                after_bytes: 10,
                for_: Duration::from_millis(1500)
            }
        );
        assert_eq!(
            Fault::from_json(br#"{"action":"redirect_loop"}"#)
                .unwrap()
                .action,
            FaultAction::RedirectLoop
        );
        assert!(Fault::from_json(br#"{"action":"explode"}"#).is_err());
        assert!(Fault::from_json(br#"{"action":"reset_mid_body"}"#).is_err());
    }

    #[test]
    fn matches_in_order_and_counts_down() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::new(FaultAction::MalformedJson).on_path("/v4/"));
        queue.push(Fault::new(FaultAction::RedirectLoop).times(2));
        assert_eq!(
            queue.take_matching("/v2/self"),
            Some(FaultAction::RedirectLoop)
        );
        assert_eq!(
            queue.take_matching("/v4/products/zones"),
            Some(FaultAction::MalformedJson)
        );
        assert_eq!(
            queue.take_matching("/v4/products/zones"),
            Some(FaultAction::RedirectLoop)
        );
        assert_eq!(queue.take_matching("/v2/self"), None);
    }

    #[test]
    fn zero_times_means_until_reset() {
        let mut queue = FaultQueue::default();
        queue.push(Fault::new(FaultAction::MalformedJson).times(0));
        for _ in 0..5 {
            assert_eq!(queue.take_matching("/"), Some(FaultAction::MalformedJson));
        }
        queue.clear();
        assert_eq!(queue.take_matching("/"), None);
    }
}
