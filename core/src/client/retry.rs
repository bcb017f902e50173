//! When to try again and how long to wait: exponential backoff with full jitter, and the
//! server's `Retry-After` (seconds or an HTTP date) when it gives one.

use std::time::{Duration, SystemTime};

/// Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2).
pub(crate) fn is_idempotent(method: &str) -> bool {
    matches!(
        method.to_ascii_uppercase().as_str(),
        "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS"
    )
}

/// Statuses that say "try again later".
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Full-jitter backoff: a random wait in `[0, min(cap, base·2^attempt)]`.
pub(crate) fn backoff(attempt: u32, base: Duration, cap: Duration) -> Duration {
    let ceiling = base.saturating_mul(1u32 << attempt.min(16)).min(cap);
    let mut random = [0u8; 4];
    // Without randomness the wait is the ceiling: slower, never wrong.
    let fraction = match getrandom::fill(&mut random) {
        Ok(()) => f64::from(u32::from_le_bytes(random)) / f64::from(u32::MAX),
        Err(_) => 1.0,
    };
    ceiling.mul_f64(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let (base, cap) = (Duration::from_millis(100), Duration::from_secs(1));
        for attempt in 0..20 {
            let wait = backoff(attempt, base, cap);
            assert!(wait <= base.saturating_mul(1 << attempt.min(16)).min(cap));
        }
    }

    #[test]
    fn only_idempotent_methods() {
        assert!(is_idempotent("get") && is_idempotent("DELETE"));
        assert!(!is_idempotent("POST") && !is_idempotent("PATCH"));
    }
}
