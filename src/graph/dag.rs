//! The dependency DAG. Each node has two vertices: *available* and *done*.
//!
//! Edges run from what must be known first to what it decides:
//! - `done(r) → avail(n)` when `n` requires `r`;
//! - `avail(group) → avail(child)`: children inherit their group's prerequisites;
//! - `done(child) → done(group)`: a group is done through its children;
//! - `avail(leaf) → done(leaf)`: a leaf is learned once it is reachable.
//!
//! A topological order of this graph is an evaluation order for statuses, and
//! a cycle in it is exactly a roadmap that can never be completed.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::catalog::{Catalog, NodeId};

/// A vertex of the DAG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vertex {
    /// Whether the node is available.
    Avail(NodeId),
    /// Whether the node is satisfied.
    Done(NodeId),
}

impl Vertex {
    /// The node this vertex belongs to.
    pub fn node(self) -> NodeId {
        match self {
            Vertex::Avail(n) | Vertex::Done(n) => n,
        }
    }
}

/// The vertex for "node `n` is available".
pub fn avail_vertex(n: NodeId) -> NodeIndex {
    NodeIndex::new(2 * n)
}

/// The vertex for "node `n` is satisfied".
pub fn done_vertex(n: NodeId) -> NodeIndex {
    NodeIndex::new(2 * n + 1)
}

/// Builds the graph; returns it, each vertex's rank in a topological order
/// that keeps file order where it can, and the cycles found (as node paths).
pub fn build(cat: &Catalog) -> (DiGraph<Vertex, ()>, Vec<u32>, Vec<Vec<NodeId>>) {
    let n = cat.len();
    let mut g = DiGraph::with_capacity(2 * n, 3 * n);
    for id in 0..n {
        g.add_node(Vertex::Avail(id));
        g.add_node(Vertex::Done(id));
    }
    for id in 0..n {
        for &r in cat.requires(id) {
            g.add_edge(done_vertex(r), avail_vertex(id), ());
        }
        if let Some(p) = cat.parent(id) {
            g.add_edge(avail_vertex(p), avail_vertex(id), ());
            g.add_edge(done_vertex(id), done_vertex(p), ());
        }
        if !cat.node(id).is_group() {
            g.add_edge(avail_vertex(id), done_vertex(id), ());
        }
    }
    let (rank, complete) = kahn(&g);
    let cycles = if complete {
        Vec::new()
    } else {
        find_cycles(&g)
    };
    (g, rank, cycles)
}

/// Kahn's algorithm, taking the lowest-numbered ready vertex first so the
/// order follows the files wherever dependencies allow.
fn kahn(g: &DiGraph<Vertex, ()>) -> (Vec<u32>, bool) {
    let mut indegree: Vec<u32> = g
        .node_indices()
        .map(|v| g.neighbors_directed(v, Direction::Incoming).count() as u32)
        .collect();
    let mut ready: BinaryHeap<Reverse<usize>> = (0..indegree.len())
        .filter(|&v| indegree[v] == 0)
        .map(Reverse)
        .collect();
    let mut rank = vec![u32::MAX; indegree.len()];
    let mut next = 0u32;
    while let Some(Reverse(v)) = ready.pop() {
        rank[v] = next;
        next += 1;
        for w in g.neighbors(NodeIndex::new(v)) {
            indegree[w.index()] -= 1;
            if indegree[w.index()] == 0 {
                ready.push(Reverse(w.index()));
            }
        }
    }
    (rank, next as usize == indegree.len())
}

/// One cycle per strongly connected component, as nodes in "needs" order.
fn find_cycles(g: &DiGraph<Vertex, ()>) -> Vec<Vec<NodeId>> {
    let mut out = Vec::new();
    for scc in tarjan_scc(g) {
        if scc.len() < 2 {
            continue;
        }
        let start = *scc.iter().min().expect("non-empty");
        let members: std::collections::HashSet<NodeIndex> = scc.iter().copied().collect();
        // Walk predecessors ("needs") breadth-first until we come back to start.
        let mut came_from: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        let mut last = None;
        'search: while let Some(u) = queue.pop_front() {
            for p in g.neighbors_directed(u, Direction::Incoming) {
                if p == start {
                    last = Some(u);
                    break 'search;
                }
                if members.contains(&p) && !came_from.contains_key(&p) {
                    came_from.insert(p, u);
                    queue.push_back(p);
                }
            }
        }
        let Some(mut u) = last else { continue };
        let mut path = vec![u];
        while u != start {
            u = came_from[&u];
            path.push(u);
        }
        path.reverse();
        let mut nodes: Vec<NodeId> = Vec::new();
        for v in path {
            let n = g[v].node();
            if nodes.last() != Some(&n) {
                nodes.push(n);
            }
        }
        if nodes.len() > 1 && nodes.first() == nodes.last() {
            nodes.pop();
        }
        out.push(nodes);
    }
    out.sort();
    out
}
