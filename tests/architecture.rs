//! The arrows between the rooms of the code, kept by reading its `use`
//! lines: front ends on top, the use cases below them, the core at the
//! bottom. A new import that points the wrong way fails here.
//!
//! ```text
//!   cli ──▶ tui            (the CLI may start the UI; never the reverse)
//!    │       │
//!    ▼       ▼
//!        app               (use cases; typed, Serialize results)
//!    ┌───────┼────────┐
//!    ▼       ▼        ▼
//! progress ─▶ graph ─▶ roadmap (crates/roadmap)
//! ```

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Lines of code in `room` (a folder under src/) that mention any of `forbidden`.
fn violations(room: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(room);
    let mut out = Vec::new();
    for file in files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    out.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
                }
            }
        }
    }
    out
}

fn assert_none(room: &str, forbidden: &[&str]) {
    let found = violations(room, forbidden);
    assert!(
        found.is_empty(),
        "{room} must not use {forbidden:?}:\n{}",
        found.join("\n")
    );
}

/// What no core room may touch: terminals and argument parsing.
const FRONT_END_CRATES: &[&str] = &["ratatui", "crossterm", "clap", "anstream", "anstyle"];

#[test]
fn the_roadmap_reader_stands_alone() {
    assert_none(
        "crates/roadmap/src",
        &["skilltree::", "rusqlite", "petgraph"],
    );
    assert_none("crates/roadmap/src", FRONT_END_CRATES);
}

#[test]
fn the_graph_is_pure() {
    // No storage, no use cases, no front ends, no file I/O.
    assert_none(
        "src/graph",
        &[
            "crate::progress",
            "crate::app",
            "crate::cli",
            "crate::tui",
            "sources::",
            "std::fs",
            "rusqlite",
        ],
    );
    assert_none("src/graph", FRONT_END_CRATES);
}

#[test]
fn storage_knows_only_the_domain_statuses() {
    assert_none(
        "src/progress",
        &["crate::app", "crate::cli", "crate::tui", "crate::roadmap"],
    );
    let graph_uses: Vec<String> = violations("src/progress", &["crate::graph"])
        .into_iter()
        .filter(|l| !l.ends_with("use crate::graph::UserStatus;"))
        .collect();
    assert!(graph_uses.is_empty(), "{}", graph_uses.join("\n"));
    assert_none("src/progress", FRONT_END_CRATES);
}

#[test]
fn use_cases_know_no_front_end() {
    assert_none("src/app", &["crate::cli", "crate::tui"]);
    assert_none("src/app", FRONT_END_CRATES);
}

#[test]
fn completion_and_man_page_generators_stay_in_the_command_line() {
    for room in [
        "src/app",
        "src/graph",
        "src/progress",
        "src/tui",
        "crates/roadmap/src",
    ] {
        assert_none(room, &["clap_complete", "clap_mangen"]);
    }
}

#[test]
fn the_terminal_ui_does_not_reach_into_the_command_line() {
    assert_none("src/tui", &["crate::cli", "clap"]);
}

#[test]
fn core_messages_name_no_flags() {
    // Flags are the CLI's words; the core says what to do in its own.
    for room in ["src/app", "src/graph", "src/progress", "crates/roadmap/src"] {
        let found: Vec<String> = violations(
            room,
            &[
                "--db",
                "--roadmap",
                "--user",
                "--json",
                "--all",
                "--format",
                "--depth",
                "--only-remaining",
                "--no-status",
                "--title",
                "--output",
            ],
        )
        .into_iter()
        .filter(|l| l.contains('"'))
        .collect();
        assert!(found.is_empty(), "{}", found.join("\n"));
    }
}
