//! Layering: each box gets the column after everything it needs.
//!
//! Longest path over a graph with an entry and an exit per framed group
//! (the same shape as the status DAG): a group's prerequisites come before
//! all its members, and what needs a group comes after all of them.

use std::collections::VecDeque;

use super::{Input, MAX_FRAME_DEPTH};

/// The nesting: which nodes are boxes, which are frames, what each holds.
pub(super) struct Tree {
    /// Whether a node has children.
    pub group: Vec<bool>,
    /// Nesting depth, 0 at the top.
    pub depth: Vec<u32>,
    /// Whether a group is drawn as a frame (not too deep).
    pub framed: Vec<bool>,
    /// What a framed group holds, in order: boxes and framed groups, with
    /// the members of deeper groups lifted into it. Empty for others.
    pub items: Vec<Vec<usize>>,
    /// The same for the top level.
    pub top: Vec<usize>,
    /// Levels of frames drawn (0 to [`MAX_FRAME_DEPTH`]).
    pub levels: u32,
}

impl Tree {
    /// The nesting of `input`.
    pub fn of(input: &Input) -> Tree {
        let n = input.parent.len();
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, p) in input.parent.iter().enumerate() {
            match p {
                Some(p) if *p < n && *p != i => children[*p].push(i),
                _ => roots.push(i),
            }
        }
        let group: Vec<bool> = children.iter().map(|c| !c.is_empty()).collect();
        let mut depth = vec![0u32; n];
        let mut stack: Vec<usize> = roots.clone();
        let mut seen = vec![false; n];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            for &c in &children[i] {
                depth[c] = depth[i] + 1;
                stack.push(c);
            }
        }
        let framed: Vec<bool> = (0..n)
            .map(|i| group[i] && (depth[i] as usize) < MAX_FRAME_DEPTH)
            .collect();
        let levels = (0..n)
            .filter(|&i| framed[i])
            .map(|i| depth[i] + 1)
            .max()
            .unwrap_or(0);
        let mut tree = Tree {
            items: vec![Vec::new(); n],
            top: Vec::new(),
            group,
            depth,
            framed,
            levels,
        };
        tree.top = tree.lift(&children, &roots);
        for g in 0..n {
            if tree.framed[g] {
                tree.items[g] = tree.lift(&children, &children[g]);
            }
        }
        tree
    }

    /// `nodes` with unframed groups replaced by their members, recursively.
    fn lift(&self, children: &[Vec<usize>], nodes: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = nodes.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            if self.group[i] && !self.framed[i] {
                stack.extend(children[i].iter().rev());
            } else {
                out.push(i);
            }
        }
        out
    }

    /// The boxes inside framed group or box `i` (itself for a box).
    pub fn boxes_in(&self, i: usize, out: &mut Vec<usize>) {
        if self.group[i] {
            for &c in &self.items[i] {
                self.boxes_in(c, out);
            }
        } else {
            out.push(i);
        }
    }

    /// What an arrow end at node `i` attaches to: a box, a frame, or (for a
    /// group too deep to frame) every box inside it.
    fn ends(&self, children: &[Vec<usize>], i: usize) -> Vec<End> {
        if !self.group[i] {
            return vec![End::Box(i)];
        }
        if self.framed[i] {
            return vec![End::Frame(i)];
        }
        let mut out = Vec::new();
        for c in self.lift(children, &children[i]) {
            out.extend(self.ends(children, c));
        }
        out
    }
}

/// One end of an arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum End {
    /// A box.
    Box(usize),
    /// A group's frame.
    Frame(usize),
}

/// Layers and the arrows between boxes and frames.
pub(super) struct Ranks {
    /// A box's column; a framed group's first column.
    pub first: Vec<u32>,
    /// A box's column; a framed group's last column.
    pub last: Vec<u32>,
    /// Columns used.
    pub layers: u32,
    /// The arrows to draw, each pointing to a later column.
    pub edges: Vec<(End, End)>,
    /// Arrows left out: they close a cycle.
    pub hidden: usize,
}

/// Longest-path layering. Vertex `2i` is where node `i` starts, `2i + 1`
/// where it ends (the same column for a box).
pub(super) fn ranks(input: &Input, tree: &Tree) -> Ranks {
    let n = input.parent.len();
    let mut children = vec![Vec::new(); n];
    for (i, p) in input.parent.iter().enumerate() {
        if let Some(p) = p.filter(|&p| p < n && p != i) {
            children[p].push(i);
        }
    }
    // (to, weight) per vertex.
    let mut adj: Vec<Vec<(u32, u32)>> = vec![Vec::new(); 2 * n];
    let mut indeg = vec![0u32; 2 * n];
    let mut add = |a: usize, b: usize, w: u32, adj: &mut Vec<Vec<(u32, u32)>>| {
        adj[a].push((b as u32, w));
        indeg[b] += 1;
    };
    let vin = |e: End| match e {
        End::Box(i) | End::Frame(i) => 2 * i,
    };
    let vout = |e: End| match e {
        End::Box(i) | End::Frame(i) => 2 * i + 1,
    };
    for i in 0..n {
        if !tree.group[i] {
            add(2 * i, 2 * i + 1, 0, &mut adj);
        } else if tree.framed[i] {
            for &c in &tree.items[i] {
                add(2 * i, 2 * c, 0, &mut adj);
                add(2 * c + 1, 2 * i + 1, 0, &mut adj);
            }
        }
    }
    let mut edges = Vec::new();
    for &(a, b) in &input.edges {
        if a >= n || b >= n || a == b {
            continue;
        }
        for ea in tree.ends(&children, a) {
            for eb in tree.ends(&children, b) {
                add(vout(ea), vin(eb), 1, &mut adj);
                edges.push((ea, eb));
            }
        }
    }
    let rank = longest_path(&adj, indeg);
    // Columns used by boxes, numbered without holes.
    let mut used: Vec<u32> = (0..n)
        .filter(|&i| !tree.group[i])
        .map(|i| rank[2 * i])
        .collect();
    used.sort_unstable();
    used.dedup();
    let col = |r: u32| used.partition_point(|&u| u < r) as u32;
    let mut first = vec![0u32; n];
    let mut last = vec![0u32; n];
    for i in 0..n {
        if !tree.group[i] {
            first[i] = col(rank[2 * i]);
            last[i] = first[i];
        }
    }
    // Groups from their boxes, innermost first (deeper depth first).
    let mut groups: Vec<usize> = (0..n).filter(|&i| tree.framed[i]).collect();
    groups.sort_by_key(|&g| std::cmp::Reverse(tree.depth[g]));
    for g in groups {
        let (lo, hi) = tree.items[g].iter().fold((u32::MAX, 0), |(lo, hi), &c| {
            (lo.min(first[c]), hi.max(last[c]))
        });
        first[g] = lo;
        last[g] = hi;
    }
    // One arrow per pair (a group too deep to frame can repeat one).
    let mut seen = std::collections::HashSet::new();
    edges.retain(|e| seen.insert(*e));
    let before = edges.len();
    edges.retain(|&(a, b)| {
        let from = match a {
            End::Box(i) | End::Frame(i) => last[i],
        };
        let to = match b {
            End::Box(i) | End::Frame(i) => first[i],
        };
        from < to
    });
    Ranks {
        hidden: before - edges.len(),
        layers: used.len() as u32,
        first,
        last,
        edges,
    }
}

/// The longest path to each vertex (Kahn's order). A cycle, which a valid
/// roadmap never has, is broken at its lowest vertex so everything gets a rank.
fn longest_path(adj: &[Vec<(u32, u32)>], mut indeg: Vec<u32>) -> Vec<u32> {
    let v = adj.len();
    let mut rank = vec![0u32; v];
    let mut done = vec![false; v];
    let mut queue: VecDeque<usize> = (0..v).filter(|&i| indeg[i] == 0).collect();
    let mut next_forced = 0;
    let mut processed = 0;
    while processed < v {
        let Some(u) = queue.pop_front() else {
            while done[next_forced] || indeg[next_forced] == 0 {
                next_forced += 1;
            }
            indeg[next_forced] = 0;
            queue.push_back(next_forced);
            continue;
        };
        if std::mem::replace(&mut done[u], true) {
            continue;
        }
        processed += 1;
        for &(t, w) in &adj[u] {
            let t = t as usize;
            if done[t] {
                continue;
            }
            rank[t] = rank[t].max(rank[u] + w);
            // A vertex forced open above is already queued.
            if indeg[t] > 0 {
                indeg[t] -= 1;
                if indeg[t] == 0 {
                    queue.push_back(t);
                }
            }
        }
    }
    rank
}
