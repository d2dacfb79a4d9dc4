//! Free-text notes on keys, recorded in history like status changes.

use std::collections::HashMap;

use super::history::Recorder;
use super::{Delta, Store, StoreError};

impl Store {
    /// Sets (or, with `None` or `""`, clears) `user`'s note on `key`, as its own batch with command
    /// `note KEY`. Returns `false`, recording nothing, when the note already had that value.
    pub fn set_note(
        &mut self,
        user: &str,
        key: &str,
        text: Option<&str>,
    ) -> Result<bool, StoreError> {
        self.set_note_replacing(user, key, text, &[])
    }

    /// Like [`Store::set_note`], and in the same batch clears any note kept
    /// under `former` keys (a renamed node's old keys), so the note written
    /// is the one that counts and `undo` brings all of them back.
    pub fn set_note_replacing(
        &mut self,
        user: &str,
        key: &str,
        text: Option<&str>,
        former: &[String],
    ) -> Result<bool, StoreError> {
        let new = text.filter(|text| !text.is_empty());
        let now = self.now();
        let mut tx = self.storage().txn()?;
        let user_id = match (tx.find_user(user)?, new) {
            (Some(id), _) => id,
            (None, None) => return Ok(false), // clearing a note of someone who has none
            (None, Some(_)) => tx.create_user(user)?,
        };
        let mut changes: Vec<(&str, Option<String>, Option<&str>)> = Vec::new();
        let old = tx.note(user_id, key)?;
        if old.as_deref() != new {
            changes.push((key, old, new));
        }
        for k in former.iter().filter(|k| k.as_str() != key) {
            if let Some(was) = tx.note(user_id, k)? {
                changes.push((k, Some(was), None));
            }
        }
        if changes.is_empty() {
            return Ok(false);
        }
        let mut recorder = Recorder::start(&*tx, user_id, format!("note {key}"), now, None)?;
        for (k, from, to) in changes {
            tx.set_note(user_id, k, to, now)?;
            let change = Delta::Note {
                from,
                to: to.map(str::to_owned),
            };
            recorder.record(&mut *tx, k, change)?;
        }
        tx.commit()?;
        Ok(true)
    }

    /// `user`'s note on `key`, if any.
    pub fn note(&self, user: &str, key: &str) -> Result<Option<String>, StoreError> {
        self.read_user(user, |view, id| view.note(id, key))
    }

    /// All of `user`'s notes, by key.
    pub fn notes(&self, user: &str) -> Result<HashMap<String, String>, StoreError> {
        self.read_user(user, |view, id| view.notes(id))
    }
}
