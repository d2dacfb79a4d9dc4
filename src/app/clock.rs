//! The clock and time zone every date-dependent answer uses, settled once when a workspace
//! opens: the system's, or a fixed "now" (`SKILLTREE_NOW`) so tests and demos are exact.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::AppError;

/// The environment variable holding a fixed "now", an RFC 3339 time such as
/// `2027-01-15T10:00:00Z`. Days and weeks are counted in the zone `TZ` names.
pub const NOW_VAR: &str = "SKILLTREE_NOW";

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    /// A fixed time, or `None` for the system clock.
    pub fixed: Option<Timestamp>,
}

impl Clock {
    /// The clock [`NOW_VAR`] asks for: unset or empty is the system clock; anything
    /// else must be an RFC 3339 time.
    pub fn from_env() -> Result<Clock, AppError> {
        let Some(text) = std::env::var_os(NOW_VAR).filter(|v| !v.is_empty()) else {
            return Ok(Clock::default());
        };
        Clock::parse(&text.to_string_lossy())
    }

    /// A fixed clock at `text`, an RFC 3339 time.
    pub fn parse(text: &str) -> Result<Clock, AppError> {
        match text.trim().parse::<Timestamp>() {
            Ok(at) => Ok(Clock { fixed: Some(at) }),
            Err(_) => Err(AppError::input(
                format!(
                    "{NOW_VAR} is `{}`, which is not a time",
                    crate::roadmap::sanitize::clean_line(text)
                ),
                format!("write a time like 2027-01-15T10:00:00Z, or unset {NOW_VAR}"),
            )),
        }
    }

    /// Now, by this clock.
    pub fn now(&self) -> Timestamp {
        self.fixed.unwrap_or_else(Timestamp::now)
    }
}

/// The user's time zone: `TZ` when set, else the machine's setting, else UTC.
pub fn zone() -> TimeZone {
    TimeZone::system()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_reads_rfc3339_and_refuses_anything_else() {
        let c = Clock::parse("2027-01-15T10:00:00Z").unwrap();
        assert_eq!(c.now().to_string(), "2027-01-15T10:00:00Z");
        let e = Clock::parse("next tuesday").unwrap_err().to_string();
        assert!(e.contains("SKILLTREE_NOW is `next tuesday`"), "{e}");
    }
}
