//! One module per family of commands.

pub mod doctor;
pub mod info;
pub mod log;
pub mod mark;
pub mod note;
pub mod overview;
pub mod suggest;
pub mod validate;

use serde_json::{Value, json};

use crate::graph::{Catalog, NodeId, State};

/// The JSON shape `next` and `plan` share.
pub fn suggestion_json(cat: &Catalog, state: &State, id: NodeId, unlocks: usize) -> Value {
    json!({
        "roadmap": cat.roadmap_id(id),
        "id": cat.node(id).id,
        "title": cat.node(id).title,
        "status": state.status(id).as_str(),
        "unlocks": unlocks,
    })
}

/// `Title (roadmap/id)`.
pub fn label(cat: &Catalog, id: NodeId) -> String {
    format!("{} ({})", cat.node(id).title, cat.qualified(id))
}
