//! The `--json` output contract: the shape (field names and types) of every
//! command's JSON, pinned against the README's "JSON output" section, so a
//! change to a result type that changes what scripts read fails here.

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::collections::{BTreeMap, BTreeSet};

use common::Sandbox;
use serde_json::Value;

/// The types seen at one place in a document, merged over array elements
/// and over several runs.
#[derive(Default)]
struct Shape {
    scalars: BTreeSet<&'static str>,
    array: Option<Box<Shape>>,
    object: Option<BTreeMap<String, Shape>>,
}

impl Shape {
    fn of(v: &Value) -> Shape {
        let mut s = Shape::default();
        s.add(v);
        s
    }

    fn add(&mut self, v: &Value) {
        match v {
            Value::Null => {
                self.scalars.insert("null");
            }
            Value::Bool(_) => {
                self.scalars.insert("bool");
            }
            Value::Number(_) => {
                self.scalars.insert("number");
            }
            Value::String(_) => {
                self.scalars.insert("string");
            }
            Value::Array(items) => {
                let inner = self.array.get_or_insert_with(Default::default);
                for item in items {
                    inner.add(item);
                }
            }
            Value::Object(map) => {
                let fields = self.object.get_or_insert_with(Default::default);
                for (k, v) in map {
                    fields.entry(k.clone()).or_default().add(v);
                }
            }
        }
    }

    /// `{id: string, note: string|null, steps: [{…}]}`: objects with sorted
    /// keys, arrays by their elements' merged shape, unions with `|`.
    fn render(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(fields) = &self.object {
            let inner: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.render()))
                .collect();
            parts.push(format!("{{{}}}", inner.join(", ")));
        }
        if let Some(items) = &self.array {
            parts.push(format!("[{}]", items.render()));
        }
        parts.extend(
            self.scalars
                .iter()
                .filter(|&&t| t != "null")
                .map(|t| t.to_string()),
        );
        if self.scalars.contains("null") {
            parts.push("null".into());
        }
        parts.join("|")
    }
}

/// The README's line for `name`: "- `name`: SHAPE".
fn documented(readme: &str, name: &str) -> String {
    let section = &readme[readme
        .find("## JSON output")
        .expect("a JSON output section")..];
    let prefix = format!("- `{name}`: `");
    let line = section
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("README's JSON section lacks `{name}`"));
    line[prefix.len()..].trim_end_matches('`').to_string()
}

/// Runs every command with `--json` over data that fills the optional parts,
/// and returns each command's merged shape.
fn shapes() -> BTreeMap<&'static str, Shape> {
    let s = Sandbox::new();
    let mut out: BTreeMap<&'static str, Shape> = BTreeMap::new();
    let mut add = |name: &'static str, v: Value| out.entry(name).or_default().add(&v);
    // A roadmap of our own: tags, a topic without a summary, an optional child;
    // and a broken file beside it, which is skipped with a warning.
    s.write(
        "data/roadmaps/mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - id: a\n    title: A\n    summary: First.\n    tags: [x]\n  \
         - id: g\n    title: G\n    requires: [a]\n    children:\n      - id: b\n        title: B\n      \
         - id: c\n        title: C\n        optional: true\n",
    );
    s.write("data/roadmaps/broken.yaml", "id: broken\n");
    // Progress on a roadmap that is later gone: an orphan for doctor.
    let gone = s.write(
        "gone.yaml",
        "id: gone\ntitle: Gone\nnodes:\n  - id: x\n    title: X\n",
    );
    s.ok(&["--roadmap", gone.to_str().unwrap(), "done", "gone/x"]);
    // Marking: a locked topic (still_locked), one that unlocks, a reset that
    // relocks, a start and a skip (every status shows up in stats).
    add("done", s.json(&["done", "junior-backend/https"]));
    add(
        "done",
        s.json(&["done", "junior-backend/http", "junior-backend/dns"]),
    );
    add("done", s.json(&["reset", "junior-backend/http"]));
    add("done", s.json(&["start", "junior-backend/http"]));
    add("done", s.json(&["skip", "mine/a"]));
    add("undo", s.json(&["undo"]));
    add(
        "note",
        s.json(&["note", "junior-backend/dns", "read RFC 1035"]),
    );
    add("note", s.json(&["note", "junior-backend/dns"]));
    add("note", s.json(&["note", "junior-backend/http"]));
    add("info", s.json(&["info", "junior-backend/dns"]));
    add("info", s.json(&["info", "mine/b"]));
    add("info", s.json(&["info", "mine/a"]));
    add("info", s.json(&["info", "backend-mastery/git"]));
    add(
        "choose",
        s.json(&["choose", "backend-mastery/backend-language", "python"]),
    );
    add(
        "info",
        s.json(&["info", "backend-mastery/backend-language"]),
    );
    add("use", s.json(&["use", "backend-mastery"]));
    add("undo", s.json(&["undo"]));
    s.ok(&["skip", "mine/a"]);
    add("list", s.json(&["list"]));
    add("show", s.json(&["show", "junior-backend"]));
    add("show", s.json(&["show", "mine"]));
    add("next", s.json(&["next"]));
    add("plan", s.json(&["plan", "backend-mastery/user-auth-api"]));
    add("log", s.json(&["log"]));
    add("stats", s.json(&["stats"]));
    // Learning over time, at a fixed clock (in a sandbox of its own: changes dated
    // in 2027 would sort after this one's later changes): no goal, then one;
    // reviews off, on, due.
    let t = Sandbox::new();
    let day = "2027-01-15T10:00:00Z";
    t.ok_at(day, &["done", "junior-backend/dns"]);
    add("goal", t.json_at(day, &["goal"]));
    add("goal", t.json_at(day, &["goal", "5h"]));
    add("goal", t.json_at(day, &["goal", "1", "topic"]));
    add("review", t.json_at(day, &["review"]));
    add(
        "review TOPIC RATING",
        t.json_at(day, &["review", "junior-backend/dns", "good"]),
    );
    add("review", t.json_at("2027-02-15T10:00:00Z", &["review"]));
    add("users", s.json(&["users"]));
    s.ok(&["--user", "ben", "start", "junior-backend/http"]);
    // A member with no change yet (a setting makes the user): no last activity.
    s.ok(&["--user", "cleo", "use", "junior-backend"]);
    add("team", s.json(&["team"]));
    add("team", s.json(&["team", "--stuck-days", "0"]));
    // Logins exist only on a server: checked where there is one to test against.
    if let Some(db) = pg::TestDb::create() {
        add(
            "team add",
            s.json(&[
                "--db",
                &db.url,
                "team",
                "add",
                &format!("m_{}", &db.name[10..]),
            ]),
        );
    }
    add("doctor", s.json(&["doctor"]));
    let good = s.write(
        "good.yaml",
        "id: good\ntitle: Good\nnodes:\n  - id: a\n    title: A\n",
    );
    let bad = s.write(
        "bad.yaml",
        "id: bad\ntitle: Bad\nnodes:\n  - id: a\n    titel: A\n",
    );
    // Errors without a position (a missing file) and without a hint (a key that is no name).
    let odd = s.write("odd.yaml", "id: odd\ntitle: Odd\n? [a]\n: 1\nnodes: []\n");
    let missing = s.path("missing.yaml");
    // A warning: the group's estimate disagrees with its only leaf's.
    let warned = s.write(
        "warned.yaml",
        "id: warned\ntitle: W\nnodes:\n  - id: g\n    title: G\n    estimate: 1-2w\n    children:\n      - { id: a, title: A, estimate: 1h }\n",
    );
    let r = s.run(&[
        "validate",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        odd.to_str().unwrap(),
        missing.to_str().unwrap(),
        warned.to_str().unwrap(),
        "--json",
    ]);
    add("validate", serde_json::from_str(&r.stdout).unwrap());
    add("new", s.json(&["new", "fresh"]));
    add("man", s.json(&["man", "pages"]));
    // Progress that travels: a snapshot, a file written, another machine's changes
    // imported (a dry run, then for real) and synced.
    s.ok(&["note", "junior-backend/http", "status codes"]);
    add("export", s.json(&["export", "--format", "json"]));
    add("export -o", s.json(&["export", "-o", "mine.jsonl"]));
    // A third machine with a note the laptop then clears: it arrives as `to: null`.
    let third = Sandbox::new();
    third.ok(&["note", "junior-backend/http", "the third's"]);
    let other = Sandbox::new();
    other.ok(&["done", "junior-backend/dns", "junior-backend/http"]);
    other.ok(&["note", "junior-backend/dns", "from the laptop"]);
    other.ok(&["note", "junior-backend/http", "from the laptop"]);
    other.ok(&["note", "junior-backend/http", ""]);
    other.ok(&["note", "junior-backend/https", "a note only the laptop has"]);
    // Progress on a roadmap only the laptop has: it arrives without a title.
    let only_there = other.write(
        "only.yaml",
        "id: only\ntitle: Only\nnodes:\n  - id: x\n    title: X\n",
    );
    other.ok(&["--roadmap", only_there.to_str().unwrap(), "done", "only/x"]);
    other.ok(&["export", "-o", "laptop.jsonl"]);
    let laptop = other.path("laptop.jsonl");
    let laptop = laptop.to_str().unwrap();
    add("import", s.json(&["import", laptop, "--dry-run"]));
    add("import", s.json(&["import", laptop]));
    let shared = s.path("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let shared = shared.to_str().unwrap();
    other.ok(&["start", "junior-backend/https"]);
    other.ok(&["sync", shared]);
    add("sync", third.json(&["sync", shared]));
    add("sync", s.json(&["sync", "--set", shared]));
    // With --json, stderr is JSON lines: warnings (the broken file in the
    // data folder), then the error: a plain one, and one about roadmap files.
    for args in [
        vec!["done", "no-such-topic", "--json"],
        vec!["--roadmap", bad.to_str().unwrap(), "next", "--json"],
    ] {
        let r = s.run(&args);
        assert_eq!(r.code, 1);
        let lines: Vec<Value> = r
            .stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        let (error, warnings) = lines.split_last().expect("an error line");
        add("error", error.clone());
        for w in warnings {
            add("warning", w.clone());
        }
    }
    out
}

#[test]
fn every_json_output_has_the_documented_shape() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let mut wrong = Vec::new();
    for (name, shape) in shapes() {
        let actual = shape.render();
        let doc = documented(&readme, name);
        if actual != doc {
            wrong.push(format!("- `{name}`: `{actual}`\n    README says `{doc}`"));
        }
    }
    assert!(
        wrong.is_empty(),
        "JSON shapes differ from README's \"JSON output\" section:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn shapes_render_unions_and_nesting() {
    let v: Value =
        serde_json::from_str(r#"[{"a": 1, "b": null}, {"a": 2, "b": "x", "c": [true]}]"#).unwrap();
    assert_eq!(
        Shape::of(&v).render(),
        "[{a: number, b: string|null, c: [bool]}]"
    );
}
