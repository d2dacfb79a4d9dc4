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
        let new = text.filter(|text| !text.is_empty());
        let now = self.now();
        let mut tx = self.storage().txn()?;
        let user_id = match (tx.find_user(user)?, new) {
            (Some(id), _) => id,
            (None, None) => return Ok(false), // clearing a note of someone who has none
            (None, Some(_)) => tx.create_user(user)?,
        };
        let old = tx.note(user_id, key)?;
        if old.as_deref() == new {
            return Ok(false);
        }
        let mut recorder = Recorder::start(&*tx, user_id, format!("note {key}"), now, None)?;
        tx.set_note(user_id, key, new, now)?;
        let change = Delta::Note {
            from: old,
            to: new.map(str::to_owned),
        };
        recorder.record(&mut *tx, key, change)?;
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
