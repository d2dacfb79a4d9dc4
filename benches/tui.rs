//! The terminal UI through its `App`, on a 120×40 test backend kept across
//! frames as a real terminal is:
//!
//! - one frame at 10k nodes with every group expanded, the worst case for the
//!   row list (target: under 2 ms);
//! - at 10k and 100k nodes: opening (the state, every panel's numbers and the
//!   first frame; target at 100k: 1.5 s), one mark and its undo (the
//!   database write, the new state, the redraw; target 50 ms) and one search
//!   keystroke (target 5 ms). The group prints the 100k/10k ratio.
//! - the map (Graph view): laying out 1k and 10k topics, and one frame at
//!   10k (a walk step and the redraw) against the tree's frame; it prints
//!   the ratio (target: the same order).

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
use skilltree::tui::message::Message;
use skilltree::tui::update::update;
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

/// A store with 30% of `cat`'s leaves done, as a learner partway through:
/// in memory, or in a SQLite file in `dir` as the real program keeps it.
fn store_for(cat: &Catalog, dir: Option<&std::path::Path>) -> Store {
    let mut store = match dir {
        Some(dir) => Store::open(&dir.join("progress.db")).expect("database"),
        None => Store::open_in_memory().expect("in-memory store"),
    };
    let changes: Vec<Change> = common::progress(cat, 0.3, 7)
        .into_iter()
        .map(|(key, to)| Change { key, to })
        .collect();
    store
        .apply("bench", "done", &changes)
        .expect("apply progress");
    store
}

fn frames(c: &mut Criterion) {
    let cat = catalog(10_000);
    let store = store_for(&cat, None);
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

/// Opening, marking and searching at 10k and 100k nodes.
fn at_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("tui_size");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let mut medians = Vec::new();
    for (name, nodes) in [("10k", 10_000), ("100k", 100_000)] {
        let cat = catalog(nodes);
        let dir = tempfile::TempDir::new().expect("temp dir");
        let mut store = store_for(&cat, Some(dir.path()));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        let roadmap = skilltree::graph::RoadmapIx::new(0);
        let open = common::bench_median(&mut group, &format!("open/{name}"), 5, || {
            let mut app = App::new(&cat, &store, "bench", roadmap).expect("app");
            terminal.draw(|f| view::render(f, &mut app)).expect("draw");
        });
        let mut app = App::new(&cat, &store, "bench", roadmap).expect("app");
        // An available leaf, so each mark is a real change with unlocks.
        let leaf = cat
            .nodes_of(roadmap)
            .find(|&n| {
                !cat.is_group(n) && app.state.status(n) == skilltree::graph::Status::Available
            })
            .expect("an available leaf");
        app.reveal(leaf);
        let mark = common::bench_median(&mut group, &format!("mark_and_undo/{name}"), 5, || {
            for msg in [Message::MarkDone, Message::Undo] {
                update(&mut app, &mut store, msg);
                terminal.draw(|f| view::render(f, &mut app)).expect("draw");
            }
        });
        update(&mut app, &mut store, Message::StartSearch);
        let search = common::bench_median(&mut group, &format!("search_key/{name}"), 5, || {
            for msg in [Message::Input('q'), Message::Backspace] {
                update(&mut app, &mut store, msg);
            }
            terminal.draw(|f| view::render(f, &mut app)).expect("draw");
        });
        medians.push((open, mark / 2.0, search / 2.0));
    }
    group.finish();
    if let [small, big] = medians.as_slice() {
        println!(
            "100k / 10k: open ×{:.1}, mark ×{:.1}, search key ×{:.1}",
            big.0 / small.0,
            big.1 / small.1,
            big.2 / small.2
        );
    }
}

/// The map: layout time, and a frame next to the tree's.
fn map(c: &mut Criterion) {
    use skilltree::app::map::Map;
    let mut group = c.benchmark_group("tui_map");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let roadmap = skilltree::graph::RoadmapIx::new(0);
    // Without a budget: the generated 10k roadmap's long arrows take more
    // pass-through slots than the UI allows (it opens zoomed out), and this
    // measures what laying it out anyway costs.
    let all = usize::MAX;
    for (name, nodes) in [("1k", 1_000), ("10k", 10_000)] {
        let cat = catalog(nodes);
        let map = Map::within(&cat, roadmap, false, all).expect("lays out");
        let slots: usize = map.layout.columns.iter().map(|c| c.slots.len()).sum();
        println!(
            "map/{name}: {} columns, {}×{} cells, {slots} slots, {} arrow pieces, within budget: {}",
            map.layout.columns.len(),
            map.layout.width,
            map.layout.height,
            map.layout.gaps.iter().map(Vec::len).sum::<usize>(),
            Map::new(&cat, roadmap, false).is_ok()
        );
        common::bench_median(&mut group, &format!("layout/{name}"), 3, || {
            black_box(Map::within(&cat, roadmap, false, all).expect("lays out"));
        });
        common::bench_median(&mut group, &format!("layout_zoomed_out/{name}"), 3, || {
            black_box(Map::new(&cat, roadmap, true).expect("lays out"));
        });
    }
    let cat = catalog(10_000);
    let store = store_for(&cat, None);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut tree = App::new(&cat, &store, "bench", roadmap).expect("app");
    let rows = tree.rows.len();
    let tree_frame = common::bench_median(&mut group, "tree_step_frame/10k", 21, || {
        tree.cursor = (tree.cursor + 1) % rows;
        terminal.draw(|f| view::render(f, &mut tree)).expect("draw");
    });
    let mut store = store;
    let mut app = App::new(&cat, &store, "bench", roadmap).expect("app");
    app.map.budget = all;
    update(
        &mut app,
        &mut store,
        Message::ShowView(skilltree::tui::message::View::Graph),
    );
    assert!(!app.map.zoomed_out, "every topic drawn");
    let mut k = 0usize;
    let map_frame = common::bench_median(&mut group, "map_step_frame/10k", 21, || {
        // Walk down and back up: each step moves the selection and pans.
        k += 1;
        let msg = if k % 40 < 20 {
            Message::MoveDown
        } else {
            Message::MoveUp
        };
        update(&mut app, &mut store, msg);
        terminal.draw(|f| view::render(f, &mut app)).expect("draw");
    });
    group.finish();
    println!(
        "map frame / tree frame at 10k: ×{:.1} ({:.2} ms / {:.2} ms)",
        map_frame / tree_frame,
        map_frame * 1e3,
        tree_frame * 1e3
    );
}

criterion_group!(benches, frames, at_size, map);
criterion_main!(benches);
