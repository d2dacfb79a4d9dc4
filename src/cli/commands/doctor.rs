//! `doctor`: where things are and whether they are sound.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

use serde_json::json;

use crate::progress::Store;
use crate::roadmap::sanitize::clean_line;

use super::super::output::json;
use super::super::{CliError, Context};

/// Reports paths, schema, integrity, roadmap warnings and orphaned progress.
pub fn run(ctx: &mut Context, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let keys: BTreeSet<String> = ctx
        .catalog
        .key_index()
        .keys()
        .map(|k| k.to_string())
        .collect();
    let db = ctx.db_path.display().to_string();
    // No database yet is healthy: the first change creates it.
    let (version, integrity, orphans) = match ctx.existing_store()? {
        Some(store) => {
            let mut orphans: Vec<(String, String)> = Vec::new();
            for user in store.users()? {
                for key in store.keys(&user)? {
                    if !keys.contains(&key) {
                        orphans.push((user.clone(), key));
                    }
                }
            }
            (
                Some(store.schema_version()?),
                store.integrity_check()?,
                orphans,
            )
        }
        None => (None, vec!["ok".to_string()], Vec::new()),
    };
    let healthy = integrity.len() == 1 && integrity[0] == "ok";
    let data_dir = ctx.data_dir.as_ref().map(|d| d.display().to_string());
    if ctx.json {
        json(
            out,
            &json!({
                "database": db,
                "schema_version": version,
                "supported_schema_version": Store::SCHEMA_VERSION,
                "integrity": integrity,
                "data_dir": data_dir,
                "roadmaps": ctx.catalog.roadmaps().len(),
                "roadmap_warnings": ctx.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                "orphaned": orphans.iter().map(|(u, k)| json!({"user": u, "topic": k})).collect::<Vec<_>>(),
            }),
        )?;
    } else {
        let st = ctx.style;
        writeln!(out, "database     {db}")?;
        match version {
            Some(v) => writeln!(
                out,
                "schema       version {v} (this build: {})",
                Store::SCHEMA_VERSION
            )?,
            None => writeln!(
                out,
                "schema       none yet: the first change creates the database"
            )?,
        }
        writeln!(
            out,
            "integrity    {}",
            if healthy {
                "ok".to_string()
            } else {
                st.warn(&integrity.join("; "))
            }
        )?;
        writeln!(
            out,
            "data folder  {}",
            data_dir.as_deref().unwrap_or("(none on this platform)")
        )?;
        writeln!(
            out,
            "roadmaps     {} loaded, {} with problems",
            ctx.catalog.roadmaps().len(),
            ctx.warnings.len()
        )?;
        for w in &ctx.warnings {
            writeln!(out, "  {w}")?;
        }
        if orphans.is_empty() {
            writeln!(
                out,
                "orphans      none: all progress belongs to a loaded node"
            )?;
        } else {
            writeln!(
                out,
                "orphans      {} entries whose node is not loaded (kept, not counted):",
                orphans.len()
            )?;
            for (u, k) in &orphans {
                writeln!(out, "  {}: {}", clean_line(u), clean_line(k))?;
            }
            writeln!(out, "  {}", st.dim("load the roadmap again, or add the old id to the node's `aliases`, to bring it back"))?;
        }
    }
    Ok(if healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
