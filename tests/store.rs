//! The progress store through its public API: opening, statuses, notes, history and undo.
//!
//! The behaviour suite runs against every backend (`sqlite::…`, `memory::…` and `postgres::…`
//! tests); the tests about files (opening, refusing, migrating) are for SQLite alone.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use jiff::civil::{Date, date};
use skilltree::graph::UserStatus;
use skilltree::progress::{
    Change, Delta, Merged, Rating, Record, Review, Store, StoreError, Unrecognized, WriteNeed,
};
use tempfile::TempDir;

#[path = "fixtures/progress_v1.rs"]
mod progress_v1;

#[path = "common/pg.rs"]
mod pg;

use UserStatus::{Done, InProgress, Skipped, Todo};

/// `PRAGMA application_id` of a skilltree database ("SkTr"), which marks the file as ours.
const APPLICATION_ID: i32 = 0x536b_5472;

fn change(key: &str, to: UserStatus) -> Change {
    Change {
        key: key.to_owned(),
        to,
    }
}

fn status(from: UserStatus, to: UserStatus) -> Delta {
    Delta::Status { from, to }
}

fn note(from: Option<&str>, to: Option<&str>) -> Delta {
    Delta::Note {
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    }
}

fn db_in(dir: &TempDir) -> PathBuf {
    dir.path().join("progress.db")
}

fn memory() -> Store {
    Store::open_in_memory().unwrap()
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Everything in the folder holding `path`: file name, size and a hash of the contents.
fn folder_snapshot(path: &Path) -> Vec<(String, usize, u64)> {
    let mut files: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            // Only regular files are read (a named pipe would block).
            let bytes = if entry.file_type().unwrap().is_file() {
                fs::read(entry.path()).unwrap()
            } else {
                Vec::new()
            };
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

// ---------------------------------------------------------------- every backend

/// Which backend a behaviour test runs against.
#[derive(Clone, Copy, Debug)]
enum Backend {
    /// A SQLite file in a fresh temporary folder.
    Sqlite,
    /// The in-memory backend.
    Memory,
    /// A fresh database on the PostgreSQL server of `SKILLTREE_TEST_POSTGRES`.
    Postgres,
}

/// A fresh store, and the folder its file lives in (kept until the test ends).
struct Subject {
    store: Store,
    _dir: Option<TempDir>,
    _db: Option<pg::TestDb>,
}

impl Backend {
    fn store(self) -> Subject {
        match self {
            Backend::Sqlite => {
                let dir = TempDir::new().unwrap();
                let store = Store::open(&db_in(&dir)).unwrap();
                Subject {
                    store,
                    _dir: Some(dir),
                    _db: None,
                }
            }
            Backend::Memory => Subject {
                store: memory(),
                _dir: None,
                _db: None,
            },
            Backend::Postgres => {
                let db = pg::TestDb::create().expect("checked by the test");
                Subject {
                    store: Store::open_server(&db.url).unwrap(),
                    _dir: None,
                    _db: Some(db),
                }
            }
        }
    }
}

impl Deref for Subject {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for Subject {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

/// A clock a test sets by hand, shared with the store it is installed in.
#[derive(Clone)]
struct TestClock(Arc<Mutex<Timestamp>>);

impl TestClock {
    fn install(store: &mut Store, now: &str) -> TestClock {
        let clock = TestClock(Arc::new(Mutex::new(at(now))));
        let shared = clock.clone();
        store.set_clock(move || *shared.0.lock().unwrap());
        clock
    }

    fn set(&self, now: &str) {
        *self.0.lock().unwrap() = at(now);
    }
}

/// Expands each behaviour test `fn name(backend: Backend)` into `sqlite::name`, `memory::name`
/// and `postgres::name` (skipped without a server, see tests/common/pg.rs).
macro_rules! every_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(super::Backend::Sqlite) })*
        }
        mod memory {
            $(#[test] fn $name() { super::$name(super::Backend::Memory) })*
        }
        mod postgres {
            $(#[test] fn $name() {
                if super::pg::admin_url().is_some() {
                    super::$name(super::Backend::Postgres)
                }
            })*
        }
    };
}

every_backend!(
    statuses_follow_applied_changes_and_todo_disappears,
    changes_that_change_nothing_record_no_batch,
    users_are_independent,
    history_is_newest_first_and_says_what_changed,
    undo_reverts_every_key_of_the_last_command,
    undo_twice_reverts_two_commands_then_there_is_nothing_left,
    the_undo_itself_appears_in_history,
    a_key_changed_twice_in_one_command_goes_back_to_where_it_started,
    undo_of_a_note_restores_the_old_note,
    notes_are_set_cleared_and_unchanged_notes_record_nothing,
    keys_lists_every_key_with_a_status_or_a_note,
    settings_are_per_user_overwritable_and_not_in_history,
    activity_counts_changes_that_stand_per_utc_day_of_the_clock,
    activity_counts_local_days,
    every_change_gets_a_distinct_id_and_the_stores_device,
    ids_sort_in_change_order_even_when_the_clock_does_not_move,
    times_come_from_the_stores_clock,
    history_serialises_with_string_ids_and_rfc3339_times,
    data_version_moves_with_every_commit,
    a_fresh_store_is_healthy_and_current,
    importing_is_a_union_by_id_and_importing_again_changes_nothing,
    three_stores_merged_in_every_order_agree,
    concurrent_edits_resolve_alike_everywhere_and_count_as_conflicts,
    an_edit_made_after_a_sync_wins_whatever_the_clocks,
    an_import_that_fails_half_way_keeps_nothing,
    a_dry_run_says_what_would_change_and_keeps_nothing,
    an_undo_travels_and_marks_the_command_undone_everywhere,
    undo_leaves_a_key_another_device_changed_since,
    export_pages_through_every_change_in_order,
    choices_are_changes_undone_and_merged_like_the_rest,
    reviews_are_changes_of_their_own_undone_and_merged_like_the_rest,
    done_times_are_the_last_standing_mark_of_each_key_done_now,
);

// ---------------------------------------------------------------- merging (import, sync)

/// Every change of `user`'s in `store`, as it travels.
fn records(store: &Store, user: &str) -> Vec<Record> {
    let mut out = Vec::new();
    store
        .for_each_record(user, |r| {
            out.push(r);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    out
}

/// Imports `records` into `store`.
fn merge(store: &mut Store, records: &[Record]) -> Merged {
    let items = records.iter().cloned().map(Ok::<_, StoreError>);
    store.import(items, false).unwrap()
}

/// What a user sees of a store: statuses, notes, and the history in its order, without
/// the local numbering (`seq`, `batch`).
type Seen = (
    Vec<(String, &'static str)>,
    Vec<(String, String)>,
    Vec<(String, String, Delta, String, bool)>,
);

fn seen(store: &Store, user: &str) -> Seen {
    let mut statuses: Vec<_> = (store.statuses(user).unwrap().into_iter())
        .map(|(k, s)| (k, s.as_str()))
        .collect();
    statuses.sort();
    let mut notes: Vec<_> = store.notes(user).unwrap().into_iter().collect();
    notes.sort();
    let history = (store.history(user, usize::MAX).unwrap().into_iter())
        .map(|e| (e.id.to_string(), e.key, e.change, e.command, e.undone))
        .collect();
    (statuses, notes, history)
}

/// A store of `backend` with its own clock set to `now`.
fn device(backend: Backend, now: &str) -> (Subject, TestClock) {
    let mut store = backend.store();
    let clock = TestClock::install(&mut store, now);
    (store, clock)
}

fn importing_is_a_union_by_id_and_importing_again_changes_nothing(backend: Backend) {
    let (mut a, _) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T11:00:00Z");
    a.apply("ana", "done git", &[change("git", Done)]).unwrap();
    a.set_note("ana", "git", Some("rebase")).unwrap();
    b.apply("ana", "start dns", &[change("dns", InProgress)])
        .unwrap();

    let from_a = records(&a, "ana");
    let merged = merge(&mut b, &from_a);
    assert_eq!((merged.read, merged.new, merged.conflicts), (2, 2, 0));
    assert_eq!(merged.settled.len(), 2, "git's status and note");
    let again = merge(&mut b, &from_a);
    assert_eq!((again.read, again.new), (2, 0));
    assert!(again.settled.is_empty());
    merge(&mut a, &records(&b, "ana"));

    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
    assert_eq!(
        a.statuses("ana").unwrap(),
        map(&[("git", Done), ("dns", InProgress)])
    );
    assert_eq!(a.history("ana", usize::MAX).unwrap().len(), 3);
    assert_eq!(b.integrity_check().unwrap(), ["ok"]);
}

fn three_stores_merged_in_every_order_agree(backend: Backend) {
    let (mut a, _) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    let (mut c, _) = device(backend, "2026-12-01T09:00:00Z");
    a.apply(
        "ana",
        "done git",
        &[change("git", Done), change("web", Done)],
    )
    .unwrap();
    a.undo("ana").unwrap();
    a.apply("ana", "skip web", &[change("web", Skipped)])
        .unwrap();
    b.apply("ana", "done web", &[change("web", Done)]).unwrap();
    b.set_note("ana", "web", Some("from b")).unwrap();
    c.set_note("ana", "web", Some("from c")).unwrap();
    c.apply("ana", "start git", &[change("git", InProgress)])
        .unwrap();
    let sets = [records(&a, "ana"), records(&b, "ana"), records(&c, "ana")];

    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut results = Vec::new();
    for order in orders {
        let mut fresh = backend.store();
        for i in order {
            merge(&mut fresh, &sets[i]);
        }
        // Records can also arrive one by one, shuffled.
        let mut one_by_one = backend.store();
        let mut all: Vec<Record> = order.iter().flat_map(|&i| sets[i].clone()).collect();
        all.reverse();
        for r in &all {
            merge(&mut one_by_one, std::slice::from_ref(r));
        }
        assert_eq!(seen(&fresh, "ana"), seen(&one_by_one, "ana"));
        results.push(seen(&fresh, "ana"));
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:#?}");
    // The stores themselves reach the same state once each has the others' changes.
    for (store, others) in [(&mut a, [1, 2]), (&mut b, [0, 2]), (&mut c, [0, 1])] {
        for i in others {
            merge(store, &sets[i]);
        }
        assert_eq!(seen(store, "ana"), results[0]);
    }
}

fn concurrent_edits_resolve_alike_everywhere_and_count_as_conflicts(backend: Backend) {
    // Both clocks read the same millisecond: the device id decides, the same way on both.
    let (mut a, _) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    a.apply("ana", "done git", &[change("git", Done)]).unwrap();
    b.apply("ana", "skip git", &[change("git", Skipped)])
        .unwrap();
    let (from_a, from_b) = (records(&a, "ana"), records(&b, "ana"));
    let into_a = merge(&mut a, &from_b);
    let into_b = merge(&mut b, &from_a);
    assert_eq!((into_a.conflicts, into_b.conflicts), (1, 1));
    assert_eq!(a.statuses("ana").unwrap(), b.statuses("ana").unwrap());
    let winner = if a.device_id().unwrap() > b.device_id().unwrap() {
        Done
    } else {
        Skipped
    };
    assert_eq!(a.statuses("ana").unwrap(), map(&[("git", winner)]));
    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
}

fn an_edit_made_after_a_sync_wins_whatever_the_clocks(backend: Backend) {
    // b's clock is an hour behind a's, yet b's edit, made after seeing a's, counts.
    let (mut a, _) = device(backend, "2026-12-01T11:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    a.apply("ana", "done git", &[change("git", Done)]).unwrap();
    merge(&mut b, &records(&a, "ana"));
    b.apply("ana", "reset git", &[change("git", Todo)]).unwrap();
    let merged = merge(&mut a, &records(&b, "ana"));
    assert_eq!(merged.conflicts, 0, "b saw a's change");
    assert!(a.statuses("ana").unwrap().is_empty());
    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
}

fn an_import_that_fails_half_way_keeps_nothing(backend: Backend) {
    let (mut a, _) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    a.apply(
        "ana",
        "done git",
        &[change("git", Done), change("web", Done)],
    )
    .unwrap();
    b.apply("ana", "start dns", &[change("dns", InProgress)])
        .unwrap();
    let before = seen(&b, "ana");
    let version = b.data_version().unwrap();
    let from_a = records(&a, "ana");
    let items = vec![
        Ok(from_a[0].clone()),
        Err(StoreError::Locked {
            path: "elsewhere".into(),
        }),
        Ok(from_a[1].clone()),
    ];
    let err = b.import(items, false).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert_eq!(seen(&b, "ana"), before, "the first change was not kept");
    assert_eq!(b.data_version().unwrap(), version, "nothing was committed");
    assert_eq!(b.users().unwrap(), ["ana"]);
}

fn a_dry_run_says_what_would_change_and_keeps_nothing(backend: Backend) {
    let (mut a, _) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    a.apply("ana", "done git", &[change("git", Done)]).unwrap();
    a.set_note("ana", "git", Some("rebase")).unwrap();
    let items = || records(&a, "ana").into_iter().map(Ok::<_, StoreError>);
    let would = b.import(items(), true).unwrap();
    assert_eq!(would.new, 2);
    let settled: Vec<(String, Delta)> = (would.settled.iter())
        .map(|s| (s.key.clone(), s.change.clone()))
        .collect();
    assert_eq!(
        settled,
        [
            ("git".to_owned(), note(None, Some("rebase"))),
            ("git".to_owned(), status(Todo, Done)),
        ]
    );
    assert!(b.users().unwrap().is_empty(), "not even the user was kept");
    assert_eq!(
        b.import(items(), false).unwrap(),
        would,
        "the real import does that"
    );
}

fn an_undo_travels_and_marks_the_command_undone_everywhere(backend: Backend) {
    let (mut a, clock) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    a.apply("ana", "done git", &[change("git", Done)]).unwrap();
    merge(&mut b, &records(&a, "ana"));
    clock.set("2026-12-01T10:05:00Z");
    a.undo("ana").unwrap();
    // b gets the undo alone, then everything again: either way the command is undone.
    let undo: Vec<Record> = (records(&a, "ana").into_iter())
        .filter(|r| r.undoes.is_some())
        .collect();
    assert_eq!(undo.len(), 1);
    merge(&mut b, &undo);
    assert!(b.statuses("ana").unwrap().is_empty());
    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
    assert!(b.history("ana", usize::MAX).unwrap()[1].undone);
    // An undo arriving before what it undoes still marks it.
    let mut c = backend.store();
    merge(&mut c, &undo);
    merge(&mut c, &records(&a, "ana"));
    assert_eq!(seen(&c, "ana"), seen(&a, "ana"));
    // Only this device's commands are undone here: b has none of its own.
    assert!(b.undo("ana").unwrap().is_none());
}

fn undo_leaves_a_key_another_device_changed_since(backend: Backend) {
    let (mut a, clock) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:01:00Z");
    a.apply(
        "ana",
        "done git web",
        &[change("git", Done), change("web", Done)],
    )
    .unwrap();
    merge(&mut b, &records(&a, "ana"));
    b.apply("ana", "skip web", &[change("web", Skipped)])
        .unwrap();
    merge(&mut a, &records(&b, "ana"));
    clock.set("2026-12-01T10:02:00Z");
    let batch = a.undo("ana").unwrap().unwrap();
    let kept: Vec<&str> = batch.kept.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(kept, ["web"]);
    assert_eq!(a.statuses("ana").unwrap(), map(&[("web", Skipped)]));
    merge(&mut b, &records(&a, "ana"));
    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
}

fn export_pages_through_every_change_in_order(backend: Backend) {
    let (mut a, _) = device(backend, "2026-12-01T10:00:00Z");
    let many: Vec<Change> = (0..4_500).map(|i| change(&format!("k{i}"), Done)).collect();
    a.apply("ana", "done many", &many).unwrap();
    a.apply("ben", "done x", &[change("x", Done)]).unwrap();
    let got = records(&a, "ana");
    assert_eq!(got.len(), 4_500, "every page, and only ana's");
    assert!(got.windows(2).all(|w| w[0].id < w[1].id));
    assert!(
        got.iter()
            .all(|r| r.user == "ana" && r.command == "done many")
    );
    assert_eq!(got[0].batch, got[4_499].batch, "one command, one batch");
    assert!(records(&a, "nobody").is_empty());
}

fn choices_are_changes_undone_and_merged_like_the_rest(backend: Backend) {
    let (mut a, clock) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    let key = "web/language";
    assert!(
        a.choose("ana", "choose web/language go", key, Some("go"))
            .unwrap()
    );
    assert!(
        !a.choose("ana", "again", key, Some("go")).unwrap(),
        "no change, no record"
    );
    clock.set("2026-12-01T10:01:00Z");
    a.choose("ana", "choose web/language python", key, Some("python"))
        .unwrap();
    assert_eq!(
        a.history("ana", 1).unwrap()[0].change,
        Delta::Choice {
            from: Some("go".into()),
            to: Some("python".into())
        }
    );
    a.undo("ana").unwrap();
    let choices = |s: &Store| s.choices("ana").unwrap();
    assert_eq!(
        choices(&a),
        HashMap::from([(key.to_owned(), "go".to_owned())])
    );

    let merged = merge(&mut b, &records(&a, "ana"));
    assert_eq!(merged.settled.len(), 1);
    assert_eq!(choices(&b), choices(&a));
    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
    assert!(
        b.statuses("ana").unwrap().is_empty(),
        "a choice is no status"
    );
}

fn reviews_are_changes_of_their_own_undone_and_merged_like_the_rest(backend: Backend) {
    let (mut a, clock) = device(backend, "2026-12-01T10:00:00Z");
    let (mut b, _) = device(backend, "2026-12-01T10:00:00Z");
    a.apply("ana", "done git", &[change("git", UserStatus::Done)])
        .unwrap();
    a.review("ana", "review git good", &["git".into()], Rating::Good)
        .unwrap();
    clock.set("2026-12-04T10:00:00Z");
    a.review("ana", "review git hard", &["git".into()], Rating::Hard)
        .unwrap();
    let newest = &a.history("ana", 1).unwrap()[0];
    assert_eq!(
        newest.change,
        Delta::Review {
            rating: Rating::Hard
        }
    );
    assert_eq!(
        (newest.change.kind(), newest.change.to_text()),
        ("review", Some("hard"))
    );
    a.undo("ana").unwrap();
    let reviews = |s: &Store| s.reviews("ana").unwrap();
    assert_eq!(
        reviews(&a),
        HashMap::from([(
            "git".to_owned(),
            vec![Review {
                at: at("2026-12-01T10:00:00Z"),
                rating: Rating::Good
            }]
        )])
    );
    assert_eq!(
        a.statuses("ana").unwrap(),
        map(&[("git", UserStatus::Done)]),
        "the topic stays done"
    );

    let merged = merge(&mut b, &records(&a, "ana"));
    assert_eq!(merged.settled.len(), 1, "only the status sets a value");
    assert_eq!(reviews(&b), reviews(&a));
    assert_eq!(seen(&a, "ana"), seen(&b, "ana"));
}

fn done_times_are_the_last_standing_mark_of_each_key_done_now(backend: Backend) {
    let (mut store, clock) = device(backend, "2026-12-01T10:00:00Z");
    store
        .apply(
            "ana",
            "done a b",
            &[change("a", UserStatus::Done), change("b", UserStatus::Done)],
        )
        .unwrap();
    clock.set("2026-12-02T10:00:00Z");
    store
        .apply("ana", "reset a", &[change("a", UserStatus::Todo)])
        .unwrap();
    clock.set("2026-12-03T10:00:00Z");
    store
        .apply("ana", "done a", &[change("a", UserStatus::Done)])
        .unwrap();
    clock.set("2026-12-04T10:00:00Z");
    store
        .apply("ana", "done c", &[change("c", UserStatus::Done)])
        .unwrap();
    store.undo("ana").unwrap();
    store
        .apply("ana", "start b", &[change("b", UserStatus::InProgress)])
        .unwrap();
    assert_eq!(
        store.done_times("ana").unwrap(),
        vec![("a".to_owned(), at("2026-12-03T10:00:00Z"))],
        "b is no longer done; c was undone"
    );
    assert!(store.done_times("nobody").unwrap().is_empty());
}

// ---------------------------------------------------------------- apply

fn statuses_follow_applied_changes_and_todo_disappears(backend: Backend) {
    let mut store = backend.store();
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
    // Reading a few keys (what a mark re-reads) gives the same answer for them.
    assert_eq!(
        store
            .statuses_of("ana", &["docker", "git", "rust"])
            .unwrap(),
        map(&[("docker", Done)])
    );
    assert!(store.statuses_of("bob", &["docker"]).unwrap().is_empty());
}

fn changes_that_change_nothing_record_no_batch(backend: Backend) {
    let mut store = backend.store();
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

fn users_are_independent(backend: Backend) {
    let mut store = backend.store();
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

fn history_is_newest_first_and_says_what_changed(backend: Backend) {
    let started = Timestamp::now();
    let mut store = backend.store();
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
        .map(|e| (e.command.as_str(), &e.change))
        .collect();
    assert_eq!(
        summary,
        [
            ("note docker", &note(None, Some("use compose"))),
            ("done docker", &status(InProgress, Done)),
            ("start docker", &status(Todo, InProgress)),
        ]
    );
    assert!(
        log.windows(2)
            .all(|w| w[0].seq > w[1].seq && w[0].batch > w[1].batch && w[0].id > w[1].id)
    );
    assert!(log.iter().all(|e| !e.undone && e.key == "docker"));
    // By default, times are the system's.
    assert!(
        log.iter()
            .all(|e| started <= e.at && e.at <= Timestamp::now())
    );

    assert_eq!(store.history("ana", 2).unwrap(), log[..2]);
}

fn undo_reverts_every_key_of_the_last_command(backend: Backend) {
    let mut store = backend.store();
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

fn undo_twice_reverts_two_commands_then_there_is_nothing_left(backend: Backend) {
    let mut store = backend.store();
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

fn the_undo_itself_appears_in_history(backend: Backend) {
    let mut store = backend.store();
    store
        .apply("ana", "done docker", &[change("docker", Done)])
        .unwrap();
    store.undo("ana").unwrap();

    let log = store.history("ana", 10).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].command, "undo done docker");
    assert_eq!(log[0].change, status(Done, Todo));
    assert!(!log[0].undone);
    assert_eq!(log[1].command, "done docker");
    assert!(log[1].undone, "the original is marked undone");
}

fn a_key_changed_twice_in_one_command_goes_back_to_where_it_started(backend: Backend) {
    let mut store = backend.store();
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

fn undo_of_a_note_restores_the_old_note(backend: Backend) {
    let mut store = backend.store();
    store.set_note("ana", "docker", Some("first")).unwrap();
    store.set_note("ana", "docker", Some("second")).unwrap();

    let batch = store.undo("ana").unwrap().unwrap();
    assert_eq!(batch.command, "note docker");
    assert_eq!(batch.entries[0].change, note(Some("first"), Some("second")));
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

fn notes_are_set_cleared_and_unchanged_notes_record_nothing(backend: Backend) {
    let mut store = backend.store();
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
    assert_eq!(log[0].change, note(Some("compose"), None));
}

fn keys_lists_every_key_with_a_status_or_a_note(backend: Backend) {
    let mut store = backend.store();
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

fn settings_are_per_user_overwritable_and_not_in_history(backend: Backend) {
    let mut store = backend.store();
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

fn activity_counts_local_days(backend: Backend) {
    let mut store = backend.store();
    // 06:30 UTC on the 3rd is still the 2nd in Los Angeles.
    store.set_time_zone(jiff::tz::TimeZone::posix("PST8PDT,M3.2.0,M11.1.0").unwrap());
    let _clock = TestClock::install(&mut store, "2001-02-03T06:30:00Z");
    store.apply("ana", "done x", &[change("x", Done)]).unwrap();
    assert_eq!(
        store.activity("ana", 1).unwrap(),
        [(jiff::civil::date(2001, 2, 2), 1)]
    );
}

fn activity_counts_changes_that_stand_per_utc_day_of_the_clock(backend: Backend) {
    let mut store = backend.store();
    // Days are counted in the store's time zone; this test counts UTC days.
    store.set_time_zone(jiff::tz::TimeZone::UTC);
    let clock = TestClock::install(&mut store, "2001-02-03T04:05:06Z");
    assert!(store.activity("ana", 7).unwrap().is_empty());

    store
        .apply(
            "ana",
            "old work",
            &[change("cobol", Done), change("fortran", Done)],
        )
        .unwrap();
    clock.set("2026-11-20T23:59:59.999Z"); // one millisecond before a 2-day window opens
    store.apply("ana", "late", &[change("ada", Done)]).unwrap();
    clock.set("2026-11-21T00:00:00Z"); // the first instant of a 2-day window
    store
        .apply("ana", "early", &[change("lisp", Done)])
        .unwrap();
    clock.set("2026-11-22T01:53:44.123Z");
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
    let today = date(2026, 11, 22);

    assert_eq!(store.activity("ana", 1).unwrap(), [(today, 3)]);
    assert_eq!(
        store.activity("ana", 2).unwrap(),
        [(date(2026, 11, 21), 1), (today, 3)]
    );
    assert_eq!(
        store.activity("ana", 30).unwrap(),
        [(date(2026, 11, 20), 1), (date(2026, 11, 21), 1), (today, 3)]
    );
    assert_eq!(
        store.activity("ana", 100_000).unwrap(),
        [
            (date(2001, 2, 3), 2),
            (date(2026, 11, 20), 1),
            (date(2026, 11, 21), 1),
            (today, 3)
        ]
    );
    assert_eq!(
        store.activity("ana", u32::MAX).unwrap().len(),
        4,
        "no overflow"
    );
    assert!(store.activity("ana", 0).unwrap().is_empty());
    assert!(store.activity("ben", 30).unwrap().is_empty());
}

// ---------------------------------------------------------------- ids, devices, clock

fn every_change_gets_a_distinct_id_and_the_stores_device(backend: Backend) {
    let mut store = backend.store();
    let device = store.device_id().unwrap();
    assert_eq!(
        store.device_id().unwrap(),
        device,
        "one device id per store"
    );
    store
        .apply("ana", "mark", &[change("a", Done), change("b", Skipped)])
        .unwrap();
    store.set_note("ana", "a", Some("hi")).unwrap();
    store.apply("ben", "done a", &[change("a", Done)]).unwrap();
    store.undo("ana").unwrap();

    let mut ids = Vec::new();
    for user in ["ana", "ben"] {
        for entry in store.history(user, usize::MAX).unwrap() {
            assert_eq!(entry.device, device);
            assert_eq!(entry.id.as_uuid().get_version_num(), 7);
            ids.push(entry.id);
        }
    }
    assert_eq!(ids.len(), 5);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "ids are distinct");
    assert_ne!(
        device,
        memory().device_id().unwrap(),
        "each store has its own device id"
    );
}

fn ids_sort_in_change_order_even_when_the_clock_does_not_move(backend: Backend) {
    let mut store = backend.store();
    let clock = TestClock::install(&mut store, "2026-11-22T01:53:44.123Z");
    store
        .apply(
            "ana",
            "mark",
            &[change("a", Done), change("b", Done), change("c", Done)],
        )
        .unwrap();
    store.apply("ben", "done a", &[change("a", Done)]).unwrap();
    clock.set("2026-11-21T00:00:00Z"); // the clock goes back
    store.set_note("ana", "a", Some("hi")).unwrap();
    store.undo("ana").unwrap();
    clock.set("2026-11-23T00:00:00Z");
    store.apply("ana", "done d", &[change("d", Done)]).unwrap();

    let mut all: Vec<_> = ["ana", "ben"]
        .iter()
        .flat_map(|user| store.history(user, usize::MAX).unwrap())
        .collect();
    all.sort_by_key(|e| e.seq);
    assert_eq!(all.len(), 7);
    assert!(
        all.windows(2).all(|w| w[0].id < w[1].id),
        "ids follow the local order"
    );
}

fn times_come_from_the_stores_clock(backend: Backend) {
    let mut store = backend.store();
    let clock = TestClock::install(&mut store, "2026-11-22T01:53:44.123Z");
    store
        .apply("ana", "start docker", &[change("docker", InProgress)])
        .unwrap();
    clock.set("2026-11-22T01:53:45Z");
    store.set_note("ana", "docker", Some("compose")).unwrap();
    clock.set("2026-11-23T09:00:00.5Z");
    let undone = store.undo("ana").unwrap().unwrap();

    assert_eq!(
        undone.at,
        at("2026-11-22T01:53:45Z"),
        "the batch keeps its time"
    );
    assert_eq!(undone.entries[0].at, at("2026-11-22T01:53:45Z"));
    let times: Vec<_> = store
        .history("ana", 10)
        .unwrap()
        .iter()
        .map(|e| (e.command.clone(), e.at))
        .collect();
    assert_eq!(
        times,
        [
            ("undo note docker".to_owned(), at("2026-11-23T09:00:00.5Z")),
            ("note docker".to_owned(), at("2026-11-22T01:53:45Z")),
            ("start docker".to_owned(), at("2026-11-22T01:53:44.123Z")),
        ]
    );
}

fn history_serialises_with_string_ids_and_rfc3339_times(backend: Backend) {
    let mut store = backend.store();
    TestClock::install(&mut store, "2026-11-22T01:53:44.123Z");
    store
        .apply("ana", "start docker", &[change("docker", InProgress)])
        .unwrap();
    let entry = &store.history("ana", 1).unwrap()[0];
    let json = serde_json::to_value(entry).unwrap();
    assert_eq!(json["id"], entry.id.to_string());
    assert_eq!(json["device"], store.device_id().unwrap().to_string());
    assert_eq!(json["at"], "2026-11-22T01:53:44.123Z");
    assert_eq!(
        json["change"],
        serde_json::json!({"kind": "status", "from": "todo", "to": "in_progress"})
    );
    assert_eq!(json["command"], "start docker");
    assert_eq!(json["seq"], entry.seq);
    assert_eq!(json["undone"], false);
}

fn data_version_moves_with_every_commit(backend: Backend) {
    let mut store = backend.store();
    let start = store.data_version().unwrap();
    assert_eq!(
        store.data_version().unwrap(),
        start,
        "reading changes nothing"
    );
    store.statuses("ana").unwrap();
    assert_eq!(store.data_version().unwrap(), start);
    store.apply("ana", "done a", &[change("a", Done)]).unwrap();
    let after_apply = store.data_version().unwrap();
    assert_ne!(after_apply, start);
    store.set_setting("ana", "theme", "dark").unwrap();
    assert_ne!(store.data_version().unwrap(), after_apply);
}

fn a_fresh_store_is_healthy_and_current(backend: Backend) {
    let mut store = backend.store();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    store
        .apply("ana", "mark", &[change("a", Done), change("b", Todo)])
        .unwrap();
    store.set_note("ana", "a", Some("x")).unwrap();
    store.undo("ana").unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

// ---------------------------------------------------------------- SQLite only: history on disk

#[test]
fn activity_reads_times_written_by_schema_one_and_by_hand() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    let mut store = Store::open(&path).unwrap();
    store.set_time_zone(jiff::tz::TimeZone::UTC);
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
    let today: Date = jiff::tz::Offset::UTC
        .to_datetime(store.history("ana", 1).unwrap()[0].at)
        .date();

    // Move the "old work" command back in time, in schema 1's format (whole seconds).
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE history SET at = '2001-02-03T04:05:06Z' WHERE batch = (SELECT id FROM batches WHERE command = 'old work')",
            [],
        )
        .unwrap();

    assert_eq!(store.activity("ana", 1).unwrap(), [(today, 3)]);
    assert_eq!(store.activity("ana", 30).unwrap(), [(today, 3)]);
    assert_eq!(
        store.activity("ana", 100_000).unwrap(),
        [(date(2001, 2, 3), 2), (today, 3)]
    );
    assert!(store.activity("ana", 0).unwrap().is_empty());
    assert!(store.activity("ben", 30).unwrap().is_empty());
}

#[test]
fn times_are_stored_as_utc_text_with_milliseconds() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    let mut store = Store::open(&path).unwrap();
    TestClock::install(&mut store, "2026-11-22T02:53:44.1239+01:00");
    store.apply("ana", "done a", &[change("a", Done)]).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    let stored: (String, String, String) = raw
        .query_row(
            "SELECT h.at, b.at, s.updated_at FROM history h JOIN batches b ON b.id = h.batch
             JOIN status s ON s.key = h.key",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    let expected = "2026-11-22T01:53:44.123Z".to_owned();
    assert_eq!(stored, (expected.clone(), expected.clone(), expected));
}

#[test]
fn data_version_sees_commits_from_another_connection() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    let watcher = Store::open(&path).unwrap();
    let mut writer = Store::open(&path).unwrap();
    let before = watcher.data_version().unwrap();
    writer.apply("ana", "done a", &[change("a", Done)]).unwrap();
    let after = watcher.data_version().unwrap();
    assert_ne!(after, before, "another process's commit shows");
    assert_eq!(
        watcher.data_version().unwrap(),
        after,
        "and then holds still"
    );
}

#[test]
fn outside_version_moves_for_others_commits_only() {
    // What the UI polls: its own writes must never hide another's.
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    let mut mine = Store::open(&path).unwrap();
    let mut other = Store::open(&path).unwrap();
    let start = mine.outside_version().unwrap();
    mine.apply("ana", "done a", &[change("a", Done)]).unwrap();
    assert_eq!(mine.outside_version().unwrap(), start, "own commit");
    other.apply("ana", "done b", &[change("b", Done)]).unwrap();
    assert_ne!(mine.outside_version().unwrap(), start, "another's commit");
    assert_eq!(memory().outside_version().unwrap(), 0);
}

#[test]
fn the_device_id_is_kept_in_the_file() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    let device = Store::open(&path).unwrap().device_id().unwrap();
    assert_eq!(Store::open(&path).unwrap().device_id().unwrap(), device);
}

// ---------------------------------------------------------------- SQLite only: opening files

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
        message.contains("upgrade skilltree or use another file"),
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
        // Made by hand, but with skilltree's mark: only a marked file can be a newer
        // skilltree's (an unmarked one is another program's, see
        // another_programs_database_with_a_user_version_is_not_a_newer_skilltrees).
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
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
        matches!(&err, StoreError::NotADatabase { path: p, reason: Unrecognized::NotSqlite } if p == &path),
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

// ---------------------------------------------------------------- SQLite only: files it cannot use

/// A database with some progress for ana, closed (so the whole of it is in the file).
fn database_with_progress(path: &Path) {
    let mut store = Store::open(path).unwrap();
    store
        .apply(
            "ana",
            "done docker git",
            &[change("docker", Done), change("git", Done)],
        )
        .unwrap();
    store.set_note("ana", "git", Some("rebase next")).unwrap();
}

/// Ways to make a file skilltree cannot use, each with the refusal it must get.
type Unusable = (&'static str, fn(&Path), fn(&StoreError) -> bool);

fn unusable_files() -> Vec<Unusable> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut files: Vec<Unusable> = vec![
        (
            "random bytes",
            |path| {
                let noise: Vec<u8> = (0u32..12_288)
                    .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                    .collect();
                fs::write(path, noise).unwrap();
            },
            |e| {
                matches!(
                    e,
                    StoreError::NotADatabase {
                        reason: Unrecognized::NotSqlite,
                        ..
                    }
                )
            },
        ),
        (
            "a SQLite header followed by junk",
            |path| {
                database_with_progress(path);
                let mut bytes = fs::read(path).unwrap();
                bytes[16..1024].fill(0xA5);
                fs::write(path, bytes).unwrap();
            },
            |e| matches!(e, StoreError::NotADatabase { .. }),
        ),
        (
            "a truncated database",
            |path| {
                database_with_progress(path);
                let file = fs::OpenOptions::new().write(true).open(path).unwrap();
                file.set_len(4096 * 3).unwrap();
            },
            |e| matches!(e, StoreError::Damaged { detail, .. } if detail.contains("malformed")),
        ),
        (
            "a database whose pages after the first are scribbled over",
            |path| {
                database_with_progress(path);
                let mut bytes = fs::read(path).unwrap();
                bytes[4096..].fill(0xA5);
                fs::write(path, bytes).unwrap();
            },
            |e| matches!(e, StoreError::Damaged { detail, .. } if detail.contains("malformed")),
        ),
        (
            "another program's database",
            |path| {
                let raw = rusqlite::Connection::open(path).unwrap();
                raw.execute_batch(
                    "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
                )
                .unwrap();
            },
            |e| {
                matches!(
                    e,
                    StoreError::NotADatabase {
                        reason: Unrecognized::OtherProgram,
                        ..
                    }
                )
            },
        ),
        (
            "another program's database with user_version 7",
            |path| {
                let raw = rusqlite::Connection::open(path).unwrap();
                raw.execute_batch("CREATE TABLE recipes (name TEXT); PRAGMA user_version = 7;")
                    .unwrap();
            },
            |e| {
                matches!(
                    e,
                    StoreError::NotADatabase {
                        reason: Unrecognized::OtherProgram,
                        ..
                    }
                )
            },
        ),
        (
            "another program's marked, empty database",
            |path| {
                let raw = rusqlite::Connection::open(path).unwrap();
                raw.pragma_update(None, "application_id", 0x1234).unwrap();
            },
            |e| {
                matches!(
                    e,
                    StoreError::NotADatabase {
                        reason: Unrecognized::OtherProgram,
                        ..
                    }
                )
            },
        ),
        (
            "skilltree's tables with user_version 0",
            |path| {
                database_with_progress(path);
                let raw = rusqlite::Connection::open(path).unwrap();
                raw.pragma_update(None, "user_version", 0).unwrap();
            },
            |e| matches!(e, StoreError::Damaged { .. }),
        ),
        (
            "a database from a newer skilltree",
            |path| {
                database_with_progress(path);
                let raw = rusqlite::Connection::open(path).unwrap();
                raw.pragma_update(None, "user_version", Store::SCHEMA_VERSION + 1)
                    .unwrap();
            },
            |e| matches!(e, StoreError::NewerSchema { .. }),
        ),
        (
            "a directory",
            |path| fs::create_dir(path).unwrap(),
            |e| matches!(e, StoreError::IsDirectory { .. }),
        ),
    ];
    #[cfg(unix)]
    files.extend([
        (
            "a named pipe",
            (|path| make_fifo(path)) as fn(&Path),
            (|e| matches!(e, StoreError::SpecialFile { kind, .. } if kind.contains("FIFO")))
                as fn(&StoreError) -> bool,
        ),
        (
            "a socket",
            |path| {
                // The listener is closed, the socket file stays.
                std::os::unix::net::UnixListener::bind(path).unwrap();
            },
            |e| matches!(e, StoreError::SpecialFile { kind: "socket", .. }),
        ),
    ]);
    files
}

/// Opens `path` and uses it as commands do: reads ana's progress and history, marks a topic.
fn use_store(path: &Path) -> Result<(), StoreError> {
    let mut store = Store::open(path)?;
    store.statuses("ana")?;
    store.history("ana", 100)?;
    store.apply("ana", "done perl", &[change("perl", Done)])?;
    Ok(())
}

/// The promise of the README's "Where things live": a file skilltree can't use is refused
/// with a clear error, and it and its folder are left exactly as they were.
#[test]
fn every_file_skilltree_cannot_use_is_refused_and_left_untouched() {
    for (what, make, expected) in unusable_files() {
        let dir = TempDir::new().unwrap();
        let path = db_in(&dir);
        make(&path);
        let before = folder_snapshot(&path);

        let err = use_store(&path).expect_err(what);
        assert!(expected(&err), "{what}: {err:?}");
        let message = err.to_string();
        assert!(
            message.contains(&path.display().to_string()),
            "{what}: the message names the file: {message}"
        );
        assert!(
            !message.contains("CREATE") && !message.contains("Conversion"),
            "{what}: the message is for people: {message}"
        );
        assert_eq!(folder_snapshot(&path), before, "{what}: left untouched");
        // And again: the verdict holds, and still nothing changes.
        assert!(use_store(&path).is_err(), "{what}");
        assert_eq!(folder_snapshot(&path), before, "{what}: left untouched");
    }
}

#[test]
fn another_programs_database_with_a_user_version_is_not_a_newer_skilltrees() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch("CREATE TABLE songs (title TEXT); PRAGMA user_version = 7;")
            .unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(
            err,
            StoreError::NotADatabase {
                reason: Unrecognized::OtherProgram,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(message.contains("another program's"), "{message}");
    assert!(!message.contains("newer"), "{message}");
}

#[test]
fn skilltree_tables_without_a_schema_version_are_damage_said_without_sql() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    database_with_progress(&path);
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();
    let before = folder_snapshot(&path);
    let err = Store::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(message.contains("no schema version"), "{message}");
    assert!(!message.contains("CREATE TABLE"), "{message}");
    assert_eq!(folder_snapshot(&path), before);
}

#[test]
fn a_truncated_database_is_damaged_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    database_with_progress(&path);
    let full = fs::metadata(&path).unwrap().len();
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(full / 2).unwrap();
    drop(file);
    let before = folder_snapshot(&path);

    let err = Store::open(&path).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(message.contains("malformed"), "{message}");
    assert!(message.contains("use another file"), "{message}");
    assert_eq!(folder_snapshot(&path), before);
}

/// Replaces every `from` in the file's bytes with `to` (of the same length), as a
/// scribbling disk or program would, without going through SQLite; `from` right after one
/// of `unless` is kept (in the schema's text, say).
fn scribble(path: &Path, from: &[u8], to: &[u8], unless: &[&[u8]]) -> usize {
    assert_eq!(from.len(), to.len());
    let mut bytes = fs::read(path).unwrap();
    let mut count = 0;
    let mut at = 0;
    while let Some(offset) = bytes[at..].windows(from.len()).position(|w| w == from) {
        let start = at + offset;
        at = start + to.len();
        if unless.iter().any(|u| bytes[..start].ends_with(u)) {
            continue;
        }
        bytes[start..start + to.len()].copy_from_slice(to);
        count += 1;
    }
    fs::write(path, bytes).unwrap();
    count
}

#[test]
fn a_status_skilltree_never_writes_is_damage_naming_the_file_and_the_value() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    database_with_progress(&path);
    // Statuses and history values, not the column `undone` or the CHECK in the schema.
    assert!(scribble(&path, b"done", b"dXne", &[b"un", b"'"]) > 0);
    let before = folder_snapshot(&path);

    let store = Store::open(&path).unwrap();
    let err = store.statuses("ana").unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(r#""dXne""#), "{message}");
    assert!(message.contains("damaged"), "{message}");
    assert!(!message.contains("Conversion"), "{message}");
    let err = store.history("ana", 10).unwrap_err();
    assert!(err.to_string().contains(r#""dXne""#), "{err}");
    assert_ne!(
        store.integrity_check().unwrap(),
        ["ok"],
        "doctor sees it too"
    );
    drop(store);
    assert_eq!(folder_snapshot(&path), before);
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and a mode.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

/// Runs `open` on another thread, failing if it has not returned within five seconds.
#[cfg(unix)]
fn within_seconds<T: Send + 'static>(open: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(open()));
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .expect("opening hung")
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_at_once_and_nothing_is_created_beside_it() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("pipe");
    make_fifo(&path);
    let opened = path.clone();
    let err = within_seconds(move || Store::open(&opened).map(drop)).unwrap_err();
    assert!(
        matches!(&err, StoreError::SpecialFile { path: p, kind } if p == &path && kind.contains("FIFO")),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("named pipe"), "{message}");
    assert!(
        message.to_lowercase().contains("use another file"),
        "{message}"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["pipe"], "no -journal or -wal beside it");
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_and_nothing_is_created_beside_it() {
    let path = Path::new("/dev/null");
    let err = within_seconds(|| Store::open(Path::new("/dev/null")).map(drop)).unwrap_err();
    assert!(
        matches!(&err, StoreError::SpecialFile { path: p, kind: "character device" } if p == path),
        "{err:?}"
    );
    for side in ["/dev/null-journal", "/dev/null-wal", "/dev/null-shm"] {
        assert!(!Path::new(side).exists(), "{side} was created");
    }
}

// ---------------------------------------------------------------- SQLite only: a killed writer

/// Leaves `path` as a process killed in the middle of a rollback-journal transaction leaves
/// it: some changed pages already in the file, and a hot `-journal` holding the pages as
/// they were. (skilltree writes that way only while it turns a new file into a WAL database;
/// a kill there left every later command failing.) The transaction, on a copy of `path` (or a
/// fresh file), adds a big table and marks every status skipped; the files are copied while
/// it is still open, as a kill would leave them.
fn kill_mid_write(path: &Path) {
    let live_dir = TempDir::new().unwrap();
    let live = live_dir.path().join("live.db");
    let existing = path.exists();
    if existing {
        fs::copy(path, &live).unwrap();
    }
    let conn = rusqlite::Connection::open(&live).unwrap();
    conn.pragma_update_and_check(None, "journal_mode", "delete", |_| Ok(()))
        .unwrap();
    conn.pragma_update(None, "cache_size", 2).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; CREATE TABLE filler (x BLOB);")
        .unwrap();
    if existing {
        conn.execute("UPDATE status SET status = 'skipped'", [])
            .unwrap();
    }
    for _ in 0..200 {
        conn.execute("INSERT INTO filler VALUES (randomblob(4000))", [])
            .unwrap();
    }
    let journal = |p: &Path| {
        let mut name = p.as_os_str().to_owned();
        name.push("-journal");
        PathBuf::from(name)
    };
    assert!(
        journal(&live).exists(),
        "the transaction spilled to the file"
    );
    fs::copy(&live, path).unwrap();
    fs::copy(journal(&live), journal(path)).unwrap();
    drop(conn);
}

#[test]
fn a_first_write_cut_off_by_a_kill_is_rolled_back_by_the_next_open() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    kill_mid_write(&path);
    assert!(fs::metadata(&path).unwrap().len() > 0);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    assert!(
        store.users().unwrap().is_empty(),
        "the cut-off change is gone"
    );
    store
        .apply("ana", "done git", &[change("git", Done)])
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.statuses("ana").unwrap(), map(&[("git", Done)]));
}

#[test]
fn a_write_cut_off_by_a_kill_loses_nothing_that_was_committed() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    database_with_progress(&path);
    kill_mid_write(&path);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    assert_eq!(
        store.statuses("ana").unwrap(),
        map(&[("docker", Done), ("git", Done)]),
        "what was committed before the kill is all there, and nothing of the cut-off change"
    );
    assert_eq!(
        store.note("ana", "git").unwrap().as_deref(),
        Some("rebase next")
    );
    assert_eq!(store.history("ana", 10).unwrap().len(), 3);
}

// ---------------------------------------------------------------- SQLite only: read-only files

/// Set in the child process that runs a test as an unprivileged user.
#[cfg(unix)]
const AS_NOBODY: &str = "SKILLTREE_TEST_AS_NOBODY";

/// Runs `body` where file permissions bind. Root ignores them, so when the tests run as root
/// the test named `test` runs again in a child process of this test binary as user and
/// group 65534 (nobody), where it finds [`AS_NOBODY`] set and runs `body`.
#[cfg(unix)]
fn where_permissions_bind(test: &str, body: fn()) {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid cannot fail.
    if std::env::var_os(AS_NOBODY).is_some() || unsafe { libc::geteuid() } != 0 {
        return body();
    }
    let exe = std::env::current_exe().unwrap();
    let output = std::process::Command::new(&exe)
        .args([test, "--exact", "--test-threads=1"])
        .env(AS_NOBODY, "1")
        .current_dir("/")
        .uid(65534)
        .gid(65534)
        .output();
    let output = match output {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            eprintln!(
                "{test} skipped: running as root, which file permissions do not stop, and user \
                 65534 cannot run {}: {e}",
                exe.display()
            );
            return;
        }
        other => other.unwrap(),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{test} as user 65534 ({}):\n{stdout}{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Sets the permission bits of `path`.
#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Checks that the read-only database at `path` (with ana's progress) reads, refuses a
/// change with a clear message, and keeps its bytes.
#[cfg(unix)]
fn reads_but_refuses_changes(path: &Path) {
    let bytes = fs::read(path).unwrap();
    let mut store = Store::open(path).unwrap();
    assert_eq!(
        store.statuses("ana").unwrap(),
        map(&[("docker", Done), ("git", Done)])
    );
    assert_eq!(store.history("ana", 10).unwrap().len(), 3);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    assert!(store.data_version().is_ok());
    let err = store
        .apply("ana", "done perl", &[change("perl", Done)])
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::ReadOnly { path: p, need: WriteNeed::Save } if p == path),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("read-only"), "{message}");
    assert!(
        message.to_lowercase().contains("use another file"),
        "{message}"
    );
    let err = store.set_note("ana", "git", None).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    drop(store);
    assert_eq!(
        fs::read(path).unwrap(),
        bytes,
        "the file is byte for byte the same"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_database_in_a_read_only_folder_can_be_read_but_not_changed() {
    where_permissions_bind(
        "a_read_only_database_in_a_read_only_folder_can_be_read_but_not_changed",
        || {
            let dir = TempDir::new().unwrap();
            let path = db_in(&dir);
            database_with_progress(&path);
            chmod(&path, 0o444);
            chmod(dir.path(), 0o555);
            let before = folder_snapshot(&path);
            reads_but_refuses_changes(&path);
            assert_eq!(folder_snapshot(&path), before, "nothing created beside it");
            chmod(dir.path(), 0o755);
        },
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_or_a_read_only_folder_alone_still_reads() {
    where_permissions_bind(
        "a_read_only_file_or_a_read_only_folder_alone_still_reads",
        || {
            // The file read-only, its folder writable.
            let dir = TempDir::new().unwrap();
            let path = db_in(&dir);
            database_with_progress(&path);
            chmod(&path, 0o444);
            let before = folder_snapshot(&path);
            reads_but_refuses_changes(&path);
            assert_eq!(folder_snapshot(&path), before, "nothing left beside it");
            // Made writable again, it takes changes: reading left nothing in the way.
            chmod(&path, 0o644);
            let mut store = Store::open(&path).unwrap();
            store
                .apply("ana", "done perl", &[change("perl", Done)])
                .unwrap();

            // The file writable, its folder read-only: SQLite cannot make its -wal there.
            let dir = TempDir::new().unwrap();
            let path = db_in(&dir);
            database_with_progress(&path);
            chmod(dir.path(), 0o555);
            let before = folder_snapshot(&path);
            reads_but_refuses_changes(&path);
            assert_eq!(folder_snapshot(&path), before, "nothing left beside it");
            chmod(dir.path(), 0o755);
        },
    );
}

#[cfg(unix)]
#[test]
fn what_a_read_only_folder_stops_is_said_for_what_it_is() {
    where_permissions_bind(
        "what_a_read_only_folder_stops_is_said_for_what_it_is",
        || {
            // A new database.
            let dir = TempDir::new().unwrap();
            chmod(dir.path(), 0o555);
            let err = Store::open(&db_in(&dir)).unwrap_err();
            assert!(
                matches!(
                    err,
                    StoreError::ReadOnly {
                        need: WriteNeed::Create,
                        ..
                    }
                ),
                "{err:?}"
            );
            assert!(err.to_string().contains("cannot be created"), "{err}");
            chmod(dir.path(), 0o755);

            // A database that needs upgrading before it can be read.
            let dir = TempDir::new().unwrap();
            let path = db_in(&dir);
            fs::copy(progress_v1::path(), &path).unwrap();
            chmod(&path, 0o444);
            chmod(dir.path(), 0o555);
            let before = folder_snapshot(&path);
            let err = Store::open(&path).unwrap_err();
            assert!(
                matches!(
                    err,
                    StoreError::ReadOnly {
                        need: WriteNeed::Upgrade,
                        ..
                    }
                ),
                "{err:?}"
            );
            assert_eq!(folder_snapshot(&path), before);
            chmod(dir.path(), 0o755);

            // A change a killed process left half-written, which must be rolled back first.
            let dir = TempDir::new().unwrap();
            let path = db_in(&dir);
            database_with_progress(&path);
            kill_mid_write(&path);
            chmod(dir.path(), 0o555);
            let before = folder_snapshot(&path);
            let err = Store::open(&path).unwrap_err();
            assert!(
                matches!(
                    err,
                    StoreError::ReadOnly {
                        need: WriteNeed::Recover,
                        ..
                    }
                ),
                "{err:?}"
            );
            assert!(err.to_string().contains("half-written"), "{err}");
            assert_eq!(folder_snapshot(&path), before);
            // Made writable, the next open rolls it back and nothing committed is lost.
            chmod(dir.path(), 0o755);
            let store = Store::open(&path).unwrap();
            assert_eq!(store.statuses("ana").unwrap().len(), 2);
        },
    );
}

// ---------------------------------------------------------------- SQLite only: the schema-1 fixture

/// A private copy of `progress-v1.db` (opening a database may migrate it).
fn fixture_copy(dir: &TempDir) -> PathBuf {
    let path = db_in(dir);
    fs::copy(progress_v1::path(), &path).unwrap();
    path
}

/// What a fixture history row means now.
fn expected_change(entry: &progress_v1::Entry) -> Delta {
    match entry.kind {
        "status" => status(
            UserStatus::parse(entry.from.unwrap()).unwrap(),
            UserStatus::parse(entry.to.unwrap()).unwrap(),
        ),
        _ => note(entry.from, entry.to),
    }
}

#[test]
fn the_v1_fixture_migrates_with_nothing_lost() {
    let dir = TempDir::new().unwrap();
    let path = fixture_copy(&dir);
    let raw_version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(raw_version, 1, "the fixture is schema 1");

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    assert_eq!(store.users().unwrap(), progress_v1::USERS);
    let device = store.device_id().unwrap();
    let mut ids = Vec::new();
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

        let history = store.history(user, usize::MAX).unwrap();
        let expected: Vec<_> = progress_v1::HISTORY
            .iter()
            .rev()
            .filter(|e| e.user == *user)
            .collect();
        assert_eq!(history.len(), expected.len(), "{user}");
        for (got, want) in history.iter().zip(expected) {
            let got_row = (
                got.seq,
                got.batch,
                got.command.as_str(),
                got.key.as_str(),
                &got.change,
                got.at,
                got.undone,
            );
            let want_row = (
                want.seq,
                want.batch,
                want.command,
                want.key,
                &expected_change(want),
                at(want.at),
                want.undone,
            );
            assert_eq!(got_row, want_row);
            assert_eq!(got.device, device, "old changes are this database's");
            ids.push((got.seq, got.id));
        }
    }
    for (user, name, value) in progress_v1::SETTINGS {
        assert_eq!(store.setting(user, name).unwrap().as_deref(), Some(*value));
    }
    assert_eq!(store.setting("ana", "last_roadmap").unwrap(), None);

    // Every row got its own id, in the order the rows were written, carrying its own second.
    ids.sort();
    assert_eq!(ids.len(), progress_v1::HISTORY.len());
    assert!(ids.windows(2).all(|w| w[0].1 < w[1].1), "{ids:?}");
    for ((_, id), row) in ids.iter().zip(progress_v1::HISTORY) {
        let (secs, _) = id.as_uuid().get_timestamp().unwrap().to_unix();
        assert_eq!(secs as i64, at(row.at).as_second());
    }
}

#[test]
fn the_v1_fixture_exports_every_change_with_its_id_and_command() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&fixture_copy(&dir)).unwrap();
    let device = store.device_id().unwrap();
    for user in progress_v1::USERS {
        let history = store.history(user, usize::MAX).unwrap();
        let exported = records(&store, user);
        assert_eq!(exported.len(), history.len(), "{user}");
        for r in &exported {
            let h = history.iter().find(|h| h.id == r.id).expect("same ids");
            assert_eq!(
                (&r.key, &r.change, &r.command, r.at, r.device),
                (&h.key, &h.change, &h.command, h.at, device)
            );
        }
        // A fresh database takes them all, and undone commands stay undone.
        let mut fresh = memory();
        merge(&mut fresh, &exported);
        assert_eq!(fresh.statuses(user).unwrap(), store.statuses(user).unwrap());
        assert_eq!(fresh.notes(user).unwrap(), store.notes(user).unwrap());
        let undone = |s: &Store| -> Vec<bool> {
            (s.history(user, usize::MAX).unwrap().iter())
                .map(|e| e.undone)
                .collect()
        };
        assert_eq!(undone(&fresh), undone(&store), "{user}");
    }
}

#[test]
fn a_migrated_database_reopens_without_migrating_again() {
    let dir = TempDir::new().unwrap();
    let path = fixture_copy(&dir);
    let (device, history) = {
        let store = Store::open(&path).unwrap();
        (
            store.device_id().unwrap(),
            store.history("ana", usize::MAX).unwrap(),
        )
    };
    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
        assert_eq!(store.device_id().unwrap(), device, "the device id stays");
        assert_eq!(
            store.history("ana", usize::MAX).unwrap(),
            history,
            "ids and everything else stay"
        );
    }
}

#[test]
fn new_changes_on_a_migrated_database_sort_after_the_old_ones() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&fixture_copy(&dir)).unwrap();
    // A clock behind the fixture's times must not put new ids before old ones.
    TestClock::install(&mut store, "2001-01-01T00:00:00Z");
    let newest_old = store.history("ben", 1).unwrap()[0].id;
    store
        .apply("ben", "done go", &[change("go", Done)])
        .unwrap();
    let new = &store.history("ben", 1).unwrap()[0];
    assert!(new.id > newest_old);
    assert_eq!(new.seq, progress_v1::HISTORY.len() as i64 + 1);
    assert_eq!(new.change, status(InProgress, Done));
}

#[test]
fn undo_walks_back_through_the_migrated_fixture_skipping_what_was_undone() {
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
