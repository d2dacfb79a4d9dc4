//! The PostgreSQL transaction: every primitive of [`StorageRead`] and [`StorageTxn`] as SQL,
//! the same statements as SQLite's with `$n` parameters.

use std::cell::Cell;
use std::collections::HashMap;

use jiff::Timestamp;
use postgres::Row;
use postgres::types::ToSql;

use super::super::time::{from_text, to_text};
use super::super::{
    BatchHead, ChangeId, Delta, DeviceId, HistoryEntry, NewBatch, NewEntry, Rating, Record,
    StorageRead, StorageTxn, StoreError, UserId,
};
use super::{PgStorage, WRITE_LOCK};
use crate::graph::UserStatus;

/// Columns read by [`PgTxn::entry`], joined with the batch for its command and undone flag.
const ENTRY_SELECT: &str = "
    SELECT h.id, h.change_id, h.batch, b.command, h.device, h.kind, h.key, h.from_value,
           h.to_value, h.at, b.undone
    FROM history h JOIN batches b ON b.id = h.batch";

/// An open transaction on the storage's connection; dropping it rolls back.
pub(super) struct PgTxn<'a> {
    storage: &'a PgStorage,
    /// Whether this is a write transaction.
    write: bool,
    /// Whether anything was written, so the commit moves the data version.
    wrote: Cell<bool>,
    /// Still to be committed or rolled back.
    open: bool,
    /// Whether this write holds the imports' lock.
    importing: Cell<bool>,
}

type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

impl<'a> PgTxn<'a> {
    /// Wraps the transaction just begun on `storage`'s connection.
    pub(super) fn new(storage: &'a PgStorage, write: bool) -> Self {
        PgTxn {
            storage,
            write,
            wrote: Cell::new(false),
            open: true,
            importing: Cell::new(false),
        }
    }

    /// In a write, waits for the other writers of user `name` and keeps them waiting until
    /// this one ends: every change to a user starts by finding them.
    fn lock_user(&self, name: &str) -> Result<(), StoreError> {
        if self.write {
            let sql = "SELECT pg_advisory_xact_lock($1, hashtext($2))::text";
            self.rows(sql, &[&WRITE_LOCK, &name])?;
        }
        Ok(())
    }

    /// In a write, waits for other imports (which look up changes by id before knowing
    /// whose they are) and keeps them waiting until this one ends.
    fn lock_imports(&self) -> Result<(), StoreError> {
        if self.write && !self.importing.replace(true) {
            let sql = "SELECT pg_advisory_xact_lock($1::bigint)::text";
            self.rows(sql, &[&i64::from(WRITE_LOCK)])?;
        }
        Ok(())
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, StoreError> {
        self.storage.query(sql, params)
    }

    fn opt(&self, sql: &str, params: Params<'_>) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }

    /// Runs a statement that changes rows.
    fn exec(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, StoreError> {
        self.wrote.set(true);
        self.rows(sql, params)
    }

    /// A value skilltree never writes, found in the database.
    fn damaged(&self, what: &str, found: Option<&str>) -> StoreError {
        let found = match found {
            Some(text) => format!("{:?}", text.chars().take(40).collect::<String>()),
            None => "nothing".to_owned(),
        };
        StoreError::Server {
            server: self.storage.server.clone(),
            problem: format!(
                "holds the {what} {found}, which skilltree never writes; it was left untouched"
            ),
            advice: "Ask the database's owner to repair or restore it.".to_owned(),
        }
    }

    /// Text column `i` of `row` parsed by `parse`, or the damage it is.
    fn parsed<T, E>(
        &self,
        row: &Row,
        i: usize,
        what: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, StoreError> {
        let text: Option<String> = row
            .try_get(i)
            .map_err(|_| self.damaged(what, Some("of another type")))?;
        let text = text.ok_or_else(|| self.damaged(what, None))?;
        parse(&text).map_err(|_| self.damaged(what, Some(&text)))
    }

    fn status_of(&self, row: &Row, i: usize) -> Result<UserStatus, StoreError> {
        self.parsed(row, i, "status", |s| UserStatus::parse(s).ok_or(()))
    }

    fn time(&self, row: &Row, i: usize) -> Result<Timestamp, StoreError> {
        self.parsed(row, i, "time", from_text)
    }

    /// Reads one row of [`ENTRY_SELECT`].
    fn entry(&self, row: &Row) -> Result<HistoryEntry, StoreError> {
        let kind: String = row.get(5);
        let change = match kind.as_str() {
            "status" => Delta::Status {
                from: self.status_of(row, 7)?,
                to: self.status_of(row, 8)?,
            },
            "note" => Delta::Note {
                from: row.get(7),
                to: row.get(8),
            },
            "choice" => Delta::Choice {
                from: row.get(7),
                to: row.get(8),
            },
            "review" => Delta::Review {
                rating: self.parsed(row, 8, "rating", |t| Rating::parse(t).ok_or(()))?,
            },
            other => return Err(self.damaged("kind of change", Some(other))),
        };
        Ok(HistoryEntry {
            seq: row.get(0),
            id: self.parsed(row, 1, "change id", str::parse::<ChangeId>)?,
            batch: row.get(2),
            command: row.get(3),
            device: self.parsed(row, 4, "device id", str::parse::<DeviceId>)?,
            key: row.get(6),
            change,
            at: self.time(row, 9)?,
            undone: row.get(10),
        })
    }

    fn entries_of(&self, sql: &str, params: Params<'_>) -> Result<Vec<HistoryEntry>, StoreError> {
        self.rows(sql, params)?
            .iter()
            .map(|row| self.entry(row))
            .collect()
    }

    fn pairs(&self, sql: &str, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        let rows = self.rows(sql, &[&user.0])?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn text(&self, sql: &str, params: Params<'_>) -> Result<Option<String>, StoreError> {
        Ok(self.opt(sql, params)?.map(|r| r.get(0)))
    }
}

impl Drop for PgTxn<'_> {
    fn drop(&mut self) {
        if self.open {
            // A lost connection rolled back on the server already.
            let _ = self.storage.batch("ROLLBACK");
        }
    }
}

impl StorageRead for PgTxn<'_> {
    fn device_id(&self) -> Result<DeviceId, StoreError> {
        let row = self.opt("SELECT id FROM device", &[])?;
        match row {
            Some(row) => self.parsed(&row, 0, "device id", str::parse::<DeviceId>),
            None => Err(self.damaged("device id", None)),
        }
    }

    fn find_user(&self, name: &str) -> Result<Option<UserId>, StoreError> {
        self.lock_user(name)?;
        let row = self.opt("SELECT id FROM users WHERE name = $1", &[&name])?;
        Ok(row.map(|r| UserId(r.get(0))))
    }

    fn users(&self) -> Result<Vec<String>, StoreError> {
        let rows = self.rows("SELECT name FROM users ORDER BY name", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn status(&self, user: UserId, key: &str) -> Result<UserStatus, StoreError> {
        let sql = "SELECT status FROM status WHERE user_id = $1 AND key = $2";
        match self.opt(sql, &[&user.0, &key])? {
            Some(row) => self.status_of(&row, 0),
            None => Ok(UserStatus::Todo),
        }
    }

    fn statuses(&self, user: UserId) -> Result<HashMap<String, UserStatus>, StoreError> {
        let rows = self.rows(
            "SELECT key, status FROM status WHERE user_id = $1",
            &[&user.0],
        )?;
        rows.iter()
            .map(|r| Ok((r.get(0), self.status_of(r, 1)?)))
            .collect()
    }

    fn note(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT text FROM notes WHERE user_id = $1 AND key = $2";
        self.text(sql, &[&user.0, &key])
    }

    fn notes(&self, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        self.pairs("SELECT key, text FROM notes WHERE user_id = $1", user)
    }

    fn choice(&self, user: UserId, key: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT alternative FROM choices WHERE user_id = $1 AND key = $2";
        self.text(sql, &[&user.0, &key])
    }

    fn choices(&self, user: UserId) -> Result<HashMap<String, String>, StoreError> {
        self.pairs(
            "SELECT key, alternative FROM choices WHERE user_id = $1",
            user,
        )
    }

    fn keys(&self, user: UserId) -> Result<Vec<String>, StoreError> {
        let rows = self.rows(
            "SELECT key FROM status WHERE user_id = $1
             UNION
             SELECT key FROM notes WHERE user_id = $1
             ORDER BY 1",
            &[&user.0],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn setting(&self, user: UserId, name: &str) -> Result<Option<String>, StoreError> {
        let sql = "SELECT value FROM settings WHERE user_id = $1 AND name = $2";
        self.text(sql, &[&user.0, &name])
    }

    fn entries(&self, user: UserId, limit: usize) -> Result<Vec<HistoryEntry>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.entries_of(
            &format!(
                "{ENTRY_SELECT} WHERE h.user_id = $1
                 ORDER BY substr(h.change_id, 1, 13) DESC, h.device DESC, h.change_id DESC
                 LIMIT $2"
            ),
            &[&user.0, &limit],
        )
    }

    fn batch_entries(&self, batch: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        self.entries_of(
            &format!("{ENTRY_SELECT} WHERE h.batch = $1 ORDER BY h.id"),
            &[&batch],
        )
    }

    fn last_undoable_batch(&self, user: UserId) -> Result<Option<BatchHead>, StoreError> {
        let row = self.opt(
            "SELECT id, command, at, uid FROM batches
             WHERE user_id = $1 AND NOT undone AND undo_of IS NULL AND undoes IS NULL
               AND device = (SELECT id FROM device)
             ORDER BY id DESC LIMIT 1",
            &[&user.0],
        )?;
        row.map(|row| {
            Ok(BatchHead {
                id: row.get(0),
                command: row.get(1),
                at: self.time(&row, 2)?,
                uid: self.parsed(&row, 3, "batch id", str::parse::<ChangeId>)?,
            })
        })
        .transpose()
    }

    fn standing_change_times(
        &self,
        user: UserId,
        since: Timestamp,
    ) -> Result<Vec<Timestamp>, StoreError> {
        // As in SQLite: the date prefix lets the server skip older rows; the cut is exact here.
        let day = to_text(since)[..10].to_owned();
        let rows = self.rows(
            "SELECT h.at FROM history h JOIN batches b ON b.id = h.batch
             WHERE h.user_id = $1 AND NOT b.undone AND b.undo_of IS NULL AND b.undoes IS NULL
               AND h.at >= $2",
            &[&user.0, &day],
        )?;
        let times: Vec<Timestamp> = rows
            .iter()
            .map(|r| self.time(r, 0))
            .collect::<Result<_, _>>()?;
        Ok(times.into_iter().filter(|at| *at >= since).collect())
    }

    fn last_change_id(&self) -> Result<Option<ChangeId>, StoreError> {
        let row = self.opt("SELECT max(change_id) FROM history", &[])?;
        match row {
            Some(row) if row.get::<_, Option<String>>(0).is_some() => self
                .parsed(&row, 0, "change id", str::parse::<ChangeId>)
                .map(Some),
            _ => Ok(None),
        }
    }

    fn has_change(&self, id: ChangeId) -> Result<bool, StoreError> {
        self.lock_imports()?;
        let sql = "SELECT 1 FROM history WHERE change_id = $1";
        Ok(self.opt(sql, &[&id.to_string()])?.is_some())
    }

    fn find_batch(&self, uid: ChangeId) -> Result<Option<i64>, StoreError> {
        let row = self.opt("SELECT id FROM batches WHERE uid = $1", &[&uid.to_string()])?;
        Ok(row.map(|r| r.get(0)))
    }

    fn key_history(
        &self,
        user: UserId,
        key: &str,
        kind: &str,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut entries = self.entries_of(
            &format!("{ENTRY_SELECT} WHERE h.user_id = $1 AND h.key = $2 AND h.kind = $3"),
            &[&user.0, &key, &kind],
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
        let rows = self.rows(
            "SELECT h.id, h.change_id, h.batch, b.command, h.device, h.kind, h.key, h.from_value,
                    h.to_value, h.at, b.undone, u.name, b.uid, b.undoes
             FROM history h JOIN batches b ON b.id = h.batch JOIN users u ON u.id = h.user_id
             WHERE h.user_id = $1 AND h.id > $2 ORDER BY h.id LIMIT $3",
            &[&user.0, &after, &limit],
        )?;
        rows.iter()
            .map(|row| {
                let entry = self.entry(row)?;
                let undoes = match row.get::<_, Option<String>>(13) {
                    None => None,
                    Some(_) => Some(self.parsed(row, 13, "batch id", str::parse::<ChangeId>)?),
                };
                let record = Record {
                    id: entry.id,
                    device: entry.device,
                    user: row.get(11),
                    key: entry.key,
                    change: entry.change,
                    at: entry.at,
                    command: entry.command,
                    batch: self.parsed(row, 12, "batch id", str::parse::<ChangeId>)?,
                    undoes,
                };
                Ok((entry.seq, record))
            })
            .collect()
    }
}

impl StorageTxn for PgTxn<'_> {
    fn create_user(&mut self, name: &str) -> Result<UserId, StoreError> {
        self.lock_user(name)?;
        self.exec(
            "INSERT INTO users (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
            &[&name],
        )?;
        match self.find_user(name)? {
            Some(id) => Ok(id),
            // The row is there but another role owns it, so row-level security hides it.
            None => Err(StoreError::Server {
                server: self.storage.server.clone(),
                problem: format!(
                    "keeps the progress of {name:?} for another member, so you cannot change \
                     it; nothing was changed"
                ),
                advice: "Use your own user name (the one your mentor added you with).".to_owned(),
            }),
        }
    }

    fn set_status(
        &mut self,
        user: UserId,
        key: &str,
        status: UserStatus,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        if status == UserStatus::Todo {
            // A key without a row is todo, so todo is never stored.
            self.exec(
                "DELETE FROM status WHERE user_id = $1 AND key = $2",
                &[&user.0, &key],
            )?;
        } else {
            self.exec(
                "INSERT INTO status (user_id, key, status, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (user_id, key) DO UPDATE
                 SET status = excluded.status, updated_at = excluded.updated_at",
                &[&user.0, &key, &status.as_str(), &to_text(at)],
            )?;
        }
        Ok(())
    }

    fn set_note(
        &mut self,
        user: UserId,
        key: &str,
        text: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        match text {
            None => self.exec(
                "DELETE FROM notes WHERE user_id = $1 AND key = $2",
                &[&user.0, &key],
            )?,
            Some(text) => self.exec(
                "INSERT INTO notes (user_id, key, text, updated_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (user_id, key) DO UPDATE
                 SET text = excluded.text, updated_at = excluded.updated_at",
                &[&user.0, &key, &text, &to_text(at)],
            )?,
        };
        Ok(())
    }

    fn set_choice(
        &mut self,
        user: UserId,
        key: &str,
        alternative: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        match alternative {
            None => self.exec(
                "DELETE FROM choices WHERE user_id = $1 AND key = $2",
                &[&user.0, &key],
            )?,
            Some(alt) => self.exec(
                "INSERT INTO choices (user_id, key, alternative, updated_at)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (user_id, key) DO UPDATE
                 SET alternative = excluded.alternative, updated_at = excluded.updated_at",
                &[&user.0, &key, &alt, &to_text(at)],
            )?,
        };
        Ok(())
    }

    fn set_setting(&mut self, user: UserId, name: &str, value: &str) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO settings (user_id, name, value) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value",
            &[&user.0, &name, &value],
        )?;
        Ok(())
    }

    fn insert_batch(&mut self, batch: &NewBatch) -> Result<i64, StoreError> {
        let rows = self.exec(
            "INSERT INTO batches (user_id, command, at, undo_of, uid, device, undoes)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                &batch.user.0,
                &batch.command,
                &to_text(batch.at),
                &batch.undo_of,
                &batch.uid.to_string(),
                &batch.device.to_string(),
                &batch.undoes.map(|u| u.to_string()),
            ],
        )?;
        Ok(rows[0].get(0))
    }

    fn append_entry(&mut self, entry: &NewEntry) -> Result<i64, StoreError> {
        let rows = self.exec(
            "INSERT INTO history
                 (change_id, batch, user_id, device, kind, key, from_value, to_value, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            &[
                &entry.id.to_string(),
                &entry.batch,
                &entry.user.0,
                &entry.device.to_string(),
                &entry.change.kind(),
                &entry.key,
                &entry.change.from_text(),
                &entry.change.to_text(),
                &to_text(entry.at),
            ],
        )?;
        Ok(rows[0].get(0))
    }

    fn mark_undone(&mut self, batch: i64) -> Result<(), StoreError> {
        self.exec("UPDATE batches SET undone = true WHERE id = $1", &[&batch])?;
        Ok(())
    }

    fn mark_undone_by_undos(&mut self) -> Result<(), StoreError> {
        self.exec(
            "UPDATE batches SET undone = true WHERE NOT undone
             AND uid IN (SELECT undoes FROM batches WHERE undoes IS NOT NULL)",
            &[],
        )?;
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        let bump = self.write && self.wrote.get();
        if bump {
            self.rows(
                "UPDATE skilltree_meta SET data_version = data_version + 1",
                &[],
            )?;
        }
        self.open = false;
        if let Err(e) = self.storage.batch("COMMIT") {
            return Err(match e {
                StoreError::Server { server, .. } => StoreError::Server {
                    server,
                    problem: "lost the connection while saving; the change was saved whole or \
                              not at all"
                        .to_owned(),
                    advice: "Look in the history whether it is there, and try again if not."
                        .to_owned(),
                },
                other => other,
            });
        }
        if bump {
            self.storage.commits.set(self.storage.commits.get() + 1);
        }
        Ok(())
    }
}
