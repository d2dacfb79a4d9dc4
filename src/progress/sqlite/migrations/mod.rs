//! The database schema, as an ordered list of migration steps.
//!
//! Step `i` (zero-based) takes the database from `PRAGMA user_version = i`
//! to `i + 1`. A step is SQL, or Rust code for what SQL alone cannot do
//! (generating ids). Each runs in its own `BEGIN IMMEDIATE` transaction together
//! with the `user_version` bump, so a failed step leaves the file at the
//! previous version. Never edit a released step; append a new one.

mod v2;
mod v3;
mod v4;

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::super::StoreError;

/// `PRAGMA application_id` of a skilltree progress database ("SkTr").
///
/// Lets `open` tell our files apart from other programs' SQLite databases.
pub(crate) const APPLICATION_ID: i32 = 0x536b_5472;

/// Schema version 1: users, per-user status, notes, settings, and history grouped in batches.
const V1: &str = "
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A key without a row is todo, so todo is never stored.
CREATE TABLE status (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('in_progress', 'done', 'skipped')),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- One row per command that changed something; undo_of is set on the batches undo records.
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    command     TEXT NOT NULL,
    at          TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    undo_of     INTEGER REFERENCES batches(id)
);
CREATE INDEX batches_by_user ON batches(user_id, id);

CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    batch       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'note')),
    key         TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX history_by_user ON history(user_id, id);
CREATE INDEX history_by_batch ON history(batch);

CREATE TABLE notes (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (text <> ''),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

CREATE TABLE settings (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (user_id, name)
) WITHOUT ROWID;
";

/// One step from a schema version to the next.
pub(crate) enum Migration {
    /// A script, run as it is.
    Sql(&'static str),
    /// Code, run inside the step's transaction.
    Code(fn(&Connection) -> rusqlite::Result<()>),
}

/// Every migration, oldest first; the schema version is the length of this list.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration::Sql(V1),
    Migration::Code(v2::migrate),
    Migration::Code(v3::migrate),
    Migration::Sql(v4::SQL),
];

// One migration per schema version, no more, no less.
const _: () = assert!(MIGRATIONS.len() as i64 == super::super::SCHEMA_VERSION);

/// Reads `PRAGMA user_version`.
pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the database up to `steps.len()`, one transaction per step.
///
/// Safe against another process migrating at the same time: the version is
/// re-read after the write lock is taken. Refuses (without writing) a
/// database whose version is newer than `steps.len()`.
pub(crate) fn migrate(
    conn: &mut Connection,
    steps: &[Migration],
    path: &Path,
) -> Result<(), StoreError> {
    let sql = |e| StoreError::from_sqlite(path, e);
    let supported = steps.len() as i64;
    let newer = |found| StoreError::NewerSchema {
        path: path.to_path_buf(),
        found,
        supported,
    };

    let found = user_version(conn).map_err(sql)?;
    if found > supported {
        return Err(newer(found));
    }
    for (index, step) in steps.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let current = user_version(&tx).map_err(sql)?;
        if current > supported {
            return Err(newer(current));
        }
        if current >= version {
            continue; // another process got here first
        }
        match step {
            Migration::Sql(script) => tx.execute_batch(script),
            Migration::Code(run) => run(&tx),
        }
        .map_err(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sql)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn
    }

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn every_migration_creates_every_table_and_marks_the_file_as_ours() {
        let mut conn = memory();
        migrate(&mut conn, MIGRATIONS, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(
            tables(&conn),
            [
                "batches", "choices", "device", "history", "notes", "settings", "status", "users"
            ]
        );
        let app: i32 = conn
            .pragma_query_value(None, "application_id", |row| row.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
    }

    #[test]
    fn a_failing_script_leaves_the_previous_version_intact() {
        let mut conn = memory();
        let steps = [
            Migration::Sql("CREATE TABLE a (x);"),
            Migration::Sql("CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);"),
        ];
        let err = migrate(&mut conn, &steps, Path::new(":memory:")).unwrap_err();
        assert!(matches!(err, StoreError::Sqlite { .. }), "{err:?}");
        assert_eq!(user_version(&conn).unwrap(), 1);
        assert_eq!(tables(&conn), ["a"], "table b must have been rolled back");
    }

    #[test]
    fn later_scripts_apply_on_top_of_earlier_ones_only_once() {
        let mut conn = memory();
        let first = [Migration::Sql("CREATE TABLE a (x);")];
        migrate(&mut conn, &first, Path::new(":memory:")).unwrap();
        let steps = [
            Migration::Sql("CREATE TABLE a (x);"),
            Migration::Sql("CREATE TABLE b (x);"),
        ];
        migrate(&mut conn, &steps, Path::new(":memory:")).unwrap();
        migrate(&mut conn, &steps, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
        assert_eq!(tables(&conn), ["a", "b"]);
    }

    #[test]
    fn a_failing_code_step_rolls_back_with_its_version_bump() {
        let mut conn = memory();
        let steps = [
            Migration::Sql("CREATE TABLE a (x);"),
            Migration::Code(|conn| {
                conn.execute_batch("CREATE TABLE b (x);")?;
                Err(rusqlite::Error::InvalidQuery)
            }),
        ];
        let err = migrate(&mut conn, &steps, Path::new(":memory:")).unwrap_err();
        assert!(matches!(err, StoreError::Sqlite { .. }), "{err:?}");
        assert_eq!(user_version(&conn).unwrap(), 1);
        assert_eq!(tables(&conn), ["a"]);
    }
}
