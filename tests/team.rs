//! A team on one database: members added with `team add` change only their own progress
//! (row-level security, even against hand-written SQL), a mentor reads everyone's, and
//! `team` shows each member's progress on PostgreSQL and on a shared SQLite file.
//!
//! The PostgreSQL tests need `SKILLTREE_TEST_POSTGRES` (see tests/common/pg.rs).

mod common;
#[path = "common/pg.rs"]
mod pg;

use common::Sandbox;
use serde_json::Value;
use skilltree::graph::UserStatus::{Done, InProgress};
use skilltree::progress::{Change, Store, StoreError};

fn change(key: &str, to: skilltree::graph::UserStatus) -> Change {
    Change {
        key: key.to_owned(),
        to,
    }
}

/// A login unique to this database (roles belong to the whole server).
fn login(db: &pg::TestDb, name: &str) -> String {
    format!("{name}_{}", &db.name["skilltree_".len()..])
}

/// Runs `sql` over a member's own connection: the rows it changed, or the error.
fn as_member(url: &str, sql: &str) -> Result<u64, postgres::Error> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client.execute(sql, &[])
}

#[test]
fn a_learner_changes_only_their_own_rows_even_with_hand_written_sql() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let mut owner = Store::open_server(&db.url).unwrap();
    let (ana, bob) = (login(&db, "ana"), login(&db, "bob"));
    let ana_url = owner
        .add_member(&ana, Some("pw-a"), false)
        .unwrap()
        .unwrap();
    let bob_url = owner
        .add_member(&bob, Some("pw-b"), false)
        .unwrap()
        .unwrap();
    assert!(
        ana_url.contains(&ana) && ana_url.contains("pw-a"),
        "{ana_url}"
    );

    let mut as_ana = Store::open_server(&ana_url).unwrap();
    as_ana
        .apply(
            &ana,
            "done git",
            &[change("git", Done), change("dns", InProgress)],
        )
        .unwrap();
    as_ana.set_note(&ana, "git", Some("rebase")).unwrap();
    let mut as_bob = Store::open_server(&bob_url).unwrap();
    as_bob
        .apply(&bob, "done git", &[change("git", Done)])
        .unwrap();
    let before = owner.statuses(&ana).unwrap();

    // Through skilltree: bob cannot record progress under ana's name.
    let err = as_bob
        .apply(
            &ana,
            "reset git",
            &[change("git", skilltree::graph::UserStatus::Todo)],
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Server { .. }), "{err:?}");
    assert!(err.to_string().contains("another member"), "{err}");
    // And a learner sees only their own user.
    assert_eq!(as_bob.users().unwrap(), vec![bob.clone()]);
    assert!(as_bob.statuses(&ana).unwrap().is_empty());

    // By hand, over bob's own connection: ana's rows are out of reach.
    let ana_id: i64 = {
        let mut admin = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
        admin
            .query_one("SELECT id FROM users WHERE name = $1", &[&ana])
            .unwrap()
            .get(0)
    };
    for sql in [
        format!("UPDATE status SET status = 'skipped' WHERE user_id = {ana_id}"),
        format!("DELETE FROM status WHERE user_id = {ana_id}"),
        format!("DELETE FROM notes WHERE user_id = {ana_id}"),
        format!("DELETE FROM history WHERE user_id = {ana_id}"),
        format!("UPDATE batches SET undone = true WHERE user_id = {ana_id}"),
        format!("DELETE FROM users WHERE id = {ana_id}"),
        format!("UPDATE users SET owner = current_user WHERE id = {ana_id}"),
    ] {
        assert_eq!(as_member(&bob_url, &sql).unwrap(), 0, "{sql}");
    }
    for sql in [
        format!(
            "INSERT INTO status (user_id, key, status, updated_at)
             VALUES ({ana_id}, 'k8s', 'done', '2026-12-01T00:00:00Z')"
        ),
        format!("INSERT INTO users (name, owner) VALUES ('mallory', '{ana}')"),
        format!("UPDATE users SET owner = '{ana}' WHERE name = '{bob}'"),
        "UPDATE skilltree_meta SET schema_version = 99".to_owned(),
        "TRUNCATE status".to_owned(),
        "DROP TABLE status".to_owned(),
    ] {
        let err = as_member(&bob_url, &sql).unwrap_err();
        assert!(err.code().is_some(), "{sql}: {err}");
    }
    assert_eq!(owner.statuses(&ana).unwrap(), before);
    assert_eq!(owner.note(&ana, "git").unwrap().as_deref(), Some("rebase"));

    // Bob's own rows are his to change, by hand too.
    let bob_sql = format!(
        "UPDATE status SET status = 'skipped' WHERE user_id = (SELECT id FROM users WHERE name = '{bob}')"
    );
    assert_eq!(as_member(&bob_url, &bob_sql).unwrap(), 1);
}

#[test]
fn a_mentor_reads_everyone_and_changes_no_one_else() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let mut owner = Store::open_server(&db.url).unwrap();
    let (ana, mia) = (login(&db, "ana"), login(&db, "mia"));
    let ana_url = owner.add_member(&ana, Some("pw"), false).unwrap().unwrap();
    let mia_url = owner.add_member(&mia, Some("pw"), true).unwrap().unwrap();
    let mut as_ana = Store::open_server(&ana_url).unwrap();
    as_ana
        .apply(&ana, "done git", &[change("git", Done)])
        .unwrap();

    let mut as_mia = Store::open_server(&mia_url).unwrap();
    assert_eq!(as_mia.users().unwrap(), vec![ana.clone()]);
    assert_eq!(as_mia.statuses(&ana).unwrap()["git"], Done);
    assert!(as_mia.undo(&ana).is_err());
    assert!(
        as_mia
            .apply(&ana, "reset", &[change("git", InProgress)])
            .is_err()
    );
    assert_eq!(as_ana.statuses(&ana).unwrap()["git"], Done);
    // The mentor records their own progress like anyone.
    as_mia
        .apply(&mia, "done dns", &[change("dns", Done)])
        .unwrap();
}

#[test]
fn many_processes_opening_a_new_database_at_once_migrate_it_once() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let url = db.url.clone();
            std::thread::spawn(move || Store::open_server(&url).map(|_| ()))
        })
        .collect();
    for t in threads {
        t.join().unwrap().unwrap();
    }
    let store = Store::open_server(&db.url).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::SCHEMA_VERSION);
    let mut admin = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let devices: i64 = admin
        .query_one("SELECT count(*) FROM device", &[])
        .unwrap()
        .get(0);
    assert_eq!(devices, 1);
}

#[test]
fn a_database_from_a_newer_skilltree_is_refused_untouched() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    drop(Store::open_server(&db.url).unwrap());
    db.admin("UPDATE skilltree_meta SET schema_version = 99");
    let err = Store::open_server(&db.url).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("schema 99"), "{msg}");
    assert!(msg.contains("Upgrade skilltree"), "{msg}");
}

#[test]
fn a_wrong_password_or_missing_database_says_so_without_the_password() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let missing = pg::with_database(&db.url, "no_such_db_here");
    let err = Store::open_server(&missing).unwrap_err().to_string();
    assert!(err.contains("no such database"), "{err}");
    assert!(err.contains("createdb"), "{err}");
    let wrong = db.url_for("nobody_at_all", Some("hunter2"));
    let err = Store::open_server(&wrong).unwrap_err().to_string();
    assert!(!err.contains("hunter2"), "{err}");
    assert!(err.contains("nobody_at_all"), "{err}");
}

/// `team --json` of `s` with extra arguments.
fn team(s: &Sandbox, args: &[&str]) -> Value {
    let mut all = vec!["team"];
    all.extend_from_slice(args);
    s.json(&all)
}

fn member<'a>(view: &'a Value, user: &str) -> &'a Value {
    (view["members"].as_array().unwrap().iter())
        .find(|m| m["user"] == user)
        .unwrap_or_else(|| panic!("{user} in {view}"))
}

#[test]
fn team_shows_each_member_of_a_shared_file() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git"]);
    s.ok(&["start", "backend-mastery/http"]);
    s.ok(&["--user", "ben", "done", "backend-mastery/git"]);
    let view = team(&s, &[]);
    assert_eq!(view["stuck_days"], 14);
    let ana = member(&view, "ana");
    assert_eq!(ana["idle_days"], 0);
    assert_eq!(ana["stuck"], false);
    assert_eq!(ana["working_on"][0]["id"], "http");
    assert_eq!(ana["roadmaps"][0]["roadmap"], "backend-mastery");
    assert!(ana["roadmaps"][0]["done"].as_u64().unwrap() >= 1);
    let git = (view["topics"].as_array().unwrap().iter())
        .find(|t| t["topic"]["id"] == "git")
        .unwrap();
    assert_eq!(
        (git["finished"].as_u64(), git["in_progress"].as_u64()),
        (Some(2), Some(0))
    );
    // With no grace, everyone is stuck; the text names them.
    let strict = team(&s, &["--stuck-days", "0"]);
    assert_eq!(member(&strict, "ben")["stuck"], true);
    let text = s.ok(&["team", "--stuck-days", "0"]);
    assert!(text.contains("ben") && text.contains("STUCK"), "{text}");
    // A file has no logins to add.
    let r = s.fail(&["team", "add", "cleo"]);
    assert!(r.stderr.contains("no logins"), "{}", r.stderr);
}

#[test]
fn the_command_line_works_on_a_server_and_a_mentor_sees_the_team() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let s = Sandbox::new();
    let (ana, mia) = (login(&db, "ana"), login(&db, "mia"));
    let added = s.json(&["--db", &db.url, "team", "add", &ana]);
    let ana_url = added["url"].as_str().unwrap().to_owned();
    assert_eq!(added["environment"]["SKILLTREE_USER"], ana.as_str());
    assert_eq!(added["environment"]["SKILLTREE_DB"], ana_url.as_str());
    let mia_url = s.json(&["--db", &db.url, "team", "add", "--mentor", &mia])["url"]
        .as_str()
        .unwrap()
        .to_owned();

    // The learner is the role they log in as.
    let learner = |args: &[&str]| {
        let mut c = s.cmd(args);
        c.env("SKILLTREE_DB", &ana_url).env_remove("SKILLTREE_USER");
        c.output().unwrap()
    };
    assert!(learner(&["done", "backend-mastery/git"]).status.success());
    assert!(learner(&["start", "backend-mastery/http"]).status.success());
    assert!(learner(&["undo"]).status.success());
    let out = learner(&["log"]);
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(
        log.contains("(undo)") && log.contains("todo → done"),
        "{log}"
    );
    let out = learner(&["export"]);
    let changes = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(changes.contains("backend-mastery/git"), "{changes}");

    let view = team(&s, &["--db", &mia_url]);
    let seen = member(&view, &ana);
    assert_eq!(seen["working_on"], serde_json::json!([]));
    assert_eq!(seen["stuck"], false);
    // The mentor's own view holds no password.
    let doctor = s.ok(&["--db", &mia_url, "doctor"]);
    assert!(!doctor.contains(&mia_url), "{doctor}");
    assert!(doctor.contains(&format!("{mia}@")), "{doctor}");
}

#[test]
fn a_connection_the_server_dropped_is_made_again_for_the_next_change() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let mut store = Store::open_server(&db.url).unwrap();
    store
        .apply("ana", "done git", &[change("git", Done)])
        .unwrap();
    // What a server restart does to every session: ends it.
    db.admin(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = '{}' AND pid <> pg_backend_pid()",
        db.name
    ));
    store
        .apply("ana", "start dns", &[change("dns", InProgress)])
        .unwrap();
    assert_eq!(store.statuses("ana").unwrap().len(), 2);
    assert_eq!(store.history("ana", 10).unwrap().len(), 2);
}

#[test]
fn a_server_that_cannot_be_reached_says_so_without_the_password() {
    // Nothing listens on port 1.
    let s = Sandbox::new();
    let r = s.fail(&["--db", "postgres://ana:hunter2@127.0.0.1:1/team", "next"]);
    assert!(
        r.stderr
            .contains("postgres://ana@127.0.0.1:1/team cannot be reached"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("refused"), "{}", r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
    // Asking for TLS changes nothing about that (tests/pg_tls.rs has the TLS cases).
    let r = s.fail(&[
        "--db",
        "postgres://ana:hunter2@127.0.0.1:1/team?sslmode=require",
        "next",
    ]);
    assert!(r.stderr.contains("cannot be reached"), "{}", r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
}

#[test]
fn a_connection_lost_in_the_middle_of_a_change_keeps_none_of_it() {
    use skilltree::progress::{PgStorage, Storage};
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let mut storage = PgStorage::open(&db.url, Store::DEFAULT_BUSY_TIMEOUT).unwrap();
    {
        let mut tx = storage.txn().unwrap();
        let ana = tx.create_user("ana").unwrap();
        let at = "2026-12-01T10:00:00Z".parse().unwrap();
        tx.set_status(ana, "git", Done, at).unwrap();
        // The server goes away before the change is committed.
        db.admin(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = '{}' AND pid <> pg_backend_pid()",
            db.name
        ));
        let err = tx.commit().unwrap_err();
        assert!(matches!(err, StoreError::Server { .. }), "{err:?}");
        assert!(err.to_string().contains("try again"), "{err}");
    }
    let fresh = Store::open_server(&db.url).unwrap();
    assert!(fresh.users().unwrap().is_empty());
    assert!(fresh.statuses("ana").unwrap().is_empty());
}

#[test]
fn writers_of_one_user_take_turns_and_lose_nothing() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    drop(Store::open_server(&db.url).unwrap());
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open_server(&url).unwrap();
                for i in 0..20 {
                    // Every thread flips the same topics: each change must see the one before.
                    let to = if (i + t) % 2 == 0 { Done } else { InProgress };
                    store
                        .apply("ana", "flip", &[change(&format!("k{}", i % 3), to)])
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open_server(&db.url).unwrap();
    let mut history = store.history("ana", usize::MAX).unwrap();
    history.reverse();
    // Per topic, each change starts from where the one before it left the topic.
    let mut now: std::collections::HashMap<String, skilltree::graph::UserStatus> =
        Default::default();
    for e in &history {
        let skilltree::progress::Delta::Status { from, to } = e.change else {
            panic!("{e:?}")
        };
        let before = now
            .get(&e.key)
            .copied()
            .unwrap_or(skilltree::graph::UserStatus::Todo);
        assert_eq!(from, before, "{e:?}");
        now.insert(e.key.clone(), to);
    }
    let statuses = store.statuses("ana").unwrap();
    assert_eq!(statuses, now.into_iter().collect());
}
