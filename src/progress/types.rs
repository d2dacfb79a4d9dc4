//! The values the store takes and gives: changes asked for, changes made, and their history.

use jiff::Timestamp;
use serde::{Serialize, Serializer};

use super::{ChangeId, DeviceId};
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

/// What one history entry changed, from what to what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Delta {
    /// A status.
    Status {
        /// Before.
        #[serde(serialize_with = "status_name")]
        from: UserStatus,
        /// After.
        #[serde(serialize_with = "status_name")]
        to: UserStatus,
    },
    /// A note; `None` is no note.
    Note {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// The alternative followed at a choice (the key is the choice); `None` is none chosen.
    Choice {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// A review of a topic, with how well it was known: it changes no value, it is a
    /// record of its own (the schedule of reviews is worked out from these).
    Review {
        /// How well the topic was known.
        #[serde(rename = "to")]
        rating: Rating,
    },
}

/// How well a topic was known when reviewed, as spaced-repetition schedulers rate it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Forgotten.
    Again,
    /// Recalled with difficulty.
    Hard,
    /// Recalled.
    Good,
    /// Recalled with no effort.
    Easy,
}

impl Rating {
    /// Every rating, worst first.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// `again`, `hard`, `good` or `easy`: the stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The rating named `name` (as [`Rating::as_str`] writes it), in any case.
    pub fn parse(name: &str) -> Option<Rating> {
        Rating::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl Delta {
    /// `status`, `note`, `choice` or `review`: the name the database and the CLI's JSON use.
    pub fn kind(&self) -> &'static str {
        match self {
            Delta::Status { .. } => "status",
            Delta::Note { .. } => "note",
            Delta::Choice { .. } => "choice",
            Delta::Review { .. } => "review",
        }
    }

    /// The value before as text: a status name ([`UserStatus::as_str`]), the note or the
    /// alternative's id; none for a review.
    pub fn from_text(&self) -> Option<&str> {
        match self {
            Delta::Status { from, .. } => Some(from.as_str()),
            Delta::Note { from, .. } | Delta::Choice { from, .. } => from.as_deref(),
            Delta::Review { .. } => None,
        }
    }

    /// The value after as text: a status name ([`UserStatus::as_str`]), the note, the
    /// alternative's id or a review's rating ([`Rating::as_str`]).
    pub fn to_text(&self) -> Option<&str> {
        match self {
            Delta::Status { to, .. } => Some(to.as_str()),
            Delta::Note { to, .. } | Delta::Choice { to, .. } => to.as_deref(),
            Delta::Review { rating } => Some(rating.as_str()),
        }
    }
}

/// Statuses serialise by their stored names (`in_progress`), like everywhere else.
fn status_name<S: Serializer>(status: &UserStatus, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(status.as_str())
}

/// One recorded change to one key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The change's own id, the same wherever the change is copied to.
    pub id: ChangeId,
    /// The local order: increases with every change this database records.
    pub seq: i64,
    /// The batch (command) this change belongs to.
    pub batch: i64,
    /// The command that made the change, e.g. `done docker` or `undo done docker`.
    pub command: String,
    /// The database the change was made on.
    pub device: DeviceId,
    /// The key that changed.
    pub key: String,
    /// What changed.
    pub change: Delta,
    /// When.
    pub at: Timestamp,
    /// Whether the batch has since been undone.
    pub undone: bool,
}

/// The changes made by one command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Batch {
    /// Unique, increasing id.
    pub id: i64,
    /// The command that made the changes.
    pub command: String,
    /// When.
    pub at: Timestamp,
    /// The changes, in the order they were made.
    pub entries: Vec<HistoryEntry>,
    /// Changes an undo left as they are: another device has changed the key since.
    pub kept: Vec<HistoryEntry>,
}

/// A backend's key for a user row; names are what callers use, ids what storage joins on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserId(pub i64);

/// A batch as [`StorageRead::last_undoable_batch`](super::StorageRead::last_undoable_batch) finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchHead {
    /// The batch id.
    pub id: i64,
    /// Its command.
    pub command: String,
    /// When it was recorded.
    pub at: Timestamp,
    /// Its uid, the same on every device.
    pub uid: ChangeId,
}

/// A batch to insert with [`StorageTxn::insert_batch`](super::StorageTxn::insert_batch).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBatch {
    /// Whose command.
    pub user: UserId,
    /// The command.
    pub command: String,
    /// When.
    pub at: Timestamp,
    /// The batch this one undoes, for the batches `undo` records.
    pub undo_of: Option<i64>,
    /// The batch's own id, the same on every device it is synced to.
    pub uid: ChangeId,
    /// The device the command was given on.
    pub device: DeviceId,
    /// The [`NewBatch::uid`] of the batch this one undoes, for undo batches.
    pub undoes: Option<ChangeId>,
}

/// One change as it travels between devices: everything that identifies it and
/// what it changed, with the command it belonged to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The change's id.
    pub id: ChangeId,
    /// The device it was made on.
    pub device: DeviceId,
    /// Whose change.
    pub user: String,
    /// The key changed.
    pub key: String,
    /// What changed, from what to what.
    pub change: Delta,
    /// When it was made, by its device's clock.
    pub at: Timestamp,
    /// The command that made it, e.g. `done docker`.
    pub command: String,
    /// The uid of its batch (command), shared by the changes one command made.
    pub batch: ChangeId,
    /// For a change made by `undo`: the uid of the batch it undoes.
    pub undoes: Option<ChangeId>,
}

/// A key whose current value an import changed (or, in a dry run, would change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Settled {
    /// Whose key.
    pub user: String,
    /// The key.
    pub key: String,
    /// The value before and after, as the newest change now says.
    pub change: Delta,
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Merged {
    /// Changes read.
    pub read: u64,
    /// Changes this database did not have.
    pub new: u64,
    /// New changes per device, in device order.
    pub by_device: Vec<(DeviceId, u64)>,
    /// Keys whose value changed, sorted by user, key and kind.
    pub settled: Vec<Settled>,
    /// New changes made without seeing the change before them in merged order (two devices
    /// changed the key concurrently): the later one counts.
    pub conflicts: u64,
}

/// A history entry to append with [`StorageTxn::append_entry`](super::StorageTxn::append_entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    /// The change's id.
    pub id: ChangeId,
    /// The batch it belongs to.
    pub batch: i64,
    /// Whose change.
    pub user: UserId,
    /// The database it was made on.
    pub device: DeviceId,
    /// The key changed.
    pub key: String,
    /// What changed.
    pub change: Delta,
    /// When.
    pub at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_name_their_kind_and_values_as_text() {
        let status = Delta::Status {
            from: UserStatus::Todo,
            to: UserStatus::InProgress,
        };
        assert_eq!(
            (status.kind(), status.from_text(), status.to_text()),
            ("status", Some("todo"), Some("in_progress"))
        );
        let note = Delta::Note {
            from: None,
            to: Some("hi".into()),
        };
        assert_eq!(
            (note.kind(), note.from_text(), note.to_text()),
            ("note", None, Some("hi"))
        );
        assert_eq!(
            serde_json::to_value(&status).unwrap(),
            serde_json::json!({"kind": "status", "from": "todo", "to": "in_progress"})
        );
    }
}
