//! `log [-n N]`: the history, newest first.

use std::io::Write;

use serde_json::{Value, json};

use crate::progress::EntryKind;
use crate::roadmap::sanitize::clean_line;

use super::super::output::{json, pad, status_label, widest};
use super::super::{CliError, Context};

/// Prints the user's last `limit` changes.
pub fn run(ctx: &mut Context, limit: usize, out: &mut dyn Write) -> Result<(), CliError> {
    let user = ctx.user.clone();
    let entries = match ctx.existing_store()? {
        Some(store) => store.history(&user, limit)?,
        None => Vec::new(),
    };
    let index = ctx.catalog.key_index();
    let cat = &ctx.catalog;
    let node = |key: &str| index.get(key).and_then(|n| n.first().copied());
    if ctx.json {
        let items: Vec<Value> = entries
            .iter()
            .map(|e| {
                let n = node(&e.key);
                // A status entry's missing side is todo; a note entry has no status.
                let (from, to) = match e.kind {
                    EntryKind::Status => (
                        Some(e.from.clone().unwrap_or_else(|| "todo".into())),
                        Some(e.to.clone().unwrap_or_else(|| "todo".into())),
                    ),
                    EntryKind::Note => (None, None),
                };
                json!({
                    "roadmap": n.map(|n| cat.roadmap_id(n).to_string()),
                    "id": n.map(|n| cat.node(n).id.clone()),
                    "topic": e.key,
                    "kind": e.kind.as_str(),
                    "from": from,
                    "to": to,
                    "at": e.at,
                    "command": e.command,
                })
            })
            .collect();
        return json(out, &Value::Array(items));
    }
    if entries.is_empty() {
        writeln!(
            out,
            "No history yet for {user}. Mark something: `skilltree done TOPIC`."
        )?;
        return Ok(());
    }
    let names: Vec<String> = entries
        .iter()
        .map(|e| node(&e.key).map_or_else(|| clean_line(&e.key).into_owned(), |n| cat.qualified(n)))
        .collect();
    let name_w = widest(names.iter().map(String::as_str));
    for (e, name) in entries.iter().zip(&names) {
        let when = e.at.replace('T', " ").trim_end_matches('Z').to_string();
        let change = match e.kind {
            EntryKind::Status => format!(
                "{} → {}",
                status_label(e.from.as_deref()),
                status_label(e.to.as_deref())
            ),
            EntryKind::Note => "note edited".to_string(),
        };
        let undo = if e.command.starts_with("undo") {
            ctx.style.dim("  (undo)")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}  {}  {change}{undo}",
            ctx.style.dim(&when),
            pad(name, name_w)
        )?;
    }
    Ok(())
}
