//! What a user set on a topic: the input to the unlock rules.

/// Where a user stands on one key.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum UserStatus {
    /// Not started (the default for any key without a row).
    Todo,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
    /// Deliberately passed over; counts as satisfied for prerequisites.
    Skipped,
}

impl UserStatus {
    /// Every status, in display order.
    pub const ALL: [UserStatus; 4] = [
        UserStatus::Todo,
        UserStatus::InProgress,
        UserStatus::Done,
        UserStatus::Skipped,
    ];

    /// The stable name stored in the database: `todo`, `in_progress`, `done` or `skipped`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The name for people: `in progress` rather than `in_progress`.
    pub fn label(self) -> &'static str {
        match self {
            UserStatus::InProgress => "in progress",
            other => other.as_str(),
        }
    }

    /// The inverse of [`UserStatus::as_str`]; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Whether this status unlocks whatever depends on the key (done or skipped).
    pub fn is_satisfied(self) -> bool {
        matches!(self, UserStatus::Done | UserStatus::Skipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_round_trip_and_reject_anything_else() {
        for status in UserStatus::ALL {
            assert_eq!(UserStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(UserStatus::InProgress.as_str(), "in_progress");
        assert_eq!(UserStatus::parse("Done"), None);
        assert_eq!(UserStatus::parse("in-progress"), None);
        assert_eq!(UserStatus::parse(""), None);
    }

    #[test]
    fn only_done_and_skipped_are_satisfied() {
        let satisfied: Vec<_> = UserStatus::ALL
            .into_iter()
            .filter(|s| s.is_satisfied())
            .collect();
        assert_eq!(satisfied, [UserStatus::Done, UserStatus::Skipped]);
    }
}
