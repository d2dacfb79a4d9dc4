//! What can stop a use case, in the core's own words.

use crate::progress::StoreError;
use crate::roadmap::Diagnostic;

/// A failed use case. Front ends add what to type (flags, commands).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Roadmap files with errors that stop the command.
    #[error("{} error{} in roadmap files", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Roadmaps(Vec<Diagnostic>),
    /// The progress database cannot be used.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The platform has no data folder, and no database was named.
    #[error("cannot find a data folder for the progress database")]
    NoDataDir,
    /// The user name cannot be used.
    #[error("user name `{0}` contains control characters or bidirectional marks")]
    BadUser(String),
    /// Writing output (an export to standard output) failed: the front end decides
    /// what a closed pipe means.
    #[error("cannot write output: {0}")]
    Write(#[source] std::io::Error),
    /// The user asked for something that does not exist or cannot be done.
    #[error("{message}")]
    Input {
        /// What is wrong.
        message: String,
        /// What to do.
        hint: Option<String>,
    },
}

impl AppError {
    /// A user error with a hint.
    pub fn input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        AppError::Input {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}
