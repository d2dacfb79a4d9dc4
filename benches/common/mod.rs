//! A deterministic roadmap generator for the benchmarks.
//!
//! [`roadmap_yaml`] writes a format-v1 roadmap of exactly `nodes` nodes, shaped
//! like the built-in ones: top-level sections of nested groups (groups nest up
//! to depth 3, so leaves sit at depth 4 at most), groups of 10–20 leaves, some
//! `kind: choice` groups with `pick: 1`, some optional nodes, summaries,
//! estimates on some leaves and 0–3 `requires` per leaf (some on groups too).
//!
//! Prerequisites only ever name a node that comes *earlier* in the file and is
//! not an ancestor. In pre-order, such a node's whole subtree lies before the
//! node that requires it, so every edge of the dependency graph goes forward
//! in the order (avail(n) ↦ n, done(n) ↦ last node of n's subtree, ties
//! broken avail before done, deeper before shallower): the graph is a DAG.
//! The benchmarks still assert that `Catalog::build` reports no error.

// Shared by several bench binaries; each uses only part of it.
#![allow(dead_code)]

pub mod alloc;

/// Benchmarks `f` as `name` in `group`, then times it `runs` more times and
/// returns the median in seconds, for ratios printed at the end of a run
/// (criterion does not hand its own estimates back).
pub fn bench_median(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    runs: usize,
    mut f: impl FnMut(),
) -> f64 {
    group.bench_function(name, |b| b.iter(&mut f));
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

use std::collections::HashMap;
use std::fmt::Write as _;

use skilltree::graph::Catalog;
use skilltree::graph::UserStatus;

/// SplitMix64: tiny, deterministic, good enough to shape test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "http", "cache", "queue", "index", "schema", "shard", "proxy", "auth", "token", "stream",
    "batch", "retry", "lock", "log", "trace", "metric", "deploy", "build", "test", "model",
    "query", "join", "route", "socket", "thread", "pool", "graph", "tree", "hash", "vector",
    "cluster", "replica",
];

/// Deepest group: groups sit at depth 0 to 3, leaves down to depth 4.
const MAX_GROUP_DEPTH: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum GKind {
    Topic,
    Project,
    Choice,
}

struct GNode {
    parent: Option<usize>,
    depth: usize,
    kind: GKind,
    optional: bool,
    children: usize,
    end: usize,
}

struct Tree {
    nodes: Vec<GNode>,
    target: usize,
}

impl Tree {
    fn push(&mut self, parent: Option<usize>, depth: usize, kind: GKind, optional: bool) -> usize {
        let i = self.nodes.len();
        self.nodes.push(GNode {
            parent,
            depth,
            kind,
            optional,
            children: 0,
            end: i + 1,
        });
        if let Some(p) = parent {
            self.nodes[p].children += 1;
        }
        i
    }

    fn full(&self) -> bool {
        self.nodes.len() >= self.target
    }

    fn leaf(&mut self, rng: &mut Rng, parent: usize, depth: usize, in_choice: bool) {
        let kind = if rng.chance(5) {
            GKind::Project
        } else {
            GKind::Topic
        };
        let optional = !in_choice && rng.chance(8);
        self.push(Some(parent), depth, kind, optional);
    }

    /// A group and everything below it, stopping when the roadmap is full.
    fn group(&mut self, rng: &mut Rng, parent: Option<usize>, depth: usize, choice: bool) {
        let optional = parent.is_some() && !choice && rng.chance(5);
        let kind = if choice { GKind::Choice } else { GKind::Topic };
        let g = self.push(parent, depth, kind, optional);
        let (slots, sub_percent) = match (choice, depth) {
            (true, _) => (rng.range(2, 5), 0),
            (false, 0) => (rng.range(4, 8), 60),
            (false, 1) => (rng.range(10, 20), 15),
            (false, 2) => (rng.range(10, 20), 10),
            (false, _) => (rng.range(10, 20), 0),
        };
        for _ in 0..slots {
            if self.full() {
                break;
            }
            let room = self.target - self.nodes.len() >= 3;
            if depth < MAX_GROUP_DEPTH && room && rng.chance(sub_percent) {
                let sub_choice = depth >= 1 && rng.chance(20);
                self.group(rng, Some(g), depth + 1, sub_choice);
            } else {
                self.leaf(rng, g, depth + 1, choice);
            }
        }
        // Cut short by the node budget: an empty group is a plain leaf.
        if self.nodes[g].children == 0 {
            self.nodes[g].kind = GKind::Topic;
        }
        self.nodes[g].end = self.nodes.len();
    }
}

fn is_ancestor(nodes: &[GNode], a: usize, mut b: usize) -> bool {
    while let Some(p) = nodes[b].parent {
        if p == a {
            return true;
        }
        b = p;
    }
    false
}

/// Prerequisites of node `i`: earlier nodes, not its ancestors, no repeats.
/// Mostly recent ones (the previous topics of a section), some anywhere
/// before, and some on groups.
fn pick_requires(nodes: &[GNode], groups_before: &[usize], rng: &mut Rng, i: usize) -> Vec<usize> {
    let is_group = nodes[i].children > 0;
    let want = if is_group {
        usize::from(rng.chance(30))
    } else {
        match rng.below(100) {
            0..10 => 0,
            10..50 => 1,
            50..85 => 2,
            _ => 3,
        }
    };
    let mut out = Vec::with_capacity(want);
    if i == 0 {
        return out;
    }
    for _ in 0..want {
        for _attempt in 0..8 {
            let roll = rng.below(100);
            let j = if roll < 15 && !groups_before.is_empty() {
                // A group whose subtree is complete: the most recent ones.
                let k = groups_before.len() - 1 - rng.below(groups_before.len().min(16));
                groups_before[k]
            } else if roll < 80 {
                i - 1 - rng.below(i.min(48))
            } else {
                rng.below(i)
            };
            if j < i && nodes[j].end <= i && !out.contains(&j) {
                debug_assert!(!is_ancestor(nodes, j, i));
                out.push(j);
                break;
            }
        }
    }
    out
}

fn node_id(i: usize) -> String {
    format!("{}-{i}", WORDS[i % WORDS.len()])
}

fn estimate(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{}h", rng.range(1, 16)),
        1 => {
            let lo = rng.range(1, 5);
            format!("{lo}-{}d", lo + rng.range(1, 4))
        }
        _ => {
            let lo = rng.range(1, 3);
            format!("{lo}-{}w", lo + rng.range(1, 3))
        }
    }
}

/// A valid format-v1 roadmap of exactly `nodes` nodes (at least 1), the same
/// text for the same arguments.
pub fn roadmap_yaml(nodes: usize, seed: u64) -> String {
    assert!(nodes > 0, "a roadmap needs at least one node");
    let mut rng = Rng::new(seed);
    let mut tree = Tree {
        nodes: Vec::with_capacity(nodes),
        target: nodes,
    };
    while !tree.full() {
        if tree.target - tree.nodes.len() < 3 {
            tree.push(None, 0, GKind::Topic, false);
        } else {
            tree.group(&mut rng, None, 0, false);
        }
    }
    assert_eq!(tree.nodes.len(), nodes);
    let nodes = tree.nodes;

    let mut out = String::with_capacity(nodes.len() * 120);
    let _ = write!(
        out,
        "id: generated-{n}\n\
         title: Generated roadmap ({n} nodes)\n\
         description: >-\n  A synthetic roadmap for benchmarks, seed {seed}.\n\
         version: 1\n\
         source: benches/common/mod.rs\n\
         nodes:\n",
        n = nodes.len()
    );
    // Groups whose subtree is already complete, for group prerequisites.
    let mut groups_before: Vec<usize> = Vec::new();
    let mut open_groups: Vec<usize> = Vec::new();
    for i in 0..nodes.len() {
        while open_groups.last().is_some_and(|&g| nodes[g].end <= i) {
            groups_before.push(open_groups.pop().expect("non-empty"));
        }
        let node = &nodes[i];
        let requires = pick_requires(&nodes, &groups_before, &mut rng, i);
        // Compact block style (`children:` items under the key's column) keeps
        // 100k nodes under the 16 MiB file limit.
        let dash = 2 * node.depth;
        let key = dash + 2;
        let word = WORDS[i % WORDS.len()];
        let _ = writeln!(out, "{:dash$}- id: {}", "", node_id(i));
        let _ = writeln!(out, "{:key$}title: {} topic {i}", "", capitalise(word));
        let _ = writeln!(out, "{:key$}summary: Notes on {word} {i}.", "");
        match node.kind {
            GKind::Topic => {}
            GKind::Project => {
                let _ = writeln!(out, "{:key$}kind: project", "");
            }
            GKind::Choice => {
                let _ = writeln!(out, "{:key$}kind: choice\n{:key$}pick: 1", "", "");
            }
        }
        if node.optional {
            let _ = writeln!(out, "{:key$}optional: true", "");
        }
        let estimated = if node.children == 0 {
            rng.chance(40)
        } else {
            rng.chance(10)
        };
        if estimated {
            let _ = writeln!(out, "{:key$}estimate: {}", "", estimate(&mut rng));
        }
        if !requires.is_empty() {
            let list: Vec<String> = requires.iter().map(|&j| node_id(j)).collect();
            let _ = writeln!(out, "{:key$}requires: [{}]", "", list.join(", "));
        }
        if node.children > 0 {
            let _ = writeln!(out, "{:key$}children:", "");
            open_groups.push(i);
        }
    }
    out
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A user's progress over every leaf of `cat`: `fraction` of the leaves done,
/// mostly in file order (as a learner would go) with some jitter, so the
/// frontier between done and locked is ragged the way real progress is.
pub fn progress(cat: &Catalog, fraction: f64, seed: u64) -> HashMap<String, UserStatus> {
    let mut rng = Rng::new(seed.wrapping_add(1));
    let leaves: Vec<skilltree::graph::NodeId> =
        cat.ids().filter(|&id| !cat.node(id).is_group()).collect();
    let jitter = (leaves.len() / 8).max(1);
    let mut order: Vec<(usize, skilltree::graph::NodeId)> = leaves
        .iter()
        .enumerate()
        .map(|(pos, &id)| (pos + rng.below(jitter), id))
        .collect();
    order.sort_unstable();
    let done = ((leaves.len() as f64) * fraction.clamp(0.0, 1.0)).round() as usize;
    order
        .into_iter()
        .take(done)
        .map(|(_, id)| (cat.key(id).to_string(), UserStatus::Done))
        .collect()
}

/// What a catalog is made of, for the benchmark report.
pub struct Shape {
    pub nodes: usize,
    pub leaves: usize,
    pub groups: usize,
    pub choices: usize,
    pub optional: usize,
    pub estimated: usize,
    pub edges: usize,
    pub edges_to_groups: usize,
    pub max_depth: usize,
}

/// Counts `cat`'s nodes, leaves, groups and prerequisite edges.
pub fn shape(cat: &Catalog) -> Shape {
    let mut s = Shape {
        nodes: cat.len(),
        leaves: 0,
        groups: 0,
        choices: 0,
        optional: 0,
        estimated: 0,
        edges: 0,
        edges_to_groups: 0,
        max_depth: 0,
    };
    for id in cat.ids() {
        let n = cat.node(id);
        if n.is_group() {
            s.groups += 1;
        } else {
            s.leaves += 1;
        }
        s.choices += usize::from(n.kind == skilltree::roadmap::Kind::Choice);
        s.optional += usize::from(n.optional);
        s.estimated += usize::from(n.estimate.is_some());
        s.edges += cat.requires(id).len();
        s.edges_to_groups += cat
            .requires(id)
            .iter()
            .filter(|&&r| cat.node(r).is_group())
            .count();
        s.max_depth = s.max_depth.max(n.depth);
    }
    s
}

impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} nodes: {} leaves, {} groups ({} choices), {} optional, {} estimated, \
             {} requires edges ({} on groups), max depth {}",
            self.nodes,
            self.leaves,
            self.groups,
            self.choices,
            self.optional,
            self.estimated,
            self.edges,
            self.edges_to_groups,
            self.max_depth
        )
    }
}
