//! The real binary in a temporary folder: what a user types, what they see.

use std::path::Path;

use serde_json::Value;

mod common;

use common::Sandbox;

fn status_in(show: &Value, id: &str) -> String {
    show["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn list_shows_the_five_built_in_roadmaps() {
    let s = Sandbox::new();
    let list = s.json(&["list"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "backend-mastery",
            "backend-skill-map",
            "junior-backend",
            "junior-to-senior",
            "senior-backend"
        ]
    );
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|r| r["progress"] == 0 && r["source"] == "built-in")
    );
}

#[test]
fn piped_bare_invocation_prints_next() {
    let s = Sandbox::new();
    assert_eq!(s.ok(&[]), s.ok(&["next"]));
}

#[test]
fn marking_done_unlocks_and_shows_everywhere_the_topic_appears() {
    let s = Sandbox::new();
    let before = s.json(&["show", "junior-backend"]);
    assert_eq!(status_in(&before, "http"), "locked");
    let out = s.ok(&["done", "backend-mastery/http"]);
    assert!(out.starts_with("Done: HTTP\nUnlocked: "), "{out}");
    assert!(out.contains("backend-mastery/https"), "{out}");
    // Shared topic: junior-backend's HTTP node is done too, though still locked there.
    let after = s.json(&["show", "junior-backend"]);
    assert_eq!(status_in(&after, "http"), "done");
    let next = s.json(&["next", "backend-mastery", "--all"]);
    let ids: Vec<&str> = next
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"https") && !ids.contains(&"http"), "{ids:?}");
}

#[test]
fn marking_a_locked_topic_warns_with_what_is_missing() {
    let s = Sandbox::new();
    let r = s.run(&["done", "junior-backend/rest-constraints"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("warning: REST API constraints is locked; still needed: API development basics (junior-backend/api-basics), HTTP (junior-backend/http)"), "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Done: REST API constraints\nUnlocked: "),
        "{}",
        r.stdout
    );
}

#[test]
fn undo_reverts_the_last_command_only() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git"]);
    s.ok(&["start", "backend-mastery/dns", "backend-mastery/http"]);
    let out = s.ok(&["undo"]);
    assert!(
        out.starts_with("Undid `start backend-mastery/dns backend-mastery/http`"),
        "{out}"
    );
    let show = s.json(&["show", "backend-mastery"]);
    assert_eq!(status_in(&show, "dns"), "available");
    assert_eq!(status_in(&show, "git"), "done");
    s.ok(&["undo"]);
    assert_eq!(
        status_in(&s.json(&["show", "backend-mastery"]), "git"),
        "available"
    );
    let r = s.fail(&["undo"]);
    assert!(r.stderr.contains("nothing to undo"), "{}", r.stderr);
}

#[test]
fn log_lists_changes_newest_first() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git"]);
    s.ok(&["skip", "backend-mastery/dns"]);
    let log = s.json(&["log"]);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["id"], "dns");
    assert_eq!(
        (log[0]["from"].as_str(), log[0]["to"].as_str()),
        (Some("todo"), Some("skipped"))
    );
    assert_eq!(log[1]["topic"], "git");
    assert!(log[1]["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(s.json(&["log", "-n", "1"]).as_array().unwrap().len(), 1);
    assert_eq!(s.run(&["log", "-n", "0"]).code, 2, "-n 0 is a usage error");
}

#[test]
fn plan_lists_prerequisites_first_ending_with_the_topic() {
    let s = Sandbox::new();
    let plan = s.json(&["plan", "senior-backend/kubernetes"]);
    let plan = plan.as_array().unwrap();
    assert!(plan.len() > 1);
    let ids: Vec<&str> = plan.iter().map(|n| n["id"].as_str().unwrap()).collect();
    let docker = ids.iter().position(|i| i.contains("docker"));
    let last = ids.last().unwrap();
    assert!(last.contains("kubernetes"), "{ids:?}");
    assert!(
        docker.is_some_and(|d| d < ids.len() - 1),
        "docker before kubernetes: {ids:?}"
    );
    let text = s.ok(&["plan", "junior-backend/http"]);
    // The estimate, then how long it takes at your pace (here: no history yet).
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[lines.len() - 2].starts_with("Estimated:"), "{text}");
    assert!(
        lines[lines.len() - 1].starts_with("At 5 h a week (not enough history for a pace): "),
        "{text}"
    );
}

#[test]
fn ambiguous_and_unknown_topics_explain_themselves() {
    let s = Sandbox::new();
    // Groups in three roadmaps, none of them current: the error lists them.
    s.ok(&["use", "senior-backend"]);
    let r = s.fail(&["info", "testing"]);
    assert!(
        r.stderr.contains("is in several roadmaps")
            && r.stderr.contains("backend-mastery/testing (group)")
            && r.stderr.contains("skilltree use ROADMAP"),
        "{}",
        r.stderr
    );
    let r = s.fail(&["done", "kubernets"]);
    assert!(
        r.stderr.contains("no topic `kubernets`") && r.stderr.contains("did you mean"),
        "{}",
        r.stderr
    );
    let r = s.fail(&["show", "junior-backnd"]);
    assert!(
        r.stderr.contains("did you mean `junior-backend`?"),
        "{}",
        r.stderr
    );
    let r = s.fail(&["done", "junior-backend/databases-data-management"]);
    assert!(r.stderr.contains("is a group"), "{}", r.stderr);
}

#[test]
fn names_resolve_the_way_people_think() {
    let s = Sandbox::new();
    // Leaves sharing a topic are one answer; a group of the same name is no
    // candidate for marking (backend-skill-map/rest is a group).
    let out = s.ok(&["done", "http", "rest"]);
    assert!(out.starts_with("Done: HTTP\nDone: REST"), "{out}");
    // Any case, and titles.
    assert!(s.ok(&["done", "Docker"]).contains("Done: Docker"));
    assert!(
        s.ok(&["info", "Backend-Mastery/HTTP"])
            .contains("backend-mastery/http")
    );
    let out = s.ok(&["start", "REST architecture"]);
    assert!(out.contains("Started: REST architecture"), "{out}");
    // A wrong name gets the name it is nearest to.
    let r = s.fail(&["done", "backend-mastery/htpp"]);
    assert!(
        r.stderr.contains("did you mean `backend-mastery/http`?"),
        "{}",
        r.stderr
    );
    let r = s.fail(&["done", "backend-mastry/http"]);
    assert!(r.stderr.contains("`backend-mastery/http`"), "{}", r.stderr);
}

#[test]
fn plans_ask_at_a_choice_until_one_is_made() {
    let s = Sandbox::new();
    let plan = s.ok(&["plan", "backend-mastery/rest-apis"]);
    let line = plan
        .lines()
        .find(|l| l.contains("backend-mastery/backend-language"))
        .unwrap_or_else(|| panic!("{plan}"));
    assert!(
        line.contains("one of: JavaScript / TypeScript | Python | Java | Go"),
        "{plan}"
    );
    assert!(!plan.contains("backend-mastery/python "), "{plan}");
    let out = s.ok(&["choose", "backend-mastery/backend-language", "Python"]);
    assert!(out.contains(": following Python; plans take it"), "{out}");
    let plan = s.ok(&["plan", "backend-mastery/rest-apis"]);
    assert!(plan.contains("backend-mastery/python "), "{plan}");
    assert!(!plan.contains("one of: JavaScript"), "{plan}");
    let info = s.json(&["info", "backend-mastery/backend-language"]);
    assert_eq!(info["pick"], 1);
    assert_eq!(info["chosen"], "python");
    assert!(
        s.ok(&["info", "backend-mastery/backend-language"])
            .contains("choice: pick 1 · following python")
    );
    let r = s.fail(&["choose", "backend-mastery/backend-language", "cobol"]);
    assert!(r.stderr.contains("pick one of: javascript"), "{}", r.stderr);
    let r = s.fail(&["choose", "backend-mastery/http", "x"]);
    assert!(r.stderr.contains("is not a choice"), "{}", r.stderr);
}

#[test]
fn undo_with_nothing_to_undo_fails_alike_in_text_and_json_and_creates_nothing() {
    let s = Sandbox::new();
    let r = s.fail(&["undo"]);
    assert!(r.stderr.contains("nothing to undo"), "{}", r.stderr);
    let r = s.fail(&["undo", "--json"]);
    let err: Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(err["error"], "nothing to undo");
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(!s.db().exists(), "undo created the database");
}

#[test]
fn notes_take_several_words_and_open_in_the_editor() {
    let s = Sandbox::new();
    s.ok(&["note", "junior-backend/dns", "read", "the", "RFC"]);
    assert_eq!(s.ok(&["note", "junior-backend/dns"]), "read the RFC\n");
    // The editor gets the note in a file and its result is saved.
    let out = s
        .cmd(&["note", "--edit", "junior-backend/dns"])
        .env(
            "VISUAL",
            "sh -c 'printf \"%s and 1035\" \"$(cat \"$0\")\" > \"$0\"'",
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        s.ok(&["note", "junior-backend/dns"]),
        "read the RFC and 1035\n"
    );
    let out = s
        .cmd(&["note", "--edit", "junior-backend/dns"])
        .env("VISUAL", "/nonexistent/editor")
        .env("EDITOR", "/nonexistent/editor")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not edit the note"));
    // No editor named and no terminal: a clear error, not an editor waiting forever.
    let out = s
        .cmd(&["note", "--edit", "junior-backend/dns"])
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no editor"));
    assert_eq!(
        s.ok(&["note", "junior-backend/dns"]),
        "read the RFC and 1035\n"
    );
}

#[test]
fn groups_show_as_groups_with_their_own_fields() {
    let s = Sandbox::new();
    let show = s.json(&["show", "backend-mastery"]);
    let node = |id: &str| {
        show["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(node("beginner")["kind"], "group");
    assert_eq!(node("backend-language")["kind"], "choice");
    assert_eq!(node("backend-language")["pick"], 1);
    assert_eq!(node("http")["kind"], "topic");
    assert!(node("http")["estimate"].is_string());
    assert_eq!(
        s.json(&["info", "backend-mastery/beginner"])["kind"],
        "group"
    );
    assert!(
        s.ok(&["info", "backend-mastery/beginner"])
            .contains(" · group")
    );
}

#[test]
fn log_shows_local_time_unless_asked_for_utc() {
    let s = Sandbox::new();
    s.ok(&["done", "junior-backend/http"]);
    let at = s.json(&["log"])[0]["at"].as_str().unwrap().to_string();
    let utc: jiff::Timestamp = at.parse().unwrap();
    // A zone eight hours behind UTC, with no daylight saving to guess about.
    let tz = "XST8";
    let local = utc
        .to_zoned_datetime(jiff::tz::TimeZone::posix(tz).unwrap())
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    let out = s.cmd(&["log"]).env("TZ", tz).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&local), "{text} should start with {local}");
    let out = s.cmd(&["log", "--utc"]).env("TZ", tz).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let shown = utc.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
    assert!(text.starts_with(&shown), "{text} should start with {shown}");
    // JSON stays UTC.
    let out = s.cmd(&["log", "--json"]).env("TZ", tz).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["at"], at.as_str());
}

#[test]
fn an_unknown_user_is_named_and_a_new_one_announced() {
    let s = Sandbox::new();
    s.ok(&["done", "junior-backend/http"]);
    // A typo reads as a fresh start unless it is pointed out.
    let r = s.run(&["--user", "anaa", "next"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr
            .contains("no progress recorded for `anaa`; this database has: ana"),
        "{}",
        r.stderr
    );
    let r = s.run(&["--user", "ben", "done", "junior-backend/dns"]);
    assert!(r.stderr.contains("adding a new user `ben`"), "{}", r.stderr);
    let r = s.run(&["--user", "ben", "next"]);
    assert!(!r.stderr.contains("ben"), "{}", r.stderr);
}

#[test]
fn a_named_database_in_a_missing_folder_is_an_error_and_a_new_one_says_where() {
    let s = Sandbox::new();
    let missing = s.path("no/such/dir/x.db");
    let r = s.fail(&[
        "--db",
        missing.to_str().unwrap(),
        "done",
        "junior-backend/http",
    ]);
    assert!(r.stderr.contains("the folder"), "{}", r.stderr);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert!(!s.path("no").exists(), "nothing was created");
    let here = s.path("mine.db");
    let r = s.run(&[
        "--db",
        here.to_str().unwrap(),
        "done",
        "junior-backend/http",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("created a new progress database at") && r.stderr.contains("mine.db"),
        "{}",
        r.stderr
    );
    let r = s.run(&["--db", here.to_str().unwrap(), "done", "junior-backend/dns"]);
    assert!(!r.stderr.contains("created"), "only once: {}", r.stderr);
    // The default database is made in the data folder without a word.
    let r = s.run(&["done", "junior-backend/http"]);
    assert!(!r.stderr.contains("created"), "{}", r.stderr);
}

#[test]
fn text_that_could_drive_a_terminal_is_escaped_in_json_and_refused_in_names() {
    let s = Sandbox::new();
    let tricky = "see\u{202e}txt.exe\u{85}\u{2028}end";
    s.ok(&["note", "junior-backend/dns", tricky]);
    let out = s
        .cmd(&["note", "junior-backend/dns", "--json"])
        .output()
        .unwrap();
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(
        !raw.contains('\u{202e}') && !raw.contains('\u{85}') && !raw.contains('\u{2028}'),
        "raw controls in JSON output: {raw:?}"
    );
    // The same string, escaped: nothing is lost.
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["note"], tricky);
    // Shown as text, it cannot reorder or break the line.
    let text = s.ok(&["note", "junior-backend/dns"]);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{2028}'),
        "{text:?}"
    );
    // Two users must never look alike: bidi controls in a name are refused.
    let r = s.fail(&["--user", "ana\u{202e}", "next"]);
    assert!(r.stderr.contains("bidirectional"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn reading_commands_refuse_a_pipe_or_a_device_at_once() {
    let s = Sandbox::new();
    let fifo = s.path("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for db in [fifo.to_str().unwrap(), "/dev/null"] {
        for cmd in ["log", "doctor", "next"] {
            let r = s.fail(&["--db", db, cmd]);
            assert!(
                r.stderr.contains("not a file that can hold"),
                "{cmd} on {db}: {}",
                r.stderr
            );
        }
    }
}

#[test]
fn a_database_name_that_looks_like_a_uri_is_just_a_file_name() {
    let s = Sandbox::new();
    s.ok(&["--db", "file:x.db", "done", "junior-backend/http"]);
    assert!(s.path("file:x.db").is_file(), "the file is named as given");
    assert!(!s.path("x.db").exists());
    assert_eq!(
        s.json(&["--db", "file:x.db", "log"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn notes_are_set_shown_cleared_and_undoable() {
    let s = Sandbox::new();
    s.ok(&["note", "backend-mastery/git", "practise rebase"]);
    assert_eq!(s.ok(&["note", "backend-mastery/git"]), "practise rebase\n");
    assert!(
        s.ok(&["info", "backend-mastery/git"])
            .contains("practise rebase")
    );
    s.ok(&["note", "backend-mastery/git", ""]);
    assert!(
        s.ok(&["note", "backend-mastery/git"])
            .starts_with("No note")
    );
    s.ok(&["undo"]);
    assert_eq!(s.ok(&["note", "backend-mastery/git"]), "practise rebase\n");
}

const ESCAPING: &str = "id: evil\ntitle: \"Evil \\e[2J\\e]0;owned\\a roadmap\"\nnodes:\n  - id: a\n    title: \"A \\e[31mred\\u202e title\"\n    summary: \"bell \\a here\"\n";

#[test]
fn roadmap_text_never_reaches_the_terminal_raw() {
    let s = Sandbox::new();
    let f = s.write("evil.yaml", ESCAPING);
    let f = f.to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["show", "evil"],
        vec!["info", "evil/a"],
        vec!["next", "evil"],
        vec!["done", "evil/a"],
    ] {
        let mut all = vec!["--roadmap", f];
        all.extend(args.iter());
        let r = s.run(&all);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        for text in [&r.stdout, &r.stderr] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
                "{args:?}: {text:?}"
            );
        }
    }
    assert!(
        s.ok(&["--roadmap", f, "show", "evil"])
            .contains("A ␛[31mred title")
    );
}

#[test]
fn roadmap_sources_layer_and_replace_with_a_note() {
    let s = Sandbox::new();
    s.write(
        "data/roadmaps/mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - { id: a, title: A }\n",
    );
    let ids: Vec<String> = s
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"mine".to_string()));
    let f = s.write("other.yaml", "id: mine\ntitle: Mine, again\nnodes:\n  - { id: b, title: B, requires: [junior-backend/http] }\n");
    let r = s.run(&["--roadmap", f.to_str().unwrap(), "show", "mine"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("note: roadmap `mine` from") && r.stderr.contains("replaces"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("Mine, again"), "{}", r.stdout);
    // The env var takes a colon-separated list.
    let out = s
        .cmd(&["show", "mine"])
        .env("SKILLTREE_ROADMAPS", f.to_str().unwrap())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mine, again"));
}

#[test]
fn a_broken_user_file_is_skipped_but_a_named_one_stops_the_command() {
    let s = Sandbox::new();
    s.write(
        "data/roadmaps/broken.yaml",
        "id: broken\ntitle: B\nnodes:\n  - { id: a, title: A, requires: [nope] }\n",
    );
    let r = s.run(&["list"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("broken.yaml:4:") && r.stderr.contains("warning"),
        "{}",
        r.stderr
    );
    // doctor counts files and errors apart.
    s.write(
        "data/roadmaps/worse.yaml",
        "id: worse\ntitle: W\nnodes:\n  - { id: a, titel: A }\n  - { id: b, titel: B }\n",
    );
    let doctor = s.ok(&["doctor"]);
    assert!(
        doctor.contains("5 loaded; 2 files skipped (5 errors):"),
        "{doctor}"
    );
    // A link error found across roadmaps still has its line and column.
    let f = s.write(
        "unknown.yaml",
        "id: unk\ntitle: U\nnodes:\n  - { id: a, title: A, requires: [junior-backend/htp] }\n",
    );
    let r = s.fail(&["--roadmap", f.to_str().unwrap(), "list"]);
    assert!(
        r.stderr
            .contains("unknown.yaml:4:35: `a` requires unknown node `junior-backend/htp`"),
        "{}",
        r.stderr
    );
    let f = s.write("bad.yaml", "id: bad\ntitle: [\n");
    let r = s.fail(&["--roadmap", f.to_str().unwrap(), "list"]);
    assert!(r.stderr.contains("bad.yaml:"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn validate_accepts_good_files_and_reports_json() {
    let s = Sandbox::new();
    let good = s.write(
        "good.yaml",
        "id: good\ntitle: Good\nnodes:\n  - { id: a, title: A, requires: [junior-backend/http] }\n",
    );
    assert_eq!(
        s.ok(&["validate", good.to_str().unwrap()]),
        format!("{}: ok (1 nodes)\n", good.display())
    );
    let bad = s.write(
        "bad.yaml",
        "id: bad\ntitle: Bad\nnodes:\n  - { id: a, titel: A }\n",
    );
    let r = s.run(&[
        "validate",
        "--json",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[1]["ok"], false);
    assert_eq!(v[1]["errors"][0]["line"], 4);
    let missing = s.fail(&["validate", "nope.yaml"]);
    assert!(
        missing.stdout.contains("nope.yaml: cannot read file"),
        "{}",
        missing.stdout
    );
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let s = Sandbox::new();
    let big = s.path("big.yaml");
    let mut text = String::from("id: big\ntitle: Big\nnodes:\n  - { id: a, title: A }\n");
    text.push_str(&"# padding padding padding padding padding padding padding\n".repeat(300_000));
    std::fs::write(&big, text).unwrap();
    let r = s.fail(&["validate", big.to_str().unwrap()]);
    assert!(
        r.stdout.contains("roadmap files may be at most 16 MiB"),
        "{}",
        r.stdout
    );
}

fn file_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn an_unusable_database_is_refused_and_left_untouched() {
    let s = Sandbox::new();
    let junk = s.write(
        "junk.db",
        "this is not a database, just some text that is long enough to matter",
    );
    let before = file_bytes(&junk);
    let r = s.fail(&[
        "--db",
        junk.to_str().unwrap(),
        "done",
        "backend-mastery/git",
    ]);
    assert!(r.stderr.contains("junk.db"), "{}", r.stderr);
    assert_eq!(file_bytes(&junk), before);
    let dir = s.path("adir");
    std::fs::create_dir_all(&dir).unwrap();
    let r = s.fail(&["--db", dir.to_str().unwrap(), "next"]);
    assert!(r.stderr.contains("adir"), "{}", r.stderr);
}

#[test]
fn users_keep_separate_progress_in_one_database() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git"]);
    s.ok(&["--user", "ben", "skip", "backend-mastery/dns"]);
    let users = s.json(&["users"]);
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ana", "ben"]);
    assert_eq!(
        status_in(
            &s.json(&["--user", "ben", "show", "backend-mastery"]),
            "git"
        ),
        "available"
    );
    assert!(s.db().exists());
    let r = s.fail(&["--user", "evil\u{1b}[31m", "next"]);
    assert!(
        r.stderr.contains("control characters") && !r.stderr.contains('\u{1b}'),
        "{}",
        r.stderr
    );
}

#[test]
fn doctor_lists_orphaned_progress_and_renames_keep_it() {
    let s = Sandbox::new();
    let v1 = s.write(
        "mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - { id: old-name, title: Thing }\n",
    );
    s.ok(&["--roadmap", v1.to_str().unwrap(), "done", "mine/old-name"]);
    s.ok(&[
        "--roadmap",
        v1.to_str().unwrap(),
        "note",
        "mine/old-name",
        "kept",
    ]);
    // Renamed without an alias: the progress and the note are orphaned, kept and reported.
    s.write(
        "mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - { id: new-name, title: Thing }\n",
    );
    let doctor = s.ok(&["--roadmap", v1.to_str().unwrap(), "doctor"]);
    assert!(
        doctor.contains("ana: mine/old-name (status, note)"),
        "{doctor}"
    );
    // With the alias, it carries over.
    s.write(
        "mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - { id: new-name, title: Thing, aliases: [old-name] }\n",
    );
    let show = s.json(&["--roadmap", v1.to_str().unwrap(), "show", "mine"]);
    assert_eq!(status_in(&show, "new-name"), "done");
    // The note follows the rename too, and saving it moves it to the new key.
    let f = v1.to_str().unwrap();
    assert_eq!(s.ok(&["--roadmap", f, "note", "mine/new-name"]), "kept\n");
    s.ok(&["--roadmap", f, "note", "mine/new-name", "kept, moved"]);
    assert_eq!(
        s.ok(&["--roadmap", f, "note", "mine/new-name"]),
        "kept, moved\n"
    );
    s.ok(&["--roadmap", f, "undo"]);
    assert_eq!(s.ok(&["--roadmap", f, "note", "mine/new-name"]), "kept\n");
    assert!(
        s.ok(&["--roadmap", v1.to_str().unwrap(), "doctor"])
            .contains("orphans      none")
    );
}

#[test]
fn stats_report_progress_groups_and_estimates() {
    let s = Sandbox::new();
    s.ok(&["done", "backend-mastery/git", "backend-mastery/http"]);
    let stats = s.json(&["stats", "backend-mastery"]);
    let r = &stats[0];
    assert_eq!(r["done"], 2);
    assert!(r["total"].as_u64().unwrap() > 50);
    assert!(r["remaining_estimate"].as_str().unwrap().ends_with('w'));
    assert_eq!(r["groups"][0]["id"], "beginner");
}

#[test]
fn two_processes_marking_at_once_lose_nothing() {
    let s = Sandbox::new();
    let topics = |prefix: &str| -> Vec<String> {
        let show = s.json(&["show", prefix]);
        show["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| {
                n["kind"] != "choice"
                    && !show["nodes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|c| c["parent"] == n["id"])
            })
            .take(12)
            .map(|n| format!("{prefix}/{}", n["id"].as_str().unwrap()))
            .collect()
    };
    let (a, b) = (topics("junior-to-senior"), topics("backend-skill-map"));
    std::thread::scope(|scope| {
        for list in [&a, &b] {
            let s = &s;
            scope.spawn(move || {
                for t in list {
                    s.ok(&["start", t]);
                }
            });
        }
    });
    let log = s.json(&["log", "-n", "100"]);
    assert_eq!(log.as_array().unwrap().len(), a.len() + b.len());
}

#[test]
fn help_has_examples_and_version_works() {
    let s = Sandbox::new();
    let help = s.ok(&["--help"]);
    assert!(
        help.contains("Examples:") && help.contains("skilltree done http rest"),
        "{help}"
    );
    assert!(s.ok(&["--version"]).starts_with("skilltree "));
}

#[test]
fn reset_clears_progress_kept_under_a_former_id() {
    let s = Sandbox::new();
    let f = s.write(
        "ren.yaml",
        "id: ren\ntitle: Ren\nnodes:\n  - { id: old-id, title: Thing }\n",
    );
    let f = f.to_str().unwrap();
    s.ok(&["--roadmap", f, "done", "ren/old-id"]);
    s.write(
        "ren.yaml",
        "id: ren\ntitle: Ren\nnodes:\n  - { id: new-id, title: Thing, aliases: [old-id] }\n",
    );
    assert_eq!(
        status_in(&s.json(&["--roadmap", f, "show", "ren"]), "new-id"),
        "done"
    );
    assert_eq!(
        s.ok(&["--roadmap", f, "reset", "ren/new-id"]),
        "Back to todo: Thing\n"
    );
    assert_eq!(
        status_in(&s.json(&["--roadmap", f, "show", "ren"]), "new-id"),
        "available"
    );
    // One undo brings back the progress under the former id.
    s.ok(&["--roadmap", f, "undo"]);
    assert_eq!(
        status_in(&s.json(&["--roadmap", f, "show", "ren"]), "new-id"),
        "done"
    );
}

const CHOICE: &str = "id: ch\ntitle: Ch\nnodes:\n  - id: lang\n    title: Language\n    kind: choice\n    children:\n      - { id: py, title: Python, estimate: 4w }\n      - { id: go, title: Go, estimate: 4w }\n      - { id: rs, title: Rust, estimate: 4w }\n  - { id: web, title: Web, estimate: 1w, requires: [lang] }\n";

#[test]
fn estimates_count_one_alternative_of_a_choice() {
    let s = Sandbox::new();
    let f = s.write("ch.yaml", CHOICE);
    let f = f.to_str().unwrap();
    let left =
        |s: &Sandbox| s.json(&["--roadmap", f, "stats", "ch"])[0]["remaining_estimate"].clone();
    assert_eq!(
        left(&s),
        "5w",
        "plan and stats agree: one language and the web"
    );
    // The choice counts its quickest alternative, and says how to settle it.
    assert!(
        s.ok(&["--roadmap", f, "plan", "ch/web"])
            .contains("Estimated: 5w\nA choice counts its quickest alternative")
    );
    s.ok(&["--roadmap", f, "done", "ch/py"]);
    assert_eq!(left(&s), "1w");
}

#[test]
fn unlocked_leaves_out_what_is_already_done() {
    let s = Sandbox::new();
    let f = s.write("ch.yaml", CHOICE);
    let f = f.to_str().unwrap();
    s.ok(&["--roadmap", f, "done", "ch/web"]);
    let out = s.ok(&["--roadmap", f, "done", "ch/go"]);
    assert_eq!(out, "Done: Go\n", "Web is done already, so it is not news");
}

#[test]
fn reading_never_creates_the_database() {
    let s = Sandbox::new();
    for args in [
        &["next"][..],
        &["list"],
        &["show", "junior-backend"],
        &["log"],
        &["users"],
        &["stats"],
        &["doctor"],
    ] {
        s.ok(args);
    }
    assert!(!s.db().exists(), "a read created the database");
    assert!(s.ok(&["doctor"]).contains("none yet"));
    s.ok(&["done", "backend-mastery/git"]);
    assert!(s.db().exists());
}

#[test]
fn validate_refuses_two_files_with_one_id() {
    let s = Sandbox::new();
    let d1 = s.write(
        "d1.yaml",
        "id: dup\ntitle: One\nnodes:\n  - { id: a, title: A, requires: [nothere] }\n",
    );
    let d2 = s.write(
        "d2.yaml",
        "id: dup\ntitle: Two\nnodes:\n  - { id: b, title: B }\n",
    );
    let r = s.fail(&["validate", d1.to_str().unwrap(), d2.to_str().unwrap()]);
    assert!(
        r.stdout.contains("requires unknown node `nothere`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("roadmap id `dup` is also the id of"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_empty_entry_in_skilltree_roadmaps_is_ignored() {
    let s = Sandbox::new();
    let f = s.write(
        "mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - { id: a, title: A }\n",
    );
    for value in [String::new(), format!("{}:", f.display())] {
        let out = s
            .cmd(&["list"])
            .env("SKILLTREE_ROADMAPS", &value)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{value:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_shared_name_means_the_current_roadmaps_node() {
    let s = Sandbox::new();
    let last = |plan: &serde_json::Value| {
        let steps = plan.as_array().unwrap();
        steps[steps.len() - 1]["roadmap"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // No current roadmap has it: the first that does.
    assert_eq!(last(&s.json(&["plan", "kubernetes"])), "backend-skill-map");
    s.ok(&["use", "senior-backend"]);
    assert_eq!(last(&s.json(&["plan", "kubernetes"])), "senior-backend");
    let list = s.json(&["list"]);
    let current: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["current"] == true)
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(current, ["senior-backend"]);
    assert!(s.ok(&["list"]).contains("* senior-backend"));
    // Marking is the same thing everywhere, so it needs no roadmap.
    s.ok(&["done", "kubernetes"]);
    let r = s.fail(&["note", "junior-backend/databases-data-management", "x"]);
    assert!(r.stderr.contains("is a group"), "{}", r.stderr);
}
