//! Free-text notes on keys, recorded in history like status changes.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::history::Recorder;
use super::store::now;
use super::users::{ensure_user, user_id};
use super::{EntryKind, Store, StoreError};

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
        self.write(|tx| {
            let user_id = match (user_id(tx, user)?, new) {
                (Some(id), _) => id,
                (None, None) => return Ok(false), // clearing a note of someone who has none
                (None, Some(_)) => ensure_user(tx, user)?,
            };
            let old = current_note(tx, user_id, key)?;
            if old.as_deref() == new {
                return Ok(false);
            }
            let mut recorder = Recorder::new(user_id, format!("note {key}"), now(tx)?, None);
            write_note(tx, user_id, key, new, &recorder.at)?;
            recorder.record(tx, EntryKind::Note, key, old.as_deref(), new)?;
            Ok(true)
        })
    }

    /// `user`'s note on `key`, if any.
    pub fn note(&self, user: &str, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT n.text FROM notes n JOIN users u ON u.id = n.user_id WHERE u.name = ?1 AND n.key = ?2",
                [user, key],
                |row| row.get(0),
            )
            .optional()
        })
    }

    /// All of `user`'s notes, by key.
    pub fn notes(&self, user: &str) -> Result<HashMap<String, String>, StoreError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare("SELECT n.key, n.text FROM notes n JOIN users u ON u.id = n.user_id WHERE u.name = ?1")?;
            let rows = stmt.query_map([user], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        })
    }
}

/// The note on `key` for `user_id`, if any.
pub(super) fn current_note(
    conn: &Connection,
    user_id: i64,
    key: &str,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT text FROM notes WHERE user_id = ?1 AND key = ?2",
        params![user_id, key],
        |row| row.get(0),
    )
    .optional()
}

/// Sets the note on `key`; `None` deletes it.
pub(super) fn write_note(
    conn: &Connection,
    user_id: i64,
    key: &str,
    text: Option<&str>,
    at: &str,
) -> rusqlite::Result<()> {
    match text {
        None => conn.execute(
            "DELETE FROM notes WHERE user_id = ?1 AND key = ?2",
            params![user_id, key],
        )?,
        Some(text) => conn.execute(
            "INSERT INTO notes (user_id, key, text, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (user_id, key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            params![user_id, key, text, at],
        )?,
    };
    Ok(())
}
