//! `log [-n N]`: the history, newest first.

use std::io::Write;

use serde_json::{Value, json};

use crate::progress::Delta;
use crate::roadmap::sanitize::clean_line;

use super::super::output::{json, pad, widest};
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
                // A note entry has no status.
                let (from, to) = match &e.change {
                    Delta::Status { from, to } => (Some(from.as_str()), Some(to.as_str())),
                    Delta::Note { .. } => (None, None),
                };
                json!({
                    "roadmap": n.map(|n| cat.roadmap_id(n).to_string()),
                    "id": n.map(|n| cat.node(n).id.clone()),
                    "topic": e.key,
                    "kind": e.change.kind(),
                    "from": from,
                    "to": to,
                    // RFC 3339 to the second, as before times had milliseconds.
                    "at": e.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
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
        let when = e.at.strftime("%Y-%m-%d %H:%M:%S").to_string();
        let change = match &e.change {
            Delta::Status { from, to } => format!("{} → {}", from.label(), to.label()),
            Delta::Note { .. } => "note edited".to_string(),
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
