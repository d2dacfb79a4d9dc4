//! Lints: what a reviewer checks by hand in a roadmap, as warnings. A
//! roadmap with warnings works; `validate` shows them, and can count them as
//! errors. Each lint is a pure function over a [`Catalog`] and one roadmap in
//! it, and points at the node concerned. The rules and their thresholds are
//! documented in `roadmaps/README.md` ("Warnings"); keep the two in step.

use std::collections::HashSet;

use crate::roadmap::{Diagnostic, Kind, Node, Pos, ResourceKind};

use super::catalog::Catalog;
use super::id::{NodeId, RoadmapIx};
use super::query;

/// A start set larger than this is "huge".
pub const START_SET_MAX: usize = 40;
/// A leaf is "deep" when its plan is longer than this many times the
/// roadmap's median plan…
pub const DEPTH_FACTOR: usize = 3;
/// …and longer than this many steps.
pub const DEPTH_MIN: usize = 25;
/// Requiring a whole group of more than this many needed leaves is flagged.
pub const WHOLE_GROUP_MAX: usize = 8;

/// Which lint found something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lint {
    /// The start set is empty (of needed topics), huge, or only tools.
    StartSet,
    /// A leaf's plan is far longer than the roadmap's usual.
    Depth,
    /// A node needs one alternative of a choice from outside it.
    RequiresAlternative,
    /// A topic requires a whole large group.
    WholeGroup,
    /// A group's own estimate disagrees with what its leaves add up to.
    GroupEstimate,
}

/// One warning: which lint, about which node, and what to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The lint.
    pub lint: Lint,
    /// The node concerned.
    pub node: NodeId,
    /// The message, a warning, at the node or its `requires` entry.
    pub diagnostic: Diagnostic,
}

/// Every lint on roadmap `r`, in file order.
pub fn lint(cat: &Catalog, r: RoadmapIx) -> Vec<Warning> {
    let mut out = start_set(cat, r);
    out.extend(depth(cat, r));
    out.extend(requires_alternative(cat, r));
    out.extend(whole_group(cat, r));
    out.extend(group_estimate(cat, r));
    out.sort_by_key(|w| (w.diagnostic.pos, w.lint));
    out
}

fn warning(
    cat: &Catalog,
    lint: Lint,
    node: NodeId,
    pos: Pos,
    message: String,
    hint: String,
) -> Warning {
    let file = &cat.roadmap(cat.roadmap_of(node)).file;
    Warning {
        lint,
        node,
        diagnostic: Diagnostic::new(file, Some(pos), message)
            .hint(hint)
            .warning(),
    }
}

/// A node's name as seen from roadmap `r`: its id there, `roadmap/id` elsewhere.
fn name(cat: &Catalog, r: RoadmapIx, n: NodeId) -> String {
    if cat.roadmap_of(n) == r {
        cat.node(n).id.clone()
    } else {
        cat.qualified(n)
    }
}

/// Whether the node or one of its groups is optional: nothing needs it.
pub fn is_optional(cat: &Catalog, n: NodeId) -> bool {
    std::iter::successors(Some(n), |&m| cat.parent(m)).any(|m| cat.node(m).optional)
}

/// Whether a topic is about a tool rather than a concept: it is tagged
/// `tool`, or it has links and every one is of type `tool`.
pub fn is_tool_like(node: &Node) -> bool {
    node.tags.iter().any(|t| t == "tool")
        || (!node.resources.is_empty()
            && node.resources.iter().all(|r| r.kind == ResourceKind::Tool))
}

/// A beginner's start set in roadmap `r`: the leaves it needs (optional ones
/// left out; alternatives of a choice count) that are available with no
/// progress, one per shared topic, in file order. A prerequisite in another
/// roadmap counts as met: a roadmap that builds on another starts where
/// that one ends.
pub fn start_set_of(cat: &Catalog, r: RoadmapIx) -> Vec<NodeId> {
    let range = cat.nodes_of(r);
    let mut keys = HashSet::new();
    range
        .filter(|&n| !cat.is_group(n) && !is_optional(cat, n))
        .filter(|&n| cat.all_requires(n).all(|q| !range.contains(q)))
        .filter(|&n| keys.insert(cat.key(n)))
        .collect()
}

/// The start set is empty, larger than [`START_SET_MAX`], or made only of
/// tool-like topics ([`is_tool_like`]).
pub fn start_set(cat: &Catalog, r: RoadmapIx) -> Vec<Warning> {
    let set = start_set_of(cat, r);
    let list = |nodes: &[NodeId]| {
        let mut names: Vec<String> = nodes
            .iter()
            .take(3)
            .map(|&n| format!("`{}`", name(cat, r, n)))
            .collect();
        if nodes.len() > 3 {
            names.push("…".into());
        }
        names.join(", ")
    };
    let Some(&first) = set.first() else {
        let first = cat.nodes_of(r).first();
        return vec![warning(
            cat,
            Lint::StartSet,
            first,
            cat.node(first).pos,
            "a beginner can start nothing this roadmap needs: every topic open at the start is optional".into(),
            "let a first required topic depend on nothing in this roadmap, or make what it waits for required".into(),
        )];
    };
    let mut out = Vec::new();
    if set.len() > START_SET_MAX {
        out.push(warning(
            cat,
            Lint::StartSet,
            first,
            cat.node(first).pos,
            format!(
                "a beginner can start {} topics at once ({}): too many to choose a first step from",
                set.len(),
                list(&set)
            ),
            format!(
                "let later topics require earlier ones, so that at most {START_SET_MAX} are open at the start"
            ),
        ));
    }
    if set.iter().all(|&n| is_tool_like(cat.node(n))) {
        out.push(warning(
            cat,
            Lint::StartSet,
            first,
            cat.node(first).pos,
            format!(
                "every topic a beginner can start is a tool ({}): there is no concept to begin with",
                list(&set)
            ),
            "start with what the tools are for, and let the tools require it (a topic is a tool when it is tagged `tool` or all its links are of type `tool`)".into(),
        ));
    }
    out
}

/// The median of `values`: the lower middle one for an even count.
fn median(values: &mut [usize]) -> usize {
    values.sort_unstable();
    values
        .get(values.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0)
}

/// A leaf whose plan from a standing start ([`query::plan`] with no
/// progress) is longer than [`DEPTH_FACTOR`] times the median plan of the
/// roadmap's leaves and longer than [`DEPTH_MIN`] steps. Only the first such
/// leaves on a path are reported: those whose plan holds no other one, as
/// what comes after them is deep because of them.
pub fn depth(cat: &Catalog, r: RoadmapIx) -> Vec<Warning> {
    let lengths = query::plan_lengths(cat);
    let leaves: Vec<NodeId> = cat.nodes_of(r).filter(|&n| !cat.is_group(n)).collect();
    let mut own: Vec<usize> = leaves.iter().map(|&l| lengths[l.index()]).collect();
    let typical = median(&mut own);
    let limit = (DEPTH_FACTOR * typical).max(DEPTH_MIN);
    let deep = |n: NodeId| cat.roadmap_of(n) == r && !cat.is_group(n) && lengths[n.index()] > limit;
    // Whether a node's plan holds a deep leaf, besides the node itself.
    let holds_deep = query::fold_fresh_plans(cat, false, deep, |a, b| a || b);
    leaves
        .into_iter()
        .filter(|&l| deep(l))
        .filter(|&l| {
            !cat.all_requires(l).any(|q| holds_deep[q.index()])
        })
        .map(|l| {
            warning(
                cat,
                Lint::Depth,
                l,
                cat.node(l).pos,
                format!(
                    "`{}` takes {} steps from a standing start, where this roadmap's topics typically take {typical}",
                    name(cat, r, l),
                    lengths[l.index()]
                ),
                format!(
                    "check what it requires: a prerequisite it does not build on, or a whole group where one topic would do, makes the path long (flagged past {DEPTH_FACTOR}× the median and {DEPTH_MIN} steps)"
                ),
            )
        })
        .collect()
}

/// A choice whose alternatives are not all needed: fewer to pick than it has.
fn is_real_choice(cat: &Catalog, c: NodeId) -> bool {
    let node = cat.node(c);
    node.kind == Kind::Choice && (node.pick.unwrap_or(1) as usize) < node.children.len()
}

/// A node that requires one alternative of a choice (or something inside
/// one), when the choice leaves that alternative out for some learners: the
/// node must be optional (or inside an optional group), inside that
/// alternative, or itself inside an alternative of another choice.
pub fn requires_alternative(cat: &Catalog, r: RoadmapIx) -> Vec<Warning> {
    let mut out = Vec::new();
    for n in cat.nodes_of(r) {
        if is_optional(cat, n) {
            continue;
        }
        // The choices `n` is an alternative of (or inside one of).
        let own_choices: Vec<NodeId> = std::iter::successors(Some(n), |&m| cat.parent(m))
            .filter_map(|m| cat.parent(m).filter(|&p| is_real_choice(cat, p)))
            .collect();
        for &t in cat.requires(n) {
            // Walk up from the prerequisite to each choice it is inside.
            let offending = std::iter::successors(Some(t), |&m| cat.parent(m)).find_map(|alt| {
                let choice = cat.parent(alt).filter(|&c| is_real_choice(cat, c))?;
                let inside = alt == n || cat.is_ancestor(alt, n);
                let elsewhere = own_choices.iter().any(|&c| c != choice);
                (!inside && !elsewhere).then_some((alt, choice))
            });
            let Some((alt, choice)) = offending else {
                continue;
            };
            let c = cat.node(choice);
            let what = if alt == t {
                format!("`{}`", name(cat, r, t))
            } else {
                format!(
                    "`{}`, which is part of `{}`",
                    name(cat, r, t),
                    name(cat, r, alt)
                )
            };
            out.push(warning(
                cat,
                Lint::RequiresAlternative,
                n,
                cat.requirement_pos(n, t).unwrap_or(cat.node(n).pos),
                format!(
                    "`{}` requires {what}, one alternative of the choice `{}` (pick {} of {}): whoever picks another must learn this one anyway",
                    name(cat, r, n),
                    name(cat, r, choice),
                    c.pick.unwrap_or(1),
                    c.children.len()
                ),
                format!(
                    "make `{}` optional, move it inside `{}`, make it an alternative of a choice of its own, or require the choice `{}` instead",
                    name(cat, r, n),
                    name(cat, r, alt),
                    name(cat, r, choice)
                ),
            ));
        }
    }
    out
}

/// How many leaves completing `id` takes at least: its required children's,
/// and for a choice its `pick` smallest alternatives'.
fn needed_leaves(cat: &Catalog, id: NodeId) -> usize {
    let node = cat.node(id);
    if !node.is_group() {
        return 1;
    }
    if node.kind == Kind::Choice {
        let mut sizes: Vec<usize> = cat.children(id).map(|c| needed_leaves(cat, c)).collect();
        sizes.sort_unstable();
        return sizes.iter().take(node.pick.unwrap_or(1) as usize).sum();
    }
    cat.required_children(id)
        .map(|c| needed_leaves(cat, c))
        .sum()
}

/// A topic or project (a leaf) that requires a whole group needing more than
/// [`WHOLE_GROUP_MAX`] leaves. Groups that require groups are left alone:
/// sections that follow one another are a roadmap's shape, not a slip.
pub fn whole_group(cat: &Catalog, r: RoadmapIx) -> Vec<Warning> {
    let mut out = Vec::new();
    for n in cat.nodes_of(r).filter(|&n| !cat.is_group(n)) {
        for &g in cat.requires(n).iter().filter(|&&g| cat.is_group(g)) {
            let size = needed_leaves(cat, g);
            if size <= WHOLE_GROUP_MAX {
                continue;
            }
            out.push(warning(
                cat,
                Lint::WholeGroup,
                n,
                cat.requirement_pos(n, g).unwrap_or(cat.node(n).pos),
                format!(
                    "`{}` requires all of `{}`, {size} topics: it stays locked until every one is done",
                    name(cat, r, n),
                    name(cat, r, g)
                ),
                format!(
                    "require the topics of `{}` it builds on instead (a whole group is flagged past {WHOLE_GROUP_MAX} topics)",
                    name(cat, r, g)
                ),
            ));
        }
    }
    out
}

/// A group with an estimate of its own whose needed leaves all have their
/// own ([`query::leaves_estimate`]), when the two ranges do not overlap.
pub fn group_estimate(cat: &Catalog, r: RoadmapIx) -> Vec<Warning> {
    cat.nodes_of(r)
        .filter(|&g| cat.is_group(g))
        .filter_map(|g| {
            let own = cat.node(g).estimate?;
            let sum = query::leaves_estimate(cat, g)?;
            let overlap = sum.min_hours <= own.max_hours && own.min_hours <= sum.max_hours;
            (!overlap).then(|| {
                warning(
                    cat,
                    Lint::GroupEstimate,
                    g,
                    cat.node(g).pos,
                    format!(
                        "group `{}` is estimated at {own}, but what it needs adds up to {sum}",
                        name(cat, r, g)
                    ),
                    "skilltree shows the sum of its topics' estimates; correct them, or drop the group's own".into(),
                )
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "lint_tests.rs"]
mod tests;
