//! `validate`: checking roadmap files as an author would.

use std::path::PathBuf;

use serde::Serialize;

use crate::graph::{Catalog, lint};
use crate::roadmap::{Diagnostic, Origin, sources};

/// One problem, for JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

impl Problem {
    fn of(d: &Diagnostic) -> Problem {
        Problem {
            line: d.pos.map(|p| p.line),
            column: d.pos.map(|p| p.col),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// What one file's check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The file as named.
    pub file: String,
    /// Whether it has no error (and, checked strictly, no warning).
    pub ok: bool,
    /// How many nodes it has (0 when it could not be read).
    pub nodes: usize,
    /// Its errors.
    pub errors: Vec<Problem>,
    /// Its warnings: what a reviewer would ask about (the lints of
    /// [`crate::graph::lint`]), looked for once a file has no error.
    pub warnings: Vec<Problem>,
    /// The errors, for text output.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    /// The warnings, for text output.
    #[serde(skip)]
    pub warning_diagnostics: Vec<Diagnostic>,
}

/// Checks each file alone, then together with every other loaded roadmap
/// (so `other-roadmap/id` prerequisites and cycles across files are checked),
/// then lints each file without errors. Other roadmaps' own problems are not
/// this check's subject; they may come from `cache`, the files checked never do. `strict` makes a warning fail its file too.
pub fn validate(
    data_dir: Option<&std::path::Path>,
    cache: Option<&crate::roadmap::Cache>,
    others: &[PathBuf],
    files: &[PathBuf],
    strict: bool,
) -> Vec<FileReport> {
    let mut loaded = sources::load(crate::roadmap::builtin(), data_dir, others, cache);
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
    let (catalog, diags) = Catalog::build(loaded.roadmaps);
    for d in diags {
        if let Some(entry) = results.iter_mut().find(|(name, _, _)| *name == d.file) {
            entry.1.push(d);
        }
    }
    results
        .into_iter()
        .map(|(file, diagnostics, nodes)| {
            let warning_diagnostics: Vec<Diagnostic> = if diagnostics.is_empty() {
                checked
                    .iter()
                    .find(|(_, name)| *name == file)
                    .and_then(|(id, _)| catalog.find_roadmap(id))
                    .map(|r| {
                        lint::lint(&catalog, r)
                            .into_iter()
                            .map(|w| w.diagnostic)
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            FileReport {
                ok: diagnostics.is_empty() && (!strict || warning_diagnostics.is_empty()),
                nodes,
                errors: diagnostics.iter().map(Problem::of).collect(),
                warnings: warning_diagnostics.iter().map(Problem::of).collect(),
                file,
                diagnostics,
                warning_diagnostics,
            }
        })
        .collect()
}
