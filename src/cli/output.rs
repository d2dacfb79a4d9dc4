//! Shared pieces of text output: colour, padding, JSON.
//!
//! Text is always written with ANSI styles; `main` writes through an
//! `anstream::AutoStream`, which strips them for a pipe, for `NO_COLOR` and
//! for `--color never`, and translates them on old Windows consoles.

use std::io::Write;

use anstyle::{AnsiColor, Effects, Style};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::graph::Status;

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

/// Bold text.
pub fn bold(s: &str) -> String {
    paint(Style::new().effects(Effects::BOLD), s)
}

/// Dimmed text.
pub fn dim(s: &str) -> String {
    paint(Style::new().effects(Effects::DIMMED), s)
}

/// Yellow, for warnings.
pub fn warn(s: &str) -> String {
    paint(AnsiColor::Yellow.on_default(), s)
}

/// Text coloured for a status, as the terminal UI colours it.
pub fn status(status: Status, s: &str) -> String {
    let style = match status {
        Status::Done => AnsiColor::Green.on_default(),
        Status::InProgress => AnsiColor::Yellow.on_default(),
        Status::Available => Style::new().effects(Effects::BOLD),
        Status::Locked => Style::new().effects(Effects::DIMMED),
        Status::Skipped => Style::new().effects(Effects::DIMMED | Effects::STRIKETHROUGH),
    };
    paint(style, s)
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

/// Writes a result as pretty JSON and a newline. Characters that could
/// drive a terminal (C1 controls, bidirectional controls, line separators)
/// are written as `\uXXXX` escapes: the same JSON string, harmless bytes.
pub fn json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), super::CliError> {
    let text = serde_json::to_string_pretty(value)?;
    writeln!(out, "{}", escape_unsafe(&text))?;
    Ok(())
}

/// `text` (JSON) with every unsafe character inside strings escaped. They
/// can only occur inside strings: JSON's own syntax is ASCII.
pub fn escape_unsafe(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::roadmap::sanitize::is_unsafe;
    if !text.chars().any(|c| is_unsafe(c) && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Wraps prose to the terminal's width (at most 100 columns, for reading);
/// into a pipe it is left as written.
pub fn wrap(text: &str, is_terminal: bool) -> String {
    if !is_terminal {
        return text.to_string();
    }
    let width = textwrap::termwidth().clamp(40, 100);
    text.lines()
        .map(|l| textwrap::fill(l, width))
        .collect::<Vec<_>>()
        .join("\n")
}
