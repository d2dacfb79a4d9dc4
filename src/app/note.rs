//! Notes: free text per topic, undoable like statuses.

use serde::Serialize;

use crate::graph::{Catalog, NodeId};
use crate::progress::Store;

use super::resolve::Purpose;
use super::{AppError, Workspace};

/// A topic's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteShown {
    /// The progress key.
    pub topic: String,
    /// The note, raw (clean it before showing it).
    pub note: Option<String>,
    /// The topic's title.
    #[serde(skip)]
    pub title: String,
}

/// What saving a note did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteSaved {
    /// The progress key.
    pub topic: String,
    /// The note now (`None`: cleared).
    pub note: Option<String>,
    /// Whether anything changed.
    pub changed: bool,
    /// The topic's title.
    #[serde(skip)]
    pub title: String,
}

impl NoteSaved {
    /// "Saved the note for DNS", "Cleared…", "… unchanged".
    pub fn summary(&self) -> String {
        let title = &self.title;
        match (self.changed, self.note.is_none()) {
            (false, _) => format!("Note for {title} unchanged"),
            (true, true) => format!("Cleared the note for {title}"),
            (true, false) => format!("Saved the note for {title}"),
        }
    }
}

/// The topic a note is about: groups have none.
pub fn topic(ws: &mut Workspace, name: &str) -> Result<NodeId, AppError> {
    let id = ws.resolve(name, Purpose::Mark)?;
    if ws.catalog.is_group(id) {
        return Err(AppError::input(
            format!("`{name}` is a group; notes belong to the topics inside it"),
            format!("see them with `skilltree info {name}`"),
        ));
    }
    Ok(id)
}

/// The note on `name`.
pub fn show(ws: &mut Workspace, name: &str) -> Result<NoteShown, AppError> {
    let id = topic(ws, name)?;
    let key = ws.catalog.key(id).to_string();
    let title = ws.catalog.node(id).title.clone();
    Ok(NoteShown {
        note: ws.note_for(id)?,
        topic: key,
        title,
    })
}

/// The note on `id`: under its key, else under a former key (a renamed
/// node keeps its note, as it keeps its status). `lookup` reads one key.
pub fn of(cat: &Catalog, id: NodeId, lookup: impl Fn(&str) -> Option<String>) -> Option<String> {
    std::iter::once(cat.key(id))
        .chain(cat.alias_keys(id).iter().map(String::as_str))
        .find_map(lookup)
}

/// Sets the note on `id` to `text` (trimmed; empty clears it).
pub fn save(
    cat: &Catalog,
    store: &mut Store,
    user: &str,
    id: NodeId,
    text: &str,
) -> Result<NoteSaved, AppError> {
    let text = text.trim();
    let key = cat.key(id).to_string();
    let note = (!text.is_empty()).then(|| text.to_string());
    // A note kept under a former id moves to the current key, in one batch.
    let changed = store.set_note_replacing(user, &key, note.as_deref(), cat.alias_keys(id))?;
    Ok(NoteSaved {
        topic: key,
        note,
        changed,
        title: cat.node(id).title.clone(),
    })
}

/// Sets the note on `name`, for the command line.
pub fn set(ws: &mut Workspace, name: &str, text: &str) -> Result<NoteSaved, AppError> {
    let id = topic(ws, name)?;
    let user = ws.user.clone();
    let (cat, store) = ws.parts()?;
    save(cat, store, &user, id, text)
}
