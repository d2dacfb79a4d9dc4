//! Status changes, the history they leave, and undo.

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::notes::{current_note, write_note};
use super::store::now;
use super::users::{ensure_user, user_id};
use super::{Applied, Batch, Change, EntryKind, HistoryEntry, Store, StoreError, UserStatus};

/// Columns read by [`entry_from_row`], joined with the batch for its command and undone flag.
const ENTRY_SELECT: &str = "
    SELECT h.id, h.batch, b.command, h.kind, h.key, h.from_value, h.to_value, h.at, b.undone
    FROM history h JOIN batches b ON b.id = h.batch";

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
        self.write(|tx| {
            let user_id = ensure_user(tx, user)?;
            let mut recorder = Recorder::new(user_id, command.to_owned(), now(tx)?, None);
            let mut applied = Vec::new();
            for Change { key, to } in changes {
                let from = current_status(tx, user_id, key)?;
                if from == *to {
                    continue;
                }
                write_status(tx, user_id, key, *to, &recorder.at)?;
                recorder.record(
                    tx,
                    EntryKind::Status,
                    key,
                    Some(from.as_str()),
                    Some(to.as_str()),
                )?;
                applied.push(Applied {
                    key: key.clone(),
                    from,
                    to: *to,
                });
            }
            Ok(applied)
        })
    }

    /// Reverts `user`'s most recent batch that is neither undone nor itself an undo, and returns it
    /// (now marked undone), or `None` if there is nothing to undo.
    ///
    /// Every entry's key gets back its `from` value, even if a later batch changed it since.
    /// The reversal is recorded as a new batch with command `undo <original command>`.
    pub fn undo(&mut self, user: &str) -> Result<Option<Batch>, StoreError> {
        self.write(|tx| {
            let Some(user_id) = user_id(tx, user)? else {
                return Ok(None);
            };
            let target = tx
                .query_row(
                    "SELECT id, command, at FROM batches
                     WHERE user_id = ?1 AND undone = 0 AND undo_of IS NULL
                     ORDER BY id DESC LIMIT 1",
                    [user_id],
                    |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get(2)?)),
                )
                .optional()?;
            let Some((id, command, at)) = target else {
                return Ok(None);
            };
            tx.execute("UPDATE batches SET undone = 1 WHERE id = ?1", [id])?;
            let entries = batch_entries(tx, id)?;

            let mut recorder =
                Recorder::new(user_id, format!("undo {command}"), now(tx)?, Some(id));
            recorder.ensure_batch(tx)?;
            for entry in entries.iter().rev() {
                revert(tx, &mut recorder, entry)?;
            }
            Ok(Some(Batch {
                id,
                command,
                at,
                entries,
            }))
        })
    }

    /// `user`'s last `limit` history entries, newest first, undo batches included.
    pub fn history(&self, user: &str, limit: usize) -> Result<Vec<HistoryEntry>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|conn| {
            let sql = format!(
                "{ENTRY_SELECT} JOIN users u ON u.id = h.user_id WHERE u.name = ?1 ORDER BY h.id DESC LIMIT ?2"
            );
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map(params![user, limit], entry_from_row)?;
            rows.collect()
        })
    }

    /// Changes per UTC day over the last `days` days (today included), oldest first, days without
    /// changes left out. Counts status and note changes that still stand: undone batches and undo
    /// batches are not counted.
    pub fn activity(&self, user: &str, days: u32) -> Result<Vec<(String, u32)>, StoreError> {
        if days == 0 {
            return Ok(Vec::new());
        }
        let since = format!("-{} days", days - 1);
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT substr(h.at, 1, 10) AS day, count(*)
                 FROM history h
                 JOIN batches b ON b.id = h.batch
                 JOIN users u ON u.id = h.user_id
                 WHERE u.name = ?1 AND b.undone = 0 AND b.undo_of IS NULL AND h.at >= date('now', ?2)
                 GROUP BY day ORDER BY day",
            )?;
            let rows = stmt.query_map(params![user, since], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        })
    }
}

/// Writes the history of one command; its batch row is created with the first entry.
pub(super) struct Recorder {
    user_id: i64,
    command: String,
    /// The timestamp shared by the batch and all its entries.
    pub(super) at: String,
    undo_of: Option<i64>,
    batch: Option<i64>,
}

impl Recorder {
    /// Starts recording a command for `user_id` at time `at`.
    pub(super) fn new(user_id: i64, command: String, at: String, undo_of: Option<i64>) -> Self {
        Recorder {
            user_id,
            command,
            at,
            undo_of,
            batch: None,
        }
    }

    /// The batch id, inserting the batch row on first use.
    pub(super) fn ensure_batch(&mut self, conn: &Connection) -> rusqlite::Result<i64> {
        if let Some(id) = self.batch {
            return Ok(id);
        }
        conn.execute(
            "INSERT INTO batches (user_id, command, at, undo_of) VALUES (?1, ?2, ?3, ?4)",
            params![self.user_id, self.command, self.at, self.undo_of],
        )?;
        let id = conn.last_insert_rowid();
        self.batch = Some(id);
        Ok(id)
    }

    /// Appends one change to the batch.
    pub(super) fn record(
        &mut self,
        conn: &Connection,
        kind: EntryKind,
        key: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> rusqlite::Result<()> {
        let batch = self.ensure_batch(conn)?;
        conn.execute(
            "INSERT INTO history (batch, user_id, kind, key, from_value, to_value, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![batch, self.user_id, kind.as_str(), key, from, to, self.at],
        )?;
        Ok(())
    }
}

/// Restores `entry.from`, recording the reversal unless the key already holds that value.
fn revert(
    conn: &Connection,
    recorder: &mut Recorder,
    entry: &HistoryEntry,
) -> rusqlite::Result<()> {
    let user_id = recorder.user_id;
    match entry.kind {
        EntryKind::Status => {
            let target = parse_status(entry.from.as_deref(), 5)?;
            let current = current_status(conn, user_id, &entry.key)?;
            if current != target {
                write_status(conn, user_id, &entry.key, target, &recorder.at)?;
                recorder.record(
                    conn,
                    entry.kind,
                    &entry.key,
                    Some(current.as_str()),
                    Some(target.as_str()),
                )?;
            }
        }
        EntryKind::Note => {
            let target = entry.from.as_deref();
            let current = current_note(conn, user_id, &entry.key)?;
            if current.as_deref() != target {
                write_note(conn, user_id, &entry.key, target, &recorder.at)?;
                recorder.record(conn, entry.kind, &entry.key, current.as_deref(), target)?;
            }
        }
    }
    Ok(())
}

/// The status of `key` for `user_id`: todo when there is no row.
fn current_status(conn: &Connection, user_id: i64, key: &str) -> rusqlite::Result<UserStatus> {
    let value: Option<String> = conn
        .query_row(
            "SELECT status FROM status WHERE user_id = ?1 AND key = ?2",
            params![user_id, key],
            |row| row.get(0),
        )
        .optional()?;
    match value {
        None => Ok(UserStatus::Todo),
        Some(value) => parse_status(Some(&value), 0),
    }
}

/// Sets the status of `key`; todo deletes the row.
fn write_status(
    conn: &Connection,
    user_id: i64,
    key: &str,
    status: UserStatus,
    at: &str,
) -> rusqlite::Result<()> {
    if status == UserStatus::Todo {
        conn.execute(
            "DELETE FROM status WHERE user_id = ?1 AND key = ?2",
            params![user_id, key],
        )?;
    } else {
        conn.execute(
            "INSERT INTO status (user_id, key, status, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (user_id, key) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            params![user_id, key, status.as_str(), at],
        )?;
    }
    Ok(())
}

/// The entries of batch `id`, oldest first.
fn batch_entries(conn: &Connection, id: i64) -> rusqlite::Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(&format!("{ENTRY_SELECT} WHERE h.batch = ?1 ORDER BY h.id"))?;
    let rows = stmt.query_map([id], entry_from_row)?;
    rows.collect()
}

/// Reads one row of [`ENTRY_SELECT`].
fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let kind: String = row.get(3)?;
    let kind = EntryKind::parse(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            3,
            Type::Text,
            format!("unknown history kind {kind:?}").into(),
        )
    })?;
    Ok(HistoryEntry {
        id: row.get(0)?,
        batch: row.get(1)?,
        command: row.get(2)?,
        kind,
        key: row.get(4)?,
        from: row.get(5)?,
        to: row.get(6)?,
        at: row.get(7)?,
        undone: row.get(8)?,
    })
}

/// Parses a status name read from the database.
pub(super) fn parse_status(value: Option<&str>, column: usize) -> rusqlite::Result<UserStatus> {
    value.and_then(UserStatus::parse).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            Type::Text,
            format!("unknown status {value:?}").into(),
        )
    })
}
