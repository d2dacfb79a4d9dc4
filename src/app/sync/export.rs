//! `export`: a user's changes as a change file, or a snapshot of their progress.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::progress::Store;

use super::super::{AppError, Workspace};
use super::format::{Header, Line, json_line, time_text};
use super::read::{io_error, shown};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Every change, as JSON Lines (the format `import` and `sync` read).
    Changes,
    /// The current status and note of every topic, as one JSON document.
    Json,
    /// The same as CSV: `key,title,status,note`.
    Csv,
}

/// What was exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    /// Whose progress.
    pub user: String,
    /// In which format.
    pub format: Format,
    /// Changes written (for the change format) or topics (for a snapshot).
    pub count: u64,
    /// The file written, when not standard output.
    pub file: Option<String>,
}

impl Exported {
    /// "Exported 120 changes of ana to backup.jsonl".
    pub fn summary(&self) -> String {
        let what = match self.format {
            Format::Changes => "change",
            Format::Json | Format::Csv => "topic",
        };
        let s = if self.count == 1 { "" } else { "s" };
        let to = self.file.as_deref().unwrap_or("standard output");
        format!("Exported {} {what}{s} of {} to {to}", self.count, self.user)
    }
}

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

/// Writes `user`'s progress (the workspace's user when `None`) in `format` to the file
/// `to`, replacing it whole only once everything is written, or else to `out`.
pub fn export(
    ws: &mut Workspace,
    user: Option<&str>,
    format: Format,
    to: Option<&Path>,
    out: &mut dyn Write,
) -> Result<Exported, AppError> {
    let user = user.unwrap_or(&ws.user).to_owned();
    let count = match to {
        None => write(ws, &user, format, out)?,
        Some(path) => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            let dir = dir.unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io_error(path, &e))?;
            let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
            let count = write(ws, &user, format, &mut buf).map_err(|e| about(path, e))?;
            buf.flush().map_err(|e| io_error(path, &e))?;
            drop(buf);
            tmp.as_file().sync_all().map_err(|e| io_error(path, &e))?;
            tmp.persist(path).map_err(|e| io_error(path, &e.error))?;
            count
        }
    };
    Ok(Exported {
        user,
        format,
        count,
        file: to.map(shown),
    })
}

/// A write error as one naming the file written.
pub fn about(path: &Path, e: AppError) -> AppError {
    match e {
        AppError::Write(e) => io_error(path, &e),
        e => e,
    }
}

/// Writes the export; the number of changes or topics written.
fn write(
    ws: &mut Workspace,
    user: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<u64, AppError> {
    let fail = AppError::Write;
    match format {
        Format::Changes => {
            let store = ws.store()?;
            writeln!(out, "{}", json_line(&header(store, user)?)).map_err(fail)?;
            write_changes(store, user, &mut |_| true, out)
        }
        Format::Json => {
            let snapshot = snapshot(ws, user)?;
            let text = serde_json::to_string_pretty(&snapshot).expect("plain structs serialise");
            writeln!(out, "{}", escape_json(&text)).map_err(fail)?;
            Ok(snapshot.topics.len() as u64)
        }
        Format::Csv => {
            let snapshot = snapshot(ws, user)?;
            writeln!(out, "key,title,status,note").map_err(fail)?;
            for t in &snapshot.topics {
                let fields = [
                    t.key.as_str(),
                    t.title.as_deref().unwrap_or(""),
                    t.status.as_str(),
                    t.note.as_deref().unwrap_or(""),
                ];
                let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", row.join(",")).map_err(fail)?;
            }
            Ok(snapshot.topics.len() as u64)
        }
    }
}

/// The header of a change file of `user`'s, written by this database now.
pub fn header(store: &Store, user: &str) -> Result<Header, AppError> {
    Ok(Header::new(
        user,
        store.device_id()?,
        jiff::Timestamp::now(),
    ))
}

/// Writes every change of `user`'s that `wanted` accepts, one line each, without holding
/// them all; the number written.
pub fn write_changes(
    store: &Store,
    user: &str,
    wanted: &mut dyn FnMut(&crate::progress::Record) -> bool,
    out: &mut dyn Write,
) -> Result<u64, AppError> {
    let mut count = 0;
    store.for_each_record(user, |record| {
        if wanted(&record) {
            writeln!(out, "{}", json_line(&Line::from_record(&record))).map_err(AppError::Write)?;
            count += 1;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(count)
}

/// The user's progress now.
fn snapshot(ws: &mut Workspace, user: &str) -> Result<Snapshot, AppError> {
    let (statuses, notes, keys) = match ws.existing_store()? {
        Some(store) => (store.statuses(user)?, store.notes(user)?, store.keys(user)?),
        None => Default::default(),
    };
    let index = ws.catalog.key_index();
    let topics = keys
        .into_iter()
        .map(|key| Topic {
            title: (index.get(key.as_str()))
                .and_then(|n| n.first())
                .map(|&n| ws.catalog.node(n).title.clone()),
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
fn csv_field(text: &str) -> String {
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
fn escape_json(text: &str) -> String {
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
