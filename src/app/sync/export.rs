//! `export`: a user's changes as a change file, or a snapshot of their progress.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::progress::{DeviceId, Store};

use super::super::{AppError, Workspace};
use super::format::{Header, Line, json_line};
use super::read::{io_error, shown};
use super::snapshot;

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
            // Reading creates no database: without one there is nothing to export, and the
            // header names a device that has made no change.
            let Some(store) = ws.existing_store()? else {
                let none = Header::new(user, DeviceId::new(), jiff::Timestamp::now());
                writeln!(out, "{}", json_line(&none)).map_err(fail)?;
                return Ok(0);
            };
            writeln!(out, "{}", json_line(&header(store, user)?)).map_err(fail)?;
            write_changes(store, user, &mut |_| true, out)
        }
        Format::Json => {
            let snapshot = snapshot::take(ws, user)?;
            let text = serde_json::to_string_pretty(&snapshot).expect("plain structs serialise");
            writeln!(out, "{}", snapshot::escape_json(&text)).map_err(fail)?;
            Ok(snapshot.topics.len() as u64)
        }
        Format::Csv => {
            let snapshot = snapshot::take(ws, user)?;
            writeln!(out, "key,title,status,note").map_err(fail)?;
            for t in &snapshot.topics {
                let fields = [
                    t.key.as_str(),
                    t.title.as_deref().unwrap_or(""),
                    t.status.as_str(),
                    t.note.as_deref().unwrap_or(""),
                ];
                let row: Vec<String> = fields.iter().map(|f| snapshot::csv_field(f)).collect();
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
