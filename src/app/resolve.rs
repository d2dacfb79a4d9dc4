//! From what a user typed to roadmaps and nodes.

use crate::graph::{Catalog, NodeId, RoadmapIx};
use crate::roadmap::diagnostic::did_you_mean;

use super::AppError;

/// The roadmap named `id`, or an error with a suggestion.
pub fn roadmap(cat: &Catalog, id: &str) -> Result<RoadmapIx, AppError> {
    cat.find_roadmap(id).ok_or_else(|| {
        let ids = cat.roadmaps().iter().map(|r| r.id.as_str());
        let hint = match did_you_mean(id, ids.clone()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("loaded roadmaps: {}", ids.collect::<Vec<_>>().join(", ")),
        };
        AppError::input(format!("no roadmap `{id}`"), hint)
    })
}

/// Every node `text` may mean; an error when none.
pub fn candidates(cat: &Catalog, text: &str) -> Result<Vec<NodeId>, AppError> {
    let mut found = cat.lookup(text);
    if found.is_empty() {
        // A shared topic key names the same thing wherever it appears.
        found = cat
            .ids()
            .filter(|&n| !cat.is_group(n) && cat.key(n) == text)
            .collect();
    }
    if found.is_empty() {
        let names: Vec<String> = cat.ids().map(|n| cat.qualified(n)).collect();
        let ids = cat.ids().map(|n| cat.node(n).id.as_str());
        let hint = did_you_mean(text, names.iter().map(String::as_str).chain(ids))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "`skilltree show ROADMAP` lists a roadmap's topics".to_string());
        return Err(AppError::input(format!("no topic `{text}`"), hint));
    }
    Ok(found)
}

/// The one node `text` means. Several nodes sharing one topic count as one
/// when `same_key_is_enough` (marking any of them marks all).
pub fn node(cat: &Catalog, text: &str, same_key_is_enough: bool) -> Result<NodeId, AppError> {
    let found = candidates(cat, text)?;
    let one_key = found
        .iter()
        .all(|&n| !cat.is_group(n) && cat.key(n) == cat.key(found[0]));
    if found.len() == 1 || (same_key_is_enough && one_key) {
        return Ok(found[0]);
    }
    let names: Vec<String> = found.iter().map(|&n| cat.qualified(n)).collect();
    Err(AppError::input(
        format!("`{text}` is in several roadmaps: {}", names.join(", ")),
        format!("name one as ROADMAP/NODE, e.g. `{}`", names[0]),
    ))
}
