//! `export`, `import FILE` and `sync [DIR]`: progress that travels between machines.

use std::path::{Path, PathBuf};

use crate::app::Workspace;
use crate::app::sync::{self as use_case, Format};
use crate::roadmap::sanitize::clean_line;

use super::super::args::{ExportFormat, OnOff};
use super::super::output::{dim, json};
use super::super::{CliError, Out};

/// Writes the user's changes or a snapshot to `output` or standard output; with a file,
/// says so on standard error (standard output may be the export itself).
pub fn export(
    ws: &mut Workspace,
    format: ExportFormat,
    output: Option<PathBuf>,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let format = match format {
        ExportFormat::Changes => Format::Changes,
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    let to_file = output.is_some();
    let done = use_case::export(ws, None, format, output.as_deref(), o.out)?;
    if to_file {
        if o.json {
            json(o.out, &done)?;
        } else {
            o.note(&done.summary())?;
        }
    }
    Ok(())
}

/// Merges a change file and says what changed.
pub fn import(
    ws: &mut Workspace,
    file: &Path,
    dry_run: bool,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let done = use_case::import(ws, file, dry_run)?;
    if o.json {
        return json(o.out, &done);
    }
    for change in &done.report.changes {
        writeln!(o.out, "  {}", change.line())?;
    }
    writeln!(o.out, "{}", done.summary())?;
    if done.user != ws.user {
        let (theirs, yours) = (clean_line(&done.user), clean_line(&ws.user));
        o.note(&format!(
            "note: these are {theirs}'s changes, not {yours}'s; see them with `--user {theirs}`"
        ))?;
    }
    if dry_run {
        writeln!(o.out, "{}", dim("Nothing was changed (dry run)."))?;
    }
    Ok(())
}

/// Syncs with the folder and says what arrived.
pub fn sync(
    ws: &mut Workspace,
    dir: Option<&Path>,
    set: bool,
    auto: Option<OnOff>,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    if let Some(auto) = auto {
        use_case::set_auto(ws, auto == OnOff::On)?;
        let said = match auto {
            OnOff::On => {
                "Auto-sync is on: after every change made here, and when the terminal UI opens."
            }
            OnOff::Off => "Auto-sync is off.",
        };
        if !o.json {
            writeln!(o.out, "{said}")?;
        }
        // Turning it on or off needs no folder yet.
        let user = ws.user.clone();
        if dir.is_none() && ws.store()?.setting(&user, use_case::SYNC_FOLDER)?.is_none() {
            return Ok(());
        }
    }
    let done = use_case::sync(ws, dir, set).map_err(|e| match e {
        crate::app::AppError::Input { message, .. } if message == use_case::folder::NO_FOLDER => {
            CliError::input(
                message,
                "run `skilltree sync --set DIR` once; then `skilltree sync`",
            )
        }
        e => e.into(),
    })?;
    if o.json {
        return json(o.out, &done);
    }
    for change in &done.arrived.changes {
        writeln!(o.out, "  {}", change.line())?;
    }
    writeln!(o.out, "{}", done.summary())?;
    if done.remembered {
        writeln!(
            o.out,
            "{}",
            dim("The folder is remembered: next time, `skilltree sync`.")
        )?;
    }
    Ok(())
}
