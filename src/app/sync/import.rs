//! `import FILE`: merges a change file, in one transaction.

use std::path::Path;

use serde::Serialize;

use crate::graph::Catalog;
use crate::progress::Merged;
use crate::roadmap::sanitize::clean_line;

use super::super::history::status_label;
use super::super::{AppError, Workspace, node_of_change};
use super::read::{ChangeFile, shown};

/// A key whose value an import changed (or would change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arrived {
    /// Whose key.
    pub user: String,
    /// The progress key.
    pub topic: String,
    /// The title of a loaded roadmap's node with that key, if any.
    pub title: Option<String>,
    /// `status`, `note` or `choice`.
    pub kind: &'static str,
    /// The value before (status name or note text).
    pub from: Option<String>,
    /// The value now.
    pub to: Option<String>,
}

impl Arrived {
    /// "Docker: todo → done", "Docker: note changed".
    pub fn line(&self) -> String {
        let name = self
            .title
            .clone()
            .unwrap_or_else(|| clean_line(&self.topic).into_owned());
        if self.kind == "choice" {
            let alt = self.to.as_deref().map(clean_line);
            return format!(
                "{name}: following {}",
                alt.as_deref().unwrap_or("no alternative")
            );
        }
        if self.kind == "note" {
            let what = if self.to.is_none() {
                "note cleared"
            } else {
                "note changed"
            };
            format!("{name}: {what}")
        } else {
            format!(
                "{name}: {} → {}",
                status_label(self.from.as_deref()),
                status_label(self.to.as_deref())
            )
        }
    }
}

/// What merging changes did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Changes read.
    pub read: u64,
    /// Changes that were new here.
    pub new: u64,
    /// Keys whose status changed.
    pub statuses: u64,
    /// Keys whose note changed.
    pub notes: u64,
    /// Choices whose alternative changed.
    pub choices: u64,
    /// New changes made concurrently with another device's change to the same key; the
    /// later one counts, the same on every device.
    pub conflicts: u64,
    /// New changes per device they were made on.
    pub devices: Vec<DeviceCount>,
    /// What changed, key by key.
    pub changes: Vec<Arrived>,
}

/// How many new changes came from one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceCount {
    /// The device id.
    pub device: String,
    /// Its new changes.
    pub changes: u64,
}

impl MergeReport {
    /// The report of a store's merge, with titles from `cat`.
    pub fn new(cat: &Catalog, merged: Merged) -> MergeReport {
        let changes: Vec<Arrived> = merged
            .settled
            .into_iter()
            .map(|s| Arrived {
                title: node_of_change(cat, s.change.kind(), &s.key)
                    .map(|n| cat.node(n).title.clone()),
                kind: s.change.kind(),
                from: s.change.from_text().map(str::to_owned),
                to: s.change.to_text().map(str::to_owned),
                user: s.user,
                topic: s.key,
            })
            .collect();
        MergeReport {
            read: merged.read,
            new: merged.new,
            statuses: changes.iter().filter(|c| c.kind == "status").count() as u64,
            notes: changes.iter().filter(|c| c.kind == "note").count() as u64,
            choices: changes.iter().filter(|c| c.kind == "choice").count() as u64,
            conflicts: merged.conflicts,
            devices: (merged.by_device.into_iter())
                .map(|(d, n)| DeviceCount {
                    device: d.to_string(),
                    changes: n,
                })
                .collect(),
            changes,
        }
    }

    /// "12 changes, 3 new statuses, 1 note; 0 conflicts" (and ", 1 choice" when one
    /// changed).
    pub fn summary(&self) -> String {
        let choices = match self.choices {
            0 => String::new(),
            n => format!(", {}", plural(n, "choice", "choices")),
        };
        format!(
            "{}, {}, {}{choices}; {}",
            plural(self.new, "change", "changes"),
            plural(self.statuses, "new status", "new statuses"),
            plural(self.notes, "note", "notes"),
            plural(self.conflicts, "conflict", "conflicts"),
        )
    }
}

/// What `import` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    /// The file read.
    pub file: String,
    /// Whose changes it held.
    pub user: String,
    /// Whether this was a dry run: nothing was kept.
    pub dry_run: bool,
    /// What the merge did (or would do).
    #[serde(flatten)]
    pub report: MergeReport,
}

impl Imported {
    /// The summary line: "Imported backup.jsonl: 12 changes, …" or "Would import …".
    pub fn summary(&self) -> String {
        let verb = if self.dry_run {
            "Would import"
        } else {
            "Imported"
        };
        let known = self.report.read - self.report.new;
        let already = if known > 0 {
            format!(" ({known} already here)")
        } else {
            String::new()
        };
        format!("{verb} {}: {}{already}", self.file, self.report.summary())
    }
}

/// Merges the change file at `path` (see [`crate::progress::Store::import`]): all of it in
/// one transaction, or, on the first bad line, none of it. With `dry_run`, nothing is kept.
pub fn import(ws: &mut Workspace, path: &Path, dry_run: bool) -> Result<Imported, AppError> {
    let Some(file) = ChangeFile::open(path, false)? else {
        return Err(AppError::input(
            format!("{} is empty", shown(path)),
            "name a file that skilltree's export wrote",
        ));
    };
    let user = file.header.user.clone();
    let (cat, store) = ws.parts()?;
    let merged = store.import(file, dry_run)?;
    if !dry_run && merged.new > 0 {
        crate::app::review::adopt_imported(store, &user)?;
    }
    Ok(Imported {
        file: shown(path),
        user,
        dry_run,
        report: MergeReport::new(cat, merged),
    })
}

/// `n thing` or `n things`.
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
