//! Per-user progress in SQLite. (Interim: the status type only.)

/// What a user set on a leaf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserStatus {
    /// Not started.
    Todo,
    /// Started.
    InProgress,
    /// Finished.
    Done,
    /// Deliberately passed over.
    Skipped,
}

impl UserStatus {
    /// Done or skipped.
    pub fn is_satisfied(self) -> bool {
        matches!(self, UserStatus::Done | UserStatus::Skipped)
    }
}
