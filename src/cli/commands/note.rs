//! `note TOPIC [TEXT]`: a free-text note per topic.

use std::io::Read;

use crate::app::{Workspace, note};
use crate::roadmap::sanitize::clean_text;

use super::super::output::json;
use super::super::{CliError, Out};

/// Shows the note, or sets it (`-` reads stdin, "" clears).
pub fn run(
    ws: &mut Workspace,
    topic: &str,
    text: Option<&str>,
    o: &mut Out<'_>,
) -> Result<(), CliError> {
    let Some(text) = text else {
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
    };
    let text = if text == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        text.to_string()
    };
    let saved = note::set(ws, topic, &text)?;
    if o.json {
        return json(o.out, &saved);
    }
    writeln!(o.out, "{}.", saved.summary())?;
    Ok(())
}
