//! `info`: everything about one node.

use serde::Serialize;

use crate::graph::{NodeId, Status, query};
use crate::roadmap::Kind;

use super::resolve::Purpose;
use super::words::kind_name;
use super::{AppError, NodeStatus, Workspace, choice};

/// A link to learn from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Its text.
    pub title: String,
    /// The http(s) URL.
    pub url: String,
    /// `docs`, `article`, …
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// Everything about one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Info {
    /// The roadmap's id.
    pub roadmap: String,
    /// The node's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `topic`, `project`, `choice` or `group`.
    pub kind: &'static str,
    /// Its status.
    pub status: Status,
    /// Its progress key.
    pub topic: String,
    /// One line.
    pub summary: Option<String>,
    /// Longer text.
    pub description: Option<String>,
    /// How long it takes.
    pub estimate: Option<String>,
    /// Not needed for its group.
    pub optional: bool,
    /// Free words.
    pub tags: Vec<String>,
    /// Its prerequisites, its groups' included.
    pub requires: Vec<NodeStatus>,
    /// What names it in `requires`.
    pub unlocks: Vec<NodeStatus>,
    /// Other nodes with the same topic.
    pub also_in: Vec<String>,
    /// Links.
    pub resources: Vec<Link>,
    /// The user's note (raw).
    pub note: Option<String>,
    /// For a choice: how many alternatives complete it.
    pub pick: Option<u32>,
    /// For a choice: the alternative the user follows, if chosen.
    pub chosen: Option<String>,
    /// The node.
    #[serde(skip)]
    pub node: NodeId,
    /// Its children, for a group.
    #[serde(skip)]
    pub contains: Vec<NodeStatus>,
    /// The qualified names of `also_in` with their statuses.
    #[serde(skip)]
    pub shared: Vec<NodeStatus>,
}

/// Everything about `topic`.
pub fn info(ws: &mut Workspace, topic: &str) -> Result<Info, AppError> {
    // Prerequisites differ per roadmap, so a shared id must be named in full.
    let id = ws.resolve(topic, Purpose::Read)?;
    let state = ws.state()?;
    let chosen = choice::chosen(ws)?;
    let key = ws.catalog.key(id).to_string();
    let note = if ws.catalog.is_group(id) {
        None
    } else {
        ws.note_for(id)?
    };
    let cat = &ws.catalog;
    let node = cat.node(id);
    let brief = |n: NodeId| NodeStatus::new(cat, &state, n);
    let requires: Vec<NodeId> = cat.all_requires(id).collect();
    let shared: Vec<NodeId> = if node.is_group() {
        Vec::new()
    } else {
        cat.ids()
            .filter(|&n| n != id && !cat.is_group(n) && cat.key(n) == key)
            .collect()
    };
    Ok(Info {
        roadmap: cat.roadmap_id(id).to_string(),
        id: node.id.clone(),
        title: node.title.clone(),
        kind: kind_name(node),
        status: state.status(id),
        topic: key,
        summary: node.summary.clone(),
        description: node.description.clone(),
        estimate: query::estimate_of(cat, id).map(|e| e.to_string()),
        optional: node.optional,
        tags: node.tags.clone(),
        requires: requires.iter().map(|&n| brief(n)).collect(),
        unlocks: query::unlocked_by(cat, id).into_iter().map(brief).collect(),
        also_in: shared.iter().map(|&n| cat.qualified(n)).collect(),
        resources: node
            .resources
            .iter()
            .map(|r| Link {
                title: r.title.clone(),
                url: r.url.clone(),
                kind: r.kind.as_str(),
            })
            .collect(),
        note,
        pick: (node.kind == Kind::Choice).then(|| node.pick.unwrap_or(1)),
        chosen: chosen.get(&id).map(|&a| cat.node(a).id.clone()),
        node: id,
        contains: cat.children(id).map(brief).collect(),
        shared: shared.into_iter().map(brief).collect(),
    })
}
