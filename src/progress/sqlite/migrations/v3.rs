//! Schema 3: batches get an identity that travels (so an undo can name the command it
//! undoes on every device) and the device they were made on; history gets the indexes
//! merging and merged order need, and a third kind of change: the alternative followed at
//! a choice, kept in its own table.
//!
//! Every row keeps its `id`. Each old batch's uid is the id of its first change (an empty
//! batch, which only `undo` records, gets a new one), and every old batch was made on this
//! database's device. History is rebuilt to allow the new kind (SQLite cannot change a
//! CHECK). The choices schema 2 kept in the `choices` setting (a JSON object from choice
//! to alternative) become one `choose` change each, so they travel like the rest.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::super::super::ChangeId;
use super::super::super::time::{from_text, to_text};
use super::super::txn::parsed;

/// The new columns.
const COLUMNS: &str = "
ALTER TABLE batches ADD COLUMN uid TEXT;
ALTER TABLE batches ADD COLUMN device TEXT;
ALTER TABLE batches ADD COLUMN undoes TEXT;
";

/// History allowing choices, and the table of choices made.
const REBUILD: &str = "
CREATE TABLE choices (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    alternative TEXT NOT NULL CHECK (alternative <> ''),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

CREATE TABLE history_v3 (
    id          INTEGER PRIMARY KEY,
    change_id   TEXT NOT NULL UNIQUE,
    batch       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'note', 'choice')),
    key         TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    at          TEXT NOT NULL
);
INSERT INTO history_v3
    SELECT id, change_id, batch, user_id, device, kind, key, from_value, to_value, at
    FROM history;
DROP TABLE history;
ALTER TABLE history_v3 RENAME TO history;
CREATE INDEX history_by_user ON history(user_id, id);
CREATE INDEX history_by_batch ON history(batch);
";

/// Filled from the rows themselves, then indexed.
const FILL: &str = "
UPDATE batches SET device = (SELECT id FROM device);
UPDATE batches SET undoes = (SELECT u.uid FROM batches u WHERE u.id = batches.undo_of)
    WHERE undo_of IS NOT NULL;
CREATE UNIQUE INDEX batches_by_uid ON batches(uid);
CREATE INDEX batches_by_undoes ON batches(undoes);
-- The winner of a key is found among its changes; merged order is (millisecond, device, id).
CREATE INDEX history_by_key ON history(user_id, key, kind);
CREATE INDEX history_in_merged_order ON history(user_id, substr(change_id, 1, 13), device, change_id);
";

/// Runs inside the migration's transaction.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(COLUMNS)?;
    let mut read = conn.prepare(
        "SELECT b.id, b.at, (SELECT min(h.change_id) FROM history h WHERE h.batch = b.id)
         FROM batches b ORDER BY b.id",
    )?;
    let mut write = conn.prepare("UPDATE batches SET uid = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let first: Option<String> = row.get(2)?;
        let uid = match first {
            Some(_) => parsed(row, 2, "change id", str::parse::<ChangeId>)?,
            None => ChangeId::next(parsed(row, 1, "time", from_text)?, None),
        };
        write.execute(params![row.get::<_, i64>(0)?, uid.to_string()])?;
    }
    drop(rows);
    drop(read);
    drop(write);
    conn.execute_batch(REBUILD)?;
    conn.execute_batch(FILL)?;
    choices_to_changes(conn)
}

/// Records each choice kept in the `choices` setting as a `choose` change, and removes the
/// setting. A value that is not a JSON object of strings was never acted on; it is dropped.
fn choices_to_changes(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare("SELECT user_id, value FROM settings WHERE name = 'choices'")?;
    let settings: Vec<(i64, String)> = read
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let now = jiff::Timestamp::now();
    let device: String = conn.query_row("SELECT id FROM device", [], |row| row.get(0))?;
    let mut last: Option<ChangeId> = conn
        .query_row("SELECT max(change_id) FROM history", [], |row| {
            row.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten()
        .and_then(|id| id.parse().ok());
    for (user, value) in settings {
        let map: BTreeMap<String, String> = serde_json::from_str(&value).unwrap_or_default();
        for (key, alternative) in map.into_iter().filter(|(_, a)| !a.is_empty()) {
            let uid = ChangeId::first_after(now, last);
            let id = ChangeId::next(now, Some(uid));
            last = Some(id);
            conn.execute(
                "INSERT INTO batches (user_id, command, at, uid, device) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![user, format!("choose {key} {alternative}"), to_text(now), uid.to_string(), device],
            )?;
            let batch = conn.last_insert_rowid();
            conn.execute(
                "INSERT INTO history (change_id, batch, user_id, device, kind, key, from_value, to_value, at)
                 VALUES (?1, ?2, ?3, ?4, 'choice', ?5, NULL, ?6, ?7)",
                params![id.to_string(), batch, user, device, key, alternative, to_text(now)],
            )?;
            conn.execute(
                "INSERT INTO choices (user_id, key, alternative, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![user, key, alternative, to_text(now)],
            )?;
        }
    }
    conn.execute("DELETE FROM settings WHERE name = 'choices'", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{MIGRATIONS, Migration, V1, migrate as migrate_all, user_version};
    use std::path::Path;

    #[test]
    fn batches_get_their_first_changes_id_the_device_and_what_they_undo() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrate_all(&mut conn, &[Migration::Sql(V1)], Path::new(":memory:")).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, name) VALUES (1, 'ana');
             INSERT INTO batches (id, user_id, command, at, undone) VALUES
                 (1, 1, 'done git', '2026-11-22T01:53:44Z', 1);
             INSERT INTO batches (id, user_id, command, at, undo_of) VALUES
                 (2, 1, 'undo done git', '2026-11-22T01:54:00Z', 1);
             INSERT INTO history (id, batch, user_id, kind, key, from_value, to_value, at) VALUES
                 (1, 1, 1, 'status', 'git', 'todo', 'done', '2026-11-22T01:53:44Z');
             INSERT INTO settings (user_id, name, value) VALUES
                 (1, 'choices', '{\"web/language\":\"python\"}');",
        )
        .unwrap();
        migrate_all(&mut conn, MIGRATIONS, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), MIGRATIONS.len() as i64);
        let row = |sql: &str| -> Option<String> { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            row("SELECT uid FROM batches WHERE id = 1"),
            row("SELECT change_id FROM history WHERE id = 1")
        );
        assert!(row("SELECT uid FROM batches WHERE id = 2").is_some());
        assert_eq!(
            row("SELECT undoes FROM batches WHERE id = 2"),
            row("SELECT uid FROM batches WHERE id = 1")
        );
        assert_eq!(
            row("SELECT device FROM batches WHERE id = 2"),
            row("SELECT id FROM device")
        );
        // The choice kept as a setting is now a change, and the setting is gone.
        assert_eq!(
            row("SELECT alternative FROM choices WHERE key = 'web/language'"),
            Some("python".into())
        );
        assert_eq!(
            row(
                "SELECT command || ' ' || kind FROM batches b JOIN history h ON h.batch = b.id WHERE h.id = 2"
            ),
            Some("choose web/language python choice".into())
        );
        assert_eq!(
            row("SELECT count(*) || '' FROM settings WHERE name = 'choices'"),
            Some("0".into())
        );
        assert!(
            row("SELECT max(change_id) FROM history")
                > row("SELECT change_id FROM history WHERE id = 1"),
            "the new change sorts after the old"
        );
    }
}
