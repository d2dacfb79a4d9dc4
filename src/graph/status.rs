//! The unlock rules: from what a user marked to what every node is.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use super::UserStatus;
use crate::roadmap::Kind;

use super::catalog::Catalog;
use super::dag::Vertex;
use super::id::{NodeId, RoadmapIx};

/// What the graph reports for a node.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    /// A prerequisite is unmet.
    Locked,
    /// Ready to learn.
    Available,
    /// Started (for groups: something below is started or done).
    InProgress,
    /// Finished (for groups: its children are).
    Done,
    /// Passed over on purpose.
    Skipped,
}

impl Status {
    /// The name used in JSON and `--help`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The name for people: `in progress` rather than `in_progress`.
    pub fn label(self) -> &'static str {
        match self {
            Status::InProgress => "in progress",
            other => other.as_str(),
        }
    }

    /// Done or skipped.
    pub fn is_satisfied(self) -> bool {
        matches!(self, Status::Done | Status::Skipped)
    }
}

/// Every node's status for one user's progress.
#[derive(Debug, Clone)]
pub struct State {
    user: Vec<UserStatus>,
    available: Vec<bool>,
    satisfied: Vec<bool>,
    started: Vec<bool>,
    status: Vec<Status>,
}

impl State {
    /// Evaluates the rules for `progress` (key → status; a missing key is todo).
    pub fn evaluate(cat: &Catalog, progress: &HashMap<String, UserStatus>) -> State {
        let n = cat.len();
        let user: Vec<UserStatus> = cat.ids().map(|id| lookup(cat, id, progress)).collect();
        let mut s = State {
            user,
            available: vec![false; n],
            satisfied: vec![false; n],
            started: vec![false; n],
            status: vec![Status::Locked; n],
        };
        for v in cat.dag().topo_order() {
            match v {
                Vertex::Avail(id) => s.settle_available(cat, id),
                Vertex::Done(id) => s.settle(cat, id),
            }
        }
        s
    }

    /// Moves on to what [`State::evaluate`] would give once the stored statuses of
    /// `keys` changed, recomputing only what they decide: a mark costs what it
    /// changes, not the size of the roadmaps. `progress` holds (at least) every key
    /// and former key of the topics holding `keys` (see [`State::keys_to_read`]).
    pub fn update<'k>(
        &mut self,
        cat: &Catalog,
        keys: impl IntoIterator<Item = &'k str>,
        progress: &HashMap<String, UserStatus>,
    ) {
        let dag = cat.dag();
        // Positions in the evaluation order still to recompute, lowest first.
        let mut queue = BinaryHeap::new();
        let mut queued = HashSet::new();
        let mut push = |queue: &mut BinaryHeap<Reverse<u32>>, v: Vertex| {
            let at = dag.position(v);
            if queued.insert(at) {
                queue.push(Reverse(at));
            }
        };
        for id in keys.into_iter().flat_map(|k| cat.leaves_with_key(k)) {
            let u = lookup(cat, id, progress);
            if self.user[id.index()] != u {
                self.user[id.index()] = u;
                push(&mut queue, Vertex::Done(id));
            }
        }
        while let Some(Reverse(at)) = queue.pop() {
            let v = dag.at_position(at);
            let id = v.node();
            let changed = match v {
                Vertex::Avail(_) => {
                    let was = self.available[id.index()];
                    self.settle_available(cat, id);
                    // A group's own status reads its availability with no edge
                    // between the two (its members stand between them).
                    if self.available[id.index()] != was && cat.is_group(id) {
                        push(&mut queue, Vertex::Done(id));
                    }
                    self.available[id.index()] != was
                }
                Vertex::Done(_) => {
                    let i = id.index();
                    let was = (self.satisfied[i], self.started[i], self.status[i]);
                    self.settle(cat, id);
                    was != (self.satisfied[i], self.started[i], self.status[i])
                }
            };
            if changed {
                for w in dag.successors(v) {
                    push(&mut queue, w);
                }
            }
        }
    }

    /// Every key and former key of the topics holding `keys`: what
    /// [`State::update`] needs to know the new statuses of.
    pub fn keys_to_read<'c>(cat: &'c Catalog, keys: &[&str]) -> Vec<&'c str> {
        let mut out: Vec<&str> = keys
            .iter()
            .flat_map(|k| cat.leaves_with_key(k))
            .flat_map(|id| {
                std::iter::once(cat.key(id)).chain(cat.alias_keys(id).iter().map(String::as_str))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn settle_available(&mut self, cat: &Catalog, id: NodeId) {
        self.available[id.index()] = cat.requires(id).iter().all(|&r| self.satisfied[r.index()])
            && cat.parent(id).is_none_or(|p| self.available[p.index()]);
    }

    fn settle(&mut self, cat: &Catalog, id: NodeId) {
        let node = cat.node(id);
        if !node.is_group() {
            let u = self.user[id.index()];
            self.satisfied[id.index()] = u.is_satisfied();
            self.started[id.index()] = matches!(u, UserStatus::InProgress | UserStatus::Done);
            self.status[id.index()] = match u {
                UserStatus::Done => Status::Done,
                UserStatus::Skipped => Status::Skipped,
                UserStatus::InProgress => Status::InProgress,
                UserStatus::Todo if self.available[id.index()] => Status::Available,
                UserStatus::Todo => Status::Locked,
            };
            return;
        }
        let children: Vec<NodeId> = cat.children(id).collect();
        let done_count = children
            .iter()
            .filter(|&&c| self.satisfied[c.index()])
            .count();
        self.satisfied[id.index()] = match node.kind {
            Kind::Choice => done_count >= node.pick.unwrap_or(1) as usize,
            _ => cat.required_children(id).all(|c| self.satisfied[c.index()]),
        };
        self.started[id.index()] = children.iter().any(|&c| self.started[c.index()]);
        let all_skipped = children
            .iter()
            .filter(|&&c| self.satisfied[c.index()])
            .all(|&c| self.status[c.index()] == Status::Skipped);
        self.status[id.index()] = if self.satisfied[id.index()] {
            if all_skipped {
                Status::Skipped
            } else {
                Status::Done
            }
        } else if self.started[id.index()] {
            Status::InProgress
        } else if self.available[id.index()] {
            Status::Available
        } else {
            Status::Locked
        };
    }

    /// The reported status.
    pub fn status(&self, id: NodeId) -> Status {
        self.status[id.index()]
    }

    /// What the user set (leaves; todo for groups).
    pub fn user(&self, id: NodeId) -> UserStatus {
        self.user[id.index()]
    }

    /// Whether every prerequisite (inherited ones too) is satisfied.
    pub fn is_available(&self, id: NodeId) -> bool {
        self.available[id.index()]
    }

    /// Done or skipped.
    pub fn is_satisfied(&self, id: NodeId) -> bool {
        self.satisfied[id.index()]
    }

    /// Satisfied and total units of a node's subtree, for progress: optional
    /// nodes do not count, and a choice counts the `pick` alternatives the
    /// user is furthest along in.
    pub fn units(&self, cat: &Catalog, id: NodeId) -> (u32, u32) {
        self.units_with(cat, id, &mut |c| self.units(cat, c))
    }

    /// [`State::units`] of every node of roadmap `r`, indexed from its first
    /// node, in one pass from the leaves up (asking each group alone would
    /// walk every subtree once per level above it).
    pub fn roadmap_node_units(&self, cat: &Catalog, r: RoadmapIx) -> Vec<(u32, u32)> {
        let nodes = cat.nodes_of(r);
        let first = nodes.first().index();
        let mut out = vec![(0, 0); nodes.len()];
        // Pre-order puts children after their group: backwards, they come first.
        for id in nodes.rev() {
            let units = self.units_with(cat, id, &mut |c| out[c.index() - first]);
            out[id.index() - first] = units;
        }
        out
    }

    /// A node's units, given its children's from `child`.
    fn units_with(
        &self,
        cat: &Catalog,
        id: NodeId,
        child: &mut dyn FnMut(NodeId) -> (u32, u32),
    ) -> (u32, u32) {
        let node = cat.node(id);
        if !node.is_group() {
            return (u32::from(self.satisfied[id.index()]), 1);
        }
        // A choice weighs its alternatives; a group, its required children.
        let counted: Vec<NodeId> = match node.kind {
            Kind::Choice => cat.children(id).collect(),
            _ => cat.required_children(id).collect(),
        };
        let mut parts: Vec<(u32, u32)> = counted.iter().map(|&c| child(c)).collect();
        if node.kind == Kind::Choice {
            // Furthest along first; among equals, the smaller alternative.
            parts.sort_by(|a, b| {
                let (fa, fb) = (a.0 as u64 * b.1 as u64, b.0 as u64 * a.1 as u64);
                fb.cmp(&fa).then(a.1.cmp(&b.1))
            });
            parts.truncate(node.pick.unwrap_or(1) as usize);
        }
        parts.iter().fold((0, 0), |(d, t), (a, b)| (d + a, t + b))
    }

    /// Satisfied and total units of a whole roadmap.
    pub fn roadmap_units(&self, cat: &Catalog, r: RoadmapIx) -> (u32, u32) {
        cat.roots_of(r)
            .filter(|&n| !cat.node(n).optional)
            .map(|n| self.units(cat, n))
            .fold((0, 0), |(d, t), (a, b)| (d + a, t + b))
    }
}

/// Percentage, rounded down so 100% means everything.
pub fn percent((done, total): (u32, u32)) -> u32 {
    (done * 100).checked_div(total).unwrap_or(100)
}

fn lookup(cat: &Catalog, id: NodeId, progress: &HashMap<String, UserStatus>) -> UserStatus {
    if cat.is_group(id) {
        return UserStatus::Todo;
    }
    std::iter::once(cat.key(id))
        .chain(cat.alias_keys(id).iter().map(String::as_str))
        .find_map(|k| progress.get(k).copied())
        .unwrap_or(UserStatus::Todo)
}
