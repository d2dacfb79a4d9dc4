//! Status changes, the history they leave, and undo: the rules, once, for every backend.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::time::{local_date, window_start};
use super::{
    Applied, Batch, Change, ChangeId, Delta, DeviceId, HistoryEntry, NewBatch, NewEntry,
    StorageTxn, Store, StoreError, UserId,
};

impl Store {
    /// Applies `changes` for `user` as one command in one transaction, and returns those that
    /// changed something. Changes to the status a key already has are skipped; if none is left,
    /// no batch is recorded. `command` is what `log` shows, e.g. `done docker`.
    pub fn apply(
        &mut self,
        user: &str,
        command: &str,
        changes: &[Change],
    ) -> Result<Vec<Applied>, StoreError> {
        let now = self.now();
        let mut tx = self.storage().txn()?;
        let user_id = tx.create_user(user)?;
        let mut recorder = Recorder::start(&*tx, user_id, command.to_owned(), now, None)?;
        let mut applied = Vec::new();
        for Change { key, to } in changes {
            let from = tx.status(user_id, key)?;
            if from == *to {
                continue;
            }
            tx.set_status(user_id, key, *to, now)?;
            recorder.record(&mut *tx, key, Delta::Status { from, to: *to })?;
            applied.push(Applied {
                key: key.clone(),
                from,
                to: *to,
            });
        }
        tx.commit()?;
        Ok(applied)
    }

    /// Reverts `user`'s most recent batch that is neither undone nor itself an undo, and returns it
    /// (now marked undone), or `None` if there is nothing to undo.
    ///
    /// Every entry's key gets back its `from` value, even if a later batch changed it since,
    /// unless that later change came from another device (synced here): then the key is
    /// left as it is and the entry listed in [`Batch::kept`]. The reversal is recorded as a
    /// new batch with command `undo <original command>`, which names the batch it undoes,
    /// so that syncing it marks that batch undone everywhere.
    pub fn undo(&mut self, user: &str) -> Result<Option<Batch>, StoreError> {
        let now = self.now();
        let mut tx = self.storage().txn()?;
        let Some(user_id) = tx.find_user(user)? else {
            return Ok(None);
        };
        let Some(target) = tx.last_undoable_batch(user_id)? else {
            return Ok(None);
        };
        tx.mark_undone(target.id)?;
        let entries = tx.batch_entries(target.id)?;

        let command = format!("undo {}", target.command);
        let undoing = Some((target.id, target.uid));
        let mut recorder = Recorder::start(&*tx, user_id, command, now, undoing)?;
        // The undo batch is recorded even when every key already holds its old value, so the
        // history shows that the undo happened.
        recorder.ensure_batch(&mut *tx)?;
        let mut kept = Vec::new();
        for entry in entries.iter().rev() {
            // A review overwrites nothing: it is always taken back.
            let review = matches!(entry.change, Delta::Review { .. });
            if !review && overwritten_elsewhere(&*tx, user_id, entry)? {
                kept.push(entry.clone());
            } else {
                revert(&mut *tx, &mut recorder, entry)?;
            }
        }
        kept.reverse();
        tx.commit()?;
        Ok(Some(Batch {
            id: target.id,
            command: target.command,
            at: target.at,
            entries,
            kept,
        }))
    }

    /// `user`'s last `limit` history entries, newest first, undo batches included.
    pub fn history(&self, user: &str, limit: usize) -> Result<Vec<HistoryEntry>, StoreError> {
        self.read_user(user, |view, id| view.entries(id, limit))
    }

    /// Changes per local day (in [`Store::time_zone`]) over the last `days` days (today, by
    /// the store's clock, included), oldest first, days without changes left out. Counts
    /// status and note changes that still stand: undone batches and undo batches are not
    /// counted.
    pub fn activity(&self, user: &str, days: u32) -> Result<Vec<(Date, u32)>, StoreError> {
        if days == 0 {
            return Ok(Vec::new());
        }
        let zone = self.time_zone();
        let since = window_start(self.now(), days, zone).unwrap_or(Timestamp::MIN);
        let times = self.read_user(user, |view, id| view.standing_change_times(id, since))?;
        let mut per_day = BTreeMap::<Date, u32>::new();
        for at in times {
            *per_day.entry(local_date(at, zone)).or_default() += 1;
        }
        Ok(per_day.into_iter().collect())
    }
}

/// Writes the history of one command; its batch is created with the first entry.
pub(super) struct Recorder {
    user: UserId,
    command: String,
    /// The time shared by the batch and all its entries.
    at: Timestamp,
    /// The batch undone (local id and uid), for an undo.
    undo_of: Option<(i64, ChangeId)>,
    device: DeviceId,
    /// The newest change id so far: every new one must sort after it.
    last_id: Option<ChangeId>,
    batch: Option<i64>,
}

impl Recorder {
    /// Starts recording a command for `user` at time `at`.
    pub(super) fn start(
        tx: &dyn StorageTxn,
        user: UserId,
        command: String,
        at: Timestamp,
        undo_of: Option<(i64, ChangeId)>,
    ) -> Result<Self, StoreError> {
        Ok(Recorder {
            user,
            command,
            at,
            undo_of,
            device: tx.device_id()?,
            last_id: tx.last_change_id()?,
            batch: None,
        })
    }

    /// The batch id, inserting the batch on first use.
    fn ensure_batch(&mut self, tx: &mut dyn StorageTxn) -> Result<i64, StoreError> {
        if let Some(id) = self.batch {
            return Ok(id);
        }
        // The batch's uid starts the command's ids, after everything this database has seen.
        let uid = ChangeId::first_after(self.at, self.last_id);
        self.last_id = Some(uid);
        let id = tx.insert_batch(&NewBatch {
            user: self.user,
            command: self.command.clone(),
            at: self.at,
            undo_of: self.undo_of.map(|(id, _)| id),
            uid,
            device: self.device,
            undoes: self.undo_of.map(|(_, uid)| uid),
        })?;
        self.batch = Some(id);
        Ok(id)
    }

    /// Appends one change to the batch.
    pub(super) fn record(
        &mut self,
        tx: &mut dyn StorageTxn,
        key: &str,
        change: Delta,
    ) -> Result<(), StoreError> {
        let batch = self.ensure_batch(tx)?;
        let id = ChangeId::next(self.at, self.last_id);
        tx.append_entry(&NewEntry {
            id,
            batch,
            user: self.user,
            device: self.device,
            key: key.to_owned(),
            change,
            at: self.at,
        })?;
        self.last_id = Some(id);
        Ok(())
    }

    /// When this command happens.
    pub(super) fn at(&self) -> Timestamp {
        self.at
    }
}

/// Whether a change from another device, later than `entry` in merged order, has set the
/// key since: undoing `entry` would then clobber it.
fn overwritten_elsewhere(
    tx: &dyn StorageTxn,
    user: UserId,
    entry: &HistoryEntry,
) -> Result<bool, StoreError> {
    let mine = entry.id.merge_key(entry.device);
    let later = tx.key_history(user, &entry.key, entry.change.kind())?;
    Ok(later
        .iter()
        .any(|e| e.device != entry.device && e.id.merge_key(e.device) > mine))
}

/// Restores the value `entry` changed from, recording the reversal unless the key already holds it.
fn revert(
    tx: &mut dyn StorageTxn,
    recorder: &mut Recorder,
    entry: &HistoryEntry,
) -> Result<(), StoreError> {
    let (user, key, at) = (recorder.user, entry.key.as_str(), recorder.at());
    match &entry.change {
        Delta::Status { from: target, .. } => {
            let current = tx.status(user, key)?;
            if current != *target {
                tx.set_status(user, key, *target, at)?;
                let change = Delta::Status {
                    from: current,
                    to: *target,
                };
                recorder.record(tx, key, change)?;
            }
        }
        Delta::Note { from: target, .. } => {
            let current = tx.note(user, key)?;
            if current != *target {
                tx.set_note(user, key, target.as_deref(), at)?;
                let change = Delta::Note {
                    from: current,
                    to: target.clone(),
                };
                recorder.record(tx, key, change)?;
            }
        }
        // A review changed no value: its batch, marked undone, no longer counts. The
        // undo batch records it again (undo batches never count as reviews) so that
        // the undo has a change to travel with, and undoes the review everywhere.
        Delta::Review { .. } => recorder.record(tx, &entry.key, entry.change.clone())?,
        Delta::Choice { from: target, .. } => {
            let current = tx.choice(user, key)?;
            if current != *target {
                tx.set_choice(user, key, target.as_deref(), at)?;
                let change = Delta::Choice {
                    from: current,
                    to: target.clone(),
                };
                recorder.record(tx, key, change)?;
            }
        }
    }
    Ok(())
}
