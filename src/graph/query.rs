//! Questions asked of a state: what next, what does X need, what opened up.

use std::collections::{HashSet, VecDeque};

use crate::roadmap::{Estimate, Kind};

use super::catalog::Catalog;
use super::dag::Vertex;
use super::id::{NodeId, RoadmapIx};
use super::status::{State, Status};

/// A suggestion from [`next`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The leaf.
    pub node: NodeId,
    /// Available or in progress.
    pub status: Status,
    /// How many locked leaves it leads to.
    pub unlocks: Reach,
}

/// Leaves to work on: in progress first, then by how many locked leaves
/// they lead to, then file order. `roadmap` limits it to one roadmap.
/// Alternatives of a choice that is already made are left out.
pub fn next(cat: &Catalog, state: &State, roadmap: Option<RoadmapIx>) -> Vec<Suggestion> {
    let range = match roadmap {
        Some(r) => cat.nodes_of(r),
        None => cat.ids(),
    };
    let mut seen_keys = HashSet::new();
    let candidates: Vec<NodeId> = range
        .filter(|&id| !cat.is_group(id))
        .filter(|&id| matches!(state.status(id), Status::Available | Status::InProgress))
        .filter(|&id| state.status(id) == Status::InProgress || !in_made_choice(cat, state, id))
        // One entry per shared topic: it is one thing to learn.
        .filter(|&id| seen_keys.insert(cat.key(id)))
        .collect();
    let counts = unlock_counts(cat, state, &candidates);
    let mut out: Vec<Suggestion> = candidates
        .iter()
        .zip(counts)
        .map(|(&id, unlocks)| Suggestion {
            node: id,
            status: state.status(id),
            unlocks,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.status == Status::InProgress)
            .cmp(&(a.status == Status::InProgress))
            .then(b.unlocks.shown().cmp(&a.unlocks.shown()))
            .then(a.node.cmp(&b.node))
    });
    out
}

fn in_made_choice(cat: &Catalog, state: &State, id: NodeId) -> bool {
    let mut cur = cat.parent(id);
    while let Some(p) = cur {
        if cat.node(p).kind == Kind::Choice && state.is_satisfied(p) {
            return true;
        }
        cur = cat.parent(p);
    }
    false
}

/// How many currently locked leaves depend, directly or not, on `id`: a
/// plain walk, for one leaf; [`unlock_counts`] does many at once.
///
/// The walk stops at vertices that are already true (an available node, a
/// satisfied node): finishing the leaf cannot change them, so nothing past
/// them depends on it through that path.
pub fn unlocks(cat: &Catalog, state: &State, id: NodeId) -> usize {
    let dag = cat.dag();
    let mut seen = vec![false; dag.vertex_count()];
    let start = Vertex::Done(id);
    seen[start.index()] = true;
    let mut queue = VecDeque::from([start]);
    let mut count = 0;
    while let Some(v) = queue.pop_front() {
        for w in dag.successors(v) {
            // An optional child does not move its group towards done. (Checked
            // before marking `w` seen: another path may still reach it.)
            if matches!((v, w), (Vertex::Done(c), Vertex::Done(_)) if cat.node(c).optional) {
                continue;
            }
            if std::mem::replace(&mut seen[w.index()], true) {
                continue;
            }
            let already_true = match w {
                Vertex::Avail(n) => state.is_available(n),
                Vertex::Done(n) => state.is_satisfied(n),
            };
            if already_true {
                continue;
            }
            if let Vertex::Avail(n) = w
                && !cat.is_group(n)
                && state.status(n) == Status::Locked
            {
                count += 1;
            }
            queue.push_back(w);
        }
    }
    count
}

pub use super::reach::{Reach, unlock_counts};

/// Which alternative the user picked for each choice: choice → alternative.
pub type Chosen = std::collections::HashMap<NodeId, NodeId>;

/// What a plan does at a choice the user has not made (nothing chosen,
/// nothing started there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmade {
    /// Take the first alternatives: for sums such as the remaining estimate.
    TakeFirst,
    /// Stop and ask: the choice itself becomes a step ("one of: A | B").
    Ask,
}

/// One step of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A leaf to learn.
    Learn(NodeId),
    /// A choice to make before its alternatives can be planned.
    Choose(NodeId),
}

impl Step {
    /// The node the step is about.
    pub fn node(self) -> NodeId {
        match self {
            Step::Learn(n) | Step::Choose(n) => n,
        }
    }
}

/// The unsatisfied leaves `target` needs, prerequisites first, ending with
/// `target` itself (or its last leaf, for a group). Unmade choices take
/// their first alternatives.
pub fn plan(cat: &Catalog, state: &State, target: NodeId) -> Vec<NodeId> {
    plan_steps(cat, state, target, &Chosen::new(), Unmade::TakeFirst)
        .into_iter()
        .map(Step::node)
        .collect()
}

/// The steps `target` still needs, prerequisites first: at a choice, the
/// alternatives in `chosen` and those already started are followed; what
/// is left is decided by `unmade`.
pub fn plan_steps(
    cat: &Catalog,
    state: &State,
    target: NodeId,
    chosen: &Chosen,
    unmade: Unmade,
) -> Vec<Step> {
    plan_steps_for(cat, state, [target], chosen, unmade)
}

/// [`plan_steps`] for several targets at once, in one walk: the union of
/// their plans, each node visited once (so a whole roadmap's plan costs one
/// pass, not one per top-level group).
pub fn plan_steps_for(
    cat: &Catalog,
    state: &State,
    targets: impl IntoIterator<Item = NodeId>,
    chosen: &Chosen,
    unmade: Unmade,
) -> Vec<Step> {
    let mut needed: HashSet<NodeId> = HashSet::new();
    let mut asks: HashSet<NodeId> = HashSet::new();
    let mut visited: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<NodeId> = targets.into_iter().collect();
    while let Some(id) = stack.pop() {
        if !visited.insert(id) || state.is_satisfied(id) {
            continue;
        }
        // Everything a node needs: its own prerequisites and its groups'.
        stack.extend(cat.all_requires(id));
        if !cat.is_group(id) {
            needed.insert(id);
            continue;
        }
        let (children, undecided) = needed_children(cat, state, id, chosen, unmade);
        if undecided {
            asks.insert(id);
        }
        stack.extend(children);
    }
    let mut out: Vec<Step> = needed
        .into_iter()
        .map(Step::Learn)
        .chain(asks.into_iter().map(Step::Choose))
        .collect();
    out.sort_by_key(|s| (cat.rank(s.node()), matches!(s, Step::Learn(_))));
    out
}

/// The children a group still needs: its non-optional ones, or for a choice
/// enough alternatives to reach `pick`: the chosen ones, then started ones,
/// then (when `unmade` says so) the first ones. The flag is set when a
/// choice still has alternatives to pick and the plan should ask.
fn needed_children(
    cat: &Catalog,
    state: &State,
    id: NodeId,
    chosen: &Chosen,
    unmade: Unmade,
) -> (Vec<NodeId>, bool) {
    let node = cat.node(id);
    if node.kind != Kind::Choice {
        return (cat.required_children(id).collect(), false);
    }
    let children: Vec<NodeId> = cat.children(id).collect();
    let have = children.iter().filter(|&&c| state.is_satisfied(c)).count();
    let want = (node.pick.unwrap_or(1) as usize).saturating_sub(have);
    let mut open: Vec<NodeId> = children
        .into_iter()
        .filter(|&c| !state.is_satisfied(c))
        .collect();
    let pick = chosen.get(&id).copied();
    open.sort_by_key(|&c| (Some(c) != pick, state.status(c) != Status::InProgress, c));
    let decided = open
        .iter()
        .take_while(|&&c| Some(c) == pick || state.status(c) == Status::InProgress)
        .count();
    match unmade {
        Unmade::TakeFirst => {
            open.truncate(want);
            (open, false)
        }
        Unmade::Ask => {
            let take = decided.min(want);
            open.truncate(take);
            (open, take < want)
        }
    }
}

/// For every node, how many leaves [`plan`] gives for it from a standing
/// start (no progress at all): all nodes at once, in one pass per 512 leaves,
/// instead of one plan each.
pub fn plan_lengths(cat: &Catalog) -> Vec<usize> {
    const WORDS: usize = 8;
    let leaves: Vec<NodeId> = cat.ids().filter(|&n| !cat.is_group(n)).collect();
    let mut lengths = vec![0usize; cat.len()];
    let mut bit = vec![u32::MAX; cat.len()];
    for chunk in leaves.chunks(64 * WORDS) {
        bit.fill(u32::MAX);
        for (i, &l) in chunk.iter().enumerate() {
            bit[l.index()] = i as u32;
        }
        let sets = fold_fresh_plans(
            cat,
            [0u64; WORDS],
            |l| {
                let mut set = [0u64; WORDS];
                let b = bit[l.index()];
                if b != u32::MAX {
                    set[b as usize / 64] |= 1 << (b % 64);
                }
                set
            },
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x |= y;
                }
                a
            },
        );
        for (len, set) in lengths.iter_mut().zip(&sets) {
            *len += set.iter().map(|w| w.count_ones() as usize).sum::<usize>();
        }
    }
    lengths
}

/// Folds `leaf` over the leaves each node's plan from a standing start
/// holds (what [`plan`] gives with no progress), with `join`, for every node
/// at once, in evaluation order: a node's plan is what its own and its
/// groups' prerequisites need, and itself (a leaf) or what its needed
/// children need (a group: the required children, a choice's first `pick`).
pub(super) fn fold_fresh_plans<T: Copy>(
    cat: &Catalog,
    empty: T,
    leaf: impl Fn(NodeId) -> T,
    join: impl Fn(T, T) -> T,
) -> Vec<T> {
    let mut before = vec![empty; cat.len()];
    let mut plans = vec![empty; cat.len()];
    for v in cat.dag().topo_order() {
        match v {
            Vertex::Avail(n) => {
                let inherited = cat.parent(n).map_or(empty, |p| before[p.index()]);
                before[n.index()] = cat
                    .requires(n)
                    .iter()
                    .fold(inherited, |acc, r| join(acc, plans[r.index()]));
            }
            Vertex::Done(n) if !cat.is_group(n) => {
                plans[n.index()] = join(before[n.index()], leaf(n));
            }
            Vertex::Done(n) => {
                let node = cat.node(n);
                let needed: Vec<NodeId> = if node.kind == Kind::Choice {
                    cat.children(n)
                        .take(node.pick.unwrap_or(1) as usize)
                        .collect()
                } else {
                    cat.required_children(n).collect()
                };
                plans[n.index()] = needed
                    .iter()
                    .fold(before[n.index()], |acc, c| join(acc, plans[c.index()]));
            }
        }
    }
    plans
}

/// Nodes that were locked in `before` and are not in `after`, outermost only
/// (a newly open group stands for its children).
pub fn newly_available(cat: &Catalog, before: &State, after: &State) -> Vec<NodeId> {
    cat.ids()
        .filter(|&id| !before.is_available(id) && after.is_available(id))
        // What is already done or skipped is not news.
        .filter(|&id| !after.is_satisfied(id))
        .filter(|&id| {
            cat.parent(id)
                .is_none_or(|p| before.is_available(p) || !after.is_available(p))
        })
        .collect()
}

/// Unmet prerequisites of a node, its groups' included.
pub fn unmet(cat: &Catalog, state: &State, id: NodeId) -> Vec<NodeId> {
    cat.all_requires(id)
        .filter(|&r| !state.is_satisfied(r))
        .collect()
}

/// A node's estimate: the one number `info`, `plan` and `stats` agree on.
///
/// A leaf's is its own, else an equal share of its nearest estimated
/// group's, split among the leaves that group needs (required ones, `pick`
/// alternatives per choice) that have no estimate of their own.
///
/// A group's is the sum of what it needs, by its leaves' own estimates
/// ([`leaves_estimate`]), when every needed leaf has one: so it is what a
/// plan for the group adds up. Only when some needed leaf has none is it
/// the group's own estimate (which those leaves then share), if it has one.
pub fn estimate_of(cat: &Catalog, id: NodeId) -> Option<Estimate> {
    let node = cat.node(id);
    if node.is_group() {
        return leaves_estimate(cat, id).or(node.estimate);
    }
    if node.estimate.is_some() {
        return node.estimate;
    }
    let mut cur = cat.parent(id);
    while let Some(g) = cur {
        if let Some(e) = cat.node(g).estimate {
            let share = needed_unestimated(cat, g).max(1);
            // Rounded to the nearest hour, so the shares add up to the whole.
            let part = |h: u32| (h + share / 2) / share;
            return Some(Estimate {
                min_hours: part(e.min_hours),
                max_hours: part(e.max_hours),
            });
        }
        cur = cat.parent(g);
    }
    None
}

/// What completing `id` takes by its leaves' own estimates alone: a leaf's
/// own; a group's, the sum over its required children; a choice's, the sum
/// of its `pick` quickest alternatives. `None` when a leaf it needs has no
/// estimate of its own (for a choice: when any alternative's is unknown, as
/// the quickest cannot be told then). Group estimates play no part.
pub fn leaves_estimate(cat: &Catalog, id: NodeId) -> Option<Estimate> {
    let node = cat.node(id);
    if !node.is_group() {
        return node.estimate;
    }
    if node.kind == Kind::Choice {
        let mut alternatives = cat
            .children(id)
            .map(|c| leaves_estimate(cat, c))
            .collect::<Option<Vec<Estimate>>>()?;
        alternatives.sort_by_key(|e| (e.min_hours, e.max_hours));
        return Some(
            alternatives
                .into_iter()
                .take(node.pick.unwrap_or(1) as usize)
                .sum(),
        );
    }
    cat.required_children(id)
        .map(|c| leaves_estimate(cat, c))
        .sum()
}

/// How many leaves without their own estimate completing `id` takes: all
/// required children's, and for a choice its first `pick` alternatives'.
fn needed_unestimated(cat: &Catalog, id: NodeId) -> u32 {
    let node = cat.node(id);
    if !node.is_group() {
        return u32::from(node.estimate.is_none());
    }
    if node.kind == Kind::Choice {
        // The alternatives `plan` takes when none is started: the first ones.
        return cat
            .children(id)
            .take(node.pick.unwrap_or(1) as usize)
            .map(|c| needed_unestimated(cat, c))
            .sum();
    }
    cat.required_children(id)
        .map(|c| needed_unestimated(cat, c))
        .sum()
}

/// Nodes that list `id` directly in `requires`.
pub fn unlocked_by(cat: &Catalog, id: NodeId) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = cat.dependents(id).to_vec();
    out.sort_unstable();
    out.dedup();
    out
}

/// The leaves roadmap `r` still needs for 100%: what [`plan_steps`] gives for
/// each of its non-optional top-level nodes (so a choice counts only the
/// alternatives it still needs, the chosen ones first), within the roadmap.
pub fn remaining(cat: &Catalog, state: &State, r: RoadmapIx, chosen: &Chosen) -> Vec<NodeId> {
    let range = cat.nodes_of(r);
    let roots = cat.roots_of(r).filter(|&n| !cat.node(n).optional);
    let mut out: Vec<NodeId> = plan_steps_for(cat, state, roots, chosen, Unmade::TakeFirst)
        .into_iter()
        .map(Step::node)
        .filter(|&n| range.contains(n))
        .collect();
    out.sort_unstable();
    out
}
