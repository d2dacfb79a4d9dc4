//! The JSON Schema of the roadmap format (`skilltree schema`): the committed
//! copy is the generated one, every roadmap the loader accepts validates
//! against it, and it rejects the invalid fixtures it can express.

mod common;

use std::path::{Path, PathBuf};

use common::Sandbox;
use serde_json::Value;

const MODELINE: &str = "# yaml-language-server: $schema=../schema/roadmap.schema.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&skilltree::app::schema::roadmap_schema_text()).unwrap();
    jsonschema::draft7::new(&schema).expect("the schema is valid draft-07")
}

/// A YAML file as JSON, or `None` when it is not YAML serde can read.
fn as_json(text: &str) -> Option<Value> {
    serde_yaml::from_str::<Value>(text).ok()
}

/// The schema's complaints about `text`, one line each.
fn complaints(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value = as_json(text).expect("YAML");
    v.iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = root().join(skilltree::app::schema::SCHEMA_FILE);
    let generated = skilltree::app::schema::roadmap_schema_text();
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date; run `UPDATE_EXPECTED=1 cargo test --test schema` and commit it",
        path.display()
    );
}

#[test]
fn skilltree_schema_prints_the_committed_schema() {
    let printed = Sandbox::new().ok(&["schema"]);
    let committed =
        std::fs::read_to_string(root().join(skilltree::app::schema::SCHEMA_FILE)).unwrap();
    assert_eq!(printed, committed);
    let v: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    // Editors show these on hover.
    let node = &v["definitions"]["RawNode"]["properties"];
    for field in [
        "id", "title", "estimate", "requires", "kind", "pick", "optional",
    ] {
        assert!(
            node[field]["description"].is_string(),
            "{field} has no description"
        );
    }
}

#[test]
fn every_built_in_roadmap_names_the_schema_and_validates_against_it() {
    let v = validator();
    for (name, text) in skilltree::roadmap::BUILTIN_FILES {
        assert_eq!(text.lines().next(), Some(MODELINE), "{name}'s first line");
        let wrong = complaints(&v, text);
        assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
    }
    // The modeline's path is right from roadmaps/.
    assert!(
        root()
            .join("roadmaps")
            .join("../schema/roadmap.schema.json")
            .is_file()
    );
}

#[test]
fn every_valid_fixture_and_the_scaffold_validate_against_it() {
    let v = validator();
    let mut files = yaml_files(&root().join("tests/fixtures/lint"));
    files.extend(yaml_files(&root().join("tests/fixtures/invalid/also")));
    files.extend(yaml_files(&root().join("tests/fixtures/show")));
    assert!(files.len() >= 8, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        // The loader accepts each alone (lint fixtures warn; `also/` only
        // fails together with its partner).
        skilltree::roadmap::parse("f", skilltree::roadmap::Origin::Builtin, text.as_bytes())
            .unwrap_or_else(|d| panic!("{}: {d:?}", f.display()));
        let wrong = complaints(&v, &text);
        assert!(wrong.is_empty(), "{}:\n{}", f.display(), wrong.join("\n"));
    }
    let s = Sandbox::new();
    s.ok(&["new", "mine", "--title", "Mine: \"a\" # b"]);
    let text = std::fs::read_to_string(s.path("data/roadmaps/mine.yaml")).unwrap();
    let wrong = complaints(&v, &text);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Invalid fixtures the schema cannot reject, and why: what is wrong in
/// them is not a field's shape but YAML itself, or a fact about the whole
/// file (ids, prerequisites, counts) that only `validate` checks.
const BEYOND_THE_SCHEMA: &[(&str, &str)] = &[
    ("all-children-optional", "depends on every sibling"),
    ("child-requires-group", "needs the tree of ids"),
    ("cycle", "needs the graph"),
    ("cycle-across-files", "needs the graph across files"),
    ("cycle-through-group", "needs the graph"),
    ("duplicate-id", "ids unique across the tree"),
    ("group-requires-descendant", "needs the tree of ids"),
    (
        "pick-out-of-range",
        "compares pick with the number of children",
    ),
    ("shared-topic-twice", "topics unique across the tree"),
    ("unknown-prerequisite", "needs the ids that exist"),
    ("unknown-roadmap", "needs the loaded roadmaps"),
];

/// Invalid fixtures that are not YAML a schema can see: broken syntax,
/// bad bytes, duplicate keys, alias bombs, nesting past the loader's limit.
const NOT_A_DOCUMENT: &[&str] = &[
    "alias-bomb",
    "alias-bomb-nodes",
    "deep-nesting",
    "duplicate-key",
    "invalid-utf8",
    "syntax-unclosed-flow",
    "tab-indent",
];

#[test]
fn the_schema_rejects_each_invalid_fixture_it_can_express() {
    let v = validator();
    let mut rejected = Vec::new();
    for f in yaml_files(&root().join("tests/fixtures/invalid")) {
        let name = f.file_stem().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8(bytes).ok();
        let value = text.as_deref().and_then(as_json);
        let expressible = !NOT_A_DOCUMENT.contains(&name.as_str())
            && !BEYOND_THE_SCHEMA.iter().any(|(n, _)| *n == name);
        match value {
            // Deeply nested files parse, but the loader stops them first.
            Some(value) if name != "deep-nesting" => {
                let valid = v.is_valid(&value);
                assert_eq!(
                    !valid,
                    expressible,
                    "{name}: the schema {} it",
                    if valid { "accepts" } else { "rejects" }
                );
                if !valid {
                    rejected.push(name);
                }
            }
            _ => assert!(
                NOT_A_DOCUMENT.contains(&name.as_str()),
                "{name} is not YAML serde reads"
            ),
        }
    }
    assert_eq!(
        rejected,
        [
            "bad-estimate",
            "bad-kind",
            "bad-slug",
            "bad-url",
            "empty-file",
            "empty-nodes",
            "escape-in-text",
            "missing-field",
            "not-a-mapping",
            "optional-in-choice",
            "pick-on-topic",
            "unknown-field",
            "unsupported-version",
            "url-bidi",
            "wrong-type",
        ]
    );
    assert_eq!(rejected.len(), 15);
}

/// `text` with line `i` changed by mutation `m`: deleted, doubled, its
/// value emptied, or its value replaced by a number or by words.
fn mutate(text: &str, i: usize, m: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let line = lines[i].clone();
    let with_value = |v: &str| match line.split_once(": ") {
        Some((k, _)) => format!("{k}: {v}"),
        None => format!("{line} {v}"),
    };
    match m {
        0 => {
            lines.remove(i);
        }
        1 => lines.insert(i, line.clone()),
        2 => lines[i] = with_value(""),
        3 => lines[i] = with_value("0"),
        _ => lines[i] = with_value("\"two words\""),
    }
    lines.join("\n")
}

#[test]
fn the_schema_accepts_every_mutant_the_loader_accepts() {
    // The schema may accept more than the loader (ids that must exist,
    // cycles), never less: an editor must not flag a file skilltree reads.
    let v = validator();
    let (mut both_reject, mut loader_accepts) = (0, 0);
    for (name, text) in skilltree::roadmap::BUILTIN_FILES
        .iter()
        .filter(|(n, _)| *n == "junior-to-senior.yaml")
    {
        let count = text.lines().count();
        for i in (1..count).step_by(17) {
            for m in 0..5 {
                let mutant = mutate(text, i, m);
                let loaded = skilltree::roadmap::parse(
                    "m",
                    skilltree::roadmap::Origin::Builtin,
                    mutant.as_bytes(),
                );
                let valid = as_json(&mutant).is_some_and(|j| v.is_valid(&j));
                match loaded {
                    Ok(_) => {
                        loader_accepts += 1;
                        assert!(
                            valid,
                            "{name}, line {} mutated ({m}): loads, but the schema says\n{}",
                            i + 1,
                            complaints(&v, &mutant).join("\n")
                        );
                    }
                    Err(_) if !valid => both_reject += 1,
                    Err(_) => {}
                }
            }
        }
    }
    // Both kinds occur, so the test can tell them apart.
    assert!(
        loader_accepts > 30 && both_reject > 30,
        "{loader_accepts} {both_reject}"
    );
}
