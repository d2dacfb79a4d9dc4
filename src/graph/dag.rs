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
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::id::NodeId;

/// A vertex of the DAG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    /// Its index: vertices are numbered `2n` (available) and `2n + 1` (done).
    pub fn index(self) -> usize {
        match self {
            Vertex::Avail(n) => 2 * n.index(),
            Vertex::Done(n) => 2 * n.index() + 1,
        }
    }

    fn of(v: NodeIndex) -> Vertex {
        let n = NodeId::new(v.index() / 2);
        if v.index() % 2 == 0 {
            Vertex::Avail(n)
        } else {
            Vertex::Done(n)
        }
    }
}

/// What the DAG is built from: for each node, its resolved prerequisites,
/// its parent group, and whether it is a group.
pub struct Shape<'a> {
    /// `requires[n]`: the nodes `n` names in `requires`.
    pub requires: &'a [Vec<NodeId>],
    /// `parent[n]`: the group `n` sits in.
    pub parent: &'a [Option<NodeId>],
    /// `group[n]`: whether `n` has children.
    pub group: &'a [bool],
}

/// The petgraph graph with its evaluation order; nothing outside sees petgraph.
#[derive(Debug, Default)]
pub struct Dag {
    graph: DiGraph<(), ()>,
    /// Each vertex's position in the topological order.
    rank: Vec<u32>,
    /// Vertex indices in topological order (the evaluation order).
    topo: Vec<u32>,
}

impl Dag {
    /// Builds the graph. A cycle makes the roadmap impossible to complete:
    /// the cycles found are returned as the `requires` entries they are made
    /// of (see `find_cycles`), and the DAG then has no complete evaluation
    /// order (callers reject the roadmaps first).
    pub fn build(shape: &Shape<'_>) -> (Dag, Vec<Vec<(NodeId, NodeId)>>) {
        let n = shape.requires.len();
        let mut g = DiGraph::with_capacity(2 * n, 3 * n);
        for _ in 0..2 * n {
            g.add_node(());
        }
        let v = |x: Vertex| NodeIndex::new(x.index());
        for id in (0..n).map(NodeId::new) {
            for &r in &shape.requires[id.index()] {
                g.add_edge(v(Vertex::Done(r)), v(Vertex::Avail(id)), ());
            }
            if let Some(p) = shape.parent[id.index()] {
                g.add_edge(v(Vertex::Avail(p)), v(Vertex::Avail(id)), ());
                g.add_edge(v(Vertex::Done(id)), v(Vertex::Done(p)), ());
            }
            if !shape.group[id.index()] {
                g.add_edge(v(Vertex::Avail(id)), v(Vertex::Done(id)), ());
            }
        }
        let (rank, complete) = kahn(&g);
        let cycles = if complete {
            Vec::new()
        } else {
            find_cycles(&g)
        };
        let mut topo: Vec<u32> = (0..rank.len() as u32).collect();
        topo.sort_unstable_by_key(|&v| rank[v as usize]);
        (
            Dag {
                graph: g,
                rank,
                topo,
            },
            cycles,
        )
    }

    /// Number of vertices (two per node).
    pub fn vertex_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Every vertex, prerequisites before what they decide.
    pub fn topo_order(&self) -> impl DoubleEndedIterator<Item = Vertex> + '_ {
        self.topo
            .iter()
            .map(|&v| Vertex::of(NodeIndex::new(v as usize)))
    }

    /// `v`'s position in [`Dag::topo_order`].
    pub fn position(&self, v: Vertex) -> u32 {
        self.rank[v.index()]
    }

    /// The vertex at `position` in [`Dag::topo_order`].
    pub fn at_position(&self, position: u32) -> Vertex {
        Vertex::of(NodeIndex::new(self.topo[position as usize] as usize))
    }

    /// The vertices `v` decides (its out-edges).
    pub fn successors(&self, v: Vertex) -> impl Iterator<Item = Vertex> + '_ {
        self.graph
            .neighbors(NodeIndex::new(v.index()))
            .map(Vertex::of)
    }

    /// Dependency-respecting position of a node's "done" vertex: sorting by
    /// it puts prerequisites first and otherwise keeps file order.
    pub fn rank(&self, id: NodeId) -> u32 {
        self.rank[Vertex::Done(id).index()]
    }
}

/// Kahn's algorithm, taking the lowest-numbered ready vertex first so the
/// order follows the files wherever dependencies allow.
fn kahn(g: &DiGraph<(), ()>) -> (Vec<u32>, bool) {
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

/// One cycle per strongly connected component, as the `requires` entries it
/// is made of: `(node, prerequisite)` pairs in "needs" order. Between one
/// pair's prerequisite and the next pair's node the cycle runs through the
/// hierarchy only: the prerequisite is a group that needs the next node as
/// a member, or the next node is a group whose member is the prerequisite,
/// or they are the same node.
fn find_cycles(g: &DiGraph<(), ()>) -> Vec<Vec<(NodeId, NodeId)>> {
    let mut out = Vec::new();
    for scc in tarjan_scc(g) {
        if scc.len() < 2 {
            continue;
        }
        let start = *scc.iter().min().expect("non-empty");
        let members: HashSet<NodeIndex> = scc.iter().copied().collect();
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
        // `path[i]` needs `path[i + 1]`, and the last needs the first.
        let mut path = vec![u];
        while u != start {
            u = came_from[&u];
            path.push(u);
        }
        path.reverse();
        let path: Vec<Vertex> = path.into_iter().map(Vertex::of).collect();
        // Only a `requires` entry makes an "available" vertex need a "done" one.
        let links: Vec<(NodeId, NodeId)> = (0..path.len())
            .filter_map(|i| match (path[i], path[(i + 1) % path.len()]) {
                (Vertex::Avail(n), Vertex::Done(r)) => Some((n, r)),
                _ => None,
            })
            .collect();
        if !links.is_empty() {
            out.push(links);
        }
    }
    out.sort();
    out
}
