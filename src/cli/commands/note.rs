//! `note TOPIC [TEXT]`: a free-text note per topic.

use std::io::{Read, Write};

use serde_json::json;

use crate::roadmap::sanitize::clean_text;

use super::super::output::json;
use super::super::{CliError, Context};

/// Shows the note, or sets it (`-` reads stdin, "" clears).
pub fn run(
    ctx: &mut Context,
    topic: &str,
    text: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let id = ctx.resolve(topic, true)?;
    if ctx.catalog.node(id).is_group() {
        return Err(CliError::input(
            format!("`{topic}` is a group; notes belong to the topics inside it"),
            format!("see them with `skilltree info {topic}`"),
        ));
    }
    let key = ctx.catalog.key(id).to_string();
    let title = ctx.catalog.node(id).title.clone();
    let user = ctx.user.clone();
    let Some(text) = text else {
        let note = ctx
            .existing_store()?
            .map(|s| s.note(&user, &key))
            .transpose()?
            .flatten();
        if ctx.json {
            return json(out, &json!({"topic": key, "note": note}));
        }
        match note {
            Some(n) => writeln!(out, "{}", clean_text(&n))?,
            None => writeln!(
                out,
                "No note for {title}. Add one with `skilltree note {topic} \"…\"`."
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
    let text = text.trim();
    let changed = ctx
        .store()?
        .set_note(&user, &key, Some(text).filter(|t| !t.is_empty()))?;
    if ctx.json {
        return json(
            out,
            &json!({"topic": key, "note": (!text.is_empty()).then_some(text), "changed": changed}),
        );
    }
    match (changed, text.is_empty()) {
        (false, _) => writeln!(out, "Note for {title} unchanged.")?,
        (true, true) => writeln!(out, "Cleared the note for {title}.")?,
        (true, false) => writeln!(out, "Saved the note for {title}.")?,
    }
    Ok(())
}
