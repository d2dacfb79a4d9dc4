//! End to end: the real binary in a pseudo-terminal (portable-pty), its
//! output fed to a terminal emulator (vt100) so we read the screen a person
//! would see; then `skilltree log --json` shows what reached the database.

#![cfg(unix)]

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::time::Duration;

use common::pty::Session;
use serde_json::Value;

fn log(dir: &std::path::Path) -> Vec<Value> {
    let out = assert_cmd::Command::cargo_bin("skilltree")
        .unwrap()
        .env("SKILLTREE_DATA_DIR", dir)
        .args(["--user", "tester", "log", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn marking_in_the_ui_shows_in_the_log_and_undo_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &["--user", "tester", "tui", "junior-backend"]);
    s.wait_for("Junior Backend Developer");
    s.wait_for(" topics ─");
    // Next view, mark the top suggestion done, undo it, mark it again, quit.
    s.keys("2");
    s.wait_for("Next steps");
    s.keys("d");
    let screen = s.wait_for("Done: ");
    assert!(screen.contains("✓ 1 done"), "{screen}");
    s.keys("u");
    s.wait_for("Undid `done junior-backend/");
    s.keys("d");
    s.wait_for("Done: ");
    s.keys("q");
    assert!(s.finish(), "the terminal is back on the main screen");

    let entries = log(dir.path());
    let commands: Vec<&str> = entries
        .iter()
        .map(|e| e["command"].as_str().unwrap())
        .collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    assert!(
        commands[2].starts_with("done junior-backend/"),
        "{commands:?}"
    );
    assert_eq!(commands[1], format!("undo {}", commands[2]));
    assert_eq!(commands[0], commands[2]);
    assert_eq!(entries[0]["to"], "done");
}

#[test]
fn the_last_roadmap_is_reopened_and_a_small_terminal_gets_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &["--user", "tester", "tui", "senior-backend"]);
    s.wait_for(" topics ─");
    s.keys("q");
    assert!(s.finish());

    let mut s = Session::start(dir.path(), &["--user", "tester", "tui"]);
    s.wait_for("Senior Backend");
    s.resize(20, 60);
    s.wait_for("Terminal too small");
    s.keys("d"); // ignored while too small
    s.resize(30, 100);
    s.wait_for(" topics ─");
    s.keys("q");
    assert!(s.finish());
    assert!(log(dir.path()).is_empty(), "nothing was marked");
}

#[test]
fn without_a_terminal_the_ui_refuses_and_points_to_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("skilltree")
        .unwrap()
        .env("SKILLTREE_DATA_DIR", dir.path())
        .args(["--user", "tester", "tui"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("skilltree next"), "{err}");
}

#[test]
fn changes_made_with_the_cli_meanwhile_show_up_in_the_open_ui() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), &["--user", "tester", "tui", "junior-backend"]);
    s.wait_for("✓ 0 done");
    let out = assert_cmd::Command::cargo_bin("skilltree")
        .unwrap()
        .env("SKILLTREE_DATA_DIR", dir.path())
        .args(["--user", "tester", "done", "junior-backend/python"])
        .output()
        .unwrap();
    assert!(out.status.success());
    s.wait_for("✓ 1 done");
    // And undo in the UI reverts the CLI's change.
    s.keys("u");
    s.wait_for("Undid `done junior-backend/python`");
    s.wait_for("✓ 0 done");
    s.keys("q");
    assert!(s.finish());
}

#[test]
fn an_edited_roadmap_file_is_loaded_again_where_the_user_was() {
    let dir = tempfile::tempdir().unwrap();
    let roadmaps = dir.path().join("roadmaps");
    std::fs::create_dir_all(&roadmaps).unwrap();
    let file = roadmaps.join("mine.yaml");
    let text = |title: &str| {
        format!(
            "id: mine\ntitle: Mine\nnodes:\n  - {{ id: a, title: First }}\n  - {{ id: b, title: {title} }}\n"
        )
    };
    std::fs::write(&file, text("Second")).unwrap();
    let mut s = Session::start(dir.path(), &["--user", "tester", "tui", "mine"]);
    s.wait_for("Second");
    s.keys("j");
    // Another program (an editor) rewrites the file while the UI is open.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&file, text("Second renamed")).unwrap();
    let screen = s.wait_for("Second renamed");
    assert!(screen.contains("reloaded"), "{screen}");
    // A broken edit is skipped like any broken file in the data folder, and said.
    std::fs::write(&file, "id: mine\ntitle: [\n").unwrap();
    s.wait_for("Skipped 1 roadmap file");
    s.keys("q");
    assert!(s.finish());
}

#[test]
fn the_ui_reconnects_when_the_server_drops_it_and_keeps_working() {
    let Some(db) = pg::TestDb::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let args = ["--db", &db.url, "--user", "tester", "tui", "junior-backend"];
    let mut s = Session::start(dir.path(), &args);
    s.wait_for("Junior Backend Developer");
    s.wait_for(" topics ─");
    // What a server restart does to every session: ends it.
    db.admin(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = '{}' AND pid <> pg_backend_pid()",
        db.name
    ));
    s.wait_for("Reconnected to the database");
    s.keys("2");
    s.wait_for("Next steps");
    s.keys("d");
    s.wait_for("Done: ");
    s.keys("q");
    assert!(s.finish());
    let store = skilltree::progress::Store::open_server(&db.url).unwrap();
    assert_eq!(store.statuses("tester").unwrap().len(), 1);
}

#[test]
fn the_map_walks_to_a_prerequisite_and_a_dependent_and_marks_from_there() {
    let dir = tempfile::tempdir().unwrap();
    let roadmaps = dir.path().join("roadmaps");
    std::fs::create_dir_all(&roadmaps).unwrap();
    std::fs::write(
        roadmaps.join("chain.yaml"),
        "id: chain\ntitle: Chain\nnodes:\n  - { id: a, title: First }\n  \
         - { id: b, title: Second, requires: [a] }\n  - { id: c, title: Third, requires: [b] }\n",
    )
    .unwrap();
    let mut s = Session::start(dir.path(), &["--user", "tester", "tui", "chain"]);
    s.wait_for(" topics ─");
    // Select Second in the tree, then open the map: the selection comes along
    // (drawn with a heavy border).
    s.keys("j3");
    s.wait_for("Map: Chain");
    s.wait_for("┃ · Second");
    s.keys("\x1b[D"); // ←: its prerequisite
    s.wait_for("┃ ○ First");
    s.keys("\x1b[C\x1b[C"); // → →: back, then what needs it
    s.wait_for("┃ · Third");
    s.keys("\x1b[D\x1b[D"); // back to First, and mark it done from the map
    s.wait_for("┃ ○ First");
    s.keys("d");
    let screen = s.wait_for("Done: First");
    assert!(screen.contains("┃ ✓ First"), "{screen}");
    s.keys("q");
    assert!(s.finish());
    let entries = log(dir.path());
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["command"], "done chain/a");
}
