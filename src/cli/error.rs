//! What can stop a command, and how it is shown.

use std::fmt;

use crate::progress::StoreError;
use crate::roadmap::Diagnostic;
use crate::roadmap::sanitize::clean_line;

/// A failed command. Every variant prints as a sentence and exits 1.
#[derive(Debug)]
pub enum CliError {
    /// Roadmap files with errors.
    Roadmaps(Vec<Diagnostic>),
    /// The progress database cannot be used.
    Store(StoreError),
    /// The user asked for something that does not exist or cannot be done.
    Input {
        /// What is wrong.
        message: String,
        /// What to do.
        hint: Option<String>,
    },
    /// Writing output failed.
    Io(std::io::Error),
}

impl CliError {
    /// A user error with a hint.
    pub fn input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        CliError::Input {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Roadmaps(diags) => {
                let n = diags.len();
                for d in diags {
                    writeln!(f, "error: {d}")?;
                }
                write!(
                    f,
                    "{n} error{} in roadmap files",
                    if n == 1 { "" } else { "s" }
                )
            }
            CliError::Store(e) => write!(f, "error: {}", clean_line(&e.to_string())),
            CliError::Input { message, hint } => {
                write!(f, "error: {}", clean_line(message))?;
                if let Some(h) = hint {
                    write!(f, "\n  hint: {}", clean_line(h))?;
                }
                Ok(())
            }
            CliError::Io(e) => write!(f, "error: cannot write output: {e}"),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
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
