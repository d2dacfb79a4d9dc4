//! `validate FILE…`: check roadmap files as an author would.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::graph::Catalog;
use crate::roadmap::{Diagnostic, Origin, sources};

use super::super::args::Global;
use super::super::output::json;
use super::super::{CliError, data_dir};

/// Checks each file alone, then together with every other loaded roadmap
/// (so `other-roadmap/id` prerequisites and cycles across files are checked).
pub fn run(global: &Global, files: &[PathBuf], out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let mut loaded = sources::load(
        crate::roadmap::builtin(),
        data_dir().as_deref(),
        &global.roadmap_files(),
    );
    // Others' problems are not this command's subject.
    loaded.warnings.clear();
    loaded.errors.clear();
    let mut results: Vec<(String, Vec<Diagnostic>, usize)> = Vec::new();
    let mut checked: Vec<(String, String)> = Vec::new();
    for path in files {
        let name = path.display().to_string();
        match sources::read(path, Origin::File(path.clone())) {
            Ok(r) => {
                let n = r.nodes.len();
                if let Some((_, first)) = checked.iter().find(|(id, _)| *id == r.id) {
                    let d = Diagnostic::new(
                        &name,
                        Some(r.pos),
                        format!("roadmap id `{}` is also the id of {first}", r.id),
                    )
                    .hint("ids are unique among loaded roadmaps; rename one");
                    results.push((name, vec![d], n));
                    continue;
                }
                // A file may replace a built-in or data-folder roadmap of the same id.
                loaded.roadmaps.retain(|o| o.id != r.id);
                checked.push((r.id.clone(), name.clone()));
                loaded.roadmaps.push(r);
                results.push((name, Vec::new(), n));
            }
            Err(errs) => results.push((name, errs, 0)),
        }
    }
    let (_, diags) = Catalog::build_with(loaded.roadmaps, sources::reread);
    for d in diags {
        if let Some(entry) = results.iter_mut().find(|(name, _, _)| *name == d.file) {
            entry.1.push(d);
        }
    }
    let failed = results.iter().filter(|r| !r.1.is_empty()).count();
    if global.json {
        let items: Vec<Value> = results
            .iter()
            .map(|(file, errs, nodes)| {
                json!({
                    "file": file,
                    "ok": errs.is_empty(),
                    "nodes": nodes,
                    "errors": errs.iter().map(|d| json!({
                        "line": d.pos.map(|p| p.line),
                        "column": d.pos.map(|p| p.col),
                        "message": d.message,
                        "hint": d.hint,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json(out, &Value::Array(items))?;
    } else {
        for (file, errs, nodes) in &results {
            if errs.is_empty() {
                writeln!(
                    out,
                    "{}: ok ({nodes} nodes)",
                    crate::roadmap::sanitize::clean_line(file)
                )?;
            }
            for d in errs {
                writeln!(out, "{d}")?;
            }
        }
        if failed > 0 {
            let errors: usize = results.iter().map(|r| r.1.len()).sum();
            writeln!(
                out,
                "{errors} error{} in {failed} file{}",
                if errors == 1 { "" } else { "s" },
                if failed == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
