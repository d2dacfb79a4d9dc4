//! The SQLite transaction: every primitive of [`StorageRead`] and [`StorageTxn`] as SQL.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;

use jiff::Timestamp;
use rusqlite::types::{Type, ValueRef};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::super::error::BadValue;
use super::super::time::{from_text, to_text};
use super::super::{
    BatchHead, ChangeId, Delta, DeviceId, HistoryEntry, NewBatch, NewEntry, Rating, Record,
    StorageRead, StorageTxn, StoreError, UserId,
};
use crate::graph::UserStatus;

/// Columns read by [`entry_from_row`], joined with the batch for its command and undone flag.
const ENTRY_SELECT: &str = "
    SELECT h.id, h.change_id, h.batch, b.command, h.device, h.kind, h.key, h.from_value,
           h.to_value, h.at, b.undone
    FROM history h JOIN batches b ON b.id = h.batch";

/// A read (deferred) or write (immediate) transaction; dropping it rolls back.
pub(super) struct SqliteTxn<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
    /// The storage's count of own commits, for write transactions.
    commits: Option<&'a Cell<u64>>,
}

impl<'a> SqliteTxn<'a> {
    /// Wraps a begun transaction on the database at `path`.
    pub(super) fn new(tx: Transaction<'a>, path: &'a Path, commits: Option<&'a Cell<u64>>) -> Self {
        SqliteTxn { tx, path, commits }
    }

    /// Runs `f` on the connection, naming the file in any error.
    fn run<T>(
        &self,
        f: impl FnOnce(&Transaction<'a>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        f(&self.tx).map_err(|e| StoreError::from_sqlite(self.path, e))
    }

    /// Runs a query for one column of many rows.
    fn column<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        self.run(|tx| {
            let mut stmt = tx.prepare_cached(sql)?;
            let rows = stmt.query_map(params, read)?;
            rows.collect()
        })
    }
}

impl StorageRead for SqliteTxn<'_> {
    fn device_id(&self) -> Result<DeviceId, StoreError> {
        self.run(|tx| {
            tx.query_row("SELECT id FROM device", [], |row| {
                parsed(row, 0, "device id", str::parse::<DeviceId>)
            })
        })
    }

    fn find_user(&self, name: &str) -> Result<Option<UserId>, StoreError> {
        self.run(|tx| {
            tx.prepare_cached("SELECT id FROM users WHERE name = ?1")?
                .query_row([name], |row| row.get(0).map(UserId))
                .optional()
        })
    }

    fn users(&self) -> Result<Vec<String>, StoreError> {
        self.column("SELECT name FROM users ORDER BY name", [], |row| row.get(0))
    }

    fn status(&self, user: UserId, key: &str) -> Result<UserStatus, StoreError> {
        let found = self.run(|tx| {
            tx.prepare_cached("SELECT status FROM status WHERE user_id = ?1 AND key = ?2")?
                .query_row(params![user.0, key], |row| parsed(row, 0, "status", status))
                .optional()
        })?;
        Ok(found.unwrap_or(UserStatus::Todo))
    }

    fn statuses(&self, user: UserId) -> Result<HashMap<String, UserStatus>, StoreError> {
        let rows = self.column(
            "SELECT key, status FROM status WHERE user_id = ?1",
            [user.0],
            |row| Ok((row.get(0)?, parsed(row, 1, "status", status)?)),
        )?;
        Ok(rows.into_iter().collect())
    }

    fn note(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError> {
        self.run(|tx| {
            tx.prepare_cached("SELECT text FROM notes WHERE user_id = ?1 AND key = ?2")?
                .query_row(params![user.0, key], |row| row.get(0))
                .optional()
        })
    }

    fn notes(&self, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        let rows = self.column(
            "SELECT key, text FROM notes WHERE user_id = ?1",
            [user.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(rows.into_iter().collect())
    }

    fn choice(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError> {
        self.run(|tx| {
            tx.prepare_cached("SELECT alternative FROM choices WHERE user_id = ?1 AND key = ?2")?
                .query_row(params![user.0, key], |row| row.get(0))
                .optional()
        })
    }

    fn choices(&self, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        let rows = self.column(
            "SELECT key, alternative FROM choices WHERE user_id = ?1",
            [user.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(rows.into_iter().collect())
    }

    fn keys(&self, user: UserId) -> Result<Vec<String>, StoreError> {
        self.column(
            "SELECT key FROM status WHERE user_id = ?1
             UNION
             SELECT key FROM notes WHERE user_id = ?1
             ORDER BY 1",
            [user.0],
            |row| row.get(0),
        )
    }

    fn setting(&self, user: UserId, name: &str) -> Result<Option<String>, StoreError> {
        self.run(|tx| {
            tx.prepare_cached("SELECT value FROM settings WHERE user_id = ?1 AND name = ?2")?
                .query_row(params![user.0, name], |row| row.get(0))
                .optional()
        })
    }

    fn entries(&self, user: UserId, limit: usize) -> Result<Vec<HistoryEntry>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.column(
            &format!(
                "{ENTRY_SELECT} WHERE h.user_id = ?1
                 ORDER BY substr(h.change_id, 1, 13) DESC, h.device DESC, h.change_id DESC
                 LIMIT ?2"
            ),
            params![user.0, limit],
            entry_from_row,
        )
    }

    fn batch_entries(&self, batch: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        self.column(
            &format!("{ENTRY_SELECT} WHERE h.batch = ?1 ORDER BY h.id"),
            [batch],
            entry_from_row,
        )
    }

    fn last_undoable_batch(&self, user: UserId) -> Result<Option<BatchHead>, StoreError> {
        self.run(|tx| {
            tx.prepare_cached(
                "SELECT id, command, at, uid FROM batches
                 WHERE user_id = ?1 AND undone = 0 AND undo_of IS NULL AND undoes IS NULL
                   AND device = (SELECT id FROM device)
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([user.0], |row| {
                Ok(BatchHead {
                    id: row.get(0)?,
                    command: row.get(1)?,
                    at: parsed(row, 2, "time", from_text)?,
                    uid: parsed(row, 3, "batch id", str::parse::<ChangeId>)?,
                })
            })
            .optional()
        })
    }

    fn standing_change_times(
        &self,
        user: UserId,
        since: Timestamp,
    ) -> Result<Vec<Timestamp>, StoreError> {
        // Stored times of both schemas start with the date, so comparing the text with the
        // date of `since` lets the database skip older rows; the exact cut is made here.
        let day = to_text(since)[..10].to_owned();
        let times = self.column(
            "SELECT h.at FROM history h JOIN batches b ON b.id = h.batch
             WHERE h.user_id = ?1 AND b.undone = 0 AND b.undo_of IS NULL AND b.undoes IS NULL
               AND h.at >= ?2",
            params![user.0, day],
            |row| parsed(row, 0, "time", from_text),
        )?;
        Ok(times.into_iter().filter(|at| *at >= since).collect())
    }

    fn last_change_id(&self) -> Result<Option<ChangeId>, StoreError> {
        // Hyphenated lowercase UUIDs sort as text like the ids do, and the column is indexed.
        self.run(|tx| {
            tx.query_row("SELECT max(change_id) FROM history", [], |row| {
                match row.get_ref(0)?.as_str_or_null()? {
                    None => Ok(None),
                    Some(_) => parsed(row, 0, "change id", str::parse::<ChangeId>).map(Some),
                }
            })
        })
    }

    fn has_change(&self, id: ChangeId) -> Result<bool, StoreError> {
        self.run(|tx| {
            tx.prepare_cached("SELECT 1 FROM history WHERE change_id = ?1")?
                .exists([id.to_string()])
        })
    }

    fn find_batch(&self, uid: ChangeId) -> Result<Option<i64>, StoreError> {
        self.run(|tx| {
            tx.prepare_cached("SELECT id FROM batches WHERE uid = ?1")?
                .query_row([uid.to_string()], |row| row.get(0))
                .optional()
        })
    }

    fn key_history(
        &self,
        user: UserId,
        key: &str,
        kind: &str,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        // Sorted here: ordered in SQL, the planner may walk the merged-order index through
        // all the user's changes instead of the key's few.
        let mut entries = self.column(
            &format!("{ENTRY_SELECT} WHERE h.user_id = ?1 AND h.key = ?2 AND h.kind = ?3"),
            params![user.0, key, kind],
            entry_from_row,
        )?;
        entries.sort_by_key(|e| e.id.merge_key(e.device));
        Ok(entries)
    }

    fn records(
        &self,
        user: UserId,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(i64, Record)>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.column(
            "SELECT h.id, h.change_id, h.batch, b.command, h.device, h.kind, h.key, h.from_value,
                    h.to_value, h.at, b.undone, u.name, b.uid, b.undoes
             FROM history h JOIN batches b ON b.id = h.batch JOIN users u ON u.id = h.user_id
             WHERE h.user_id = ?1 AND h.id > ?2 ORDER BY h.id LIMIT ?3",
            params![user.0, after, limit],
            |row| {
                let entry = entry_from_row(row)?;
                let undoes = match row.get_ref(13)?.as_str_or_null()? {
                    None => None,
                    Some(_) => Some(parsed(row, 13, "batch id", str::parse::<ChangeId>)?),
                };
                let record = Record {
                    id: entry.id,
                    device: entry.device,
                    user: row.get(11)?,
                    key: entry.key,
                    change: entry.change,
                    at: entry.at,
                    command: entry.command,
                    batch: parsed(row, 12, "batch id", str::parse::<ChangeId>)?,
                    undoes,
                };
                Ok((entry.seq, record))
            },
        )
    }
}

impl StorageTxn for SqliteTxn<'_> {
    fn create_user(&mut self, name: &str) -> Result<UserId, StoreError> {
        self.run(|tx| {
            tx.prepare_cached(
                "INSERT INTO users (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
            )?
            .execute([name])?;
            tx.prepare_cached("SELECT id FROM users WHERE name = ?1")?
                .query_row([name], |row| row.get(0).map(UserId))
        })
    }

    fn set_status(
        &mut self,
        user: UserId,
        key: &str,
        status: UserStatus,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(|tx| {
            if status == UserStatus::Todo {
                // A key without a row is todo, so todo is never stored.
                tx.prepare_cached("DELETE FROM status WHERE user_id = ?1 AND key = ?2")?
                    .execute(params![user.0, key])?;
            } else {
                tx.prepare_cached(
                    "INSERT INTO status (user_id, key, status, updated_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (user_id, key) DO UPDATE
                     SET status = excluded.status, updated_at = excluded.updated_at",
                )?
                .execute(params![user.0, key, status.as_str(), to_text(at)])?;
            }
            Ok(())
        })
    }

    fn set_note(
        &mut self,
        user: UserId,
        key: &str,
        text: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(|tx| {
            match text {
                None => tx
                    .prepare_cached("DELETE FROM notes WHERE user_id = ?1 AND key = ?2")?
                    .execute(params![user.0, key])?,
                Some(text) => tx
                    .prepare_cached(
                        "INSERT INTO notes (user_id, key, text, updated_at) VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (user_id, key) DO UPDATE
                         SET text = excluded.text, updated_at = excluded.updated_at",
                    )?
                    .execute(params![user.0, key, text, to_text(at)])?,
            };
            Ok(())
        })
    }

    fn set_choice(
        &mut self,
        user: UserId,
        key: &str,
        alternative: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.run(|tx| {
            match alternative {
                None => tx
                    .prepare_cached("DELETE FROM choices WHERE user_id = ?1 AND key = ?2")?
                    .execute(params![user.0, key])?,
                Some(alt) => tx
                    .prepare_cached(
                        "INSERT INTO choices (user_id, key, alternative, updated_at)
                         VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (user_id, key) DO UPDATE
                         SET alternative = excluded.alternative, updated_at = excluded.updated_at",
                    )?
                    .execute(params![user.0, key, alt, to_text(at)])?,
            };
            Ok(())
        })
    }

    fn set_setting(&mut self, user: UserId, name: &str, value: &str) -> Result<(), StoreError> {
        self.run(|tx| {
            tx.prepare_cached(
                "INSERT INTO settings (user_id, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![user.0, name, value])?;
            Ok(())
        })
    }

    fn insert_batch(&mut self, batch: &NewBatch) -> Result<i64, StoreError> {
        self.run(|tx| {
            tx.prepare_cached(
                "INSERT INTO batches (user_id, command, at, undo_of, uid, device, undoes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                batch.user.0,
                batch.command,
                to_text(batch.at),
                batch.undo_of,
                batch.uid.to_string(),
                batch.device.to_string(),
                batch.undoes.map(|u| u.to_string()),
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    fn append_entry(&mut self, entry: &NewEntry) -> Result<i64, StoreError> {
        self.run(|tx| {
            tx.prepare_cached(
                "INSERT INTO history
                     (change_id, batch, user_id, device, kind, key, from_value, to_value, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                entry.id.to_string(),
                entry.batch,
                entry.user.0,
                entry.device.to_string(),
                entry.change.kind(),
                entry.key,
                entry.change.from_text(),
                entry.change.to_text(),
                to_text(entry.at),
            ])?;
            Ok(tx.last_insert_rowid())
        })
    }

    fn mark_undone(&mut self, batch: i64) -> Result<(), StoreError> {
        self.run(|tx| {
            tx.prepare_cached("UPDATE batches SET undone = 1 WHERE id = ?1")?
                .execute([batch])?;
            Ok(())
        })
    }

    fn mark_undone_by_undos(&mut self) -> Result<(), StoreError> {
        self.run(|tx| {
            tx.prepare_cached(
                "UPDATE batches SET undone = 1 WHERE undone = 0
                 AND uid IN (SELECT undoes FROM batches WHERE undoes IS NOT NULL)",
            )?
            .execute([])?;
            Ok(())
        })
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        let SqliteTxn { tx, path, commits } = *self;
        tx.commit().map_err(|e| StoreError::from_sqlite(path, e))?;
        if let Some(commits) = commits {
            commits.set(commits.get() + 1);
        }
        Ok(())
    }
}

/// Reads one row of [`ENTRY_SELECT`].
fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let kind: String = row.get(5)?;
    let change = match kind.as_str() {
        "status" => Delta::Status {
            from: parsed(row, 7, "status", status)?,
            to: parsed(row, 8, "status", status)?,
        },
        "note" => Delta::Note {
            from: row.get(7)?,
            to: row.get(8)?,
        },
        "choice" => Delta::Choice {
            from: row.get(7)?,
            to: row.get(8)?,
        },
        "review" => Delta::Review {
            rating: parsed(row, 8, "rating", Rating::parse)?,
        },
        other => return Err(bad_value(5, "kind of change", Some(other))),
    };
    Ok(HistoryEntry {
        seq: row.get(0)?,
        id: parsed(row, 1, "change id", str::parse::<ChangeId>)?,
        batch: row.get(2)?,
        command: row.get(3)?,
        device: parsed(row, 4, "device id", str::parse::<DeviceId>)?,
        key: row.get(6)?,
        change,
        at: parsed(row, 9, "time", from_text)?,
        undone: row.get(10)?,
    })
}

/// Parses a status name read from the database.
fn status(name: &str) -> Option<UserStatus> {
    UserStatus::parse(name)
}

/// Something a text column can be parsed into: what `str::parse` and the other parsers give.
pub(super) trait Parsed<T> {
    /// The value, if the text was one.
    fn ok(self) -> Option<T>;
}

impl<T> Parsed<T> for Option<T> {
    fn ok(self) -> Option<T> {
        self
    }
}

impl<T, E> Parsed<T> for Result<T, E> {
    fn ok(self) -> Option<T> {
        Result::ok(self)
    }
}

/// Reads text column `index` of `row` through `parse`; a NULL or a text `parse` rejects is
/// an error naming what the column holds (`what`: "status", "time") and the value found,
/// which [`StoreError`](super::super::StoreError) reports as damage.
pub(super) fn parsed<T, P: Parsed<T>>(
    row: &Row<'_>,
    index: usize,
    what: &'static str,
    parse: impl FnOnce(&str) -> P,
) -> rusqlite::Result<T> {
    let text = match row.get_ref(index)? {
        ValueRef::Null => return Err(bad_value(index, what, None)),
        ValueRef::Text(bytes) => String::from_utf8_lossy(bytes),
        other => {
            // A number or a blob where text belongs.
            let shown = format!("{other:?}");
            return Err(bad_value(index, what, Some(&shown)));
        }
    };
    let found = parse(&text).ok();
    found.ok_or_else(|| bad_value(index, what, Some(&text)))
}

/// A value in the database that skilltree never writes.
fn bad_value(index: usize, what: &'static str, found: Option<&str>) -> rusqlite::Error {
    let bad = BadValue {
        what,
        found: found.map(str::to_owned),
    };
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(bad))
}
