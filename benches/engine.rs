//! Engine benchmarks: loading roadmaps, evaluating a user's state, `next`,
//! `plan`, and how much memory a loaded catalog holds.
//!
//! Targets (10k-node roadmap unless said): load built-ins < 5 ms, load 10k
//! < 100 ms, evaluate + next < 5 ms, catalog held in < 50 MB.
//!
//! `cargo bench --bench engine` runs everything in a few minutes on two
//! cores. The `memory/*` reports are one-shot measurements printed to stderr
//! (with parse and build timings); they follow criterion's FILTER argument by
//! substring. `load/generated_100k` is left out unless
//! `SKILLTREE_BENCH_100K=1` is set: at 100k nodes one load takes long enough
//! that criterion's minimum of ten samples would take minutes; the one-shot
//! `memory/100k` report gives its timing in every run.

mod common;

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode};
use skilltree::graph::UserStatus;
use skilltree::graph::{Catalog, NodeId, State, query};
use skilltree::roadmap::{Origin, Roadmap, parse};

/// Seed for every generated roadmap and progress, so runs compare.
const SEED: u64 = 42;
/// Share of leaves marked done for the `evaluate`, `next` and `plan` benches.
const DONE: f64 = 0.3;

#[global_allocator]
static ALLOC: common::alloc::Counting = common::alloc::Counting;

// ---------------------------------------------------------------------------
// Fixtures.

/// Reads the file the way skilltree loads roadmaps: every check `validate`
/// makes, so a file loads exactly when it validates.
fn parse_generated(yaml: &str) -> Roadmap {
    let origin = Origin::File(PathBuf::from("generated.yaml"));
    parse("generated.yaml", origin, yaml.as_bytes())
        .unwrap_or_else(|errors| panic!("generated roadmap does not parse: {errors:#?}"))
}

fn build(roadmaps: Vec<Roadmap>) -> Catalog {
    let (cat, errors) = Catalog::build(roadmaps);
    assert!(errors.is_empty(), "catalog errors: {errors:#?}");
    cat
}

fn load_generated(yaml: &str) -> Catalog {
    build(vec![parse_generated(yaml)])
}

fn load_builtins() -> Catalog {
    build(skilltree::roadmap::builtin())
}

/// A catalog of one generated roadmap, a user's progress over it, and the
/// state that progress evaluates to.
struct Fixture {
    cat: Catalog,
    progress: HashMap<String, UserStatus>,
    state: State,
}

fn fixture(nodes: usize) -> Fixture {
    let cat = load_generated(&common::roadmap_yaml(nodes, SEED));
    let progress = common::progress(&cat, DONE, SEED);
    let state = State::evaluate(&cat, &progress);
    Fixture {
        cat,
        progress,
        state,
    }
}

fn last_leaf(cat: &Catalog) -> NodeId {
    cat.ids()
        .rev()
        .find(|&id| !cat.node(id).is_group())
        .expect("a roadmap has a leaf")
}

// ---------------------------------------------------------------------------
// Benchmarks.

fn bench_load(c: &mut Criterion) {
    let yaml_10k = common::roadmap_yaml(10_000, SEED);
    let cat = load_generated(&yaml_10k);
    eprintln!(
        "generated 10k roadmap: {} bytes of YAML; {}",
        yaml_10k.len(),
        common::shape(&cat)
    );
    drop(cat);

    let mut g = c.benchmark_group("load");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50);
    g.bench_function("builtins", |b| b.iter_with_large_drop(load_builtins));

    // One load takes tens of milliseconds or more: ten flat samples.
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    g.bench_function("generated_10k", |b| {
        b.iter_with_large_drop(|| load_generated(black_box(&yaml_10k)))
    });
    // The two halves of the load, to see where its time goes.
    g.bench_function("generated_10k/parse", |b| {
        b.iter_with_large_drop(|| parse_generated(black_box(&yaml_10k)))
    });
    // What `skilltree validate` does: the full pipeline, with positions.
    g.bench_function("generated_10k/validate_parse", |b| {
        b.iter_with_large_drop(|| {
            let origin = Origin::File(PathBuf::from("generated.yaml"));
            parse("generated.yaml", origin, black_box(yaml_10k.as_bytes())).expect("parses")
        })
    });
    let roadmap = parse_generated(&yaml_10k);
    g.bench_function("generated_10k/build", |b| {
        b.iter_batched(|| vec![roadmap.clone()], build, BatchSize::PerIteration)
    });
    drop(roadmap);

    if std::env::var_os("SKILLTREE_BENCH_100K").is_some_and(|v| v == "1") {
        let yaml_100k = common::roadmap_yaml(100_000, SEED);
        g.warm_up_time(Duration::from_millis(1))
            .measurement_time(Duration::from_secs(10));
        g.bench_function("generated_100k", |b| {
            b.iter_with_large_drop(|| load_generated(black_box(&yaml_100k)))
        });
    }
    g.finish();
}

fn bench_state(c: &mut Criterion) {
    let f = fixture(10_000);
    eprintln!(
        "10k progress: {} of {} leaves done, {} suggestions from `next`",
        f.progress.len(),
        common::shape(&f.cat).leaves,
        query::next(&f.cat, &f.state, None).len()
    );

    let mut g = c.benchmark_group("evaluate");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    g.bench_function("10k", |b| {
        b.iter(|| State::evaluate(&f.cat, black_box(&f.progress)))
    });
    g.finish();

    let mut g = c.benchmark_group("next");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat);
    // What `skilltree next` does after loading: evaluate, then suggest.
    g.bench_function("10k", |b| {
        b.iter(|| {
            let state = State::evaluate(&f.cat, black_box(&f.progress));
            query::next(&f.cat, &state, None)
        })
    });
    g.bench_function("10k/query_only", |b| {
        b.iter(|| query::next(&f.cat, black_box(&f.state), None))
    });
    g.finish();

    let target = last_leaf(&f.cat);
    eprintln!(
        "10k plan for the last leaf `{}`: {} steps",
        f.cat.node(target).id,
        query::plan(&f.cat, &f.state, target).len()
    );
    let mut g = c.benchmark_group("plan");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    g.bench_function("10k", |b| {
        b.iter(|| query::plan(&f.cat, black_box(&f.state), black_box(target)))
    });
    g.finish();
}

// ---------------------------------------------------------------------------
// Memory: one-shot reports, run after the timed benchmarks.

/// Loads an `n`-node roadmap once and prints what the catalog holds: the
/// bytes allocated during parse and build that are still live afterwards
/// (the YAML text was allocated before, so it is not counted), and the
/// highest live total on the way. Sizes are as requested from the
/// allocator, without malloc's own overhead.
fn memory_report(name: &str, nodes: usize) {
    let yaml = common::roadmap_yaml(nodes, SEED);

    common::alloc::count_start();
    let start = Instant::now();
    let roadmap = parse_generated(&yaml);
    let parsed = start.elapsed();
    let start = Instant::now();
    let cat = build(vec![roadmap]);
    let built = start.elapsed();
    let (held, peak) = common::alloc::count_stop();

    eprintln!(
        "{name}: catalog for {} nodes holds {held} bytes ({:.1} MiB, {} bytes/node); \
         peak during load {peak} bytes ({:.1} MiB) besides the {}-byte YAML text; \
         one load: parse {parsed:.2?} + build {built:.2?} = {:.2?}",
        cat.len(),
        mib(held),
        held / cat.len(),
        mib(peak),
        yaml.len(),
        parsed + built,
    );
    drop(yaml);
    drop(black_box(cat));
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Criterion's FILTER argument, if one was given.
fn criterion_filter() -> Option<String> {
    // Options of criterion's command line that take a value.
    const WITH_VALUE: &[&str] = &[
        "-c",
        "--color",
        "-s",
        "--save-baseline",
        "-b",
        "--baseline",
        "--baseline-lenient",
        "--format",
        "--profile-time",
        "--load-baseline",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--plotting-backend",
        "--output-format",
    ];
    let mut args = std::env::args().skip(1);
    let mut filter = None;
    while let Some(arg) = args.next() {
        if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            filter = Some(arg);
        }
    }
    filter
}

fn bench_memory() {
    let args: Vec<String> = std::env::args().collect();
    // Only when benchmarking: not under `cargo test --benches`, `--list` or `--profile-time`.
    let benchmarking = args.iter().any(|a| a == "--bench")
        && !args
            .iter()
            .any(|a| a == "--test" || a == "--list" || a.starts_with("--profile-time"));
    if !benchmarking {
        return;
    }
    let filter = criterion_filter();
    for (name, nodes) in [("memory/10k", 10_000), ("memory/100k", 100_000)] {
        if filter.as_deref().is_none_or(|f| name.contains(f)) {
            memory_report(name, nodes);
        }
    }
}

/// One mark on a real database file: WAL, a `BEGIN IMMEDIATE` transaction,
/// history row and commit. Toggling done/todo makes every call a change.
fn bench_store(c: &mut Criterion) {
    use skilltree::progress::{Change, Store};
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut store = Store::open(&dir.path().join("progress.db")).expect("open store");
    let mut done = false;
    let mut g = c.benchmark_group("store");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("mark_done", |b| {
        b.iter(|| {
            done = !done;
            let to = if done {
                UserStatus::Done
            } else {
                UserStatus::Todo
            };
            let change = Change {
                key: "backend-mastery/http".to_string(),
                to,
            };
            store
                .apply("bench", "done backend-mastery/http", &[change])
                .expect("apply")
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_load(&mut c);
    bench_state(&mut c);
    bench_store(&mut c);
    bench_memory();
    c.final_summary();
}
