//! One frame of the terminal UI at 10k nodes (target: under 2 ms).
//!
//! The tree is drawn with every group expanded, the worst case for the row
//! list, on a 120×40 test backend kept across frames as a real terminal is.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use skilltree::graph::Catalog;
use skilltree::progress::{Change, Store};
use skilltree::roadmap::{Origin, parse};
use skilltree::tui::app::App;
use skilltree::tui::view;

fn catalog(nodes: usize) -> Catalog {
    let text = common::roadmap_yaml(nodes, 42);
    let roadmap =
        parse("gen.yaml", Origin::Builtin, text.as_bytes()).expect("generated roadmap parses");
    let (cat, errors) = Catalog::build(vec![roadmap]);
    assert!(
        errors.is_empty(),
        "generated roadmap has errors: {errors:?}"
    );
    cat
}

fn frames(c: &mut Criterion) {
    let cat = catalog(10_000);
    let mut store = Store::open_in_memory().expect("in-memory store");
    let changes: Vec<Change> = common::progress(&cat, 0.3, 7)
        .into_iter()
        .map(|(key, to)| Change { key, to })
        .collect();
    store
        .apply("bench", "done", &changes)
        .expect("apply progress");
    let mut app =
        App::new(&cat, &store, "bench", skilltree::graph::RoadmapIx::new(0)).expect("app");
    app.expanded.iter_mut().for_each(|e| *e = true);
    app.rebuild_rows();
    assert!(
        app.rows.len() >= 10_000,
        "every node is a row: {}",
        app.rows.len()
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");

    let mut group = c.benchmark_group("tui");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("tree_frame/10k", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view::render(f, black_box(&mut app)))
                .expect("draw");
        });
    });
    // Scrolling: move the cursor a page, then draw, as holding PgDn does.
    let rows = app.rows.len();
    group.bench_function("scroll_frame/10k", |b| {
        b.iter(|| {
            app.cursor = (app.cursor + 37) % rows;
            terminal.draw(|f| view::render(f, &mut app)).expect("draw");
        });
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
