//! `validate FILE…`: check roadmap files as an author would.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::{data_dir, validate};
use crate::roadmap::sanitize::clean_line;

use super::super::args::Global;
use super::super::output::json;
use super::super::{CliError, Out};

/// Checks each file; exit status 1 if any has an error.
pub fn run(global: &Global, files: &[PathBuf], o: &mut Out<'_>) -> Result<ExitCode, CliError> {
    let reports = validate::validate(data_dir().as_deref(), &global.roadmap_files(), files);
    let failed = reports.iter().filter(|r| !r.ok).count();
    if o.json {
        json(o.out, &reports)?;
    } else {
        for r in &reports {
            if r.ok {
                writeln!(o.out, "{}: ok ({} nodes)", clean_line(&r.file), r.nodes)?;
            }
            for d in &r.diagnostics {
                writeln!(o.out, "{d}")?;
            }
        }
        if failed > 0 {
            let errors: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
            writeln!(
                o.out,
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
