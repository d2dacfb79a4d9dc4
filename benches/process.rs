//! Whole-process timings of the release binary, as a user's shell runs it:
//! `next` on the built-ins against `--version` (the floor: starting a
//! process at all; target ≤ 1.3×), and `next` and `stats` on generated
//! roadmaps of 10k and 100k topics with 30% done, from the compiled cache
//! (target: 100k within 12× of 10k). Each pair is measured in the same run,
//! and the ratios of criterion's medians are printed at the end.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::Criterion;
use skilltree::graph::Catalog;
use skilltree::progress::{Change, Store};
use skilltree::roadmap::{Origin, parse};

const BIN: &str = env!("CARGO_BIN_EXE_skilltree");

/// A data folder with a generated roadmap of `nodes` topics, 30% done.
fn workspace(root: &Path, nodes: usize) -> PathBuf {
    let dir = root.join(format!("ws{nodes}"));
    let yaml = common::roadmap_yaml(nodes, 7);
    std::fs::create_dir_all(dir.join("roadmaps")).expect("folder");
    std::fs::write(dir.join("roadmaps/generated.yaml"), &yaml).expect("write roadmap");
    let roadmap = parse("generated.yaml", Origin::Builtin, yaml.as_bytes()).expect("parses");
    let (cat, errors) = Catalog::build(vec![roadmap]);
    assert!(errors.is_empty(), "{errors:?}");
    let changes: Vec<Change> = common::progress(&cat, 0.3, 7)
        .into_iter()
        .map(|(key, to)| Change { key, to })
        .collect();
    let mut store = Store::open(&dir.join("progress.db")).expect("database");
    store.apply("bench", "done", &changes).expect("progress");
    dir
}

fn run(data: &Path, args: &[&str]) {
    let out = Command::new(BIN)
        .args(args)
        .env("SKILLTREE_DATA_DIR", data)
        .env("SKILLTREE_USER", "bench")
        .env_remove("SKILLTREE_DB")
        .env_remove("SKILLTREE_ROADMAPS")
        .env_remove("SKILLTREE_CACHE_DIR")
        .output()
        .expect("run skilltree");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let root = tempfile::TempDir::new().expect("temp dir");
    let empty = root.path().join("empty");
    std::fs::create_dir_all(&empty).expect("folder");
    let mut group = c.benchmark_group("process");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let mut medians: Vec<(String, f64)> = Vec::new();
    let mut bench =
        |group: &mut criterion::BenchmarkGroup<'_, _>, name: &str, data: &Path, args: &[&str]| {
            // Once first: it fills the compiled cache, as the user's first run would.
            run(data, args);
            let median = common::bench_median(group, name, 9, || run(data, args));
            medians.push((name.to_string(), median));
        };
    bench(&mut group, "version", &empty, &["--version"]);
    bench(&mut group, "next/builtins", &empty, &["next"]);
    for (label, nodes) in [("10k", 10_000), ("100k", 100_000)] {
        let data = workspace(root.path(), nodes);
        bench(&mut group, &format!("next/{label}"), &data, &["next"]);
        bench(&mut group, &format!("stats/{label}"), &data, &["stats"]);
    }
    group.finish();
    let m = |name: &str| {
        medians
            .iter()
            .find(|(n, _)| n == name)
            .map_or(f64::NAN, |(_, t)| *t)
    };
    println!(
        "next on the built-ins / --version: {:.2}x ({:.1} ms / {:.1} ms)",
        m("next/builtins") / m("version"),
        m("next/builtins") * 1e3,
        m("version") * 1e3
    );
    for cmd in ["next", "stats"] {
        println!(
            "{cmd} 100k / 10k: {:.1}x ({:.0} ms / {:.0} ms)",
            m(&format!("{cmd}/100k")) / m(&format!("{cmd}/10k")),
            m(&format!("{cmd}/100k")) * 1e3,
            m(&format!("{cmd}/10k")) * 1e3
        );
    }
}
