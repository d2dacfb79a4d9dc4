//! `note TOPIC [TEXT]`: a free-text note per topic.

use std::io::{IsTerminal, Read};

use crate::app::{Workspace, note};
use crate::roadmap::sanitize::clean_text;

use super::super::output::json;
use super::super::{CliError, Out};

/// Shows the note, or sets it: words are joined with spaces, `-` reads
/// standard input, `""` clears, `edit` opens the user's editor on it.
pub fn run(
    ws: &mut Workspace,
    topic: &str,
    words: &[String],
    edit: bool,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    if words.is_empty() && !edit {
        let shown = note::show(ws, topic)?;
        if o.json {
            return json(o.out, &shown);
        }
        match &shown.note {
            Some(n) => writeln!(o.out, "{}", clean_text(n))?,
            None => writeln!(
                o.out,
                "No note for {}. Add one with `skilltree note {topic} \"…\"`.",
                shown.title
            )?,
        }
        return Ok(());
    }
    let text = if edit {
        let shown = note::show(ws, topic)?;
        crate::app::editor::edit(shown.note.as_deref().unwrap_or(""))?
    } else if words.len() == 1 && words[0] == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            writeln!(
                o.err,
                "Reading the note from standard input; end it with Ctrl-D (Ctrl-Z then Enter on Windows)."
            )?;
        }
        let mut s = String::new();
        stdin.lock().read_to_string(&mut s)?;
        s
    } else {
        words.join(" ")
    };
    let saved = note::set(ws, topic, &text)?;
    if o.json {
        return json(o.out, &saved);
    }
    writeln!(o.out, "{}.", saved.summary())?;
    Ok(())
}
