//! How times are stored and which clock the store reads.

use jiff::Timestamp;
use jiff::civil::Date;

/// Where the store reads "now": [`Timestamp::now`] unless a test sets its own.
pub(super) type Clock = Box<dyn Fn() -> Timestamp + Send>;

/// The stored form of a time: RFC 3339 in UTC with milliseconds, `2026-11-22T01:53:44.123Z`.
///
/// Fixed width, so stored times sort as text like they sort as times (schema-1 rows,
/// `2026-11-22T01:53:44Z`, share the first 19 characters).
pub fn to_text(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Reads a stored time: [`to_text`]'s form, or any RFC 3339 time (schema 1 wrote whole seconds).
pub fn from_text(text: &str) -> Result<Timestamp, jiff::Error> {
    text.parse()
}

/// The calendar day `at` falls on in `zone`.
pub fn local_date(at: Timestamp, zone: &jiff::tz::TimeZone) -> Date {
    at.to_zoned_datetime(zone.clone()).date()
}

/// The first instant of `days` days of `zone` ending with the day of `now`, or `None`
/// when that is further back than times go.
pub(super) fn window_start(
    now: Timestamp,
    days: u32,
    zone: &jiff::tz::TimeZone,
) -> Option<Timestamp> {
    let first = local_date(now, zone)
        .checked_sub(
            jiff::Span::new()
                .try_days(i64::from(days.saturating_sub(1)))
                .ok()?,
        )
        .ok()?;
    first
        .to_zoned_datetime(zone.clone())
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_have_milliseconds_and_parse_back() {
        let at: Timestamp = "2026-11-22T01:53:44.123456Z".parse().unwrap();
        assert_eq!(to_text(at), "2026-11-22T01:53:44.123Z");
        let whole: Timestamp = "2026-11-22T01:53:44Z".parse().unwrap();
        assert_eq!(to_text(whole), "2026-11-22T01:53:44.000Z");
        assert_eq!(from_text(&to_text(whole)).unwrap(), whole);
        assert_eq!(from_text("2026-11-22T01:53:44Z").unwrap(), whole);
        assert!(from_text("yesterday").is_err());
    }

    #[test]
    fn the_window_starts_at_local_midnight_days_back() {
        use jiff::tz::TimeZone;
        let now: Timestamp = "2026-11-22T01:53:44Z".parse().unwrap();
        let utc = TimeZone::UTC;
        assert_eq!(
            window_start(now, 1, &utc).unwrap().to_string(),
            "2026-11-22T00:00:00Z"
        );
        assert_eq!(
            window_start(now, 3, &utc).unwrap().to_string(),
            "2026-11-20T00:00:00Z"
        );
        assert_eq!(window_start(now, u32::MAX, &utc), None);
        assert_eq!(local_date(now, &utc), jiff::civil::date(2026, 11, 22));
        // 01:53 UTC is still the 21st in Los Angeles (UTC-8 in November).
        let la = TimeZone::posix("PST8PDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(local_date(now, &la), jiff::civil::date(2026, 11, 21));
        assert_eq!(
            window_start(now, 1, &la).unwrap().to_string(),
            "2026-11-21T08:00:00Z"
        );
    }
}
