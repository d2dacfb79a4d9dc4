//! Choices: which alternative of a "pick one" a user follows, recorded in history like
//! statuses and notes, so that they are undone and synced like them.

use std::collections::HashMap;

use super::history::Recorder;
use super::{Delta, Store, StoreError};

impl Store {
    /// Follows `alternative` at the choice `key` for `user` (`None`: no alternative), as its
    /// own batch with `command`. Returns `false`, recording nothing, when it already was so.
    pub fn choose(
        &mut self,
        user: &str,
        command: &str,
        key: &str,
        alternative: Option<&str>,
    ) -> Result<bool, StoreError> {
        let new = alternative.filter(|a| !a.is_empty());
        let now = self.now();
        let mut tx = self.storage().txn()?;
        let user_id = tx.create_user(user)?;
        let old = tx.choice(user_id, key)?;
        if old.as_deref() == new {
            return Ok(false);
        }
        let mut recorder = Recorder::start(&*tx, user_id, command.to_owned(), now, None)?;
        tx.set_choice(user_id, key, new, now)?;
        let change = Delta::Choice {
            from: old,
            to: new.map(str::to_owned),
        };
        recorder.record(&mut *tx, key, change)?;
        tx.commit()?;
        Ok(true)
    }

    /// Every choice `user` has made: the alternative's id, by the choice's key.
    pub fn choices(&self, user: &str) -> Result<HashMap<String, String>, StoreError> {
        self.read_user(user, |view, id| view.choices(id))
    }
}
