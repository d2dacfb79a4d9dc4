//! The compiled-roadmap cache never changes an answer: `next`, `plan` and
//! `stats` say the same from a cold parse, from the cache, from a damaged
//! cache and after an edit, on generated roadmaps with scattered progress.

mod common;

#[path = "../benches/common/mod.rs"]
mod generator;

use common::Sandbox;
use serde_json::Value;

/// The answers a user reads, as JSON.
fn answers(sb: &Sandbox, target: &str) -> Vec<Value> {
    vec![
        sb.json(&["next", "--all"]),
        sb.json(&["plan", target]),
        sb.json(&["stats"]),
        sb.json(&["stats", "generated-1500"]),
    ]
}

fn cache_entries(sb: &Sandbox) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(sb.path("data/cache"))
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// A sandbox with a generated roadmap in its data folder and progress
/// scattered over it: a third done, some started, some skipped.
fn sandbox(seed: u64) -> (Sandbox, String) {
    let sb = Sandbox::new();
    let yaml = generator::roadmap_yaml(1500, seed);
    sb.write("data/roadmaps/generated.yaml", &yaml);
    let mut rng = generator::Rng::new(seed);
    let keys: Vec<String> = (0..1500).filter_map(|i| leaf_key(&yaml, i)).collect();
    let mut done = vec!["done"];
    let mut started = vec!["start"];
    let mut skipped = vec!["skip"];
    for key in &keys {
        match rng.below(10) {
            0..=2 => done.push(key),
            3 => started.push(key),
            4 => skipped.push(key),
            _ => {}
        }
    }
    for args in [&done, &started, &skipped] {
        // Some picks are groups or locked; marking what can be marked is enough.
        let _ = sb.run(args);
    }
    let target = format!("generated-1500/{}", last_id(&yaml));
    (sb, target)
}

/// The `roadmap/id` of the node at `i` in file order, if it is written.
fn leaf_key(yaml: &str, i: usize) -> Option<String> {
    yaml.lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id: "))
        .nth(i)
        .map(|id| format!("generated-1500/{id}"))
}

fn last_id(yaml: &str) -> String {
    yaml.lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("- id: "))
        .expect("nodes")
        .to_string()
}

#[test]
fn cached_answers_are_the_answers_of_a_fresh_parse() {
    for seed in [1, 2] {
        let (sb, target) = sandbox(seed);
        std::fs::remove_dir_all(sb.path("data/cache")).ok();
        let cold = answers(&sb, &target);
        assert_eq!(cache_entries(&sb).len(), 1, "the file was cached");
        let warm = answers(&sb, &target);
        assert_eq!(warm, cold, "seed {seed}: from the cache");
        // Damage every entry: it is ignored, the file parsed again.
        for entry in cache_entries(&sb) {
            let bytes = std::fs::read(&entry).unwrap();
            std::fs::write(&entry, &bytes[..bytes.len() / 3]).unwrap();
        }
        assert_eq!(answers(&sb, &target), cold, "seed {seed}: damaged cache");
        // The same roadmap named on the command line comes from its own entry.
        let named = sb.path("data/roadmaps/generated.yaml");
        let named = named.to_str().unwrap();
        assert_eq!(
            sb.json(&["--roadmap", named, "next", "--all"]),
            cold[0],
            "seed {seed}: named file"
        );
    }
}

#[test]
fn an_edit_of_the_same_size_is_seen_at_once() {
    let (sb, target) = sandbox(3);
    let before = sb.json(&["info", &target]);
    let file = sb.path("data/roadmaps/generated.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let title = before["title"].as_str().unwrap().to_string();
    let renamed: String = title.chars().rev().collect();
    assert_eq!(renamed.len(), title.len());
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, yaml.replace(&title, &renamed)).unwrap();
    // Same size and, on coarse clocks, the same time: only the bytes differ.
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(sb.json(&["info", &target])["title"], renamed.as_str());
}

#[test]
fn a_file_with_errors_is_never_cached() {
    let sb = Sandbox::new();
    sb.write(
        "data/roadmaps/broken.yaml",
        "id: b\ntitle: B\nnodes:\n  - { id: x }\n",
    );
    for _ in 0..2 {
        let r = sb.run(&["list"]);
        assert!(r.stderr.contains("broken.yaml"), "{}", r.stderr);
    }
    assert!(cache_entries(&sb).is_empty());
}

#[test]
fn a_file_named_from_two_folders_has_one_entry() {
    let sb = Sandbox::new();
    sb.write(
        "maps/mine.yaml",
        "id: mine\ntitle: Mine\nnodes:\n  - { id: x, title: X }\n",
    );
    sb.ok(&["--roadmap", "maps/mine.yaml", "list"]);
    let absolute = sb.path("maps/mine.yaml");
    sb.ok(&["--roadmap", absolute.to_str().unwrap(), "list"]);
    let mut other = sb.cmd(&["--roadmap", "mine.yaml", "list"]);
    other.current_dir(sb.path("maps"));
    other.assert().success();
    assert_eq!(cache_entries(&sb).len(), 1, "{:?}", cache_entries(&sb));
}
