//! Every loaded roadmap in one arena, with prerequisites resolved across
//! roadmaps and the dependency DAG built over it.

use std::collections::HashMap;

use crate::roadmap::{Diagnostic, Node, Pos, Roadmap, diagnostic::did_you_mean};

use super::dag::{Dag, Shape};
use super::id::{NodeId, NodeRange, RoadmapIx};
use super::names::Names;

/// How one node of a prerequisite cycle needs the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// It names the next one in `requires`.
    Requires,
    /// It is a group, and the next one is a member it needs.
    Member,
    /// Its group (the one given) names the next one in `requires`.
    Inherits(NodeId),
}

/// All loaded roadmaps, resolved and checked.
#[derive(Debug)]
pub struct Catalog {
    roadmaps: Vec<Roadmap>,
    /// The first node of each roadmap.
    base: Vec<usize>,
    owner: Vec<RoadmapIx>,
    parent: Vec<Option<NodeId>>,
    group: Vec<bool>,
    requires: Vec<Vec<NodeId>>,
    dependents: Vec<Vec<NodeId>>,
    keys: Vec<String>,
    alias_keys: Vec<Vec<String>>,
    /// Ids and keys, sorted for lookups.
    /// Built on first use: a command that names no topic never pays for it.
    names: std::sync::OnceLock<Names>,
    dag: Dag,
}

impl Catalog {
    /// Resolves and checks `roadmaps`. A roadmap with errors is left out (and
    /// so are roadmaps that need it, round after round); its errors are returned.
    pub fn build(mut roadmaps: Vec<Roadmap>) -> (Catalog, Vec<Diagnostic>) {
        let mut all_errors = Vec::new();
        let mut left_out: Vec<String> = Vec::new();
        loop {
            let (catalog, errors) = Self::try_build(roadmaps, &left_out);
            if errors.is_empty() {
                return (catalog, all_errors);
            }
            let bad: Vec<String> = errors.iter().map(|(r, _)| r.clone()).collect();
            roadmaps = catalog.roadmaps;
            all_errors.extend(errors.into_iter().map(|(_, d)| d));
            roadmaps.retain(|r| !bad.contains(&r.id));
            left_out.extend(bad);
        }
    }

    /// One round of [`Catalog::build`]; `left_out` names the roadmaps earlier
    /// rounds dropped for their errors, so a roadmap that needs one is told why
    /// it is missing.
    fn try_build(
        roadmaps: Vec<Roadmap>,
        left_out: &[String],
    ) -> (Catalog, Vec<(String, Diagnostic)>) {
        let mut base = Vec::with_capacity(roadmaps.len());
        let mut owner = Vec::new();
        let mut parent = Vec::new();
        let mut group = Vec::new();
        for (r, roadmap) in roadmaps.iter().enumerate() {
            let b = owner.len();
            base.push(b);
            owner.extend(std::iter::repeat_n(RoadmapIx::new(r), roadmap.nodes.len()));
            for node in &roadmap.nodes {
                parent.push(node.parent.map(|p| NodeId::new(b + p)));
                group.push(node.is_group());
            }
        }
        let mut cat = Catalog {
            requires: vec![Vec::new(); owner.len()],
            dependents: vec![Vec::new(); owner.len()],
            keys: Vec::with_capacity(owner.len()),
            alias_keys: Vec::with_capacity(owner.len()),
            names: std::sync::OnceLock::new(),
            roadmaps,
            base,
            owner,
            parent,
            group,
            dag: Dag::default(),
        };
        let mut errors = Vec::new();
        cat.assign_keys();
        cat.resolve(left_out, &mut errors);
        if errors.is_empty() {
            let (dag, cycles) = Dag::build(&Shape {
                requires: &cat.requires,
                parent: &cat.parent,
                group: &cat.group,
            });
            cat.dag = dag;
            errors.extend(cycles.iter().flat_map(|c| cat.cycle_errors(c)));
        }
        (cat, errors)
    }

    fn assign_keys(&mut self) {
        for roadmap in &self.roadmaps {
            for node in &roadmap.nodes {
                let own = slash(&roadmap.id, &node.id);
                let mut aliases: Vec<String> =
                    node.aliases.iter().map(|a| slash(&roadmap.id, a)).collect();
                // A node that gained a topic keeps progress from before it had one.
                let key = match &node.topic {
                    Some(t) => {
                        aliases.push(own);
                        t.clone()
                    }
                    None => own,
                };
                self.keys.push(key);
                self.alias_keys.push(aliases);
            }
        }
    }

    fn resolve(&mut self, left_out: &[String], errors: &mut Vec<(String, Diagnostic)>) {
        // Id → node, per roadmap; former ids (aliases) resolve too, real ids win.
        let index: Vec<HashMap<&str, usize>> = self
            .roadmaps
            .iter()
            .map(|r| {
                let mut m = HashMap::with_capacity(r.nodes.len());
                for (i, n) in r.nodes.iter().enumerate() {
                    for a in &n.aliases {
                        m.entry(a.as_str()).or_insert(i);
                    }
                }
                for (i, n) in r.nodes.iter().enumerate() {
                    m.insert(n.id.as_str(), i);
                }
                m
            })
            .collect();
        for id in self.ids() {
            let r = self.owner[id.index()];
            let roadmap = &self.roadmaps[r.index()];
            let node = self.node(id);
            let mut resolved = Vec::new();
            for req in &node.requires {
                let target_roadmap = match &req.roadmap {
                    None => Some(r),
                    Some(name) => self.find_roadmap(name),
                };
                let Some(tr) = target_roadmap else {
                    let name = req.roadmap.as_deref().unwrap_or_default();
                    if left_out.iter().any(|l| l == name) {
                        let d = Diagnostic::new(
                            &roadmap.file,
                            Some(req.pos),
                            format!(
                                "`{}` requires `{req}`, but roadmap `{name}` was left out for its errors",
                                node.id
                            ),
                        )
                        .hint(format!("fix the errors reported for `{name}` first"));
                        errors.push((roadmap.id.clone(), d));
                        continue;
                    }
                    let d = Diagnostic::new(
                        &roadmap.file,
                        Some(req.pos),
                        format!(
                            "`{}` requires `{req}`, but no roadmap `{name}` is loaded",
                            node.id
                        ),
                    )
                    .hint(
                        match did_you_mean(name, self.roadmaps.iter().map(|r| r.id.as_str())) {
                            Some(s) => format!("did you mean `{s}/{}`?", req.id),
                            None => "load that roadmap too, or remove the prerequisite".into(),
                        },
                    );
                    errors.push((roadmap.id.clone(), d));
                    continue;
                };
                let target = index[tr.index()].get(req.id.as_str()).copied();
                let Some(local) = target else {
                    let candidates = self.roadmaps[tr.index()]
                        .nodes
                        .iter()
                        .map(|n| n.id.as_str());
                    let hint = match did_you_mean(&req.id, candidates) {
                        Some(s) if tr == r => format!("did you mean `{s}`?"),
                        Some(s) => format!("did you mean `{}/{s}`?", self.roadmaps[tr.index()].id),
                        None => "prerequisites name a node id in this roadmap, or `roadmap/id` in another".into(),
                    };
                    let d = Diagnostic::new(
                        &roadmap.file,
                        Some(req.pos),
                        format!("`{}` requires unknown node `{req}`", node.id),
                    )
                    .hint(hint);
                    errors.push((roadmap.id.clone(), d));
                    continue;
                };
                let target = NodeId::new(self.base[tr.index()] + local);
                let problem = if target == id {
                    Some((
                        format!("`{}` requires itself", node.id),
                        "remove it from its own `requires`".to_string(),
                    ))
                } else if self.is_ancestor(target, id) {
                    Some((
                        format!("`{}` requires its own group `{}`", node.id, self.node(target).id),
                        "a group is done only when its children are, so a child cannot wait for it; require an earlier node instead".to_string(),
                    ))
                } else if self.is_ancestor(id, target) {
                    Some((
                        format!("group `{}` requires `{}`, which is inside it", node.id, self.node(target).id),
                        "children inherit their group's prerequisites, so this can never be met; move the prerequisite onto the nodes that need it".to_string(),
                    ))
                } else {
                    None
                };
                if let Some((msg, hint)) = problem {
                    errors.push((
                        roadmap.id.clone(),
                        Diagnostic::new(&roadmap.file, Some(req.pos), msg).hint(hint),
                    ));
                    continue;
                }
                resolved.push(target);
            }
            // `x` and `this-roadmap/x` name one node: one edge.
            let mut seen = std::collections::HashSet::new();
            resolved.retain(|t| seen.insert(*t));
            for &t in &resolved {
                self.dependents[t.index()].push(id);
            }
            self.requires[id.index()] = resolved;
        }
    }

    /// The errors for one cycle, given as the `requires` entries it is made
    /// of: one per roadmap it runs through, at the place in that roadmap's
    /// file where its first node needs the next. Each node is named once,
    /// in "requires" order, as the user wrote it: a group appears only when
    /// something in the cycle requires it.
    fn cycle_errors(&self, links: &[(NodeId, NodeId)]) -> Vec<(String, Diagnostic)> {
        let steps = self.cycle_steps(links);
        let spans_roadmaps = steps
            .iter()
            .any(|s| self.owner[s.0.index()] != self.owner[steps[0].0.index()]);
        let name = |n: NodeId| {
            if spans_roadmaps {
                self.qualified(n)
            } else {
                self.node(n).id.clone()
            }
        };
        let mut roadmaps: Vec<RoadmapIx> = steps.iter().map(|s| self.owner[s.0.index()]).collect();
        roadmaps.sort_unstable();
        roadmaps.dedup();
        roadmaps
            .into_iter()
            .map(|r| {
                // Start at this roadmap's first node in file order.
                let first = (0..steps.len())
                    .filter(|&i| self.owner[steps[i].0.index()] == r)
                    .min_by_key(|&i| steps[i].0)
                    .expect("the roadmap has a node in the cycle");
                let mut ring = steps.clone();
                ring.rotate_left(first);
                let next = |i: usize| ring[(i + 1) % ring.len()].0;
                let mut path: Vec<String> = ring.iter().map(|s| name(s.0)).collect();
                path.push(name(ring[0].0));
                let (n, link) = ring[0];
                let pos = match link {
                    Link::Requires => self.requirement_pos(n, next(0)),
                    Link::Inherits(g) => self.requirement_pos(g, next(0)),
                    Link::Member => None,
                }
                .unwrap_or(self.node(n).pos);
                let why: Vec<String> = (0..ring.len())
                    .filter_map(|i| match ring[i].1 {
                        Link::Requires => None,
                        Link::Member => Some(format!(
                            "`{}` is done only when `{}` inside it is",
                            name(ring[i].0),
                            name(next(i))
                        )),
                        Link::Inherits(g) => Some(format!(
                            "`{}` is inside `{}`, which requires `{}`",
                            name(ring[i].0),
                            name(g),
                            name(next(i))
                        )),
                    })
                    .collect();
                let hint = if why.is_empty() {
                    "each arrow means \"requires\"; remove one link to break the cycle".to_string()
                } else {
                    format!(
                        "each arrow means \"needs\": {}; remove one link to break the cycle",
                        why.join("; ")
                    )
                };
                let roadmap = &self.roadmaps[r.index()];
                let d = Diagnostic::new(
                    &roadmap.file,
                    Some(pos),
                    format!("prerequisite cycle: {}", path.join(" → ")),
                )
                .hint(hint);
                (roadmap.id.clone(), d)
            })
            .collect()
    }

    /// The nodes a cycle shows, each with how it needs the next one, from
    /// its `requires` entries (`(node, prerequisite)`, in "needs" order).
    fn cycle_steps(&self, links: &[(NodeId, NodeId)]) -> Vec<(NodeId, Link)> {
        let mut steps = Vec::with_capacity(links.len());
        for (i, &(_, req)) in links.iter().enumerate() {
            let (next, _) = links[(i + 1) % links.len()];
            if self.is_ancestor(req, next) {
                // A required group, done only when its member is.
                steps.push((req, Link::Member));
                steps.push((next, Link::Requires));
            } else if self.is_ancestor(next, req) {
                // A member of a group that requires something.
                steps.push((req, Link::Inherits(next)));
            } else {
                steps.push((req, Link::Requires));
            }
        }
        // A node met twice closes a shorter cycle: keep that one.
        while let Some((a, b)) = (0..steps.len()).find_map(|a| {
            (a + 1..steps.len())
                .find(|&b| steps[b].0 == steps[a].0)
                .map(|b| (a, b))
        }) {
            steps = steps[a..b].to_vec();
        }
        steps
    }

    /// Where `n`'s `requires` names `target`, if it does.
    pub fn requirement_pos(&self, n: NodeId, target: NodeId) -> Option<Pos> {
        let t = self.node(target);
        self.node(n)
            .requires
            .iter()
            .find(|req| {
                req.roadmap.as_deref().unwrap_or(self.roadmap_id(n)) == self.roadmap_id(target)
                    && (req.id == t.id || t.aliases.contains(&req.id))
            })
            .map(|req| req.pos)
    }

    /// Whether `a` is a strict ancestor of `b`.
    pub fn is_ancestor(&self, a: NodeId, b: NodeId) -> bool {
        let mut cur = self.parent(b);
        while let Some(p) = cur {
            if p == a {
                return true;
            }
            cur = self.parent(p);
        }
        false
    }

    /// The loaded roadmaps, in load order.
    pub fn roadmaps(&self) -> &[Roadmap] {
        &self.roadmaps
    }

    /// One loaded roadmap.
    pub fn roadmap(&self, r: RoadmapIx) -> &Roadmap {
        &self.roadmaps[r.index()]
    }

    /// Every roadmap's index, in load order.
    pub fn roadmap_ixs(&self) -> impl ExactSizeIterator<Item = RoadmapIx> + use<> {
        (0..self.roadmaps.len()).map(RoadmapIx::new)
    }

    /// Index of the roadmap with this id.
    pub fn find_roadmap(&self, id: &str) -> Option<RoadmapIx> {
        self.roadmaps
            .iter()
            .position(|r| r.id == id)
            .map(RoadmapIx::new)
    }

    /// Number of nodes across all roadmaps.
    pub fn len(&self) -> usize {
        self.owner.len()
    }

    /// Whether no roadmap is loaded.
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty()
    }

    /// Every node, in load order.
    pub fn ids(&self) -> NodeRange {
        NodeRange::new(0, self.len())
    }

    /// The node itself.
    pub fn node(&self, id: NodeId) -> &Node {
        let r = self.owner[id.index()].index();
        &self.roadmaps[r].nodes[id.index() - self.base[r]]
    }

    /// Whether the node has children (its status is derived from them).
    pub fn is_group(&self, id: NodeId) -> bool {
        self.group[id.index()]
    }

    /// Index of the node's roadmap.
    pub fn roadmap_of(&self, id: NodeId) -> RoadmapIx {
        self.owner[id.index()]
    }

    /// The node ids of roadmap `r`, in file order.
    pub fn nodes_of(&self, r: RoadmapIx) -> NodeRange {
        let b = self.base[r.index()];
        NodeRange::new(b, b + self.roadmaps[r.index()].nodes.len())
    }

    /// Top-level nodes of roadmap `r`.
    pub fn roots_of(&self, r: RoadmapIx) -> impl Iterator<Item = NodeId> + '_ {
        let b = self.base[r.index()];
        self.roadmaps[r.index()]
            .roots()
            .map(move |i| NodeId::new(b + i))
    }

    /// The id of the node's roadmap.
    pub fn roadmap_id(&self, id: NodeId) -> &str {
        &self.roadmaps[self.owner[id.index()].index()].id
    }

    /// `roadmap/node`.
    pub fn qualified(&self, id: NodeId) -> String {
        slash(self.roadmap_id(id), &self.node(id).id)
    }

    /// The parent group.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.parent[id.index()]
    }

    /// Children, in file order.
    pub fn children(&self, id: NodeId) -> impl ExactSizeIterator<Item = NodeId> + '_ {
        let b = self.base[self.owner[id.index()].index()];
        self.node(id)
            .children
            .iter()
            .map(move |&c| NodeId::new(b + c))
    }

    /// The children a (non-choice) group needs done: the non-optional ones.
    /// A choice counts every child as an alternative; callers handle that.
    pub fn required_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |&c| !self.node(c).optional)
    }

    /// Every prerequisite of a node: its own, then those it inherits from its
    /// groups, outermost last.
    pub fn all_requires(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.parent(n))
            .flat_map(move |n| self.requires[n.index()].iter().copied())
    }

    /// Resolved prerequisites.
    pub fn requires(&self, id: NodeId) -> &[NodeId] {
        &self.requires[id.index()]
    }

    /// Nodes that name this one in `requires`.
    pub fn dependents(&self, id: NodeId) -> &[NodeId] {
        &self.dependents[id.index()]
    }

    /// The progress key: the topic, or `roadmap/node`.
    pub fn key(&self, id: NodeId) -> &str {
        &self.keys[id.index()]
    }

    /// Former keys whose progress carries over.
    pub fn alias_keys(&self, id: NodeId) -> &[String] {
        &self.alias_keys[id.index()]
    }

    fn names(&self) -> &Names {
        self.names.get_or_init(|| Names::build(self))
    }

    /// The leaves whose progress key, or a former key, is `key`, in
    /// catalog order.
    pub fn leaves_with_key(&self, key: &str) -> impl Iterator<Item = NodeId> + '_ {
        self.names().with_key(self, key)
    }

    /// Every leaf key and former key, each once, sorted.
    pub fn all_keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.names().keys(self)
    }

    /// Every node named `text`: `roadmap/node` exactly, or `node` in any
    /// roadmap; a former id (alias) counts when no current id matches.
    pub fn lookup(&self, text: &str) -> Vec<NodeId> {
        let text = text.trim();
        // A former id (alias) still names its node, as it does in `requires`.
        if let Some((r, id)) = text.split_once('/') {
            let Some(r) = self.find_roadmap(r) else {
                return Vec::new();
            };
            let mine = |n: &NodeId| self.owner[n.index()] == r;
            return self
                .names()
                .with_id(self, id)
                .find(mine)
                .or_else(|| self.names().with_alias(self, id).find(mine))
                .into_iter()
                .collect();
        }
        let found: Vec<NodeId> = self.names().with_id(self, text).collect();
        if found.is_empty() {
            self.names().with_alias(self, text).collect()
        } else {
            found
        }
    }

    /// The dependency DAG over every node.
    pub fn dag(&self) -> &Dag {
        &self.dag
    }

    /// Dependency-respecting position of a node: sorting by it puts
    /// prerequisites first and otherwise keeps file order.
    pub fn rank(&self, id: NodeId) -> u32 {
        self.dag.rank(id)
    }
}

/// `a/b`, built directly: formatting machinery was a tenth of building the
/// catalog, which makes one key per topic at every start.
fn slash(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + 1 + b.len());
    out.push_str(a);
    out.push('/');
    out.push_str(b);
    out
}
