//! The progress store through its public API: opening, statuses, notes, history and undo.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use skilltree::graph::UserStatus;
use skilltree::progress::{Change, EntryKind, Store, StoreError};
use tempfile::TempDir;

#[path = "fixtures/progress_v1.rs"]
mod progress_v1;

use UserStatus::{Done, InProgress, Skipped, Todo};

fn change(key: &str, to: UserStatus) -> Change {
    Change {
        key: key.to_owned(),
        to,
    }
}

fn db_in(dir: &TempDir) -> PathBuf {
    dir.path().join("progress.db")
}

fn memory() -> Store {
    Store::open_in_memory().unwrap()
}

/// Everything in the folder holding `path`: file name, size and a hash of the contents.
fn folder_snapshot(path: &Path) -> Vec<(String, usize, u64)> {
    let mut files: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let bytes = fs::read(entry.path()).unwrap_or_default();
            let mut hasher = DefaultHasher::new();
            bytes.hash(&mut hasher);
            (
                entry.file_name().to_string_lossy().into_owned(),
                bytes.len(),
                hasher.finish(),
            )
        })
        .collect();
    files.sort();
    files
}

fn map(pairs: &[(&str, UserStatus)]) -> HashMap<String, UserStatus> {
    pairs.iter().map(|(k, s)| (k.to_string(), *s)).collect()
}

// ---------------------------------------------------------------- opening and migrations

#[test]
fn a_fresh_path_becomes_a_current_database_with_its_folders_created() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nested/deeper/progress.db");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(store.path(), Some(path.as_path()));
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn reopening_keeps_progress_and_schema() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    {
        let mut store = Store::open(&path).unwrap();
        store
            .apply("ana", "done docker", &[change("docker", Done)])
            .unwrap();
        store
            .set_note("ana", "docker", Some("compose next"))
            .unwrap();
    }
    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
        assert_eq!(store.statuses("ana").unwrap(), map(&[("docker", Done)]));
        assert_eq!(
            store.note("ana", "docker").unwrap().as_deref(),
            Some("compose next")
        );
        assert_eq!(store.history("ana", 10).unwrap().len(), 2);
    }
}

#[test]
fn paths_with_spaces_and_uri_characters_work() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("my prögress?#%20 & co/progress.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .apply("ana", "done git", &[change("git", Done)])
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.statuses("ana").unwrap(), map(&[("git", Done)]));
    drop(store);

    // The safety check must read this very file, not a mangled name.
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err:?}"
    );
}

#[test]
fn an_empty_file_is_a_new_database() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    fs::write(&path, b"").unwrap();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    store
        .apply("ana", "done git", &[change("git", Done)])
        .unwrap();
}

#[test]
fn a_database_from_a_newer_skilltree_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    {
        let mut store = Store::open(&path).unwrap();
        store
            .apply("ana", "done docker", &[change("docker", Done)])
            .unwrap();
    }
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", Store::SCHEMA_VERSION + 1)
            .unwrap();
    } // closing the last connection checkpoints the WAL into the file
    let before = folder_snapshot(&path);

    let err = Store::open(&path).unwrap_err();
    match &err {
        StoreError::NewerSchema {
            path: p,
            found,
            supported,
        } => {
            assert_eq!(p, &path);
            assert_eq!(*found, Store::SCHEMA_VERSION + 1);
            assert_eq!(*supported, Store::SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        message.contains("upgrade skilltree or pass --db"),
        "{message}"
    );
    assert_eq!(
        folder_snapshot(&path),
        before,
        "the refused file (and its folder) must not change"
    );
}

#[test]
fn a_newer_schema_is_refused_even_in_a_file_we_did_not_create() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", 42).unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 42, .. }),
        "{err:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn random_bytes_are_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    // Deterministic noise, 3 pages long.
    let noise: Vec<u8> = (0u32..12_288)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&path, &noise).unwrap();
    let before = folder_snapshot(&path);

    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(&err, StoreError::NotADatabase { path: p } if p == &path),
        "{err:?}"
    );
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(folder_snapshot(&path), before);
}

#[test]
fn a_damaged_sqlite_file_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    drop(Store::open(&path).unwrap());
    let mut bytes = fs::read(&path).unwrap();
    // Keep the 16-byte magic, wreck the rest of the header and the schema page.
    for byte in &mut bytes[16..1024] {
        *byte = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();
    let before = folder_snapshot(&path);

    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_eq!(folder_snapshot(&path), before);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
            .unwrap();
    }
    let before = folder_snapshot(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_eq!(folder_snapshot(&path), before);
}

#[test]
fn a_directory_is_refused() {
    let dir = TempDir::new().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(&err, StoreError::IsDirectory { path } if path == dir.path()),
        "{err:?}"
    );
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created inside it"
    );
}

#[test]
fn a_parent_that_cannot_be_created_is_an_io_error_naming_it() {
    let dir = TempDir::new().unwrap();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, b"x").unwrap();
    let err = Store::open(&blocker.join("progress.db")).unwrap_err();
    assert!(
        matches!(&err, StoreError::Io { path, .. } if path == &blocker),
        "{err:?}"
    );
}

#[test]
fn an_in_memory_store_has_no_path_and_works() {
    let mut store = memory();
    assert_eq!(store.path(), None);
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    store
        .apply("ana", "done git", &[change("git", Done)])
        .unwrap();
    assert_eq!(store.statuses("ana").unwrap(), map(&[("git", Done)]));
}

// ---------------------------------------------------------------- apply

#[test]
fn statuses_follow_applied_changes_and_todo_disappears() {
    let mut store = memory();
    assert!(store.statuses("ana").unwrap().is_empty());

    let applied = store
        .apply(
            "ana",
            "mark",
            &[
                change("docker", Done),
                change("git", InProgress),
                change("perl", Skipped),
            ],
        )
        .unwrap();
    assert_eq!(applied.len(), 3);
    assert_eq!(
        (applied[1].key.as_str(), applied[1].from, applied[1].to),
        ("git", Todo, InProgress)
    );
    assert_eq!(
        store.statuses("ana").unwrap(),
        map(&[("docker", Done), ("git", InProgress), ("perl", Skipped)])
    );

    let applied = store
        .apply("ana", "todo git", &[change("git", Todo)])
        .unwrap();
    assert_eq!((applied[0].from, applied[0].to), (InProgress, Todo));
    assert_eq!(
        store.statuses("ana").unwrap(),
        map(&[("docker", Done), ("perl", Skipped)])
    );
}

#[test]
fn changes_that_change_nothing_record_no_batch() {
    let mut store = memory();
    store
        .apply("ana", "done docker", &[change("docker", Done)])
        .unwrap();
    let before = store.history("ana", 100).unwrap();

    assert!(
        store
            .apply("ana", "done docker", &[change("docker", Done)])
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .apply("ana", "todo git", &[change("git", Todo)])
            .unwrap()
            .is_empty()
    );
    assert!(store.apply("ana", "nothing", &[]).unwrap().is_empty());
    assert_eq!(store.history("ana", 100).unwrap(), before);

    // In a mixed command only the real change is returned and recorded.
    let applied = store
        .apply(
            "ana",
            "done docker git",
            &[change("docker", Done), change("git", Done)],
        )
        .unwrap();
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].key, "git");
    let history = store.history("ana", 100).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].key, "git");

    // Undo now reverts the git command, not a phantom no-op batch.
    assert_eq!(
        store.undo("ana").unwrap().unwrap().command,
        "done docker git"
    );
}

#[test]
fn users_are_independent() {
    let mut store = memory();
    store
        .apply("ben", "done docker", &[change("docker", Done)])
        .unwrap();
    store
        .apply("ana", "start docker", &[change("docker", InProgress)])
        .unwrap();
    store.set_note("ana", "git", Some("rebase")).unwrap();

    assert_eq!(store.users().unwrap(), ["ana", "ben"]);
    assert_eq!(store.statuses("ben").unwrap(), map(&[("docker", Done)]));
    assert_eq!(
        store.statuses("ana").unwrap(),
        map(&[("docker", InProgress)])
    );
    assert_eq!(store.note("ben", "git").unwrap(), None);
    assert_eq!(store.history("ben", 10).unwrap().len(), 1);

    // ana's undo touches ana's latest command only, never ben's.
    assert_eq!(store.undo("ana").unwrap().unwrap().command, "note git");
    assert_eq!(store.undo("ana").unwrap().unwrap().command, "start docker");
    assert_eq!(store.undo("ana").unwrap(), None);
    assert_eq!(store.statuses("ben").unwrap(), map(&[("docker", Done)]));
    assert!(store.statuses("nobody").unwrap().is_empty());
}

// ---------------------------------------------------------------- history and undo

#[test]
fn history_is_newest_first_and_says_what_changed() {
    let mut store = memory();
    store
        .apply("ana", "start docker", &[change("docker", InProgress)])
        .unwrap();
    store
        .apply("ana", "done docker", &[change("docker", Done)])
        .unwrap();
    store
        .set_note("ana", "docker", Some("use compose"))
        .unwrap();

    let log = store.history("ana", 10).unwrap();
    let summary: Vec<_> = log
        .iter()
        .map(|e| {
            (
                e.command.as_str(),
                e.kind,
                e.from.as_deref(),
                e.to.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("note docker", EntryKind::Note, None, Some("use compose")),
            (
                "done docker",
                EntryKind::Status,
                Some("in_progress"),
                Some("done")
            ),
            (
                "start docker",
                EntryKind::Status,
                Some("todo"),
                Some("in_progress")
            ),
        ]
    );
    assert!(
        log.windows(2)
            .all(|w| w[0].id > w[1].id && w[0].batch > w[1].batch)
    );
    assert!(log.iter().all(|e| !e.undone && e.key == "docker"));
    // RFC 3339 UTC, e.g. 2026-11-22T01:53:44Z
    let at = &log[0].at;
    assert_eq!(at.len(), 20, "{at}");
    assert!(at.as_bytes()[10] == b'T' && at.ends_with('Z'), "{at}");

    assert_eq!(store.history("ana", 2).unwrap(), log[..2]);
}

#[test]
fn undo_reverts_every_key_of_the_last_command() {
    let mut store = memory();
    store
        .apply("ana", "start git", &[change("git", InProgress)])
        .unwrap();
    store
        .apply(
            "ana",
            "done web",
            &[
                change("html", Done),
                change("css", Done),
                change("git", Done),
            ],
        )
        .unwrap();

    let batch = store.undo("ana").unwrap().expect("something to undo");
    assert_eq!(batch.command, "done web");
    let keys: Vec<_> = batch.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["html", "css", "git"]);
    assert!(
        batch
            .entries
            .iter()
            .all(|e| e.undone && e.batch == batch.id)
    );
    assert_eq!(store.statuses("ana").unwrap(), map(&[("git", InProgress)]));
}

#[test]
fn undo_twice_reverts_two_commands_then_there_is_nothing_left() {
    let mut store = memory();
    assert_eq!(
        store.undo("ana").unwrap(),
        None,
        "a user who never did anything"
    );

    store
        .apply("ana", "done git", &[change("git", Done)])
        .unwrap();
    store
        .apply("ana", "done docker", &[change("docker", Done)])
        .unwrap();
    store
        .apply("ana", "skip perl", &[change("perl", Skipped)])
        .unwrap();

    assert_eq!(store.undo("ana").unwrap().unwrap().command, "skip perl");
    assert_eq!(store.undo("ana").unwrap().unwrap().command, "done docker");
    assert_eq!(store.statuses("ana").unwrap(), map(&[("git", Done)]));
    assert_eq!(store.undo("ana").unwrap().unwrap().command, "done git");
    assert!(store.statuses("ana").unwrap().is_empty());
    assert_eq!(store.undo("ana").unwrap(), None);
}

#[test]
fn the_undo_itself_appears_in_history() {
    let mut store = memory();
    store
        .apply("ana", "done docker", &[change("docker", Done)])
        .unwrap();
    store.undo("ana").unwrap();

    let log = store.history("ana", 10).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].command, "undo done docker");
    assert_eq!(
        (log[0].from.as_deref(), log[0].to.as_deref()),
        (Some("done"), Some("todo"))
    );
    assert!(!log[0].undone);
    assert_eq!(log[1].command, "done docker");
    assert!(log[1].undone, "the original is marked undone");
}

#[test]
fn a_key_changed_twice_in_one_command_goes_back_to_where_it_started() {
    let mut store = memory();
    store
        .apply("ana", "skip perl", &[change("perl", Skipped)])
        .unwrap();
    let applied = store
        .apply(
            "ana",
            "flip",
            &[change("perl", InProgress), change("perl", Done)],
        )
        .unwrap();
    assert_eq!(applied.len(), 2);
    assert_eq!(store.statuses("ana").unwrap(), map(&[("perl", Done)]));
    store.undo("ana").unwrap();
    assert_eq!(store.statuses("ana").unwrap(), map(&[("perl", Skipped)]));
}

#[test]
fn undo_of_a_note_restores_the_old_note() {
    let mut store = memory();
    store.set_note("ana", "docker", Some("first")).unwrap();
    store.set_note("ana", "docker", Some("second")).unwrap();

    let batch = store.undo("ana").unwrap().unwrap();
    assert_eq!(batch.command, "note docker");
    assert_eq!(batch.entries[0].kind, EntryKind::Note);
    assert_eq!(
        store.note("ana", "docker").unwrap().as_deref(),
        Some("first")
    );

    store.undo("ana").unwrap();
    assert_eq!(store.note("ana", "docker").unwrap(), None);

    // Undoing a cleared note brings the text back.
    store.set_note("ana", "git", Some("keep me")).unwrap();
    store.set_note("ana", "git", None).unwrap();
    store.undo("ana").unwrap();
    assert_eq!(
        store.note("ana", "git").unwrap().as_deref(),
        Some("keep me")
    );
}

// ---------------------------------------------------------------- notes, settings, keys

#[test]
fn notes_are_set_cleared_and_unchanged_notes_record_nothing() {
    let mut store = memory();
    assert!(store.set_note("ana", "docker", Some("compose")).unwrap());
    assert!(!store.set_note("ana", "docker", Some("compose")).unwrap());
    assert!(store.set_note("ana", "git", Some("rebase -i")).unwrap());
    assert_eq!(
        store.notes("ana").unwrap(),
        HashMap::from([
            ("docker".into(), "compose".into()),
            ("git".into(), "rebase -i".into())
        ])
    );

    assert!(
        store.set_note("ana", "docker", Some("")).unwrap(),
        "empty text clears"
    );
    assert_eq!(store.note("ana", "docker").unwrap(), None);
    assert!(!store.set_note("ana", "docker", None).unwrap());
    assert!(!store.set_note("nobody", "docker", None).unwrap());
    assert_eq!(
        store.users().unwrap(),
        ["ana"],
        "clearing nothing creates no user"
    );

    let log = store.history("ana", 10).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(
        (log[0].from.as_deref(), log[0].to.as_deref()),
        (Some("compose"), None)
    );
}

#[test]
fn keys_lists_every_key_with_a_status_or_a_note() {
    let mut store = memory();
    store
        .apply(
            "ana",
            "mark",
            &[change("docker", Done), change("web/html", InProgress)],
        )
        .unwrap();
    store
        .set_note("ana", "old-roadmap/thing", Some("gone?"))
        .unwrap();
    store.set_note("ana", "docker", Some("also noted")).unwrap();
    store
        .apply("ben", "done rust", &[change("rust", Done)])
        .unwrap();

    assert_eq!(
        store.keys("ana").unwrap(),
        ["docker", "old-roadmap/thing", "web/html"]
    );
    assert_eq!(store.keys("ben").unwrap(), ["rust"]);
    assert!(store.keys("nobody").unwrap().is_empty());
}

#[test]
fn settings_are_per_user_overwritable_and_not_in_history() {
    let mut store = memory();
    assert_eq!(store.setting("ana", "theme").unwrap(), None);
    store.set_setting("ana", "theme", "dark").unwrap();
    store.set_setting("ana", "theme", "light").unwrap();
    store.set_setting("ben", "theme", "dark").unwrap();

    assert_eq!(
        store.setting("ana", "theme").unwrap().as_deref(),
        Some("light")
    );
    assert_eq!(
        store.setting("ben", "theme").unwrap().as_deref(),
        Some("dark")
    );
    assert!(store.history("ana", 10).unwrap().is_empty());
    assert_eq!(store.undo("ana").unwrap(), None);
}

// ---------------------------------------------------------------- activity

#[test]
fn activity_counts_changes_that_stand_per_day_within_the_window() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    let mut store = Store::open(&path).unwrap();
    assert!(store.activity("ana", 7).unwrap().is_empty());

    store
        .apply(
            "ana",
            "old work",
            &[change("cobol", Done), change("fortran", Done)],
        )
        .unwrap();
    store
        .apply(
            "ana",
            "mark",
            &[change("docker", Done), change("git", Done)],
        )
        .unwrap();
    store.set_note("ana", "docker", Some("compose")).unwrap();
    store.apply("ana", "oops", &[change("perl", Done)]).unwrap();
    store.undo("ana").unwrap(); // neither "oops" nor its undo count
    let today = store.history("ana", 1).unwrap()[0].at[..10].to_owned();

    // Move the "old work" command back in time.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE history SET at = '2001-02-03T04:05:06Z' WHERE batch = (SELECT id FROM batches WHERE command = 'old work')",
            [],
        )
        .unwrap();

    assert_eq!(store.activity("ana", 1).unwrap(), [(today.clone(), 3)]);
    assert_eq!(store.activity("ana", 30).unwrap(), [(today.clone(), 3)]);
    assert_eq!(
        store.activity("ana", 100_000).unwrap(),
        [("2001-02-03".to_owned(), 2), (today, 3)]
    );
    assert!(store.activity("ana", 0).unwrap().is_empty());
    assert!(store.activity("ben", 30).unwrap().is_empty());
}

// ---------------------------------------------------------------- the schema-1 fixture

/// A private copy of `progress-v1.db` (opening a database may migrate it).
fn fixture_copy(dir: &TempDir) -> PathBuf {
    let path = db_in(dir);
    fs::copy(progress_v1::path(), &path).unwrap();
    path
}

#[test]
fn the_v1_fixture_holds_exactly_what_its_description_says() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&fixture_copy(&dir)).unwrap();
    assert_eq!(store.users().unwrap(), progress_v1::USERS);
    for user in progress_v1::USERS {
        let statuses: HashMap<String, UserStatus> = progress_v1::STATUSES
            .iter()
            .filter(|(u, _, _)| u == user)
            .map(|(_, key, status)| (key.to_string(), UserStatus::parse(status).unwrap()))
            .collect();
        assert_eq!(store.statuses(user).unwrap(), statuses, "{user}");
        let notes: HashMap<String, String> = progress_v1::NOTES
            .iter()
            .filter(|(u, _, _)| u == user)
            .map(|(_, key, text)| (key.to_string(), text.to_string()))
            .collect();
        assert_eq!(store.notes(user).unwrap(), notes, "{user}");

        let history: Vec<_> = store.history(user, usize::MAX).unwrap();
        let expected: Vec<_> = progress_v1::HISTORY
            .iter()
            .rev()
            .filter(|e| e.user == *user)
            .collect();
        assert_eq!(history.len(), expected.len(), "{user}");
        for (got, want) in history.iter().zip(expected) {
            let got_row = (
                got.id,
                got.batch,
                got.command.as_str(),
                got.kind.as_str(),
                got.key.as_str(),
                got.from.as_deref(),
                got.to.as_deref(),
                got.at.as_str(),
                got.undone,
            );
            let want_row = (
                want.seq,
                want.batch,
                want.command,
                want.kind,
                want.key,
                want.from,
                want.to,
                want.at,
                want.undone,
            );
            assert_eq!(got_row, want_row);
        }
    }
    for (user, name, value) in progress_v1::SETTINGS {
        assert_eq!(store.setting(user, name).unwrap().as_deref(), Some(*value));
    }
    assert_eq!(store.setting("ana", "last_roadmap").unwrap(), None);
}

#[test]
fn undo_walks_back_through_the_v1_fixture_skipping_what_was_undone() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&fixture_copy(&dir)).unwrap();
    let mut undone = Vec::new();
    while let Some(batch) = store.undo("ana").unwrap() {
        undone.push(batch.command);
    }
    assert_eq!(undone, progress_v1::ANA_UNDO_ORDER);
    assert!(store.statuses("ana").unwrap().is_empty());
    assert!(store.notes("ana").unwrap().is_empty());
    assert_eq!(
        store.statuses("ben").unwrap().len(),
        2,
        "ben's progress stays"
    );
}
