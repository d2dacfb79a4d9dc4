//! Roadmap warnings through the command line (`validate`, `--strict`,
//! `--json`), and the one estimate `info`, `plan` and `stats` show for a group.
//! The rules themselves are tested in `src/graph/lint_tests.rs`; each has a
//! fixture in `tests/fixtures/lint/`.

mod common;

use common::Sandbox;
use serde_json::Value;

/// A group estimated at 1-2w whose topics add up to 2d: one warning.
const ESTIMATED: &str = "id: est
title: Estimated
nodes:
  - id: web
    title: How the web works
    estimate: 1-2w
    children:
      - { id: http, title: HTTP, estimate: 1d }
      - { id: dns, title: DNS, estimate: 4h }
      - { id: tls, title: TLS, estimate: 4h }
";

#[test]
fn info_plan_and_stats_give_a_group_the_sum_of_its_topics() {
    let s = Sandbox::new();
    let f = s.write("est.yaml", ESTIMATED);
    let file = f.to_str().unwrap();
    let info = s.json(&["--roadmap", file, "info", "est/web"]);
    assert_eq!(info["estimate"], "2d");
    let plan = s.ok(&["--roadmap", file, "plan", "est/web"]);
    assert!(plan.contains("\nEstimated: 2d\n"), "{plan}");
    let stats = s.json(&["--roadmap", file, "stats", "est"]);
    assert_eq!(stats[0]["remaining_estimate"], "2d");
    let text = s.ok(&["--roadmap", file, "info", "est/web"]);
    assert!(text.contains("2d"), "{text}");
    assert!(!text.contains("1-2w"), "{text}");
}

#[test]
fn warnings_are_shown_and_pass_unless_strict() {
    let s = Sandbox::new();
    let f = s.write("est.yaml", ESTIMATED);
    let file = f.to_str().unwrap();
    let out = s.ok(&["validate", file]);
    assert_eq!(
        out,
        format!(
            "{file}:4:5: warning: group `web` is estimated at 1-2w, but what it needs adds up to 2d\n  \
             hint: skilltree shows the sum of its topics' estimates; correct them, or drop the group's own\n\
             {file}: ok (4 nodes)\n\
             1 warning in 1 file\n"
        )
    );
    let strict = s.fail(&["validate", "--strict", file]);
    assert!(strict.stdout.starts_with(&format!("{file}:4:5: warning: ")));
    assert!(!strict.stdout.contains(": ok ("), "{}", strict.stdout);
    assert!(
        strict.stdout.ends_with("\n1 warning in 1 file\n"),
        "{}",
        strict.stdout
    );
}

#[test]
fn errors_and_warnings_are_counted_apart() {
    let s = Sandbox::new();
    let warned = s.write("est.yaml", ESTIMATED);
    let bad = s.write(
        "bad.yaml",
        "id: bad\ntitle: Bad\nnodes:\n  - { id: a, title: A, requires: [nope] }\n",
    );
    let clean = s.write(
        "clean.yaml",
        "id: clean\ntitle: Clean\nnodes:\n  - { id: a, title: A }\n",
    );
    let r = s.fail(&[
        "validate",
        warned.to_str().unwrap(),
        bad.to_str().unwrap(),
        clean.to_str().unwrap(),
    ]);
    assert!(r.stdout.contains(": warning: group `web`"), "{}", r.stdout);
    assert!(
        r.stdout.contains("requires unknown node `nope`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .ends_with("clean.yaml: ok (1 nodes)\n1 error in 1 file, 1 warning in 1 file\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn json_reports_warnings_beside_errors_and_ok_means_no_error_unless_strict() {
    let s = Sandbox::new();
    let f = s.write("est.yaml", ESTIMATED);
    let file = f.to_str().unwrap();
    let v: Value = serde_json::from_str(&s.ok(&["validate", "--json", file])).unwrap();
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[0]["errors"], Value::Array(Vec::new()));
    assert_eq!(
        v[0]["warnings"],
        serde_json::json!([{
            "line": 4,
            "column": 5,
            "message": "group `web` is estimated at 1-2w, but what it needs adds up to 2d",
            "hint": "skilltree shows the sum of its topics' estimates; correct them, or drop the group's own",
        }])
    );
    let r = s.fail(&["validate", "--json", "--strict", file]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["ok"], false);
    assert_eq!(v[0]["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_file_with_errors_is_not_linted() {
    let s = Sandbox::new();
    let f = s.write(
        "both.yaml",
        &ESTIMATED.replace(
            "      - { id: tls, title: TLS, estimate: 4h }\n",
            "      - { id: tls, title: TLS, estimate: 4h, requires: [nope] }\n",
        ),
    );
    let r = s.fail(&["validate", "--json", f.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["errors"].as_array().unwrap().len(), 1);
    assert_eq!(v[0]["warnings"], Value::Array(Vec::new()));
}
