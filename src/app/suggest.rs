//! `next` and `plan`: what to learn, and in what order.

use serde::Serialize;

use crate::graph::query::{Chosen, Unmade};
use crate::graph::{Catalog, NodeId, State, Status, query};
use crate::roadmap::Estimate;

use super::resolve::Purpose;
use super::{AppError, Workspace, choice, resolve};

/// A leaf to learn, as `next` and `plan` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The roadmap's id.
    pub roadmap: String,
    /// The node's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Available, in progress, or (in a plan) locked.
    pub status: Status,
    /// How many locked leaves it leads to.
    pub unlocks: usize,
    /// False when `unlocks` is an estimate (large counts on huge roadmaps).
    #[serde(skip)]
    pub unlocks_exact: bool,
    /// For a choice still to make: the ids of its alternatives.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    /// For a choice still to make: the titles of its alternatives.
    #[serde(skip)]
    pub alternatives: Vec<String>,
    /// Its estimate, if any (for a choice: its quickest alternative's).
    #[serde(skip)]
    pub estimate: Option<Estimate>,
    /// The node.
    #[serde(skip)]
    pub node: NodeId,
}

impl Step {
    fn new(cat: &Catalog, state: &State, n: NodeId, reach: query::Reach) -> Step {
        Step {
            roadmap: cat.roadmap_id(n).to_string(),
            id: cat.node(n).id.clone(),
            title: cat.node(n).title.clone(),
            status: state.status(n),
            unlocks: reach.shown(),
            unlocks_exact: reach.exact,
            one_of: Vec::new(),
            alternatives: Vec::new(),
            estimate: query::estimate_of(cat, n),
            node: n,
        }
    }

    /// A choice to make: its alternatives, and the quickest one's estimate.
    fn choose(cat: &Catalog, state: &State, n: NodeId) -> Step {
        let alts: Vec<NodeId> = cat
            .children(n)
            .filter(|&a| !state.is_satisfied(a))
            .collect();
        let quickest = alts
            .iter()
            .map(|&a| {
                // The alternative's own unfinished leaves, not what it shares
                // with the rest of the plan.
                let inside: Vec<NodeId> = query::plan(cat, state, a)
                    .into_iter()
                    .filter(|&l| l == a || cat.is_ancestor(a, l))
                    .collect();
                Remaining::of(cat, &inside).estimate
            })
            .min_by_key(|e| (e.min_hours, e.max_hours));
        Step {
            one_of: alts.iter().map(|&a| cat.node(a).id.clone()).collect(),
            alternatives: alts.iter().map(|&a| cat.node(a).title.clone()).collect(),
            estimate: quickest.filter(|e| *e != Estimate::default()),
            ..Step::new(cat, state, n, query::Reach::default())
        }
    }

    /// Whether this step is a choice to make rather than a topic to learn.
    pub fn is_choice(&self) -> bool {
        !self.one_of.is_empty()
    }

    /// `roadmap/id`.
    pub fn qualified(&self) -> String {
        format!("{}/{}", self.roadmap, self.id)
    }
}

/// The ranked suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextList {
    /// The suggestions shown, best first.
    pub steps: Vec<Step>,
    /// How many there are in all.
    pub total: usize,
}

/// How many suggestions `next` shows unless asked for all.
pub const DEFAULT_COUNT: usize = 10;

/// What the user can learn now: started first, then what unlocks the most,
/// then file order; `limit` of them.
pub fn next(
    ws: &mut Workspace,
    roadmap: Option<&str>,
    limit: Option<usize>,
) -> Result<NextList, AppError> {
    let r = roadmap
        .map(|id| resolve::roadmap(&ws.catalog, id))
        .transpose()?;
    let state = ws.state()?;
    let cat = &ws.catalog;
    let mut list = query::next(cat, &state, r);
    let total = list.len();
    if let Some(n) = limit {
        list.truncate(n);
    }
    let steps = list
        .iter()
        .map(|s| Step::new(cat, &state, s.node, s.unlocks))
        .collect();
    Ok(NextList { steps, total })
}

/// Everything a topic still needs, prerequisites first.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The topic.
    pub target: NodeId,
    /// Its title.
    pub title: String,
    /// Its status now.
    pub status: Status,
    /// The unfinished leaves, prerequisites first, ending with the target.
    pub steps: Vec<Step>,
    /// What the steps add up to.
    pub estimate: Remaining,
    /// When they would be done at the user's pace (set by [`plan`]).
    pub finish: Option<super::pace::Finish>,
}

/// The summed estimate of some leaves, and how many had none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Remaining {
    /// The sum of the estimates given.
    pub estimate: Estimate,
    /// How many leaves had no estimate.
    pub unknown: usize,
    /// How many leaves in all.
    pub leaves: usize,
}

impl Remaining {
    /// Adds up the estimates of `leaves`.
    pub fn of(cat: &Catalog, leaves: &[NodeId]) -> Remaining {
        let estimates: Vec<Option<Estimate>> =
            leaves.iter().map(|&l| query::estimate_of(cat, l)).collect();
        Remaining {
            estimate: estimates.iter().flatten().copied().sum(),
            unknown: estimates.iter().filter(|e| e.is_none()).count(),
            leaves: leaves.len(),
        }
    }

    /// Whether any estimate was given.
    pub fn is_known(&self) -> bool {
        self.estimate != Estimate::default()
    }

    /// "14.6-25.7w", or what is known of it.
    pub fn describe(&self) -> String {
        if !self.is_known() {
            "no estimates given".to_string()
        } else if self.unknown > 0 {
            format!(
                "{} for the {} steps with estimates",
                self.estimate,
                self.leaves - self.unknown
            )
        } else {
            self.estimate.to_string()
        }
    }
}

/// The plan for `topic`.
pub fn plan(ws: &mut Workspace, topic: &str) -> Result<Plan, AppError> {
    // Prerequisites differ per roadmap: a shared name means the current roadmap's.
    let target = ws.resolve(topic, Purpose::Read)?;
    let state = ws.state()?;
    let chosen = choice::chosen(ws)?;
    let learning = super::pace::learning(ws)?;
    let mut plan = plan_for(&ws.catalog, &state, target, &chosen);
    plan.finish = learning.finish(&plan.estimate);
    Ok(plan)
}

/// The plan for a node, from a state the caller has: it follows the
/// user's choices, and asks where a choice is not made yet.
pub fn plan_for(cat: &Catalog, state: &State, target: NodeId, chosen: &Chosen) -> Plan {
    let steps = query::plan_steps(cat, state, target, chosen, Unmade::Ask);
    let leaves: Vec<NodeId> = steps
        .iter()
        .filter_map(|s| match s {
            query::Step::Learn(n) => Some(*n),
            query::Step::Choose(_) => None,
        })
        .collect();
    let mut counts = query::unlock_counts(cat, state, &leaves).into_iter();
    let steps: Vec<Step> = steps
        .iter()
        .map(|s| match *s {
            query::Step::Learn(n) => Step::new(cat, state, n, counts.next().unwrap_or_default()),
            query::Step::Choose(n) => Step::choose(cat, state, n),
        })
        .collect();
    let estimates: Vec<Option<Estimate>> = steps.iter().map(|s| s.estimate).collect();
    Plan {
        target,
        title: cat.node(target).title.clone(),
        status: state.status(target),
        estimate: Remaining {
            estimate: estimates.iter().flatten().copied().sum(),
            unknown: estimates.iter().filter(|e| e.is_none()).count(),
            leaves: steps.len(),
        },
        steps,
        finish: None,
    }
}
