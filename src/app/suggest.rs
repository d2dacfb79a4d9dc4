//! `next` and `plan`: what to learn, and in what order.

use serde::Serialize;

use crate::graph::{Catalog, NodeId, State, Status, query};
use crate::roadmap::Estimate;

use super::resolve::Purpose;
use super::{AppError, Workspace, resolve};

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
    /// Its estimate, if any.
    #[serde(skip)]
    pub estimate: Option<Estimate>,
    /// The node.
    #[serde(skip)]
    pub node: NodeId,
}

impl Step {
    fn new(cat: &Catalog, state: &State, n: NodeId, unlocks: usize) -> Step {
        Step {
            roadmap: cat.roadmap_id(n).to_string(),
            id: cat.node(n).id.clone(),
            title: cat.node(n).title.clone(),
            status: state.status(n),
            unlocks,
            estimate: query::estimate_of(cat, n),
            node: n,
        }
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    Ok(plan_for(&ws.catalog, &state, target))
}

/// The plan for a node, from a state the caller has.
pub fn plan_for(cat: &Catalog, state: &State, target: NodeId) -> Plan {
    let leaves = query::plan(cat, state, target);
    let counts = query::unlock_counts(cat, state, &leaves);
    Plan {
        target,
        title: cat.node(target).title.clone(),
        status: state.status(target),
        estimate: Remaining::of(cat, &leaves),
        steps: leaves
            .iter()
            .zip(counts)
            .map(|(&n, unlocks)| Step::new(cat, state, n, unlocks))
            .collect(),
    }
}
