//! Learning over time, at a fixed clock (`SKILLTREE_NOW`) with scripted history: the
//! pace and finish range, the weekly goal and its streak, and reviews falling due.

mod common;

use common::Sandbox;

/// Four topics with known estimates and no prerequisites: a 10h, b 10h, c 20h, d 8-16h.
const LEARN: &str = "id: learn\ntitle: Learn\nnodes:\n  \
    - { id: a, title: A, estimate: 10h }\n  \
    - { id: b, title: B, estimate: 10h }\n  \
    - { id: c, title: C, estimate: 20h }\n  \
    - { id: d, title: D, estimate: 8-16h }\n";

/// A sandbox whose data folder loads the roadmap above.
fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.write("data/roadmaps/learn.yaml", LEARN);
    s
}

/// a, b and c done a week apart, on Fridays: 10h, 10h and 20h.
fn three_weeks(s: &Sandbox) {
    s.ok_at("2027-01-01T10:00:00Z", &["done", "learn/a"]);
    s.ok_at("2027-01-08T10:00:00Z", &["done", "learn/b"]);
    s.ok_at("2027-01-15T10:00:00Z", &["done", "learn/c"]);
}

#[test]
fn with_no_history_the_pace_says_so_and_a_stated_budget_stands_in() {
    let s = sandbox();
    let out = s.ok_at("2027-01-15T10:00:00Z", &["stats", "learn"]);
    assert!(out.starts_with("Pace: not enough history yet\n"), "{out}");
    // 48-56h left at the default 5 h a week: 10–12 weeks.
    assert!(
        out.contains(
            "  at 5 h a week (not enough history for a pace): 10–12 weeks, around March–April 2027\n"
        ),
        "{out}"
    );
    let json = s.json_at("2027-01-15T10:00:00Z", &["stats", "learn"]);
    let finish = &json[0]["finish"];
    assert_eq!(finish["basis"], "budget");
    assert_eq!(finish["per_week"], 5.0);
    assert_eq!(finish["earliest"], "2027-03-26");
    assert_eq!(finish["latest"], "2027-04-09");
    // A goal in hours is the better guess.
    s.ok_at("2027-01-15T10:00:00Z", &["goal", "8h"]);
    let out = s.ok_at("2027-01-15T10:00:00Z", &["stats", "learn"]);
    assert!(
        out.contains(
            "  at your goal of 8 h a week (not enough history for a pace): 6–7 weeks, around February–March 2027\n"
        ),
        "{out}"
    );
}

#[test]
fn the_pace_over_four_weeks_gives_the_finish_range() {
    let s = sandbox();
    three_weeks(&s);
    // 40 estimated hours and 3 topics in the last 28 days; d (8-16h) is left.
    let now = "2027-01-29T09:00:00Z";
    let out = s.ok_at(now, &["stats", "learn"]);
    assert!(
        out.starts_with("Pace: ~10 h a week (last 4 weeks), 0.8 topics a week\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  at your pace of ~10 h a week (last 4 weeks): 1–2 weeks, around February 2027\n"
        ),
        "{out}"
    );
    let f = &s.json_at(now, &["stats", "learn"])[0]["finish"];
    assert_eq!(
        (&f["basis"], &f["per_week"], &f["unit"]),
        (&"pace".into(), &10.0.into(), &"hours".into())
    );
    assert_eq!((&f["weeks_min"], &f["weeks_max"]), (&1.into(), &2.into()));
    assert_eq!(
        (&f["earliest"], &f["latest"]),
        (&"2027-02-05".into(), &"2027-02-12".into())
    );
    let plan = s.ok_at(now, &["plan", "learn/d"]);
    assert!(
        plan.ends_with(
            "At your pace of ~10 h a week (last 4 weeks): 1–2 weeks, around February 2027\n"
        ),
        "{plan}"
    );
    // Two weeks of history are measured over those two weeks, not four.
    let out = s.ok_at("2027-01-15T12:00:00Z", &["stats", "learn"]);
    assert!(
        out.starts_with("Pace: ~20 h a week (last 14 days), 1.5 topics a week\n"),
        "{out}"
    );
    // An undone mark is no progress.
    s.ok_at(now, &["done", "learn/d"]);
    s.ok_at(now, &["undo"]);
    let out = s.ok_at(now, &["stats", "learn"]);
    assert!(out.starts_with("Pace: ~10 h a week"), "{out}");
}

#[test]
fn the_weekly_goal_counts_local_weeks_and_the_streak_of_weeks_met() {
    let s = sandbox();
    three_weeks(&s);
    let wed = "2027-01-20T09:00:00Z";
    assert_eq!(
        s.ok_at(wed, &["goal"]),
        "No weekly goal. Set one: `skilltree goal 5h` or `skilltree goal 3 topics`.\n"
    );
    assert_eq!(
        s.ok_at(wed, &["goal", "10h"]),
        "Weekly goal set to 10 h a week.\n\
         Weekly goal: 10 h a week (weeks start on monday); this week 0 of 10 h · 3-week streak\n"
    );
    s.ok_at(wed, &["done", "learn/d"]);
    let g = s.json_at(wed, &["goal"])["progress"].clone();
    assert_eq!(
        g["goal"],
        serde_json::json!({"unit": "hours", "amount": 10})
    );
    assert_eq!(
        (&g["done"], &g["met"], &g["streak"]),
        (&12.0.into(), &true.into(), &4.into())
    );
    assert_eq!(g["week_of"], "2027-01-18");
    assert_eq!(
        g["met_weeks"],
        serde_json::json!(["2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18"])
    );
    let stats = s.ok_at(wed, &["stats", "learn"]);
    assert!(
        stats.contains("Weekly goal: this week 12 of 10 h ✓ · 4-week streak\n"),
        "{stats}"
    );
    // A week with too little breaks the streak; topics count by number.
    s.ok_at(wed, &["goal", "2", "topics"]);
    let g = s.json_at(wed, &["goal"])["progress"].clone();
    assert_eq!((&g["met"], &g["streak"]), (&false.into(), &0.into()));
    assert_eq!(g["text"], "this week 1 of 2 topics");
    s.ok_at(wed, &["goal", "off"]);
    assert!(s.json_at(wed, &["goal"])["progress"].is_null());
}

#[test]
fn weeks_start_where_the_user_says_in_their_time_zone() {
    let s = sandbox();
    // Sunday 2027-01-17, 10:00 UTC.
    s.ok_at("2027-01-17T10:00:00Z", &["done", "learn/a"]);
    s.ok_at("2027-01-17T10:00:00Z", &["goal", "1", "topic"]);
    let mon = "2027-01-18T09:00:00Z";
    // Monday weeks: Sunday was last week.
    let g = s.json_at(mon, &["goal"])["progress"].clone();
    assert_eq!((&g["met"], &g["streak"]), (&false.into(), &1.into()));
    // Sunday weeks: it is this week.
    s.ok_at(mon, &["goal", "--week-start", "sunday"]);
    let g = s.json_at(mon, &["goal"])["progress"].clone();
    assert_eq!(
        (&g["week_start"], &g["week_of"]),
        (&"sunday".into(), &"2027-01-17".into())
    );
    assert_eq!((&g["met"], &g["streak"]), (&true.into(), &1.into()));
    // Sunday 23:30 UTC is already Monday ten hours east: that Monday's week.
    let s = sandbox();
    let late = "2027-01-17T23:30:00Z";
    let east = |args: &[&str]| {
        let out = s
            .cmd(args)
            .env("SKILLTREE_NOW", late)
            .env("TZ", "<+10>-10")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    east(&["done", "learn/a"]);
    east(&["goal", "1", "topic"]);
    let g: serde_json::Value = serde_json::from_str(&east(&["goal", "--json"])).unwrap();
    assert_eq!(g["progress"]["week_of"], "2027-01-18");
    assert_eq!(g["progress"]["met"], true);
}

#[test]
fn reviews_fall_due_after_their_fsrs_intervals() {
    let s = sandbox();
    let t0 = "2027-01-01T10:00:00Z";
    assert!(s.ok_at(t0, &["review"]).starts_with("Reviews are off."));
    let out = s.ok_at(t0, &["done", "learn/a", "--rating", "good"]);
    assert!(
        out.ends_with("Reviewed A (good): next review on 2027-01-04\n"),
        "{out}"
    );
    // The topic stays done; reviews are their own history.
    let log = s.json_at(t0, &["log"]);
    assert_eq!(
        (&log[0]["kind"], &log[0]["to"]),
        (&"review".into(), &"good".into())
    );
    assert_eq!(log[1]["to"], "done");
    assert_eq!(
        s.ok_at("2027-01-03T10:00:00Z", &["review"]),
        "Nothing due for review.\n"
    );
    let due = s.json_at("2027-01-04T10:00:00Z", &["review"]);
    assert_eq!(due["enabled"], true);
    let first = &due["due"][0];
    assert_eq!(
        (&first["id"], &first["due"]),
        (&"a".into(), &"2027-01-04T10:00:00Z".into())
    );
    assert_eq!(
        (&first["overdue_days"], &first["retrievability"]),
        (&0.into(), &0.903.into())
    );
    assert!(
        s.ok_at("2027-01-04T10:00:00Z", &["next"])
            .starts_with("1 topic due for review first: `skilltree review`\n")
    );
    // Forgotten: due again the next day.
    let out = s.ok_at("2027-01-04T10:00:00Z", &["review", "learn/a", "again"]);
    assert_eq!(out, "Reviewed A (again): next review on 2027-01-05\n");
    assert_eq!(
        s.ok_at("2027-01-04T12:00:00Z", &["review"]),
        "Nothing due for review.\n"
    );
    assert_eq!(
        s.json_at("2027-01-05T10:00:00Z", &["review"])["due"][0]["id"],
        "a"
    );
    // A topic done without a rating counts as `good` when it was done, once reviews are on.
    s.ok_at(t0, &["done", "learn/b"]);
    let due = s.json_at("2027-01-06T10:00:00Z", &["review"]);
    let ids: Vec<&str> = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    // a, forgotten two days ago, is less likely remembered than b, known five days ago.
    assert_eq!(ids, ["a", "b"]);
    let r = |i: usize| due["due"][i]["retrievability"].as_f64().unwrap();
    assert!(r(0) < r(1), "{due}");
    // Undo takes a review back; off hides them all.
    s.ok_at("2027-01-06T10:00:00Z", &["undo"]);
    s.ok_at("2027-01-06T10:00:00Z", &["review", "--disable"]);
    assert!(
        s.json_at("2027-01-06T10:00:00Z", &["review"])["due"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn reviews_travel_with_the_change_file() {
    let laptop = sandbox();
    laptop.ok_at(
        "2027-01-01T10:00:00Z",
        &["done", "learn/a", "--rating", "easy"],
    );
    laptop.ok(&["export", "-o", "mine.jsonl"]);
    let file = laptop.path("mine.jsonl");
    let desk = sandbox();
    desk.ok(&["import", file.to_str().unwrap()]);
    // Easy: due in 15 days, on the desk too (its ratings turned reviews on there).
    assert_eq!(
        desk.ok_at("2027-01-15T10:00:00Z", &["review"]),
        "Nothing due for review.\n"
    );
    assert_eq!(
        desk.json_at("2027-01-16T10:00:00Z", &["review"])["due"][0]["id"],
        "a"
    );
}

#[test]
fn a_bad_clock_or_goal_is_a_clear_error() {
    let s = sandbox();
    let r = s
        .cmd(&["stats"])
        .env("SKILLTREE_NOW", "tomorrow")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8(r.stderr).unwrap();
    assert!(
        err.contains("SKILLTREE_NOW is `tomorrow`, which is not a time"),
        "{err}"
    );
    let r = s.fail(&["goal", "lots"]);
    assert!(
        r.stderr.contains("`lots` is not a weekly goal"),
        "{}",
        r.stderr
    );
    s.ok(&["done", "learn/a"]);
    s.ok(&["reset", "learn/a"]);
    let r = s.fail(&["review", "learn/a", "good"]);
    assert!(r.stderr.contains("A is not done"), "{}", r.stderr);
}
