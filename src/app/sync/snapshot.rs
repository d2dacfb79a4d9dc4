//! A snapshot of a user's progress: each topic's status and note now, for spreadsheets
//! and scripts (`export` as json or csv).

use serde::Serialize;

use super::super::{AppError, Workspace};
use super::format::time_text;

/// One topic in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    /// The progress key.
    pub key: String,
    /// The title of a loaded roadmap's node with that key, if any.
    pub title: Option<String>,
    /// Its status name (`todo` when only a note is kept).
    pub status: String,
    /// Its note.
    pub note: Option<String>,
}

/// A snapshot of one user's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// Whose progress.
    pub user: String,
    /// When it was taken, RFC 3339 UTC.
    pub exported_at: String,
    /// Every topic with a status or a note, sorted by key.
    pub topics: Vec<Topic>,
}

/// The user's progress now.
pub fn take(ws: &mut Workspace, user: &str) -> Result<Snapshot, AppError> {
    let (statuses, notes, keys) = match ws.existing_store()? {
        Some(store) => (store.statuses(user)?, store.notes(user)?, store.keys(user)?),
        None => Default::default(),
    };
    let topics = keys
        .into_iter()
        .map(|key| Topic {
            title: (ws.catalog.leaves_with_key(&key).next())
                .map(|n| ws.catalog.node(n).title.clone()),
            status: (statuses.get(&key).copied())
                .unwrap_or(crate::graph::UserStatus::Todo)
                .as_str()
                .to_owned(),
            note: notes.get(&key).cloned(),
            key,
        })
        .collect();
    Ok(Snapshot {
        user: user.to_owned(),
        exported_at: time_text(jiff::Timestamp::now()),
        topics,
    })
}

/// A CSV field, quoted when it must be. A field a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) is prefixed with `'`.
pub fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    let text: String = text
        .chars()
        .map(|c| {
            if c != '\n' && crate::roadmap::sanitize::is_unsafe(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Pretty JSON with every unsafe character escaped (see [`json_line`]).
pub fn escape_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && crate::roadmap::sanitize::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
