//! `doctor`: where things are and whether they are sound.

use std::process::ExitCode;

use crate::app::words::plural;
use crate::app::{Workspace, overview};
use crate::roadmap::sanitize::clean_line;

use super::super::output::{dim, json, warn};
use super::super::{CliError, Out};

/// Reports paths, schema, integrity, roadmap warnings and orphaned progress.
pub fn run(ws: &mut Workspace, o: &mut Out<'_>) -> Result<ExitCode, CliError> {
    let d = overview::doctor(ws)?;
    let code = if d.healthy() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    if o.json {
        json(o.out, &d)?;
        return Ok(code);
    }
    let out = &mut *o.out;
    writeln!(out, "database     {}", clean_line(&d.database))?;
    match d.schema_version {
        Some(v) => writeln!(
            out,
            "schema       version {v} (this build: {})",
            d.supported_schema_version
        )?,
        None => writeln!(
            out,
            "schema       none yet: the first change creates the database"
        )?,
    }
    let integrity = if d.healthy() {
        "ok".to_string()
    } else {
        warn(&clean_line(&d.integrity.join("; ")))
    };
    writeln!(out, "integrity    {integrity}")?;
    writeln!(
        out,
        "data folder  {}",
        d.data_dir
            .as_deref()
            .map_or("(none on this platform)".into(), clean_line)
    )?;
    if d.skipped_files.is_empty() {
        writeln!(out, "roadmaps     {} loaded", d.roadmaps)?;
    } else {
        writeln!(
            out,
            "roadmaps     {} loaded; {} skipped ({}):",
            d.roadmaps,
            plural(d.skipped_files.len(), "file", "files"),
            plural(d.roadmap_warnings.len(), "error", "errors")
        )?;
    }
    for w in &d.roadmap_warnings {
        writeln!(out, "  {w}")?;
    }
    if d.orphaned.is_empty() {
        writeln!(
            out,
            "orphans      none: all progress belongs to a loaded node"
        )?;
    } else {
        writeln!(
            out,
            "orphans      {} whose node is not loaded (kept, not counted):",
            plural(d.orphaned.len(), "entry", "entries")
        )?;
        for orphan in &d.orphaned {
            writeln!(
                out,
                "  {}: {} ({})",
                clean_line(&orphan.user),
                clean_line(&orphan.topic),
                orphan.kept.join(", ")
            )?;
        }
        writeln!(
            out,
            "  {}",
            dim(
                "load the roadmap again, or add the old id to the node's `aliases`, to bring it back"
            )
        )?;
    }
    Ok(code)
}
