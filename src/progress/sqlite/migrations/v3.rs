//! Schema 3: batches get an identity that travels (so an undo can name the command it
//! undoes on every device) and the device they were made on; history gets the indexes
//! merging and merged order need.
//!
//! Columns are added, not tables rebuilt: every row keeps its `id`. Each old batch's uid is
//! the id of its first change (an empty batch, which only `undo` records, gets a new one),
//! and every old batch was made on this database's device.

use rusqlite::{Connection, params};

use super::super::super::ChangeId;
use super::super::super::time::from_text;
use super::super::txn::parsed;

/// The new columns.
const COLUMNS: &str = "
ALTER TABLE batches ADD COLUMN uid TEXT;
ALTER TABLE batches ADD COLUMN device TEXT;
ALTER TABLE batches ADD COLUMN undoes TEXT;
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
    conn.execute_batch(FILL)
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
                 (1, 1, 1, 'status', 'git', 'todo', 'done', '2026-11-22T01:53:44Z');",
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
    }
}
