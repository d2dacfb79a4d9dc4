//! Undo and the history log.

use serde::Serialize;

use crate::graph::{Catalog, NodeId, UserStatus};
use crate::progress::{Delta, HistoryEntry, Store};
use crate::roadmap::sanitize::clean_line;

use super::{AppError, Workspace, node_of_change};

/// One change taken back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reverted {
    /// The progress key.
    pub topic: String,
    /// What changed: `status` or `note`.
    pub kind: &'static str,
    /// The value it had (status name or note text).
    pub from: Option<String>,
    /// The value it has again.
    pub to: Option<String>,
    /// The node's title, when a loaded roadmap knows the key.
    #[serde(skip)]
    pub title: Option<String>,
    /// Whether a note (else a status).
    #[serde(skip)]
    pub is_note: bool,
}

/// What `undo` took back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoOutcome {
    /// The command undone, e.g. `done http`.
    pub undone: String,
    /// When it had been made.
    pub at: String,
    /// The reversal, in the same terms as marking and `log`: from what, to what.
    pub entries: Vec<Reverted>,
    /// Changes left as they are because another device has changed the key since (synced
    /// here): undoing them would throw that change away. Present only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<Kept>,
}

/// A change `undo` did not take back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    /// The progress key.
    pub topic: String,
    /// `status` or `note`.
    pub kind: &'static str,
    /// The node's title, when a loaded roadmap knows the key.
    #[serde(skip)]
    pub title: Option<String>,
}

impl UndoOutcome {
    /// The headline: "Undid `done http`".
    pub fn summary(&self) -> String {
        let undid = format!("Undid `{}`", clean_line(&self.undone));
        match self.kept.len() {
            0 => undid,
            n => format!("{undid}; {n} change(s) left as another device has set them since"),
        }
    }

    /// The headline, then one line per change.
    pub fn report(&self) -> Vec<String> {
        let mut lines = vec![self.summary()];
        for e in &self.entries {
            let name = e
                .title
                .clone()
                .unwrap_or_else(|| clean_line(&e.topic).into_owned());
            lines.push(if e.is_note {
                format!("  {name}: note restored")
            } else if e.kind == "review" {
                format!("  {name}: review taken back")
            } else if e.kind == "choice" {
                let alt = e.to.as_deref().map(clean_line);
                format!(
                    "  {name}: following {}",
                    alt.as_deref().unwrap_or("no alternative")
                )
            } else {
                format!("  {name}: back to {}", status_label(e.to.as_deref()))
            });
        }
        for k in &self.kept {
            let name = k
                .title
                .clone()
                .unwrap_or_else(|| clean_line(&k.topic).into_owned());
            lines.push(format!(
                "  {name}: {} left as it is: another device has changed it since",
                if k.kind == "note" { "note" } else { "status" }
            ));
        }
        lines
    }
}

/// The message when there is nothing to undo.
pub const NOTHING_TO_UNDO: &str = "Nothing to undo";

/// Takes back the user's last command; `None` when there is nothing to undo.
pub fn undo(cat: &Catalog, store: &mut Store, user: &str) -> Result<Option<UndoOutcome>, AppError> {
    let Some(batch) = store.undo(user)? else {
        return Ok(None);
    };
    let title = |e: &HistoryEntry| {
        node_of_change(cat, e.change.kind(), &e.key).map(|n| cat.node(n).title.clone())
    };
    let kept: Vec<Kept> = (batch.kept.iter())
        .map(|e| Kept {
            topic: e.key.clone(),
            kind: e.change.kind(),
            title: title(e),
        })
        .collect();
    let entries = batch
        .entries
        .iter()
        .filter(|e| !batch.kept.iter().any(|k| k.id == e.id))
        .map(|e| Reverted {
            topic: e.key.clone(),
            kind: e.change.kind(),
            from: e.change.to_text().map(str::to_string),
            to: e.change.from_text().map(str::to_string),
            title: title(e),
            is_note: matches!(e.change, Delta::Note { .. }),
        })
        .collect();
    Ok(Some(UndoOutcome {
        undone: batch.command,
        at: to_seconds(batch.at),
        entries,
        kept,
    }))
}

/// Undo for the command line. Without a database there is nothing to undo,
/// and none is created to find that out.
pub fn undo_last(ws: &mut Workspace) -> Result<Option<UndoOutcome>, AppError> {
    let user = ws.user.clone();
    match ws.existing_parts()? {
        (cat, Some(store)) => undo(cat, store, &user),
        (_, None) => Ok(None),
    }
}

/// A status as stored in the history (`None` is todo), for people.
pub fn status_label(stored: Option<&str>) -> &str {
    match stored {
        None => UserStatus::Todo.label(),
        Some(s) => match UserStatus::parse(s) {
            Some(status) => status.label(),
            None => s,
        },
    }
}

/// One entry of `log`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    /// The roadmap of a node with this key, if one is loaded.
    pub roadmap: Option<String>,
    /// That node's id.
    pub id: Option<String>,
    /// The progress key.
    pub topic: String,
    /// `status`, `note`, `choice` or `review`.
    pub kind: &'static str,
    /// The status, or the alternative followed at a choice, before (`None` for notes).
    pub from: Option<String>,
    /// The same after (`None` for notes; a review's rating).
    pub to: Option<String>,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// The command that made it.
    pub command: String,
    /// When, as a time (for showing it in local time).
    #[serde(skip)]
    pub time: jiff::Timestamp,
    /// The node, for front ends.
    #[serde(skip)]
    pub node: Option<NodeId>,
}

impl LogEntry {
    /// What changed, for people: `todo → done`, `note edited`.
    pub fn change(&self) -> String {
        match (self.kind, &self.from, &self.to) {
            ("status", Some(from), Some(to)) => {
                format!("{} → {}", status_label(Some(from)), status_label(Some(to)))
            }
            ("choice", _, to) => {
                let alt = to.as_deref().map(clean_line);
                format!("following {}", alt.as_deref().unwrap_or("no alternative"))
            }
            ("review", _, _) if self.is_undo() => "review taken back".to_string(),
            ("review", _, to) => {
                format!("reviewed: {}", clean_line(to.as_deref().unwrap_or("?")))
            }
            _ => "note edited".to_string(),
        }
    }

    /// Whether the entry records an undo.
    pub fn is_undo(&self) -> bool {
        self.command.starts_with("undo")
    }
}

/// The user's last `limit` changes, newest first.
pub fn log(ws: &mut Workspace, limit: usize) -> Result<Vec<LogEntry>, AppError> {
    let user = ws.user.clone();
    let entries: Vec<HistoryEntry> = match ws.existing_store()? {
        Some(store) => store.history(&user, limit)?,
        None => Vec::new(),
    };
    let cat = &ws.catalog;
    Ok(entries
        .into_iter()
        .map(|e| {
            let node = node_of_change(cat, e.change.kind(), &e.key);
            // A note entry has no status.
            let (from, to) = match &e.change {
                Delta::Status { from, to } => (
                    Some(from.as_str().to_string()),
                    Some(to.as_str().to_string()),
                ),
                Delta::Note { .. } => (None, None),
                Delta::Choice { from, to } => (from.clone(), to.clone()),
                Delta::Review { rating } => (None, Some(rating.as_str().to_string())),
            };
            LogEntry {
                roadmap: node.map(|n| cat.roadmap_id(n).to_string()),
                id: node.map(|n| cat.node(n).id.clone()),
                topic: e.key,
                kind: e.change.kind(),
                from,
                to,
                at: to_seconds(e.at),
                time: e.at,
                command: e.command,
                node,
            }
        })
        .collect())
}

/// A time as RFC 3339 UTC to the second (`2026-11-22T01:53:44Z`), as the
/// JSON output has always given it.
pub fn to_seconds(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
