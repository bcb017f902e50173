//! Dates as the API writes them: epoch milliseconds or ISO 8601, sometimes with a Java-style
//! `[UTC]` zone suffix.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Parses `2025-03-01T10:00:00Z`, `2025-03-01T10:00:00.123+01:00[Europe/Paris]` or a number of
/// epoch milliseconds given as text.
pub fn parse_date(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let without_zone = match text.find('[') {
        Some(bracket) if text.ends_with(']') => &text[..bracket],
        _ => text,
    };
    if let Ok(millis) = without_zone.parse::<i64>() {
        return from_epoch_millis(millis);
    }
    let parsed = OffsetDateTime::parse(without_zone, &Rfc3339).ok()?;
    let seconds = u64::try_from(parsed.unix_timestamp()).ok()?;
    Some(UNIX_EPOCH + Duration::new(seconds, parsed.nanosecond()))
}

/// Milliseconds since 1970-01-01T00:00:00Z, as `GET /v2/self` gives `creationDate`; `None`
/// before the epoch.
pub fn from_epoch_millis(millis: i64) -> Option<SystemTime> {
    let millis = u64::try_from(millis).ok()?;
    Some(UNIX_EPOCH + Duration::from_millis(millis))
}

/// `2025-03-01T10:00:00Z` (whole seconds, UTC), as clever-tools writes expiration dates.
pub fn format_rfc3339(when: SystemTime) -> String {
    let secs = when
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    OffsetDateTime::from_unix_timestamp(secs as i64)
        .ok()
        .and_then(|date| date.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("@{secs}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_shape_the_api_uses() {
        let expected = UNIX_EPOCH + Duration::from_secs(1_740_823_200);
        assert_eq!(parse_date("2025-03-01T10:00:00Z"), Some(expected));
        assert_eq!(parse_date("2025-03-01T11:00:00+01:00"), Some(expected));
        assert_eq!(parse_date("2025-03-01T10:00:00Z[UTC]"), Some(expected));
        assert_eq!(parse_date("1740823200000"), Some(expected));
        assert_eq!(
            parse_date("2025-03-01T10:00:00.5Z"),
            Some(expected + Duration::from_millis(500))
        );
        assert_eq!(parse_date("yesterday"), None);
        assert!(
            parse_date("2999-01-01T00:00:00Z").is_some(),
            "far dates fit"
        );
    }

    #[test]
    fn formats_whole_seconds_in_utc() {
        let when = UNIX_EPOCH + Duration::from_secs(1_740_823_200);
        assert_eq!(format_rfc3339(when), "2025-03-01T10:00:00Z");
    }
}
