//! A storage backend in plain Rust structures: private to its store, gone when dropped.
//!
//! A write transaction works on a copy of everything and commit swaps the copy in, so an
//! error half-way (or a dropped transaction) leaves nothing behind, as with SQLite. Copying
//! costs time in proportion to the data: this backend is for tests and dry runs.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use super::{
    BatchHead, ChangeId, DeviceId, HistoryEntry, NewBatch, NewEntry, Record, Storage, StorageRead,
    StorageTxn, StoreError, UserId,
};
use crate::graph::UserStatus;

/// How the in-memory backend is named in messages.
const LOCATION: &str = ":memory:";

/// Progress kept in memory.
#[derive(Debug, Default)]
pub struct MemoryStorage {
    tables: Tables,
    /// Counts commits, for [`Storage::data_version`].
    commits: u64,
}

/// Everything stored; cloned by each write transaction.
#[derive(Clone, Debug, Default)]
struct Tables {
    device: DeviceId,
    users: BTreeMap<String, UserId>,
    status: BTreeMap<UserId, BTreeMap<String, UserStatus>>,
    notes: BTreeMap<UserId, BTreeMap<String, String>>,
    choices: BTreeMap<UserId, BTreeMap<String, String>>,
    settings: BTreeMap<UserId, BTreeMap<String, String>>,
    /// Batch `id` is at index `id - 1`.
    batches: Vec<BatchRow>,
    /// The entry with `seq` is at index `seq - 1`.
    history: Vec<NewEntry>,
    last_change_id: Option<ChangeId>,
    /// The seq of every change, by id.
    change_ids: HashMap<ChangeId, usize>,
    /// The id of every batch, by uid.
    batch_uids: HashMap<ChangeId, i64>,
}

#[derive(Clone, Debug)]
struct BatchRow {
    user: UserId,
    command: String,
    at: Timestamp,
    undone: bool,
    undo_of: Option<i64>,
    uid: ChangeId,
    device: DeviceId,
    undoes: Option<ChangeId>,
}

impl BatchRow {
    /// Whether the batch was recorded by `undo`.
    fn is_undo(&self) -> bool {
        self.undo_of.is_some() || self.undoes.is_some()
    }
}

impl MemoryStorage {
    /// An empty store with a new device id.
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }
}

impl Storage for MemoryStorage {
    fn location(&self) -> String {
        LOCATION.to_owned()
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        // Built by this very code: always the current shape.
        Ok(super::SCHEMA_VERSION)
    }

    fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let problems = self.tables.problems();
        Ok(if problems.is_empty() {
            vec!["ok".to_owned()]
        } else {
            problems
        })
    }

    fn data_version(&self) -> Result<u64, StoreError> {
        Ok(self.commits)
    }

    fn outside_version(&self) -> Result<u64, StoreError> {
        // No one else can reach a private in-memory store.
        Ok(0)
    }

    fn read(&self) -> Result<Box<dyn StorageRead + '_>, StoreError> {
        Ok(Box::new(MemoryTxn {
            tables: &self.tables,
            target: (),
        }))
    }

    fn txn(&mut self) -> Result<Box<dyn StorageTxn + '_>, StoreError> {
        Ok(Box::new(MemoryTxn {
            tables: self.tables.clone(),
            target: self,
        }))
    }
}

/// A view of `tables`: borrowed for reading, an owned copy to commit into `target` for writing.
struct MemoryTxn<T, Target> {
    tables: T,
    target: Target,
}

impl Tables {
    fn batch(&self, id: i64) -> Option<&BatchRow> {
        usize::try_from(id - 1)
            .ok()
            .and_then(|i| self.batches.get(i))
    }

    /// `row` (with its `seq`) as the history entry callers see.
    fn entry(&self, seq: usize, row: &NewEntry) -> Option<HistoryEntry> {
        let batch = self.batch(row.batch)?;
        Some(HistoryEntry {
            id: row.id,
            seq: i64::try_from(seq).ok()?,
            batch: row.batch,
            command: batch.command.clone(),
            device: row.device,
            key: row.key.clone(),
            change: row.change.clone(),
            at: row.at,
            undone: batch.undone,
        })
    }

    /// Broken invariants, for [`Storage::integrity_check`]; none if this code is right.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (user, statuses) in &self.status {
            for (key, status) in statuses {
                if *status == UserStatus::Todo {
                    problems.push(format!("user {}: todo stored for {key}", user.0));
                }
            }
        }
        for (user, notes) in &self.notes {
            for (key, text) in notes {
                if text.is_empty() {
                    problems.push(format!("user {}: empty note on {key}", user.0));
                }
            }
        }
        for (index, row) in self.history.iter().enumerate() {
            if self.batch(row.batch).is_none_or(|b| b.user != row.user) {
                problems.push(format!("history entry {}: no such batch", index + 1));
            }
        }
        problems
    }
}

impl<T: Borrow<Tables>, Target> StorageRead for MemoryTxn<T, Target> {
    fn device_id(&self) -> Result<DeviceId, StoreError> {
        Ok(self.tables.borrow().device)
    }

    fn find_user(&self, name: &str) -> Result<Option<UserId>, StoreError> {
        Ok(self.tables.borrow().users.get(name).copied())
    }

    fn users(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.tables.borrow().users.keys().cloned().collect())
    }

    fn status(&self, user: UserId, key: &str) -> Result<UserStatus, StoreError> {
        let tables = self.tables.borrow();
        let status = tables.status.get(&user).and_then(|s| s.get(key));
        Ok(status.copied().unwrap_or(UserStatus::Todo))
    }

    fn statuses(&self, user: UserId) -> Result<HashMap<String, UserStatus>, StoreError> {
        let tables = self.tables.borrow();
        let statuses = tables.status.get(&user).into_iter().flatten();
        Ok(statuses.map(|(k, s)| (k.clone(), *s)).collect())
    }

    fn note(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError> {
        let tables = self.tables.borrow();
        Ok(tables.notes.get(&user).and_then(|n| n.get(key)).cloned())
    }

    fn notes(&self, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        let tables = self.tables.borrow();
        let notes = tables.notes.get(&user).into_iter().flatten();
        Ok(notes.map(|(k, t)| (k.clone(), t.clone())).collect())
    }

    fn choice(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError> {
        let tables = self.tables.borrow();
        Ok(tables.choices.get(&user).and_then(|c| c.get(key)).cloned())
    }

    fn choices(&self, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        let tables = self.tables.borrow();
        let choices = tables.choices.get(&user).into_iter().flatten();
        Ok(choices.map(|(k, a)| (k.clone(), a.clone())).collect())
    }

    fn keys(&self, user: UserId) -> Result<Vec<String>, StoreError> {
        let tables = self.tables.borrow();
        let mut keys: Vec<String> = (tables.status.get(&user).into_iter())
            .flat_map(|s| s.keys())
            .chain(tables.notes.get(&user).into_iter().flat_map(|n| n.keys()))
            .cloned()
            .collect();
        keys.sort();
        keys.dedup();
        Ok(keys)
    }

    fn setting(&self, user: UserId, name: &str) -> Result<Option<String>, StoreError> {
        let tables = self.tables.borrow();
        Ok(tables
            .settings
            .get(&user)
            .and_then(|s| s.get(name))
            .cloned())
    }

    fn entries(&self, user: UserId, limit: usize) -> Result<Vec<HistoryEntry>, StoreError> {
        let tables = self.tables.borrow();
        let mut rows: Vec<(usize, &NewEntry)> = (tables.history.iter().enumerate())
            .filter(|(_, row)| row.user == user)
            .collect();
        rows.sort_by_key(|(_, row)| std::cmp::Reverse(row.id.merge_key(row.device)));
        Ok(rows
            .into_iter()
            .filter_map(|(i, row)| tables.entry(i + 1, row))
            .take(limit)
            .collect())
    }

    fn batch_entries(&self, batch: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        let tables = self.tables.borrow();
        let rows = tables.history.iter().enumerate();
        Ok(rows
            .filter(|(_, row)| row.batch == batch)
            .filter_map(|(i, row)| tables.entry(i + 1, row))
            .collect())
    }

    fn last_undoable_batch(&self, user: UserId) -> Result<Option<BatchHead>, StoreError> {
        let tables = self.tables.borrow();
        let mut batches = tables.batches.iter().enumerate().rev();
        Ok(batches
            .find(|(_, b)| b.user == user && !b.undone && !b.is_undo() && b.device == tables.device)
            .map(|(index, b)| BatchHead {
                id: index as i64 + 1,
                command: b.command.clone(),
                at: b.at,
                uid: b.uid,
            }))
    }

    fn standing_change_times(
        &self,
        user: UserId,
        since: Timestamp,
    ) -> Result<Vec<Timestamp>, StoreError> {
        let tables = self.tables.borrow();
        let stands = |row: &&NewEntry| {
            tables
                .batch(row.batch)
                .is_some_and(|b| !b.undone && !b.is_undo())
        };
        Ok(tables
            .history
            .iter()
            .filter(|row| row.user == user && row.at >= since)
            .filter(stands)
            .map(|row| row.at)
            .collect())
    }

    fn last_change_id(&self) -> Result<Option<ChangeId>, StoreError> {
        Ok(self.tables.borrow().last_change_id)
    }

    fn has_change(&self, id: ChangeId) -> Result<bool, StoreError> {
        Ok(self.tables.borrow().change_ids.contains_key(&id))
    }

    fn find_batch(&self, uid: ChangeId) -> Result<Option<i64>, StoreError> {
        Ok(self.tables.borrow().batch_uids.get(&uid).copied())
    }

    fn key_history(
        &self,
        user: UserId,
        key: &str,
        kind: &str,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        let tables = self.tables.borrow();
        let mut rows: Vec<(usize, &NewEntry)> = (tables.history.iter().enumerate())
            .filter(|(_, row)| row.user == user && row.key == key && row.change.kind() == kind)
            .collect();
        rows.sort_by_key(|(_, row)| row.id.merge_key(row.device));
        Ok(rows
            .into_iter()
            .filter_map(|(i, row)| tables.entry(i + 1, row))
            .collect())
    }

    fn records(
        &self,
        user: UserId,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(i64, Record)>, StoreError> {
        let tables = self.tables.borrow();
        let name = tables.users.iter().find(|(_, id)| **id == user);
        let Some((name, _)) = name else {
            return Ok(Vec::new());
        };
        let start = usize::try_from(after).unwrap_or(0);
        let rows = tables.history.iter().enumerate().skip(start);
        Ok(rows
            .filter(|(_, row)| row.user == user)
            .filter_map(|(i, row)| {
                let batch = tables.batch(row.batch)?;
                let record = Record {
                    id: row.id,
                    device: row.device,
                    user: name.clone(),
                    key: row.key.clone(),
                    change: row.change.clone(),
                    at: row.at,
                    command: batch.command.clone(),
                    batch: batch.uid,
                    undoes: batch.undoes,
                };
                Some((i as i64 + 1, record))
            })
            .take(limit)
            .collect())
    }
}

impl StorageTxn for MemoryTxn<Tables, &mut MemoryStorage> {
    fn create_user(&mut self, name: &str) -> Result<UserId, StoreError> {
        let next = UserId(self.tables.users.len() as i64 + 1);
        Ok(*self.tables.users.entry(name.to_owned()).or_insert(next))
    }

    fn set_status(
        &mut self,
        user: UserId,
        key: &str,
        status: UserStatus,
        _at: Timestamp,
    ) -> Result<(), StoreError> {
        let statuses = self.tables.status.entry(user).or_default();
        if status == UserStatus::Todo {
            statuses.remove(key);
        } else {
            statuses.insert(key.to_owned(), status);
        }
        Ok(())
    }

    fn set_note(
        &mut self,
        user: UserId,
        key: &str,
        text: Option<&str>,
        _at: Timestamp,
    ) -> Result<(), StoreError> {
        let notes = self.tables.notes.entry(user).or_default();
        match text {
            Some(text) => notes.insert(key.to_owned(), text.to_owned()),
            None => notes.remove(key),
        };
        Ok(())
    }

    fn set_choice(
        &mut self,
        user: UserId,
        key: &str,
        alternative: Option<&str>,
        _at: Timestamp,
    ) -> Result<(), StoreError> {
        let choices = self.tables.choices.entry(user).or_default();
        match alternative {
            Some(alt) => choices.insert(key.to_owned(), alt.to_owned()),
            None => choices.remove(key),
        };
        Ok(())
    }

    fn set_setting(&mut self, user: UserId, name: &str, value: &str) -> Result<(), StoreError> {
        let settings = self.tables.settings.entry(user).or_default();
        settings.insert(name.to_owned(), value.to_owned());
        Ok(())
    }

    fn insert_batch(&mut self, batch: &NewBatch) -> Result<i64, StoreError> {
        self.tables.batches.push(BatchRow {
            user: batch.user,
            command: batch.command.clone(),
            at: batch.at,
            undone: false,
            undo_of: batch.undo_of,
            uid: batch.uid,
            device: batch.device,
            undoes: batch.undoes,
        });
        let id = self.tables.batches.len() as i64;
        self.tables.batch_uids.insert(batch.uid, id);
        Ok(id)
    }

    fn append_entry(&mut self, entry: &NewEntry) -> Result<i64, StoreError> {
        self.tables.history.push(entry.clone());
        self.tables.last_change_id = self.tables.last_change_id.max(Some(entry.id));
        let seq = self.tables.history.len();
        self.tables.change_ids.insert(entry.id, seq);
        Ok(seq as i64)
    }

    fn mark_undone(&mut self, batch: i64) -> Result<(), StoreError> {
        let index = usize::try_from(batch - 1).ok();
        if let Some(row) = index.and_then(|i| self.tables.batches.get_mut(i)) {
            row.undone = true;
        }
        Ok(())
    }

    fn mark_undone_by_undos(&mut self) -> Result<(), StoreError> {
        let undone: std::collections::HashSet<ChangeId> = self
            .tables
            .batches
            .iter()
            .filter_map(|b| b.undoes)
            .collect();
        for batch in &mut self.tables.batches {
            if undone.contains(&batch.uid) {
                batch.undone = true;
            }
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        let MemoryTxn { tables, target } = *self;
        target.tables = tables;
        target.commits += 1;
        Ok(())
    }
}
