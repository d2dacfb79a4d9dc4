//! skilltree against a prerequisite graph it did not author: Exercism's
//! Python track (../shared/external). Its rule: an exercise unlocks once every
//! concept in its `prerequisites` is taught by a completed concept exercise.
//! The track becomes a roadmap; a learner then works through it, and at every
//! step skilltree's available set must equal what Exercism's rule says.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::{Value, json};
use skilltree::graph::UserStatus;
use skilltree::graph::{Catalog, State, Status, query};
use skilltree::roadmap::{Origin, parse};

struct Exercise {
    slug: String,
    name: String,
    teaches: Vec<String>,
    needs: Vec<String>,
}

fn track() -> Option<Vec<Exercise>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/external/exercism-python-config.json");
    // The data sits beside the repository, not in it; without it there is nothing to compare.
    let text = std::fs::read_to_string(path).ok()?;
    let config: Value = serde_json::from_str(&text).expect("valid JSON");
    let list = |kind: &str| {
        config["exercises"][kind]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(String::from))
            .collect()
    };
    let exercises: Vec<Exercise> = list("concept")
        .iter()
        .chain(list("practice").iter())
        .filter(|e| !matches!(e["status"].as_str(), Some("deprecated" | "wip")))
        .map(|e| Exercise {
            slug: e["slug"].as_str().unwrap().to_string(),
            name: e["name"].as_str().unwrap().to_string(),
            teaches: strings(&e["concepts"]),
            needs: strings(&e["prerequisites"]),
        })
        .collect();
    Some(exercises)
}

/// Exercism's own rule, written out directly.
fn exercism_unlocked(track: &[Exercise], completed: &BTreeSet<String>) -> BTreeSet<String> {
    let taught: BTreeSet<&str> = track
        .iter()
        .filter(|e| completed.contains(&e.slug))
        .flat_map(|e| e.teaches.iter().map(String::as_str))
        .collect();
    track
        .iter()
        .filter(|e| {
            !completed.contains(&e.slug) && e.needs.iter().all(|c| taught.contains(c.as_str()))
        })
        .map(|e| e.slug.clone())
        .collect()
}

#[test]
fn skilltree_unlocks_exactly_what_exercism_does() {
    let Some(track) = track() else {
        eprintln!(
            "skipped: ../shared/external/exercism-python-config.json is not beside the repository"
        );
        return;
    };
    assert_eq!(
        track.len(),
        146,
        "the README of the data says 146 active exercises"
    );
    let teacher: HashMap<&str, &str> = track
        .iter()
        .flat_map(|e| e.teaches.iter().map(move |c| (c.as_str(), e.slug.as_str())))
        .collect();
    // JSON is YAML, so the roadmap is written with serde_json.
    let nodes: Vec<Value> = track
        .iter()
        .map(|e| {
            let mut requires: Vec<&str> = e.needs.iter().map(|c| teacher[c.as_str()]).collect();
            requires.sort_unstable();
            requires.dedup();
            json!({"id": e.slug, "title": e.name, "summary": format!("Exercism exercise {}", e.slug), "requires": requires})
        })
        .collect();
    let doc = json!({"id": "exercism-python", "title": "Exercism Python", "nodes": nodes});
    let roadmap = parse(
        "exercism-python.yaml",
        Origin::Builtin,
        doc.to_string().as_bytes(),
    )
    .expect("the track is a valid roadmap");
    let (cat, errors) = Catalog::build(vec![roadmap]);
    assert!(errors.is_empty(), "{errors:#?}");

    let mut completed: BTreeSet<String> = BTreeSet::new();
    let mut progress: HashMap<String, UserStatus> = HashMap::new();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for step in 0..=track.len() {
        let state = State::evaluate(&cat, &progress);
        let ours: BTreeSet<String> = (0..cat.len())
            .filter(|&n| state.status(n) == Status::Available)
            .map(|n| cat.node(n).id.clone())
            .collect();
        assert_eq!(
            ours,
            exercism_unlocked(&track, &completed),
            "after {step} completed exercises"
        );
        // `next` offers the same set, one entry per exercise.
        let next: BTreeSet<String> = query::next(&cat, &state, None)
            .iter()
            .map(|s| cat.node(s.node).id.clone())
            .collect();
        assert_eq!(next, ours);
        if ours.is_empty() {
            break;
        }
        // Complete a pseudo-random unlocked exercise (xorshift, fixed seed).
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let pick = ours
            .iter()
            .nth((seed % ours.len() as u64) as usize)
            .unwrap()
            .clone();
        progress.insert(format!("exercism-python/{pick}"), UserStatus::Done);
        completed.insert(pick);
    }
    assert_eq!(completed.len(), track.len(), "every exercise was reachable");
    let state = State::evaluate(&cat, &progress);
    assert_eq!(state.roadmap_units(&cat, 0), (146, 146));
}
