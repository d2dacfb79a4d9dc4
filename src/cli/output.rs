//! Shared pieces of text output: colour, glyphs, padding, JSON.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::graph::Status;
use crate::graph::UserStatus;

/// ANSI styling, on only for a terminal without `NO_COLOR`.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    on: bool,
}

impl Style {
    /// Styling decided from the environment and whether stdout is a terminal.
    pub fn detect(is_terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            on: is_terminal && !no_color,
        }
    }

    /// No styling.
    pub fn plain() -> Style {
        Style { on: false }
    }

    fn wrap(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Bold text.
    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }

    /// Dimmed text.
    pub fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }

    /// Yellow, for warnings.
    pub fn warn(self, s: &str) -> String {
        self.wrap("33", s)
    }

    /// Text coloured for a status.
    pub fn status(self, status: Status, s: &str) -> String {
        let code = match status {
            Status::Done => "32",
            Status::InProgress => "33",
            Status::Available => "1",
            Status::Locked => "2",
            Status::Skipped => "2;9",
        };
        self.wrap(code, s)
    }
}

/// The glyph shown for a status, here and in the UI.
pub fn glyph(status: Status) -> &'static str {
    match status {
        Status::Done => "✓",
        Status::InProgress => "◐",
        Status::Available => "○",
        Status::Locked => "·",
        Status::Skipped => "–",
    }
}

/// Pads `s` with spaces to `width` terminal columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

/// Widest of some strings, in terminal columns.
pub fn widest<'a>(items: impl IntoIterator<Item = &'a str>) -> usize {
    items
        .into_iter()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Writes pretty JSON and a newline.
pub fn json(out: &mut dyn Write, value: &serde_json::Value) -> Result<(), super::CliError> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `12 leaves` / `1 leaf`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A status as stored in the history (`None` is todo), for people.
pub fn status_label(stored: Option<&str>) -> &str {
    match stored {
        None => UserStatus::Todo.label(),
        Some(s) => match UserStatus::parse(s) {
            Some(status) => status.label(),
            None => s,
        },
    }
}

/// The command that sets `to`, as typed and as recorded in the history
/// (the UI records its changes with the same words).
pub fn command_word(to: UserStatus) -> &'static str {
    match to {
        UserStatus::Done => "done",
        UserStatus::InProgress => "start",
        UserStatus::Skipped => "skip",
        UserStatus::Todo => "reset",
    }
}

/// How a change to `to` is reported: "Done: HTTP".
pub fn past_tense(to: UserStatus) -> &'static str {
    match to {
        UserStatus::Done => "Done",
        UserStatus::InProgress => "Started",
        UserStatus::Skipped => "Skipped",
        UserStatus::Todo => "Back to todo",
    }
}
