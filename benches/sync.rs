//! Export and import of 100k changes: the JSON Lines file `export`, `import` and `sync`
//! use, written from and merged into SQLite databases on disk.
//!
//! Target: seconds, not minutes, with memory bounded by a page of changes and the keys
//! touched (not the file). `cargo bench --bench sync` prints each timing, then a one-shot
//! report of the peak memory each takes, to stderr.

mod common;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode};
use skilltree::app::sync::{export, format, read};
use skilltree::graph::UserStatus;
use skilltree::progress::{Change, Store};

/// Changes in the file.
const CHANGES: usize = 100_000;
/// Changes per command: a hundred commands of a thousand changes over 20k keys.
const PER_COMMAND: usize = 1_000;
const KEYS: usize = 20_000;

#[global_allocator]
static ALLOC: common::alloc::Counting = common::alloc::Counting;

/// Runs `f` and returns how long it took and the most memory it held at once.
fn measured(f: impl FnOnce()) -> (Duration, usize) {
    common::alloc::count_start();
    let start = Instant::now();
    f();
    let took = start.elapsed();
    let (_, peak) = common::alloc::count_stop();
    (took, peak)
}

/// A database with `CHANGES` changes of user `ana`'s.
fn source(path: &Path) -> Store {
    let mut store = Store::open(path).expect("open store");
    let statuses = [
        UserStatus::Done,
        UserStatus::InProgress,
        UserStatus::Skipped,
    ];
    for command in 0..CHANGES / PER_COMMAND {
        let changes: Vec<Change> = (0..PER_COMMAND)
            .map(|i| Change {
                key: format!("roadmap/topic-{}", (command * PER_COMMAND + i) % KEYS),
                to: statuses[command % statuses.len()],
            })
            .collect();
        store
            .apply("ana", &format!("mark {command}"), &changes)
            .expect("apply");
    }
    store
}

/// Writes every change of `store`'s to `path`, as `export` does.
fn export_to(store: &Store, path: &Path) {
    let mut out = BufWriter::new(File::create(path).expect("create"));
    let header = export::header(store, "ana").expect("header");
    writeln!(out, "{}", format::json_line(&header)).expect("write");
    let n = export::write_changes(store, "ana", &mut |_| true, &mut out).expect("export");
    assert_eq!(n as usize, CHANGES);
    out.flush().expect("flush");
}

/// Merges the file at `path` into `store`, as `import` does.
fn import_from(store: &mut Store, path: &Path) {
    let file = read::ChangeFile::open(path, false)
        .expect("open")
        .expect("not empty");
    let merged = store.import(file, false).expect("import");
    assert_eq!(merged.new as usize, CHANGES);
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::TempDir::new().expect("temp dir");
    let store = source(&dir.path().join("source.db"));
    let file = dir.path().join("changes.jsonl");
    export_to(&store, &file);

    let mut g = c.benchmark_group("sync");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(20));
    g.bench_function("export_100k", |b| {
        b.iter(|| export_to(&store, &dir.path().join("again.jsonl")))
    });
    g.bench_function("import_100k", |b| {
        b.iter_batched(
            || {
                let d = tempfile::TempDir::new().expect("temp dir");
                let s = Store::open(&d.path().join("target.db")).expect("open");
                (d, s)
            },
            |(_d, mut s)| import_from(&mut s, &file),
            BatchSize::PerIteration,
        )
    });
    g.finish();
    c.final_summary();

    // One-shot: time and peak memory of each, with the file's size for scale.
    let size = std::fs::metadata(&file).expect("file").len();
    let (took, peak) = measured(|| export_to(&store, &dir.path().join("once.jsonl")));
    eprintln!(
        "memory/export_100k: {took:.2?}, peak {:.1} MB (file {:.1} MB)",
        peak as f64 / 1e6,
        size as f64 / 1e6
    );
    let mut target = Store::open(&dir.path().join("once.db")).expect("open");
    let (took, peak) = measured(|| import_from(&mut target, &file));
    eprintln!(
        "memory/import_100k: {took:.2?}, peak {:.1} MB (file {:.1} MB)",
        peak as f64 / 1e6,
        size as f64 / 1e6
    );
}
