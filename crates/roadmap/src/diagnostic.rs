//! Errors in roadmap files, reported like a compiler: `FILE:LINE:COL: message` and a hint.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sanitize::clean_line;

/// A 1-based line and column in a roadmap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Pos {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1.
    pub col: usize,
}

impl Pos {
    /// A position from 1-based line and column.
    pub const fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// The file cannot be used as it is.
    #[default]
    Error,
    /// The file works, but a reviewer would ask about this.
    Warning,
}

/// One problem found in a roadmap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or `built-in:NAME`).
    pub file: String,
    /// Where in the file, when known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// An error, or only a warning.
    pub severity: Severity,
}

impl Diagnostic {
    /// A diagnostic at a position.
    pub fn new(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            hint: None,
            severity: Severity::Error,
        }
    }

    /// Makes it a warning: shown as `FILE:LINE:COL: warning: message`.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint when there is one.
    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    // Messages quote file text, so every piece is sanitised before it is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", clean_line(&self.file))?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.col)?;
        }
        if self.severity == Severity::Warning {
            f.write_str(": warning")?;
        }
        write!(f, ": {}", clean_line(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", clean_line(hint))?;
        }
        Ok(())
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(word, candidate);
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_file_line_col_and_hint() {
        let d = Diagnostic::new("a.yaml", Some(Pos::new(3, 5)), "unknown field `titel`")
            .hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "a.yaml:3:5: unknown field `titel`\n  hint: did you mean `title`?"
        );
    }

    #[test]
    fn a_warning_says_so_after_the_position() {
        let d = Diagnostic::new("a.yaml", Some(Pos::new(3, 5)), "a long path")
            .hint("shorten it")
            .warning();
        assert_eq!(
            d.to_string(),
            "a.yaml:3:5: warning: a long path\n  hint: shorten it"
        );
    }

    #[test]
    fn display_neutralises_escape_sequences() {
        let d = Diagnostic::new("a.yaml", None, "unknown id `\u{1b}[2Jx`");
        assert!(!d.to_string().contains('\u{1b}'));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let fields = ["title", "summary", "requires"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("require", fields), Some("requires"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }
}
