//! The storage trait: what a backend must do, in primitive operations only.
//!
//! Modelled on TaskChampion's `Storage`/`StorageTxn`: a backend hands out transactions,
//! and every rule (what counts as a change, what undo reverts) lives once above it, in
//! [`Store`](super::Store). So a backend stores and finds; it never decides. The traits are
//! object-safe and name nothing of SQLite, so another database can implement them.

use std::collections::HashMap;
use std::path::Path;

use jiff::Timestamp;

use super::{
    BatchHead, ChangeId, DeviceId, HistoryEntry, NewBatch, NewEntry, Record, StoreError, UserId,
};
use crate::graph::UserStatus;

/// A place progress is kept.
pub trait Storage: Send {
    /// How to name this storage in messages: a file path, `:memory:`, a server.
    fn location(&self) -> String;

    /// The file holding the data, if it is one file.
    fn path(&self) -> Option<&Path> {
        None
    }

    /// The schema version of the stored data.
    fn schema_version(&self) -> Result<i64, StoreError>;

    /// Problems found in the stored data: exactly `["ok"]` when there are none.
    fn integrity_check(&self) -> Result<Vec<String>, StoreError>;

    /// A number that differs after anyone (this handle or another) committed a change.
    ///
    /// Cheap enough to poll every second; only equality is meaningful.
    fn data_version(&self) -> Result<u64, StoreError>;

    /// A number that moves only when *another* connection or process commits:
    /// what a long-running front end polls to notice changes made elsewhere
    /// without mistaking its own for them. A private backend never moves it.
    fn outside_version(&self) -> Result<u64, StoreError>;

    /// A consistent view for reading, which never blocks or waits for writers.
    ///
    /// Open one view at a time and drop it before the next (a backend may run each view as a
    /// transaction on one connection, where they cannot nest).
    fn read(&self) -> Result<Box<dyn StorageRead + '_>, StoreError>;

    /// A write transaction: others cannot write the users it changes until it is committed
    /// or dropped (SQLite lets no one else write at all; a server, no one else write those
    /// users). Dropping it without [`StorageTxn::commit`] undoes everything done through it.
    fn txn(&mut self) -> Result<Box<dyn StorageTxn + '_>, StoreError>;

    /// Gives `login` its own way in, for a backend with accounts (a server): creates (or
    /// updates) its login role, with `password` if given, allowed to change only its own
    /// progress, and to read everyone's when `mentor`. Returns how the member connects (a
    /// URL, password included), or `None` for a backend without accounts.
    fn add_member(
        &mut self,
        _login: &str,
        _password: Option<&str>,
        _mentor: bool,
    ) -> Result<Option<String>, StoreError> {
        Ok(None)
    }
}

/// Reads, in a read view or a write transaction (which sees its own writes).
///
/// Users are looked up by name once ([`StorageRead::find_user`]); everything per user
/// then takes the [`UserId`].
pub trait StorageRead {
    /// The id of the database these changes are made on.
    fn device_id(&self) -> Result<DeviceId, StoreError>;

    /// The user named `name`, if they have a row.
    fn find_user(&self, name: &str) -> Result<Option<UserId>, StoreError>;

    /// Every user's name, sorted.
    fn users(&self) -> Result<Vec<String>, StoreError>;

    /// The status of `key`; todo when none is stored.
    fn status(&self, user: UserId, key: &str) -> Result<UserStatus, StoreError>;

    /// Every stored (so not todo) status.
    fn statuses(&self, user: UserId) -> Result<HashMap<String, UserStatus>, StoreError>;

    /// The note on `key`, if any.
    fn note(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError>;

    /// Every note, by key.
    fn notes(&self, user: UserId) -> Result<HashMap<String, String>, StoreError>;

    /// The alternative chosen at choice `key`, if any.
    fn choice(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError>;

    /// Every choice made, by key.
    fn choices(&self, user: UserId) -> Result<HashMap<String, String>, StoreError>;

    /// Every key with a status or a note, sorted, each once.
    fn keys(&self, user: UserId) -> Result<Vec<String>, StoreError>;

    /// The value of setting `name`, if set.
    fn setting(&self, user: UserId, name: &str) -> Result<Option<String>, StoreError>;

    /// The last `limit` history entries, newest first in merged order (see
    /// [`ChangeId::merge_key`]), so that synced databases list them alike.
    fn entries(&self, user: UserId, limit: usize) -> Result<Vec<HistoryEntry>, StoreError>;

    /// The entries of one batch, oldest first.
    fn batch_entries(&self, batch: i64) -> Result<Vec<HistoryEntry>, StoreError>;

    /// The newest batch made on this device that is neither undone nor itself an undo.
    fn last_undoable_batch(&self, user: UserId) -> Result<Option<BatchHead>, StoreError>;

    /// When each change at or after `since` was made, for changes that still stand (not in an
    /// undone batch, not in an undo batch), in any order.
    fn standing_change_times(
        &self,
        user: UserId,
        since: Timestamp,
    ) -> Result<Vec<Timestamp>, StoreError>;

    /// The greatest change id recorded, so new ones can sort after it.
    fn last_change_id(&self) -> Result<Option<ChangeId>, StoreError>;

    /// Whether a change with this id is recorded.
    fn has_change(&self, id: ChangeId) -> Result<bool, StoreError>;

    /// The local id of the batch with this uid, if recorded.
    fn find_batch(&self, uid: ChangeId) -> Result<Option<i64>, StoreError>;

    /// Every change of one kind (`status`, `note`, `choice`) to `user`'s `key`, oldest first in
    /// merged order (see [`ChangeId::merge_key`]).
    fn key_history(
        &self,
        user: UserId,
        key: &str,
        kind: &str,
    ) -> Result<Vec<HistoryEntry>, StoreError>;

    /// Up to `limit` of `user`'s changes with a `seq` above `after`, in `seq` order, each
    /// with its `seq`: pages of everything, for export.
    fn records(
        &self,
        user: UserId,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(i64, Record)>, StoreError>;
}

/// A write transaction: reads see its own writes; nothing is kept unless committed.
pub trait StorageTxn: StorageRead {
    /// The id of user `name`, creating the user if missing.
    fn create_user(&mut self, name: &str) -> Result<UserId, StoreError>;

    /// Stores the status of `key`, changed at `at`; todo removes it.
    fn set_status(
        &mut self,
        user: UserId,
        key: &str,
        status: UserStatus,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Stores the note on `key`, changed at `at`; `None` removes it. Never given `""`.
    fn set_note(
        &mut self,
        user: UserId,
        key: &str,
        text: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Stores the alternative chosen at `key`, changed at `at`; `None` removes it.
    fn set_choice(
        &mut self,
        user: UserId,
        key: &str,
        alternative: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Stores setting `name`.
    fn set_setting(&mut self, user: UserId, name: &str, value: &str) -> Result<(), StoreError>;

    /// Records a batch and returns its id, greater than every batch id before it.
    fn insert_batch(&mut self, batch: &NewBatch) -> Result<i64, StoreError>;

    /// Appends an entry to a batch and returns its `seq`, greater than every `seq` before it.
    fn append_entry(&mut self, entry: &NewEntry) -> Result<i64, StoreError>;

    /// Marks a batch undone.
    fn mark_undone(&mut self, batch: i64) -> Result<(), StoreError>;

    /// Marks undone every batch that a recorded batch undoes (by uid), wherever they came
    /// from and in whichever order they arrived.
    fn mark_undone_by_undos(&mut self) -> Result<(), StoreError>;

    /// Keeps everything done in this transaction.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;
}
