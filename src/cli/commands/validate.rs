//! `validate FILE…`: check roadmap files as an author would.

use std::process::ExitCode;

use crate::app::{cache_dir, data_dir, validate};
use crate::roadmap::Cache;
use crate::roadmap::sanitize::clean_line;

use super::super::args::{Global, ValidateArgs};
use super::super::output::json;
use super::super::{CliError, Out};

/// Checks each file and shows its errors and warnings; exit status 1 if any
/// has an error, or with `--strict` a warning.
pub fn run(global: &Global, args: &ValidateArgs, o: &mut Out<'_>) -> Result<ExitCode, CliError> {
    let reports = validate::validate(
        data_dir().as_deref(),
        cache_dir().map(Cache::new).as_ref(),
        &global.roadmap_files(),
        &args.files,
        args.strict,
    );
    let failed = reports.iter().any(|r| !r.ok);
    if o.json {
        json(o.out, &reports)?;
    } else {
        for r in &reports {
            for d in r.diagnostics.iter().chain(&r.warning_diagnostics) {
                writeln!(o.out, "{d}")?;
            }
            if r.ok {
                writeln!(o.out, "{}: ok ({} nodes)", clean_line(&r.file), r.nodes)?;
            }
        }
        let count = |what: &str, of: fn(&validate::FileReport) -> usize| {
            let n: usize = reports.iter().map(of).sum();
            let files = reports.iter().filter(|r| of(r) > 0).count();
            (n > 0).then(|| format!("{n} {what}{} in {files} file{}", plural(n), plural(files)))
        };
        let summary: Vec<String> = [
            count("error", |r| r.diagnostics.len()),
            count("warning", |r| r.warning_diagnostics.len()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !summary.is_empty() {
            writeln!(o.out, "{}", summary.join(", "))?;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
