//! How times are stored and which clock the store reads.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

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

/// The UTC calendar day `at` falls on.
pub fn utc_date(at: Timestamp) -> Date {
    Offset::UTC.to_datetime(at).date()
}

/// The first instant of `days` UTC days ending with the day of `now`, or `None` when that
/// is further back than times go.
pub(super) fn window_start(now: Timestamp, days: u32) -> Option<Timestamp> {
    let today = Offset::UTC
        .to_timestamp(utc_date(now).to_datetime(jiff::civil::Time::midnight()))
        .ok()?;
    let back = i64::from(days.saturating_sub(1)) * 86_400;
    Timestamp::from_second(today.as_second() - back).ok()
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
    fn the_window_starts_at_midnight_utc_days_back() {
        let now: Timestamp = "2026-11-22T01:53:44Z".parse().unwrap();
        assert_eq!(
            window_start(now, 1).unwrap().to_string(),
            "2026-11-22T00:00:00Z"
        );
        assert_eq!(
            window_start(now, 3).unwrap().to_string(),
            "2026-11-20T00:00:00Z"
        );
        assert_eq!(window_start(now, u32::MAX), None);
        assert_eq!(utc_date(now), jiff::civil::date(2026, 11, 22));
    }
}
