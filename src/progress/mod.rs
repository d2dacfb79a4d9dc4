//! Per-user progress in SQLite.
//!
//! Several users share one database file; each has their own statuses, notes
//! and settings, keyed by plain strings (`docker`, `backend-mastery/web-basics`).
//! The store knows nothing of roadmaps: a key without a row is simply todo.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction, so several skilltree
//! processes can mark progress at the same moment. Every change is recorded
//! in history, grouped in batches (one per command), which `undo` reverts.

#![warn(missing_docs)]

mod error;
mod history;
mod migrations;
mod notes;
mod store;
mod users;

pub use error::StoreError;
pub use store::Store;

/// Where a user stands on one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
        match self {
            UserStatus::Todo => "todo",
            UserStatus::InProgress => "in_progress",
            UserStatus::Done => "done",
            UserStatus::Skipped => "skipped",
        }
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
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }

    /// Whether this status unlocks whatever depends on the key (done or skipped).
    pub fn is_satisfied(self) -> bool {
        matches!(self, UserStatus::Done | UserStatus::Skipped)
    }
}

/// A requested status change for one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The key to change.
    pub key: String,
    /// The status to set.
    pub to: UserStatus,
}

/// A status change that actually happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The key that changed.
    pub key: String,
    /// Its status before.
    pub from: UserStatus,
    /// Its status now.
    pub to: UserStatus,
}

/// What a history entry changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A status; `from`/`to` hold [`UserStatus::as_str`] names.
    Status,
    /// A note; `from`/`to` hold the note text, `None` meaning no note.
    Note,
}

impl EntryKind {
    /// The name stored in the database: `status` or `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Status => "status",
            EntryKind::Note => "note",
        }
    }

    /// The inverse of [`EntryKind::as_str`]; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "status" => Some(EntryKind::Status),
            "note" => Some(EntryKind::Note),
            _ => None,
        }
    }
}

/// One recorded change to one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Unique, increasing id.
    pub id: i64,
    /// The batch (command) this change belongs to.
    pub batch: i64,
    /// The command that made the change, e.g. `done docker` or `undo done docker`.
    pub command: String,
    /// Whether a status or a note changed.
    pub kind: EntryKind,
    /// The key that changed.
    pub key: String,
    /// The value before (status name or note text; `None` = no note).
    pub from: Option<String>,
    /// The value after (status name or note text; `None` = no note).
    pub to: Option<String>,
    /// When, in RFC 3339 UTC, e.g. `2026-11-22T01:53:44Z`.
    pub at: String,
    /// Whether the batch has since been undone.
    pub undone: bool,
}

/// The changes made by one command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    /// Unique, increasing id.
    pub id: i64,
    /// The command that made the changes.
    pub command: String,
    /// When, in RFC 3339 UTC.
    pub at: String,
    /// The changes, in the order they were made.
    pub entries: Vec<HistoryEntry>,
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

    #[test]
    fn entry_kind_names_round_trip() {
        for kind in [EntryKind::Status, EntryKind::Note] {
            assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(EntryKind::parse("todo"), None);
    }
}
