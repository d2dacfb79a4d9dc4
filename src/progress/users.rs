//! Per-user lookups: who exists, their statuses and keys, and their settings.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::history::parse_status;
use super::{Store, StoreError, UserStatus};

impl Store {
    /// Every key of `user` that is not todo, with its status.
    pub fn statuses(&self, user: &str) -> Result<HashMap<String, UserStatus>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT s.key, s.status FROM status s JOIN users u ON u.id = s.user_id WHERE u.name = ?1",
            )?;
            let rows = stmt.query_map([user], |row| Ok((row.get(0)?, status_column(row, 1)?)))?;
            rows.collect()
        })
    }

    /// Every user with a row in the database, sorted by name.
    pub fn users(&self) -> Result<Vec<String>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare("SELECT name FROM users ORDER BY name")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect()
        })
    }

    /// Every key `user` has a status or a note for, sorted (to find keys no roadmap knows).
    pub fn keys(&self, user: &str) -> Result<Vec<String>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT s.key FROM status s JOIN users u ON u.id = s.user_id WHERE u.name = ?1
                 UNION
                 SELECT n.key FROM notes n JOIN users u ON u.id = n.user_id WHERE u.name = ?1
                 ORDER BY 1",
            )?;
            let rows = stmt.query_map([user], |row| row.get(0))?;
            rows.collect()
        })
    }

    /// The value of `user`'s setting `name`, if set.
    pub fn setting(&self, user: &str, name: &str) -> Result<Option<String>, StoreError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT s.value FROM settings s JOIN users u ON u.id = s.user_id
                 WHERE u.name = ?1 AND s.name = ?2",
                [user, name],
                |row| row.get(0),
            )
            .optional()
        })
    }

    /// Sets `user`'s setting `name` (not recorded in history, not undoable).
    pub fn set_setting(&mut self, user: &str, name: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            let user_id = ensure_user(tx, user)?;
            tx.execute(
                "INSERT INTO settings (user_id, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value",
                params![user_id, name, value],
            )?;
            Ok(())
        })
    }
}

/// The id of `user`, or `None` if they have never written anything.
pub(super) fn user_id(conn: &Connection, user: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT id FROM users WHERE name = ?1", [user], |row| {
        row.get(0)
    })
    .optional()
}

/// The id of `user`, creating their row if missing (call inside a write transaction).
pub(super) fn ensure_user(conn: &Connection, user: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO users (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
        [user],
    )?;
    conn.query_row("SELECT id FROM users WHERE name = ?1", [user], |row| {
        row.get(0)
    })
}

/// Reads column `index` of `row` as a [`UserStatus`].
fn status_column(row: &Row<'_>, index: usize) -> rusqlite::Result<UserStatus> {
    parse_status(row.get_ref(index)?.as_str_or_null()?, index)
}
