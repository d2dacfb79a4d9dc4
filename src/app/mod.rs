//! The use cases, once, for both front ends.
//!
//! Each use case (open a workspace, mark, undo, note, next, plan, info, list,
//! show, stats, users, team, log, doctor, validate, export, import, sync) returns a
//! typed result that derives `Serialize`: the command line prints it as text
//! or JSON, the terminal UI turns it into its status line and highlights.
//! Every sentence a user reads about a change is written here, in [`words`]
//! or next to the result it describes. Nothing here knows about terminals or
//! flags.

pub mod choice;
pub mod clock;
pub mod editor;
mod error;
pub mod export;
pub mod goal;
pub mod history;
pub mod info;
pub mod map;
pub mod mark;
pub mod names;
pub mod note;
pub mod overview;
pub mod pace;
pub mod resolve;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod suggest;
pub mod sync;
pub mod team;
pub mod validate;
pub mod words;
mod workspace;

pub use error::AppError;
pub use workspace::{
    CURRENT_ROADMAP, Fingerprint, Loading, Workspace, WorkspaceOptions, cache_dir, data_dir,
    login_name,
};

use serde::Serialize;

use crate::graph::{Catalog, NodeId, State};

/// The node a recorded change of `kind` to `key` is about: a topic's progress key, or for
/// a `choice`, the choice's `roadmap/choice`.
pub fn node_of_change(cat: &Catalog, kind: &str, key: &str) -> Option<NodeId> {
    if kind == "choice" {
        let is_choice = |n: &NodeId| cat.node(*n).kind == crate::roadmap::Kind::Choice;
        return cat.lookup(key).into_iter().find(is_choice);
    }
    cat.leaves_with_key(key).next()
}

/// A node named in a result: where it is and what it is called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    /// The roadmap's id.
    pub roadmap: String,
    /// The node's id in its roadmap.
    pub id: String,
    /// Its title.
    pub title: String,
}

impl NodeRef {
    /// The reference for node `n`.
    pub fn new(cat: &Catalog, n: NodeId) -> NodeRef {
        NodeRef {
            roadmap: cat.roadmap_id(n).to_string(),
            id: cat.node(n).id.clone(),
            title: cat.node(n).title.clone(),
        }
    }
}

/// A node with its status, as lists of prerequisites and dependents show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeStatus {
    /// The roadmap's id.
    pub roadmap: String,
    /// The node's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status for the user.
    pub status: crate::graph::Status,
    /// Its catalog index, for front ends that act on it.
    #[serde(skip)]
    pub node: NodeId,
}

impl NodeStatus {
    /// Node `n` as `state` sees it.
    pub fn new(cat: &Catalog, state: &State, n: NodeId) -> NodeStatus {
        NodeStatus {
            roadmap: cat.roadmap_id(n).to_string(),
            id: cat.node(n).id.clone(),
            title: cat.node(n).title.clone(),
            status: state.status(n),
            node: n,
        }
    }
}
