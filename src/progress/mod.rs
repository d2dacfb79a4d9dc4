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

use crate::graph::UserStatus;

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
    fn entry_kind_names_round_trip() {
        for kind in [EntryKind::Status, EntryKind::Note] {
            assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(EntryKind::parse("todo"), None);
    }
}
