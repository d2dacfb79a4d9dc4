//! Schema 2: every change gets a unique, time-ordered id and the device it was made on.
//!
//! SQLite cannot add a `NOT NULL UNIQUE` column to a table that has rows, so `history` is
//! rebuilt: a new table is filled row by row (ids are made in Rust, from each row's own
//! time), then takes the old one's name. Row ids (`seq`) and every other value are copied
//! as they are; nothing else changes.

use rusqlite::{Connection, params};

use super::super::super::time::from_text;
use super::super::super::{ChangeId, DeviceId};
use super::super::txn::parsed;

/// The new tables, and history with its new columns (`change_id`, `device`).
const SCHEMA: &str = "
-- The one row naming this database, recorded with every change made here.
CREATE TABLE device (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    id          TEXT NOT NULL
);

CREATE TABLE history_v2 (
    id          INTEGER PRIMARY KEY,
    change_id   TEXT NOT NULL UNIQUE,
    batch       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'note')),
    key         TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    at          TEXT NOT NULL
);
";

/// Replaces the old history with the filled new one (dropping a table drops its indexes).
const SWAP: &str = "
DROP TABLE history;
ALTER TABLE history_v2 RENAME TO history;
CREATE INDEX history_by_user ON history(user_id, id);
CREATE INDEX history_by_batch ON history(batch);
";

/// Runs inside the migration's transaction.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)?;
    let device = DeviceId::new();
    conn.execute(
        "INSERT INTO device (singleton, id) VALUES (1, ?1)",
        [device.to_string()],
    )?;

    let mut read = conn.prepare(
        "SELECT id, batch, user_id, kind, key, from_value, to_value, at FROM history ORDER BY id",
    )?;
    let mut write = conn.prepare(
        "INSERT INTO history_v2
             (id, change_id, batch, user_id, device, kind, key, from_value, to_value, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut rows = read.query([])?;
    let mut last = None;
    while let Some(row) = rows.next()? {
        // Built from the row's own time, each after the one before: ids sort in history order
        // even where many rows share a second.
        let at = parsed(row, 7, "time", from_text)?;
        let id = ChangeId::next(at, last);
        last = Some(id);
        write.execute(params![
            row.get::<_, i64>(0)?,
            id.to_string(),
            row.get::<_, i64>(1)?,
            row.get::<_, i64>(2)?,
            device.to_string(),
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, Option<String>>(6)?,
            row.get::<_, String>(7)?,
        ])?;
    }
    drop(rows);
    drop(read);
    drop(write);
    conn.execute_batch(SWAP)
}

#[cfg(test)]
mod tests {
    use super::super::{MIGRATIONS, Migration, V1, migrate as migrate_all, user_version};
    use super::*;
    use std::path::Path;

    const ROWS: &str = "
        INSERT INTO users (id, name) VALUES (1, 'ana');
        INSERT INTO batches (id, user_id, command, at) VALUES
            (1, 1, 'done git', '2026-11-22T01:53:44Z'),
            (2, 1, 'note git', '2026-11-22T01:53:44Z'),
            (3, 1, 'done dns', '2026-11-21T09:00:00Z');
        INSERT INTO history (id, batch, user_id, kind, key, from_value, to_value, at) VALUES
            (1, 1, 1, 'status', 'git', 'todo', 'done', '2026-11-22T01:53:44Z'),
            (2, 1, 1, 'status', 'web', 'todo', 'done', '2026-11-22T01:53:44Z'),
            (4, 2, 1, 'note', 'git', NULL, 'rebase', '2026-11-22T01:53:44Z'),
            (7, 3, 1, 'status', 'dns', 'todo', 'done', '2026-11-21T09:00:00Z');
    ";

    /// seq, change id, device, key, from, to, at.
    type HistoryRow = (
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
    );

    fn schema_one_with_rows() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        migrate_all(&mut conn, &[Migration::Sql(V1)], Path::new(":memory:")).unwrap();
        conn.execute_batch(ROWS).unwrap();
        conn
    }

    #[test]
    fn rows_keep_their_values_and_get_ordered_ids_and_the_new_device() {
        let mut conn = schema_one_with_rows();
        migrate_all(&mut conn, MIGRATIONS, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), MIGRATIONS.len() as i64);

        let device: String = conn
            .query_row("SELECT id FROM device", [], |row| row.get(0))
            .unwrap();
        let mut stmt = conn
            .prepare("SELECT id, change_id, device, key, from_value, to_value, at FROM history ORDER BY id")
            .unwrap();
        let rows: Vec<HistoryRow> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let seqs: Vec<i64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(seqs, [1, 2, 4, 7], "row ids are kept");
        assert!(rows.iter().all(|r| r.2 == device));
        assert_eq!(
            (
                rows[2].3.as_str(),
                rows[2].4.as_deref(),
                rows[2].5.as_deref()
            ),
            ("git", None, Some("rebase"))
        );
        assert_eq!(
            rows[3].6, "2026-11-21T09:00:00Z",
            "times are kept as written"
        );
        let ids: Vec<ChangeId> = rows.iter().map(|r| r.1.parse().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        let (secs, _) = ids[0].as_uuid().get_timestamp().unwrap().to_unix();
        let first_at: jiff::Timestamp = "2026-11-22T01:53:44Z".parse().unwrap();
        assert_eq!(
            secs as i64,
            first_at.as_second(),
            "the id carries the row's own time"
        );

        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'history'
                 AND name IN ('history_by_user', 'history_by_batch')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 2);
        let problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(problems, 0);
    }

    #[test]
    fn an_unreadable_time_fails_the_step_and_leaves_schema_one() {
        let mut conn = schema_one_with_rows();
        conn.execute("UPDATE history SET at = 'yesterday' WHERE id = 4", [])
            .unwrap();
        assert!(migrate_all(&mut conn, MIGRATIONS, Path::new(":memory:")).is_err());
        assert_eq!(user_version(&conn).unwrap(), 1);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM history", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 4);
    }
}
