//! Merging changes from other devices: the union of changes by id, the newest counting.
//!
//! An import is one transaction: every new change is recorded as it was made (its id, device,
//! time, command), then each key it touched takes the value of its newest change in merged
//! order ([`ChangeId::merge_key`]). Nothing recorded is ever deleted or rewritten, so importing
//! the same changes twice, or several sets in any order, ends in the same state.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{
    ChangeId, Delta, DeviceId, HistoryEntry, Merged, NewBatch, NewEntry, Record, Settled,
    StorageTxn, Store, StoreError, UserId,
};

/// How many changes an export reads at a time: memory stays bounded by a page.
const PAGE: usize = 2_000;

impl Store {
    /// Merges `records` into the store in one transaction and says what changed. The first
    /// error (from `records` or the store) stops the import with nothing kept; with
    /// `dry_run`, everything is worked out and then dropped, so the result says what an
    /// import would do.
    pub fn import<E: From<StoreError>>(
        &mut self,
        records: impl IntoIterator<Item = Result<Record, E>>,
        dry_run: bool,
    ) -> Result<Merged, E> {
        let mut tx = self.storage().txn()?;
        let mut merge = Merge::default();
        for record in records {
            merge.add(&mut *tx, record?)?;
        }
        let merged = merge.settle(&mut *tx)?;
        if !dry_run {
            tx.commit()?;
        }
        Ok(merged)
    }

    /// Calls `each` with every one of `user`'s changes, in the order this database recorded
    /// them, from one consistent view, a page at a time.
    pub fn for_each_record<E: From<StoreError>>(
        &self,
        user: &str,
        mut each: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<(), E> {
        let view = self.view()?;
        let Some(user) = view.find_user(user)? else {
            return Ok(());
        };
        let mut after = 0;
        loop {
            let page = view.records(user, after, PAGE)?;
            let Some(&(last, _)) = page.last() else {
                return Ok(());
            };
            for (_, record) in page {
                each(record)?;
            }
            after = last;
        }
    }
}

/// What an import has done so far.
#[derive(Default)]
struct Merge {
    read: u64,
    new: BTreeMap<DeviceId, u64>,
    users: HashMap<String, UserId>,
    /// The batch of the change before (uid, local id): a command's changes come together.
    last_batch: Option<(ChangeId, i64)>,
    /// (user, key, kind) of every new change, with the ids of the new changes.
    touched: BTreeMap<(UserId, String, &'static str), BTreeSet<ChangeId>>,
}

impl Merge {
    /// Records one change, unless it is recorded already.
    fn add(&mut self, tx: &mut dyn StorageTxn, record: Record) -> Result<(), StoreError> {
        self.read += 1;
        if tx.has_change(record.id)? {
            return Ok(());
        }
        let user = match self.users.get(&record.user) {
            Some(&id) => id,
            None => {
                let id = tx.create_user(&record.user)?;
                self.users.insert(record.user.clone(), id);
                id
            }
        };
        let batch = match self.last_batch {
            Some((uid, id)) if uid == record.batch => id,
            _ => {
                let id = match tx.find_batch(record.batch)? {
                    Some(id) => id,
                    None => {
                        let batch = NewBatch {
                            user,
                            command: record.command.clone(),
                            at: record.at,
                            undo_of: None,
                            uid: record.batch,
                            device: record.device,
                            undoes: record.undoes,
                        };
                        tx.insert_batch(&batch)?
                    }
                };
                self.last_batch = Some((record.batch, id));
                id
            }
        };
        tx.append_entry(&NewEntry {
            id: record.id,
            batch,
            user,
            device: record.device,
            key: record.key.clone(),
            change: record.change.clone(),
            at: record.at,
        })?;
        *self.new.entry(record.device).or_default() += 1;
        let kind = record.change.kind();
        (self.touched.entry((user, record.key, kind)).or_default()).insert(record.id);
        Ok(())
    }

    /// Marks what the new batches undo (or what undoes them) undone, and gives every key a
    /// new change touched the value of its newest change.
    fn settle(self, tx: &mut dyn StorageTxn) -> Result<Merged, StoreError> {
        // Either the undo or what it undoes may arrive first: settle all at the end.
        tx.mark_undone_by_undos()?;

        let names: HashMap<UserId, &String> = self.users.iter().map(|(n, id)| (*id, n)).collect();
        let mut settled = Vec::new();
        let mut conflicts = 0;
        for ((user, key, kind), new) in &self.touched {
            let history = tx.key_history(*user, key, kind)?;
            conflicts += count_conflicts(&history, new);
            let Some(newest) = history.last() else {
                continue;
            };
            let change = match &newest.change {
                // A review sets no value: recording it is all there is to merge.
                Delta::Review { .. } => continue,
                Delta::Status { to, .. } => {
                    let now = tx.status(*user, key)?;
                    if now == *to {
                        continue;
                    }
                    tx.set_status(*user, key, *to, newest.at)?;
                    Delta::Status { from: now, to: *to }
                }
                Delta::Note { to, .. } => {
                    let now = tx.note(*user, key)?;
                    let to = to.clone().filter(|t| !t.is_empty());
                    if now == to {
                        continue;
                    }
                    tx.set_note(*user, key, to.as_deref(), newest.at)?;
                    Delta::Note { from: now, to }
                }
                Delta::Choice { to, .. } => {
                    let now = tx.choice(*user, key)?;
                    if now == *to {
                        continue;
                    }
                    tx.set_choice(*user, key, to.as_deref(), newest.at)?;
                    Delta::Choice {
                        from: now,
                        to: to.clone(),
                    }
                }
            };
            settled.push(Settled {
                user: names.get(user).map(|n| n.to_string()).unwrap_or_default(),
                key: key.clone(),
                change,
            });
        }
        Ok(Merged {
            read: self.read,
            new: self.new.values().sum(),
            by_device: self.new.into_iter().collect(),
            settled,
            conflicts,
        })
    }
}

/// New changes (by id) in `history` (one key, merged order) made without seeing the change
/// just before them: their `from` is not what that change set, and it came from another
/// device.
fn count_conflicts(history: &[HistoryEntry], new: &BTreeSet<ChangeId>) -> u64 {
    let mut count = 0;
    for pair in history.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let involved = new.contains(&after.id) || new.contains(&before.id);
        if involved && before.device != after.device && !follows(before, after) {
            count += 1;
        }
    }
    count
}

/// Whether `after` was made from the value `before` left.
fn follows(before: &HistoryEntry, after: &HistoryEntry) -> bool {
    match (&before.change, &after.change) {
        (Delta::Status { to, .. }, Delta::Status { from, .. }) => to == from,
        (Delta::Note { to, .. }, Delta::Note { from, .. })
        | (Delta::Choice { to, .. }, Delta::Choice { from, .. }) => to == from,
        _ => true,
    }
}
