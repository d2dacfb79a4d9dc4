//! How many locked leaves each leaf leads to, for ranking `next` and `plan`.
//!
//! Both passes walk the still-false part of the dependency graph once, in
//! reverse topological order, each vertex collecting the locked leaves
//! reachable from it through false vertices (the walk [`super::query::unlocks`]
//! makes for one leaf). Exact sets cost locked × graph / 64 word operations,
//! which is nothing for any hand-written roadmap but quadratic at 100k topics;
//! past a budget, each vertex keeps a bounded sketch of its set instead
//! (the [`K`] smallest of a permutation of the leaf numbers, "k minimum
//! values"), which is exact for sets of fewer than [`K`] leaves and estimates
//! larger ones within about 9%, in time linear in the graph.

use super::catalog::Catalog;
use super::dag::Vertex;
use super::id::NodeId;
use super::status::{State, Status};

/// How many locked leaves a leaf leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reach {
    /// The count, or its estimate.
    pub count: usize,
    /// False when `count` is an estimate (only for large counts on very
    /// large roadmaps).
    pub exact: bool,
}

impl Reach {
    /// The count as it should be shown and ranked: an estimate to two
    /// significant digits, so that noise below what it can tell apart does
    /// not reorder suggestions (ties then fall back to file order).
    pub fn shown(&self) -> usize {
        if self.exact {
            return self.count;
        }
        let mut unit = 1;
        while self.count / unit >= 100 {
            unit *= 10;
        }
        (self.count + unit / 2) / unit * unit
    }
}

/// Sketch size: sets smaller than this are counted exactly.
pub const K: usize = 128;

/// Exact passes cost about `passes × (vertices + edges)`; beyond this many,
/// the sketch is used. Roadmaps of up to ~30k topics stay exact.
const EXACT_BUDGET: usize = 16_000_000;

/// Bits per exact pass, in 64-bit words.
const WORDS: usize = 8;

/// The false part of the graph as compact arrays in reverse topological
/// order: successors of `order[i]` are `edges[starts[i]..starts[i + 1]]`,
/// always earlier in `order`.
struct FalseGraph {
    slot: Vec<u32>,
    order: Vec<Vertex>,
    starts: Vec<usize>,
    edges: Vec<u32>,
    /// Slots of the availability vertices of locked leaves.
    targets: Vec<u32>,
}

impl FalseGraph {
    fn new(cat: &Catalog, state: &State) -> FalseGraph {
        let dag = cat.dag();
        let is_false = |v: Vertex| match v {
            Vertex::Avail(n) => !state.is_available(n),
            Vertex::Done(n) => !state.is_satisfied(n),
        };
        let mut slot = vec![u32::MAX; dag.vertex_count()];
        let order: Vec<Vertex> = dag.topo_order().rev().filter(|&v| is_false(v)).collect();
        for (i, &v) in order.iter().enumerate() {
            slot[v.index()] = i as u32;
        }
        let mut starts = Vec::with_capacity(order.len() + 1);
        let mut edges: Vec<u32> = Vec::new();
        for &v in &order {
            starts.push(edges.len());
            for w in dag.successors(v) {
                // An optional child does not move its group towards done.
                let skip =
                    matches!((v, w), (Vertex::Done(c), Vertex::Done(_)) if cat.node(c).optional);
                if !skip && slot[w.index()] != u32::MAX {
                    edges.push(slot[w.index()]);
                }
            }
        }
        starts.push(edges.len());
        let targets = cat
            .ids()
            .filter(|&n| !cat.is_group(n) && state.status(n) == Status::Locked)
            .map(|n| slot[Vertex::Avail(n).index()])
            .collect();
        FalseGraph {
            slot,
            order,
            starts,
            edges,
            targets,
        }
    }

    fn successors(&self, i: usize) -> &[u32] {
        &self.edges[self.starts[i]..self.starts[i + 1]]
    }

    /// The slot of a leaf's done vertex, if it is false. A leaf cannot reach
    /// its own availability (the graph has no cycles), so no leaf counts
    /// itself, locked or not.
    fn done_slot(&self, leaf: NodeId) -> Option<usize> {
        let s = self.slot[Vertex::Done(leaf).index()];
        (s != u32::MAX).then_some(s as usize)
    }
}

/// For each of `leaves`, how many currently locked leaves depend on it,
/// directly or not (see [`super::query::unlocks`]).
pub fn unlock_counts(cat: &Catalog, state: &State, leaves: &[NodeId]) -> Vec<Reach> {
    let g = FalseGraph::new(cat, state);
    let passes = g.targets.len().div_ceil(64 * WORDS);
    if passes * (g.order.len() + g.edges.len()) <= EXACT_BUDGET {
        exact(&g, leaves)
    } else {
        sketched(&g, leaves)
    }
}

/// Exact counts, one bit per locked leaf, [`WORDS`] × 64 leaves per pass.
fn exact(g: &FalseGraph, leaves: &[NodeId]) -> Vec<Reach> {
    let mut counts = vec![0usize; leaves.len()];
    let mut mask = vec![[0u64; WORDS]; g.order.len()];
    for chunk in g.targets.chunks(64 * WORDS) {
        mask.fill([0; WORDS]);
        for (bit, &t) in chunk.iter().enumerate() {
            mask[t as usize][bit / 64] |= 1 << (bit % 64);
        }
        // Successors come earlier in `order`, so they are complete when read.
        for i in 0..g.order.len() {
            let mut acc = mask[i];
            for &w in g.successors(i) {
                for (a, b) in acc.iter_mut().zip(&mask[w as usize]) {
                    *a |= b;
                }
            }
            mask[i] = acc;
        }
        for (count, &leaf) in counts.iter_mut().zip(leaves) {
            if let Some(s) = g.done_slot(leaf) {
                *count += mask[s]
                    .iter()
                    .map(|w| w.count_ones() as usize)
                    .sum::<usize>();
            }
        }
    }
    counts
        .into_iter()
        .map(|count| Reach { count, exact: true })
        .collect()
}

/// Counts from sketches: each vertex keeps the [`K`] smallest values of
/// [`scramble`] over its reachable locked leaves. A sketch is dropped as soon
/// as the last vertex that reads it is done, so memory follows the graph's
/// width, not its size.
fn sketched(g: &FalseGraph, leaves: &[NodeId]) -> Vec<Reach> {
    let n = g.order.len();
    let mut readers = vec![0u32; n];
    for &w in &g.edges {
        readers[w as usize] += 1;
    }
    // Which requested leaves read their answer at each slot.
    let mut wanted: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &leaf) in leaves.iter().enumerate() {
        if let Some(s) = g.done_slot(leaf) {
            wanted[s].push(i);
        }
    }
    let mut own = vec![None; n];
    for (k, &t) in g.targets.iter().enumerate() {
        own[t as usize] = Some(scramble(k as u32));
    }
    let mut sketch: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut out = vec![
        Reach {
            count: 0,
            exact: true
        };
        leaves.len()
    ];
    let mut merged = Vec::with_capacity(2 * K);
    for i in 0..n {
        let mut acc: Vec<u32> = own[i].into_iter().collect();
        for &w in g.successors(i) {
            let w = w as usize;
            readers[w] -= 1;
            let last = readers[w] == 0;
            if acc.is_empty() {
                // Most vertices have one successor (a leaf's availability
                // decides only its own done-ness): its sketch is taken whole,
                // moved when nobody else reads it.
                acc = if last {
                    std::mem::take(&mut sketch[w])
                } else {
                    sketch[w].clone()
                };
                continue;
            }
            merge_into(&acc, &sketch[w], &mut merged);
            std::mem::swap(&mut acc, &mut merged);
            if last {
                sketch[w] = Vec::new();
            }
        }
        for &leaf in &wanted[i] {
            out[leaf] = estimate(&acc);
        }
        if readers[i] > 0 {
            sketch[i] = acc;
        }
    }
    out
}

/// The union of two sorted sketches into `out`: sorted, no repeats, at
/// most [`K`] values.
fn merge_into(a: &[u32], b: &[u32], out: &mut Vec<u32>) {
    out.clear();
    // Grown once, not by doubling (an allocation per vertex is the pass's cost).
    out.reserve(K.min(a.len() + b.len()));
    let (mut i, mut j) = (0, 0);
    while out.len() < K && (i < a.len() || j < b.len()) {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                i += 1;
                j += 1;
                x
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                x
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (_, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => unreachable!("the loop stops when both are empty"),
        };
        out.push(next);
    }
}

/// The set size a sketch stands for: exact when it kept every value.
fn estimate(sketch: &[u32]) -> Reach {
    if sketch.len() < K {
        return Reach {
            count: sketch.len(),
            exact: true,
        };
    }
    // With K values below the K-th smallest of uniform draws in [0, 2^32),
    // (K - 1) / fraction is the unbiased estimate of how many were drawn.
    let fraction = (f64::from(sketch[K - 1]) + 1.0) / 4_294_967_296.0;
    Reach {
        count: ((K - 1) as f64 / fraction).round() as usize,
        exact: false,
    }
}

/// A fixed permutation of the 32-bit numbers that spreads consecutive leaf
/// numbers evenly: a bijection, so distinct leaves never collide and small
/// sets are counted exactly.
fn scramble(mut x: u32) -> u32 {
    // Each step (odd multiply, xor with a right shift) is invertible.
    x = x.wrapping_mul(0x9E37_79B1);
    x ^= x >> 16;
    x = x.wrapping_mul(0x85EB_CA6B);
    x ^= x >> 13;
    x = x.wrapping_mul(0xC2B2_AE35);
    x ^ (x >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_are_shown_to_two_digits_and_exact_counts_as_they_are() {
        let shown = |count, exact| Reach { count, exact }.shown();
        assert_eq!(shown(4_123, true), 4_123);
        assert_eq!(shown(4_123, false), 4_100);
        assert_eq!(shown(96, false), 96);
        assert_eq!(shown(12_951, false), 13_000);
    }

    /// A chain of `n` leaves, each requiring the one before, plus a fan of
    /// `n` leaves all requiring the first: counts from 0 to 2n − 2.
    fn chain_and_fan(n: usize) -> Catalog {
        use std::fmt::Write as _;
        let mut yaml = String::from("id: c\ntitle: C\nnodes:\n  - { id: l0, title: L0 }\n");
        for i in 1..n {
            let _ = writeln!(yaml, "  - {{ id: l{i}, title: L, requires: [l{}] }}", i - 1);
            let _ = writeln!(yaml, "  - {{ id: f{i}, title: F, requires: [l0] }}");
        }
        let origin = crate::roadmap::Origin::Builtin;
        let roadmap = crate::roadmap::parse("c.yaml", origin, yaml.as_bytes()).expect("valid");
        let (cat, errors) = Catalog::build(vec![roadmap]);
        assert!(errors.is_empty());
        cat
    }

    #[test]
    fn the_sketch_pass_agrees_with_the_exact_one() {
        let cat = chain_and_fan(600);
        let state = State::evaluate(&cat, &Default::default());
        let leaves: Vec<NodeId> = cat.ids().collect();
        let g = FalseGraph::new(&cat, &state);
        let exact = exact(&g, &leaves);
        let sketched = sketched(&g, &leaves);
        assert!(exact.iter().any(|r| r.count > 1000));
        for (e, s) in exact.iter().zip(&sketched) {
            if e.count < K {
                assert_eq!(s, e, "small counts stay exact");
            } else {
                assert!(!s.exact);
                let error = (s.count as f64 - e.count as f64).abs() / e.count as f64;
                assert!(error < 0.3, "{} estimated as {}", e.count, s.count);
            }
        }
    }

    #[test]
    fn scramble_is_a_bijection_on_a_range() {
        let mut seen: Vec<u32> = (0..200_000).map(scramble).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 200_000);
    }

    #[test]
    fn sketches_count_small_sets_exactly_and_large_ones_closely() {
        for size in [0usize, 1, 5, K - 1, K, 1_000, 20_000, 100_000] {
            let mut sketch: Vec<u32> = Vec::new();
            let mut merged = Vec::new();
            // Built the way the pass builds them: one value at a time, with repeats.
            for v in (0..size as u32).chain(0..size as u32 / 2) {
                merge_into(&sketch, &[scramble(v)], &mut merged);
                std::mem::swap(&mut sketch, &mut merged);
            }
            let r = estimate(&sketch);
            if size < K {
                assert_eq!(
                    r,
                    Reach {
                        count: size,
                        exact: true
                    }
                );
            } else {
                assert!(!r.exact);
                let error = (r.count as f64 - size as f64).abs() / size as f64;
                assert!(error < 0.3, "{size} estimated as {}", r.count);
            }
        }
    }
}
