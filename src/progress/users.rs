//! Per-user lookups: who exists, their statuses and keys, and their settings.

use std::collections::HashMap;

use super::{Store, StoreError, UserStatus};

impl Store {
    /// Every key of `user` that is not todo, with its status.
    pub fn statuses(&self, user: &str) -> Result<HashMap<String, UserStatus>, StoreError> {
        self.read_user(user, |view, id| view.statuses(id))
    }

    /// The statuses of `keys` that are not todo: what changed after a mark,
    /// without reading every key.
    pub fn statuses_of(
        &self,
        user: &str,
        keys: &[&str],
    ) -> Result<HashMap<String, UserStatus>, StoreError> {
        self.read_user(user, |view, id| {
            let mut out = HashMap::new();
            for &key in keys {
                let status = view.status(id, key)?;
                if status != UserStatus::Todo {
                    out.insert(key.to_string(), status);
                }
            }
            Ok(out)
        })
    }

    /// Every user with a row in the database, sorted by name.
    pub fn users(&self) -> Result<Vec<String>, StoreError> {
        self.view()?.users()
    }

    /// Every key `user` has a status or a note for, sorted (to find keys no roadmap knows).
    pub fn keys(&self, user: &str) -> Result<Vec<String>, StoreError> {
        self.read_user(user, |view, id| view.keys(id))
    }

    /// The value of `user`'s setting `name`, if set.
    pub fn setting(&self, user: &str, name: &str) -> Result<Option<String>, StoreError> {
        self.read_user(user, |view, id| view.setting(id, name))
    }

    /// Sets `user`'s setting `name` (not recorded in history, not undoable).
    pub fn set_setting(&mut self, user: &str, name: &str, value: &str) -> Result<(), StoreError> {
        let mut tx = self.storage().txn()?;
        let user_id = tx.create_user(user)?;
        tx.set_setting(user_id, name, value)?;
        tx.commit()
    }
}
