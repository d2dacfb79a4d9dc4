//! Progress that travels: `export`, `import` and `sync` through the real binary, with
//! separate data folders standing for separate machines and one folder shared between them.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Sandbox;
use serde_json::Value;
use tempfile::TempDir;

const MAP: &str = "backend-mastery";

/// What a user sees on one machine: the map with every status, and the whole history.
fn view(s: &Sandbox) -> (Value, Value) {
    (s.json(&["show", MAP]), s.json(&["log", "-n", "1000"]))
}

fn sync(s: &Sandbox, dir: &Path) -> String {
    s.ok(&["sync", dir.to_str().unwrap()])
}

/// The bytes of every file in the sync folder, by name.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for user in std::fs::read_dir(dir).unwrap() {
        for f in std::fs::read_dir(user.unwrap().path()).unwrap() {
            let path = f.unwrap().path();
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

/// Marks, notes and undos on each machine, different on each.
fn work(machines: &[&Sandbox]) {
    let topics = ["git", "http", "docker", "linux-basics"];
    for (i, s) in machines.iter().enumerate() {
        let t = topics[i % topics.len()];
        let other = topics[(i + 1) % topics.len()];
        s.ok(&["done", &format!("{MAP}/{t}")]);
        s.ok(&["start", &format!("{MAP}/{other}")]);
        s.ok(&["note", &format!("{MAP}/{t}"), &format!("from machine {i}")]);
        s.ok(&["skip", &format!("{MAP}/{other}")]);
        s.ok(&["undo"]);
    }
}

#[test]
fn two_machines_synced_in_either_order_see_the_same_and_syncing_again_changes_nothing() {
    for first_a in [true, false] {
        let (a, b) = (Sandbox::new(), Sandbox::new());
        let shared = TempDir::new().unwrap();
        let dir = shared.path();
        work(&[&a, &b]);
        let order = if first_a { [&a, &b, &a] } else { [&b, &a, &b] };
        for s in order {
            sync(s, dir);
        }
        assert_eq!(view(&a), view(&b), "a first: {first_a}");
        // b's later `done http` counts over a's; a's note reached b.
        assert_eq!(a.json(&["info", "backend-mastery/http"])["status"], "done");
        assert_eq!(
            b.json(&["info", "backend-mastery/git"])["note"],
            "from machine 0"
        );

        let files = folder(dir);
        let before = view(&a);
        for s in [&a, &b] {
            let out = sync(s, dir);
            assert!(out.contains("nothing new arrived; sent 0 changes"), "{out}");
        }
        assert_eq!(folder(dir), files, "the folder is unchanged");
        assert_eq!(view(&a), before);
        assert_eq!(view(&b), before);
    }
}

#[test]
fn three_machines_synced_in_every_order_converge() {
    let orders: [[usize; 3]; 6] = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut views = Vec::new();
    for order in orders {
        let machines = [Sandbox::new(), Sandbox::new(), Sandbox::new()];
        let shared = TempDir::new().unwrap();
        work(&machines.iter().collect::<Vec<_>>());
        // Two rounds: after the first, the machine that went first still lacks the others'.
        for _ in 0..2 {
            for &i in &order {
                sync(&machines[i], shared.path());
            }
        }
        let seen: Vec<_> = machines.iter().map(view).collect();
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "order {order:?}");
        views.push(seen.into_iter().next().unwrap());
    }
    // Every order gives the same statuses and notes (the logs differ only in times).
    let shows: Vec<&Value> = views.iter().map(|(show, _)| show).collect();
    let statuses = |v: &Value| {
        let mut text = v.to_string();
        text.retain(|c| c != ' ');
        text
    };
    assert!(shows.windows(2).all(|w| statuses(w[0]) == statuses(w[1])));
}

#[test]
fn concurrent_conflicting_edits_resolve_the_same_on_both_machines() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let shared = TempDir::new().unwrap();
    a.ok(&["done", "backend-mastery/git"]);
    b.ok(&["skip", "backend-mastery/git"]);
    a.ok(&["note", "backend-mastery/git", "a's note"]);
    b.ok(&["note", "backend-mastery/git", "b's note"]);
    sync(&a, shared.path());
    let out = sync(&b, shared.path());
    assert!(out.contains("2 conflicts"), "{out}");
    sync(&a, shared.path());
    assert_eq!(view(&a), view(&b));
    // The later edit counts: b's.
    let info = b.json(&["info", "backend-mastery/git"]);
    assert_eq!(info["note"], "b's note", "{info}");
}

#[test]
fn a_choice_travels_and_plans_follow_it_on_the_other_machine() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let shared = TempDir::new().unwrap();
    a.ok(&["choose", "backend-mastery/backend-language", "python"]);
    sync(&a, shared.path());
    let out = sync(&b, shared.path());
    assert!(
        out.contains("Pick one backend language: following python"),
        "{out}"
    );
    assert!(out.contains(", 1 choice; 0 conflicts"), "{out}");
    let info = b.json(&["info", "backend-mastery/backend-language"]);
    assert_eq!(info["chosen"], "python", "{info}");
    assert_eq!(view(&a), view(&b));
    // Undone on b, it is undone on a after the next sync... b did not make it, so b
    // cannot undo it; a can, and the undo travels.
    assert!(b.fail(&["undo"]).stderr.contains("nothing to undo"));
    a.ok(&["undo"]);
    sync(&a, shared.path());
    sync(&b, shared.path());
    assert!(b.json(&["info", "backend-mastery/backend-language"])["chosen"].is_null());
}

#[test]
fn undo_leaves_what_another_machine_changed_since_and_says_so() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let shared = TempDir::new().unwrap();
    a.ok(&["done", "backend-mastery/git", "backend-mastery/http"]);
    sync(&a, shared.path());
    sync(&b, shared.path());
    b.ok(&["skip", "backend-mastery/http"]);
    sync(&b, shared.path());
    sync(&a, shared.path());
    let out = a.ok(&["undo"]);
    assert!(out.contains("Git: back to todo"), "{out}");
    assert!(
        out.contains("HTTP: status left as it is: another device has changed it since"),
        "{out}"
    );
    assert_eq!(
        a.json(&["info", "backend-mastery/http"])["status"],
        "skipped"
    );
    sync(&a, shared.path());
    sync(&b, shared.path());
    assert_eq!(view(&a), view(&b));
}

#[test]
fn moving_to_a_new_machine_with_export_and_import() {
    let (old, new) = (Sandbox::new(), Sandbox::new());
    work(&[&old]);
    old.ok(&["export", "-o", "progress.jsonl"]);
    let file = old.path("progress.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let header: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        (header["skilltree"].as_str(), header["version"].as_u64()),
        (Some("changes"), Some(1))
    );

    let dry = new.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(
        dry.contains("Would import") && dry.contains("Nothing was changed"),
        "{dry}"
    );
    assert!(
        new.json(&["log"]).as_array().unwrap().is_empty(),
        "a dry run keeps nothing"
    );

    let out = new.ok(&["import", file.to_str().unwrap()]);
    assert!(
        out.contains("5 changes, 2 new statuses, 1 note; 0 conflicts"),
        "{out}"
    );
    assert_eq!(view(&old), view(&new));
    let again = new.ok(&["import", file.to_str().unwrap()]);
    assert!(
        again.contains("0 changes") && again.contains("(5 already here)"),
        "{again}"
    );
    assert_eq!(view(&old), view(&new));
}

#[test]
fn exporting_before_any_progress_creates_no_database() {
    let s = Sandbox::new();
    let out = s.ok(&["export"]);
    assert_eq!(out.lines().count(), 1, "a header alone: {out}");
    assert_eq!(
        s.json(&["export", "--format", "json"])["topics"],
        serde_json::json!([])
    );
    assert!(!s.db().exists());
}

#[test]
fn snapshots_as_json_and_csv() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git"]);
    s.ok(&["note", "backend-mastery/git", "=1+1, \"quoted\""]);
    let json = s.json(&["export", "--format", "json"]);
    assert_eq!(json["topics"][0]["key"], "git");
    assert_eq!(json["topics"][0]["status"], "done");
    let csv = s.ok(&["export", "--format", "csv"]);
    assert_eq!(
        csv,
        "key,title,status,note\ngit,Git,done,\"'=1+1, \"\"quoted\"\"\"\n"
    );
}

/// A valid header and change line, for files made by hand.
fn header(user: &str) -> String {
    format!(
        r#"{{"skilltree":"changes","version":1,"user":"{user}","device":"01a23445-733c-749d-bec6-ac79818dcafe","exported_at":"2026-12-01T10:00:00.000Z"}}"#
    )
}

fn line(n: u32, key: &str, to: &str) -> String {
    format!(
        r#"{{"id":"01a23445-734b-7adf-bde4-{n:012x}","device":"01a23445-733c-749d-bec6-ac79818dcafe","user":"ana","key":"{key}","kind":"status","from":"todo","to":"{to}","at":"2026-12-01T10:00:00.000Z","command":"done {key}","batch":"01a23445-734b-71d4-976f-{n:012x}"}}"#
    )
}

#[test]
fn a_bad_line_is_an_error_naming_the_file_and_line_and_nothing_is_imported() {
    let good = [
        header("ana"),
        line(1, "git", "done"),
        line(2, "http", "done"),
    ];
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "not json",
            format!("{}\n{}\n{{oops\n", good[0], good[1]),
            ":3: not a change line",
        ),
        (
            "unknown status",
            format!("{}\n{}\n{}\n", good[0], good[1], line(3, "dns", "finished")),
            ":3: unknown status `finished`",
        ),
        (
            "newer version",
            format!(
                "{}\n{}\n",
                good[0].replace("\"version\":1", "\"version\":9"),
                good[1]
            ),
            ":1: format version 9",
        ),
        (
            "control characters in the user",
            format!("{}\n{}\n", header("an\\u001b[2Ja"), good[1]),
            ":1: the user holds control characters",
        ),
        (
            "another user's change",
            format!("{}\n{}\n", header("ben"), good[1]),
            ":2: the change is `ana`'s, but the file holds `ben`'s",
        ),
        (
            "not a change file",
            "hello\n".to_string(),
            ":1: this is not a skilltree change file",
        ),
        (
            "a line too long",
            format!("{}\n{}\n{}\n", good[0], good[1], "x".repeat(2 << 20)),
            ":3: the line is longer than",
        ),
        (
            "a bad id",
            format!(
                "{}\n{}\n",
                good[0],
                good[1].replace("01a23445-734b-7adf", "zz")
            ),
            ":2: `id` is not a change id",
        ),
    ];
    for (what, text, expected) in cases {
        let s = Sandbox::new();
        s.ok(&["start", "backend-mastery/dns"]);
        let before = view(&s);
        let file = s.write("bad.jsonl", &text);
        let r = s.fail(&["import", file.to_str().unwrap()]);
        assert!(
            r.stderr.contains(&format!("bad.jsonl{expected}")),
            "{what}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("nothing was imported"),
            "{what}: {}",
            r.stderr
        );
        assert!(
            !r.stderr.contains('\u{1b}'),
            "{what}: raw escape reached the terminal"
        );
        assert_eq!(view(&s), before, "{what}: nothing changed");
    }
    // The same lines, fixed, import; into the user they belong to, which is said when it is
    // not the one running the command.
    let s = Sandbox::new();
    let file = s.write("good.jsonl", &(good.join("\n") + "\n"));
    let out = s.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("2 changes, 2 new statuses"), "{out}");
    let r = s.run(&["--user", "ana.smith", "import", file.to_str().unwrap()]);
    assert!(
        r.stderr
            .contains("these are ana's changes, not ana.smith's"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_change_file_another_device_is_still_writing_is_read_up_to_its_last_whole_line() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let shared = TempDir::new().unwrap();
    a.ok(&["done", "backend-mastery/git"]);
    sync(&a, shared.path());
    // a's file as a sync tool might deliver it: a change cut off half-way.
    let (name, bytes) = folder(shared.path()).remove(0);
    let mut torn = bytes.clone();
    torn.extend_from_slice(br#"{"id":"01a2"#);
    std::fs::write(&name, &torn).unwrap();
    let out = sync(&b, shared.path());
    assert!(out.contains("1 change, 1 new status"), "{out}");
    // a cuts its own torn tail before appending.
    a.ok(&["done", "backend-mastery/http"]);
    sync(&a, shared.path());
    let text = std::fs::read_to_string(&name).unwrap();
    assert!(
        text.ends_with('\n') && !text.contains(r#"{"id":"01a2{"#),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "header and two changes");
}

#[test]
fn the_sync_folder_is_remembered() {
    let s = Sandbox::new();
    let r = s.fail(&["sync"]);
    assert!(r.stderr.contains("no sync folder is set") && r.stderr.contains("sync --set DIR"));
    assert!(!s.db().exists(), "finding that out created no database");
    let shared = TempDir::new().unwrap();
    let dir = shared.path().join("new folder");
    let out = s.ok(&["sync", "--set", dir.to_str().unwrap()]);
    assert!(out.contains("remembered"), "{out}");
    s.ok(&["done", "backend-mastery/git"]);
    let out = s.ok(&["sync"]);
    assert!(out.contains("sent 1 change"), "{out}");
    let missing = s.fail(&["sync", shared.path().join("nope").to_str().unwrap()]);
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.stderr
    );
}

#[test]
fn auto_sync_runs_after_every_change_once_turned_on() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let shared = TempDir::new().unwrap();
    let dir = shared.path().to_str().unwrap();
    a.ok(&["sync", "--set", dir]);
    let r = a.run(&["done", "backend-mastery/git"]);
    assert!(
        !r.stderr.contains("auto-sync"),
        "off by default: {}",
        r.stderr
    );
    assert!(a.ok(&["sync", "--auto", "on"]).contains("Auto-sync is on"));
    let r = a.run(&["done", "backend-mastery/http"]);
    assert!(
        r.stderr.contains("auto-sync: Synced with") && r.stderr.contains("sent 1 change"),
        "{}",
        r.stderr
    );
    let out = sync(&b, shared.path());
    assert!(out.contains("2 changes, 2 new statuses"), "{out}");
    a.ok(&["sync", "--auto", "off"]);
    let r = a.run(&["done", "backend-mastery/docker"]);
    assert!(!r.stderr.contains("auto-sync"), "{}", r.stderr);
    // A folder that went away: the change is kept, and the warning says so.
    let c = Sandbox::new();
    let gone = TempDir::new().unwrap();
    c.ok(&[
        "sync",
        "--set",
        gone.path().to_str().unwrap(),
        "--auto",
        "on",
    ]);
    drop(gone);
    let r = c.run(&["done", "backend-mastery/git"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("auto-sync failed") && r.stderr.contains("your change is saved"),
        "{}",
        r.stderr
    );
    assert_eq!(c.json(&["info", "backend-mastery/git"])["status"], "done");
}

#[test]
fn a_kill_during_import_leaves_the_database_before_or_after() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git"]);
    let mut text = header("ana") + "\n";
    for n in 1..=5_000 {
        text.push_str(&line(n, &format!("k{n}"), "done"));
        text.push('\n');
    }
    let file = s.write("big.jsonl", &text);
    let count = |s: &Sandbox| s.json(&["log", "-n", "100000"]).as_array().unwrap().len();
    assert_eq!(count(&s), 1);
    let started = Instant::now();
    {
        let probe = Sandbox::new();
        let f = probe.write("big.jsonl", &text);
        probe.ok(&["import", f.to_str().unwrap()]);
    }
    let whole = started.elapsed();
    let mut killed = 0;
    for i in 1..=6u32 {
        let mut child = s
            .process(&["import", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * i / 8);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let n = count(&s);
        assert!(n == 1 || n == 5_001, "kill {i}: {n} changes");
        if n == 5_001 {
            break;
        }
    }
    let doctor = s.json(&["doctor"]);
    assert!(doctor.to_string().contains("\"ok\""), "{doctor}");
    assert!(killed > 0 || whole < Duration::from_millis(50));
}
