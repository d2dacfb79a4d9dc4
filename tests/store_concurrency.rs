//! Several writers on one database file: real processes, threads, and a writer that holds the lock.

use std::collections::HashSet;
use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use skilltree::graph::UserStatus;
use skilltree::progress::{Change, Store, StoreError};
use tempfile::TempDir;

#[path = "fixtures/progress_v1.rs"]
mod progress_v1;

const WORKER_DB: &str = "SKILLTREE_TEST_WORKER_DB";
const WORKER_ID: &str = "SKILLTREE_TEST_WORKER_ID";
const WORKER_GO: &str = "SKILLTREE_TEST_WORKER_GO";
const WORKER_COUNT: &str = "SKILLTREE_TEST_WORKER_COUNT";
const CHANGES_PER_WRITER: usize = 200;

/// Marks `CHANGES_PER_WRITER` keys done for `ana`, one command each, as writer `id` of
/// `writers`.
///
/// Pauses briefly between commands, as separate CLI runs would: a writer that
/// re-takes the lock instantly would starve the others until it is done, and
/// the writers would run one after the other instead of interleaving. Even so, on
/// a busy machine one writer could finish before another got the lock once; so
/// after its first change each writer waits until every writer has made one,
/// which makes sure all of them have the database open and write at once.
fn mark_many(store: &mut Store, id: &str, writers: usize) {
    for i in 0..CHANGES_PER_WRITER {
        if i == 1 {
            wait_for_every_writer(store, writers);
        }
        let key = format!("w{id}/k{i}");
        let applied = store
            .apply(
                "ana",
                &format!("done {key}"),
                &[Change {
                    key,
                    to: UserStatus::Done,
                }],
            )
            .unwrap_or_else(|e| panic!("writer {id}, change {i}: {e}"));
        assert_eq!(applied.len(), 1);
        thread::sleep(Duration::from_micros(500));
    }
}

/// Waits until each of `writers` writers has marked a key (`w{id}/…`).
fn wait_for_every_writer(store: &Store, writers: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let statuses = store.statuses("ana").unwrap();
        let seen: HashSet<&str> = statuses
            .keys()
            .filter_map(|key| key.split('/').next())
            .collect();
        if seen.len() >= writers {
            return;
        }
        assert!(Instant::now() < deadline, "the other writers never wrote");
        thread::sleep(Duration::from_millis(1));
    }
}

/// Checks that every writer's every change arrived, each as its own command.
fn assert_all_present(path: &Path, writers: &[&str]) {
    let store = Store::open(path).unwrap();
    let statuses = store.statuses("ana").unwrap();
    assert_eq!(statuses.len(), writers.len() * CHANGES_PER_WRITER);
    for id in writers {
        for i in 0..CHANGES_PER_WRITER {
            assert_eq!(
                statuses.get(&format!("w{id}/k{i}")),
                Some(&UserStatus::Done),
                "w{id}/k{i} lost"
            );
        }
    }
    let log = store.history("ana", usize::MAX).unwrap();
    assert_eq!(log.len(), writers.len() * CHANGES_PER_WRITER);
    assert!(
        log.windows(2).all(|w| w[0].batch > w[1].batch),
        "one batch per command"
    );
    assert_eq!(
        store.users().unwrap(),
        ["ana"],
        "the user row was created once"
    );
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    // Writers alternating in the log shows they really wrote at the same time.
    let writer = |key: &str| key.split('/').next().unwrap().to_owned();
    let switches = log
        .windows(2)
        .filter(|w| writer(&w[0].key) != writer(&w[1].key))
        .count();
    assert!(
        switches >= writers.len(),
        "the writers never overlapped ({switches} switches)"
    );
}

/// Not a test on its own: the body of each child process started by
/// `two_processes_marking_at_once_lose_nothing`. Does nothing without its environment.
#[test]
#[ignore = "helper run as a child process by two_processes_marking_at_once_lose_nothing"]
fn store_worker_process() {
    let (Ok(db), Ok(id), Ok(go), Ok(count)) = (
        env::var(WORKER_DB),
        env::var(WORKER_ID),
        env::var(WORKER_GO),
        env::var(WORKER_COUNT),
    ) else {
        return;
    };
    // Start together: wait until the parent has started every worker.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !Path::new(&go).exists() {
        assert!(Instant::now() < deadline, "never told to go");
        thread::sleep(Duration::from_millis(1));
    }
    let mut store = Store::open(Path::new(&db)).unwrap();
    mark_many(&mut store, &id, count.parse().unwrap());
}

#[test]
fn two_processes_marking_at_once_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("shared/progress.db"); // fresh: both processes also race to create it
    let go = dir.path().join("go");
    let exe = env::current_exe().unwrap();
    let workers = ["0", "1"];

    let children: Vec<_> = workers
        .iter()
        .map(|id| {
            Command::new(&exe)
                .args([
                    "store_worker_process",
                    "--exact",
                    "--ignored",
                    "--test-threads=1",
                ])
                .env(WORKER_DB, &db)
                .env(WORKER_ID, id)
                .env(WORKER_GO, &go)
                .env(WORKER_COUNT, workers.len().to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(&go, b"").unwrap();
    for (id, child) in workers.iter().zip(children) {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "worker {id} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    assert_all_present(&db, &workers);
}

#[test]
fn threads_with_their_own_store_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let db: PathBuf = dir.path().join("progress.db");
    let workers = ["a", "b", "c"];
    thread::scope(|scope| {
        for id in workers {
            let db = &db;
            scope.spawn(move || {
                let mut store = Store::open(db).unwrap();
                mark_many(&mut store, id, workers.len());
            });
        }
    });
    assert_all_present(&db, &workers);
}

#[test]
fn threads_opening_a_schema_one_file_at_once_migrate_it_once() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("progress.db");
    std::fs::copy(progress_v1::path(), &db).unwrap();
    let start = Barrier::new(4);
    let seen: Vec<_> = thread::scope(|scope| {
        let openers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    start.wait();
                    let store = Store::open(&db).unwrap();
                    let history = store.history("ana", usize::MAX).unwrap();
                    (store.device_id().unwrap(), history)
                })
            })
            .collect();
        openers.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let (device, history) = &seen[0];
    let ana_rows = progress_v1::HISTORY
        .iter()
        .filter(|e| e.user == "ana")
        .count();
    assert_eq!(history.len(), ana_rows);
    for (other_device, other_history) in &seen[1..] {
        assert_eq!(
            other_device, device,
            "one device id: the file was migrated once"
        );
        assert_eq!(other_history, history, "everyone sees the same ids");
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn a_writer_holding_the_lock_too_long_gives_locked_and_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("progress.db");
    let timeout = Duration::from_millis(200);
    let mut store = Store::open_with_timeout(&db, timeout).unwrap();
    store.apply("ana", "done git", &[change("git")]).unwrap();

    let mut other = rusqlite::Connection::open(&db).unwrap();
    let holder = other
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();

    let started = Instant::now();
    let err = store
        .apply("ana", "done docker", &[change("docker")])
        .unwrap_err();
    let waited = started.elapsed();
    assert!(
        matches!(&err, StoreError::Locked { path } if path == &db),
        "{err:?}"
    );
    assert!(
        waited >= timeout,
        "gave up after {waited:?}, before the busy timeout"
    );
    assert!(
        waited < Duration::from_secs(4),
        "waited {waited:?}: the custom timeout was ignored"
    );
    let message = err.to_string();
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert!(message.contains("try again"), "{message}");

    // Reading, and opening an up-to-date database, still work while someone else writes.
    assert_eq!(store.statuses("ana").unwrap().len(), 1);
    let reader = Store::open_with_timeout(&db, timeout).unwrap();
    assert_eq!(reader.statuses("ana").unwrap().len(), 1);

    drop(holder);
    assert!(
        !store.statuses("ana").unwrap().contains_key("docker"),
        "the failed command left nothing"
    );
    store
        .apply("ana", "done docker", &[change("docker")])
        .unwrap();
    assert_eq!(store.statuses("ana").unwrap().len(), 2);
}

fn change(key: &str) -> Change {
    Change {
        key: key.to_owned(),
        to: UserStatus::Done,
    }
}
