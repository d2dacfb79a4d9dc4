//! What the history says about learning over time: when topics were finished, and the
//! reviews recorded for them. Read from history through the storage's existing reads.

use std::collections::HashMap;

use jiff::Timestamp;

use super::history::Recorder;
use super::{Delta, HistoryEntry, Rating, Store, StoreError};
use crate::graph::UserStatus;

/// One review recorded for a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Review {
    /// When.
    pub at: Timestamp,
    /// How well it was known.
    pub rating: Rating,
}

impl Store {
    /// Every key `user` has done now, with when it was last marked done by a command that
    /// still stands (not undone, not itself an undo), oldest first. A key done only
    /// through an undo, or with no history, is left out.
    pub fn done_times(&self, user: &str) -> Result<Vec<(String, Timestamp)>, StoreError> {
        let (entries, statuses) = self.read_user(user, |view, id| {
            Ok((view.entries(id, usize::MAX)?, view.statuses(id)?))
        })?;
        let mut seen = HashMap::new();
        // Newest first: the first standing change to done is the last time it was done.
        for e in entries.iter().filter(|e| standing(e)) {
            let done = matches!(
                e.change,
                Delta::Status {
                    to: UserStatus::Done,
                    ..
                }
            );
            if done && statuses.get(&e.key) == Some(&UserStatus::Done) {
                seen.entry(e.key.clone()).or_insert(e.at);
            }
        }
        let mut out: Vec<(String, Timestamp)> = seen.into_iter().collect();
        out.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        Ok(out)
    }

    /// Records reviews of `keys` with `rating` for `user`, as one batch with `command`.
    pub fn review(
        &mut self,
        user: &str,
        command: &str,
        keys: &[String],
        rating: Rating,
    ) -> Result<(), StoreError> {
        let now = self.now();
        let mut tx = self.storage().txn()?;
        let user_id = tx.create_user(user)?;
        let mut recorder = Recorder::start(&*tx, user_id, command.to_owned(), now, None)?;
        for key in keys {
            recorder.record(&mut *tx, key, Delta::Review { rating })?;
        }
        tx.commit()
    }

    /// Every review of `user` that still stands (not undone), by key, oldest first.
    pub fn reviews(&self, user: &str) -> Result<HashMap<String, Vec<Review>>, StoreError> {
        let entries = self.read_user(user, |view, id| view.entries(id, usize::MAX))?;
        let mut out: HashMap<String, Vec<Review>> = HashMap::new();
        for e in entries.iter().rev().filter(|e| standing(e)) {
            if let Delta::Review { rating } = e.change {
                out.entry(e.key.clone())
                    .or_default()
                    .push(Review { at: e.at, rating });
            }
        }
        Ok(out)
    }
}

/// Whether an entry still counts: its command was not undone and is not an undo.
fn standing(e: &HistoryEntry) -> bool {
    !e.undone && !e.command.starts_with("undo ")
}
