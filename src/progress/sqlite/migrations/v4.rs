//! Schema 4: a fourth kind of change, `review` (a topic reviewed, with how well it was
//! known: the key is the topic, `to_value` the rating). History is rebuilt to allow it
//! (SQLite cannot change a CHECK); every row and id is kept, and the indexes made again.

/// History allowing reviews.
pub(super) const SQL: &str = "
CREATE TABLE history_v4 (
    id          INTEGER PRIMARY KEY,
    change_id   TEXT NOT NULL UNIQUE,
    batch       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'note', 'choice', 'review')),
    key         TEXT NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    at          TEXT NOT NULL
);
INSERT INTO history_v4
    SELECT id, change_id, batch, user_id, device, kind, key, from_value, to_value, at
    FROM history;
DROP TABLE history;
ALTER TABLE history_v4 RENAME TO history;
CREATE INDEX history_by_user ON history(user_id, id);
CREATE INDEX history_by_batch ON history(batch);
CREATE INDEX history_by_key ON history(user_id, key, kind);
CREATE INDEX history_in_merged_order ON history(user_id, substr(change_id, 1, 13), device, change_id);
";

#[cfg(test)]
mod tests {
    use super::super::{MIGRATIONS, migrate, user_version};
    use std::path::Path;

    #[test]
    fn history_keeps_its_rows_and_indexes_and_takes_reviews() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        migrate(&mut conn, &MIGRATIONS[..3], Path::new(":memory:")).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, name) VALUES (1, 'ana');
             INSERT INTO batches (id, user_id, command, at, uid, device) VALUES
                 (1, 1, 'done git', '2026-11-22T01:53:44.000Z',
                  '01a23445-734b-7adf-bde4-088d3aa86b13', '01a23445-733c-749d-bec6-ac79818dcafe');
             INSERT INTO history (id, change_id, batch, user_id, device, kind, key, from_value, to_value, at)
                 VALUES (7, '01a23445-734b-7adf-bde4-088d3aa86b14', 1, 1,
                  '01a23445-733c-749d-bec6-ac79818dcafe', 'status', 'git', 'todo', 'done',
                  '2026-11-22T01:53:44.000Z');",
        )
        .unwrap();
        let review =
            "INSERT INTO history (change_id, batch, user_id, device, kind, key, to_value, at)
             VALUES ('01a23445-734b-7adf-bde4-088d3aa86b15', 1, 1,
              '01a23445-733c-749d-bec6-ac79818dcafe', 'review', 'git', 'good',
              '2026-11-22T01:53:44.000Z')";
        assert!(
            conn.execute(review, []).is_err(),
            "schema 3 refuses reviews"
        );
        migrate(&mut conn, MIGRATIONS, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 4);
        conn.execute(review, []).unwrap();
        let kept: String = conn
            .query_row(
                "SELECT key || to_value FROM history WHERE id = 7",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, "gitdone");
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'history'
                 AND name IN ('history_by_user', 'history_by_batch', 'history_by_key',
                              'history_in_merged_order')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 4);
    }
}
