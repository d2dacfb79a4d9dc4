//! What can stop a command, and how it is shown: the core's sentence, plus
//! the flag or command that helps.

use std::fmt;

use crate::app::AppError;
use crate::progress::StoreError;
use crate::roadmap::sanitize::clean_line;

/// A failed command. Every variant prints as a sentence and exits 1.
#[derive(Debug)]
pub enum CliError {
    /// A use case failed.
    App(AppError),
    /// Writing output failed.
    Io(std::io::Error),
}

impl CliError {
    /// A user error with a hint.
    pub fn input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        CliError::App(AppError::input(message, hint))
    }

    /// What is wrong, and what to do, as the two lines printed.
    fn parts(&self) -> (String, Option<String>) {
        match self {
            CliError::App(e) => match e {
                AppError::Roadmaps(_) => (e.to_string(), None),
                AppError::Store(s) => (s.to_string(), store_hint(s)),
                AppError::NoDataDir => (
                    e.to_string(),
                    Some("pass --db PATH or set SKILLTREE_DB".into()),
                ),
                AppError::BadUser(_) => (
                    e.to_string(),
                    Some("use a plain name with --user or SKILLTREE_USER".into()),
                ),
                AppError::Input { message, hint } => (message.clone(), hint.clone()),
                AppError::Write(_) => (e.to_string(), None),
            },
            CliError::Io(e) => (format!("cannot write output: {e}"), None),
        }
    }

    /// The error as JSON: `{"error": …, "hint": …, "diagnostics": […]}`
    /// (the last lists each problem in roadmap files, `FILE:LINE:COL: …`).
    pub fn to_json(&self) -> serde_json::Value {
        let (message, hint) = self.parts();
        let errors: Vec<String> = match self {
            CliError::App(AppError::Roadmaps(diags)) => {
                diags.iter().map(ToString::to_string).collect()
            }
            _ => Vec::new(),
        };
        serde_json::json!({
            "error": clean_line(&message),
            "hint": hint.map(|h| clean_line(&h).into_owned()),
            "diagnostics": errors,
        })
    }
}

/// What to do about a database that cannot be used, in terms of flags.
fn store_hint(e: &StoreError) -> Option<String> {
    match e {
        StoreError::IsDirectory { .. }
        | StoreError::NotADatabase { .. }
        | StoreError::NewerSchema { .. }
        | StoreError::SpecialFile { .. }
        | StoreError::Damaged { .. }
        | StoreError::ReadOnly { .. }
        | StoreError::Io { .. } => {
            Some("name another database file with --db PATH or SKILLTREE_DB".into())
        }
        _ => None,
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let CliError::App(AppError::Roadmaps(diags)) = self {
            for d in diags {
                writeln!(f, "error: {d}")?;
            }
            return write!(f, "{self_msg}", self_msg = self.parts().0);
        }
        let (message, hint) = self.parts();
        write!(f, "error: {}", clean_line(&message))?;
        if let Some(h) = hint {
            write!(f, "\n  hint: {}", clean_line(&h))?;
        }
        Ok(())
    }
}

impl From<AppError> for CliError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Write(e) => CliError::Io(e),
            e => CliError::App(e),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::App(AppError::Store(e))
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Io(e)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Io(e.into())
    }
}
